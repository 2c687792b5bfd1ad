import type { RecordedEvent } from '@bangfu/eventstore';
import type { ResponsibilityRow, ViewWriter } from '@bangfu/projections';
import { HOUSEHOLD_EXIT } from './exit-definitions';

/** The table of who held each household, as the exit view keeps it to judge its verifications against. */
export const EXIT_HOLDERS = 'exit_holders';

/**
 * SELF_VERIFICATION, judged against the responsibility record as known now: the runtime refuses a verifier who
 * held the household as far as the record then showed, but a handover recorded later with an earlier start can
 * reveal that the verifier was in fact responsible when they verified (or a correction that they were not). Each
 * approval of a household's 入户核实 is judged when it is recorded and again whenever the household's record of
 * responsibility changes, so the flag is kept in `exit_flags` like any other and the inbox never recomputes it.
 */
export function judgeSelfVerification(view: ViewWriter, event: RecordedEvent, householdId: string): void {
  const approvals = view.all<{ exit_id: string; village_code: string; actor_id: string; at: string; event_id: string }>(
    `SELECT i.exit_id, i.village_code, s.actor_id, s.at, s.event_id FROM {exit_instances} i JOIN {exit_steps} s ON s.exit_id = i.exit_id
     WHERE i.subject_id = ? AND i.definition_id = ? AND s.step = 'verification' AND s.action = 'approve'`,
    householdId,
    HOUSEHOLD_EXIT,
  );
  for (const approval of approvals) {
    const flagId = `SELF_VERIFICATION:${approval.event_id}`;
    const held = view.get<Pick<ResponsibilityRow, 'valid_from' | 'recorded_from'>>(
      `SELECT valid_from, recorded_from FROM {${EXIT_HOLDERS}}
       WHERE household_id = ? AND cadre_id = ? AND recorded_to IS NULL AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?) LIMIT 1`,
      householdId,
      approval.actor_id,
      approval.at,
      approval.at,
    );
    if (!held) {
      view.run('DELETE FROM {exit_flags} WHERE flag_id = ?', flagId);
      continue;
    }
    view.run(
      `INSERT OR REPLACE INTO {exit_flags} (flag_id, type, household_id, village_code, cadre_id, occurred_at, raised_at, details, event_ids, position)
       VALUES (?, 'SELF_VERIFICATION', ?, ?, ?, ?, ?, ?, ?, ?)`,
      flagId,
      householdId,
      approval.village_code,
      approval.actor_id,
      approval.at,
      held.recorded_from,
      JSON.stringify({ exitId: approval.exit_id, responsibleFrom: held.valid_from, responsibilityRecordedAt: held.recorded_from }),
      JSON.stringify([approval.event_id]),
      event.position,
    );
  }
}
