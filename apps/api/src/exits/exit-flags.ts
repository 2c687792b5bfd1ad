import type { FlagRow, ReadStore } from '@bangfu/projections';
import { HOUSEHOLD_EXIT } from '@bangfu/workflow';
import { codesUnder } from '@bangfu/application';

/**
 * SELF_VERIFICATION, judged against the responsibility record as known now: the runtime refuses a
 * verifier who held the household as far as the record then showed, but a handover recorded later with
 * an earlier start can reveal that the verifier was in fact responsible when they verified.
 */
export function selfVerificationFlags(views: ReadStore, regionPrefix: string): Omit<FlagRow, 'position'>[] {
  const rows = views
    .prepare(
      `SELECT s.exit_id, s.actor_id, s.at, s.event_id, i.subject_id, i.village_code, r.valid_from, r.recorded_from
       FROM exit_instances i JOIN exit_steps s ON s.exit_id = i.exit_id
       JOIN responsibility r ON r.household_id = i.subject_id AND r.cadre_id = s.actor_id AND r.recorded_to IS NULL
         AND r.valid_from <= s.at AND (r.valid_to IS NULL OR r.valid_to > s.at)
       WHERE i.village_code >= ? AND i.village_code < ? AND i.definition_id = ? AND s.step = 'verification' AND s.action = 'approve'`,
    )
    .all(...codesUnder(regionPrefix), HOUSEHOLD_EXIT) as {
    exit_id: string;
    actor_id: string;
    at: string;
    event_id: string;
    subject_id: string;
    village_code: string;
    valid_from: string;
    recorded_from: string;
  }[];
  return rows.map((row) => ({
    flag_id: `SELF_VERIFICATION:${row.event_id}`,
    type: 'SELF_VERIFICATION',
    household_id: row.subject_id,
    village_code: row.village_code,
    cadre_id: row.actor_id,
    occurred_at: row.at,
    period_to: null,
    raised_at: row.recorded_from,
    details: JSON.stringify({ exitId: row.exit_id, responsibleFrom: row.valid_from, responsibilityRecordedAt: row.recorded_from }),
    event_ids: JSON.stringify([row.event_id]),
  }));
}
