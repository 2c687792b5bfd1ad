import type { RecordedEvent } from '@bangfu/eventstore';
import type { ViewWriter } from '../projection';
import { raise } from '../flags/raise-flag';
import { judging } from './flag-judging';
import type { FlagRow } from './visit-flags.projection';

/**
 * ASSIGNMENT_GAP: a household without a responsible cadre. The flag stands while the gap is open; a gap closed
 * within a day (registered in the morning, assigned in the afternoon) is ordinary office work and is dropped.
 * While the village is onboarding a gap is only noted ({flag_holders}.gap_since, then {flag_pending_gaps}
 * once closed) and judged at go-live, from the go-live on. The tables are the visit-flags projection's.
 */
export function openGap(
  view: ViewWriter,
  event: RecordedEvent,
  householdId: string,
  villageCode: string,
  since: string,
  eventIds = [event.id],
): void {
  const { onboarding, from: goLive } = judging(view, villageCode);
  if (onboarding) {
    view.run('UPDATE {flag_holders} SET gap_since = ?, gap_event_id = ? WHERE household_id = ?', since, event.id, householdId);
    return;
  }
  // A gap is judged from go-live on: one that began in migrated history counts from the go-live.
  const from = goLive !== null && since < goLive ? goLive : since;
  raise(view, event, {
    flagId: `ASSIGNMENT_GAP:${householdId}:${from}`,
    type: 'ASSIGNMENT_GAP',
    householdId,
    villageCode,
    cadreId: null,
    occurredAt: from,
    details: { from, to: null },
    eventIds,
  });
}

const GAP_GRACE_MS = 86_400_000;

export function closeGap(view: ViewWriter, event: RecordedEvent, householdId: string, at: string): void {
  const holder = view.get<{ village_code: string; gap_since: string | null; gap_event_id: string | null }>(
    'SELECT village_code, gap_since, gap_event_id FROM {flag_holders} WHERE household_id = ?',
    householdId,
  );
  if (holder?.gap_since) {
    view.run(
      'INSERT INTO {flag_pending_gaps} (household_id, village_code, from_at, to_at, event_ids) VALUES (?, ?, ?, ?, ?)',
      householdId,
      holder.village_code,
      holder.gap_since,
      at,
      JSON.stringify([holder.gap_event_id, event.id]),
    );
    view.run('UPDATE {flag_holders} SET gap_since = NULL, gap_event_id = NULL WHERE household_id = ?', householdId);
    return;
  }
  const gap = view.get<FlagRow>(
    `SELECT * FROM {flags} WHERE household_id = ? AND type = 'ASSIGNMENT_GAP' AND period_to IS NULL`,
    householdId,
  );
  if (!gap) return;
  endGap(view, gap, at, [...JSON.parse(gap.event_ids), event.id]);
}

function endGap(view: ViewWriter, gap: FlagRow, at: string, eventIds: string[]): void {
  if (Date.parse(at) - Date.parse(gap.occurred_at) < GAP_GRACE_MS) {
    view.run('DELETE FROM {flags} WHERE flag_id = ?', gap.flag_id);
    return;
  }
  view.run(
    'UPDATE {flags} SET period_to = ?, details = ?, event_ids = ? WHERE flag_id = ?',
    at,
    JSON.stringify({ from: gap.occurred_at, to: at, days: Math.round((Date.parse(at) - Date.parse(gap.occurred_at)) / 86_400_000) }),
    JSON.stringify(eventIds),
    gap.flag_id,
  );
}

/** The gaps onboarding noted in households `low`..`high`, judged now that their villages are live. */
export function releaseGaps(view: ViewWriter, event: RecordedEvent, low: string, high: string, goLiveAt: string): void {
  const open = view.all<{ household_id: string; village_code: string; gap_since: string; gap_event_id: string }>(
    `SELECT household_id, village_code, gap_since, gap_event_id FROM {flag_holders}
     WHERE gap_since IS NOT NULL AND household_id >= ? AND household_id < ? ORDER BY household_id`,
    low,
    high,
  );
  for (const gap of open) {
    if (judging(view, gap.village_code).onboarding) continue;
    view.run('UPDATE {flag_holders} SET gap_since = NULL, gap_event_id = NULL WHERE household_id = ?', gap.household_id);
    openGap(view, event, gap.household_id, gap.village_code, gap.gap_since, [gap.gap_event_id]);
  }
  const closed = view.all<{ rowid: number; household_id: string; village_code: string; from_at: string; to_at: string; event_ids: string }>(
    `SELECT rowid, * FROM {flag_pending_gaps} WHERE household_id >= ? AND household_id < ? ORDER BY household_id, from_at`,
    low,
    high,
  );
  for (const gap of closed) {
    if (judging(view, gap.village_code).onboarding) continue;
    view.run('DELETE FROM {flag_pending_gaps} WHERE rowid = ?', gap.rowid);
    if (gap.to_at <= goLiveAt) continue;
    const eventIds = JSON.parse(gap.event_ids) as string[];
    openGap(view, event, gap.household_id, gap.village_code, gap.from_at, [eventIds[0]]);
    const flag = view.get<FlagRow>(
      `SELECT * FROM {flags} WHERE household_id = ? AND type = 'ASSIGNMENT_GAP' AND period_to IS NULL`,
      gap.household_id,
    );
    if (flag) endGap(view, flag, gap.to_at, eventIds);
  }
}
