import type { ReadStore } from '../store/read-store';

/**
 * Whose duties a 责任回溯 covers: one cadre's (within the reader's jurisdiction), or everyone's in one village.
 * `villages` bounds the village codes (and so the 户编号, which begin with them) as `>= lo AND < hi`.
 */
export interface DutyScope {
  cadreId?: string;
  villages: readonly [string, string];
  from: string;
  to: string;
  knownAt: string;
}

/** Visits listed one by one; the months count them all. */
const VISIT_LIST_LIMIT = 500;

export interface DutyHeldRow {
  household_id: string;
  village_code: string;
  cadre_id: string;
  cadre_name: string | null;
  valid_from: string;
  valid_to: string | null;
  recorded_from: string;
  reason: string;
  connect_by: string | null;
}

export interface DutyVisitRow {
  visit_id: string;
  household_id: string;
  cadre_id: string;
  cadre_name: string | null;
  kind: string;
  occurred_at: string;
  recorded_at: string;
  lag_ms: number;
  by_responsible: number;
  retracted: number;
  event_id: string | null;
}

export interface DutyOverdueRow {
  household_id: string;
  cadre_id: string | null;
  cadre_name: string | null;
  month: string;
  required: number;
  made: number;
  reminded_at: string | null;
  escalated_at: string | null;
  caught_up_at: string | null;
  event_id: string | null;
}

export interface DutyNotConnectedRow {
  flag_id: string;
  household_id: string;
  cadre_id: string | null;
  cadre_name: string | null;
  occurred_at: string;
  event_ids: string;
}

/**
 * The registry's side of a 责任回溯, as the record stood at `knownAt`: responsibility periods by their record time,
 * visits recorded by then (month by month, and the latest one by one with their events), overdue months marked by
 * then, and 对接 missed raised by then.
 */
export function dutyRecordRows(views: ReadStore, { cadreId, villages, from, to, knownAt }: DutyScope) {
  const byCadre = (column: string) => (cadreId === undefined ? '' : `${column} = ? AND `);
  const cadreArg = cadreId === undefined ? [] : [cadreId];
  const held = views
    .prepare(
      `SELECT r.household_id, r.village_code, r.cadre_id, c.name AS cadre_name, r.valid_from, r.valid_to, r.recorded_from, r.reason,
              r.connect_by
         FROM responsibility r LEFT JOIN cadres c ON c.cadre_id = r.cadre_id
        WHERE ${byCadre('r.cadre_id')} r.household_id >= ? AND r.household_id < ? AND r.valid_from < ? AND (r.valid_to IS NULL OR r.valid_to > ?)
          AND r.recorded_from <= ? AND (r.recorded_to IS NULL OR r.recorded_to > ?)
        ORDER BY r.household_id, r.valid_from`,
    )
    .all(...cadreArg, ...villages, to, from, knownAt, knownAt) as DutyHeldRow[];
  const visitFilter = `${byCadre('v.cadre_id')} v.village_code >= ? AND v.village_code < ? AND v.occurred_at >= ? AND v.occurred_at < ?
    AND v.recorded_at <= ?`;
  const visitArgs = [...cadreArg, ...villages, from, to, knownAt];
  const byMonth = views
    .prepare(
      `SELECT v.month, COUNT(*) AS visits, COUNT(DISTINCT v.household_id) AS households, SUM(v.by_responsible) AS own
         FROM visits v WHERE ${visitFilter} AND v.retracted = 0 GROUP BY v.month ORDER BY v.month`,
    )
    .all(...visitArgs) as { month: string; visits: number; households: number; own: number }[];
  // The timeline holds every household event at its log position: the visit's own event, to cite.
  const visits = views
    .prepare(
      `SELECT v.visit_id, v.household_id, v.cadre_id, v.kind, v.occurred_at, v.recorded_at, v.lag_ms, v.by_responsible, v.retracted,
              t.event_id, c.name AS cadre_name
         FROM visits v LEFT JOIN timeline t ON t.household_id = v.household_id AND t.position = v.position
              LEFT JOIN cadres c ON c.cadre_id = v.cadre_id
        WHERE ${visitFilter} ORDER BY v.occurred_at DESC LIMIT ?`,
    )
    .all(...visitArgs, VISIT_LIST_LIMIT) as DutyVisitRow[];
  const overdue = views
    .prepare(
      `SELECT o.household_id, o.cadre_id, c.name AS cadre_name, o.month, o.required, o.made, o.reminded_at, o.escalated_at, o.caught_up_at,
              (SELECT t.event_id FROM timeline t WHERE t.household_id = o.household_id AND t.type = 'VisitOverdue'
                  AND json_extract(t.data, '$.month') = o.month LIMIT 1) AS event_id
         FROM overdue_visits o LEFT JOIN cadres c ON c.cadre_id = o.cadre_id
        WHERE ${byCadre('o.cadre_id')} o.village_code >= ? AND o.village_code < ? AND o.month_end > ? AND o.month_end <= ? AND o.marked_at <= ?
        ORDER BY o.month, o.household_id`,
    )
    .all(...cadreArg, ...villages, from, to, knownAt) as DutyOverdueRow[];
  const notConnected = views
    .prepare(
      `SELECT f.flag_id, f.household_id, f.cadre_id, c.name AS cadre_name, f.occurred_at, f.event_ids
         FROM flags f LEFT JOIN cadres c ON c.cadre_id = f.cadre_id
        WHERE f.type = 'HANDOVER_NOT_CONNECTED' AND ${byCadre('f.cadre_id')} f.village_code >= ? AND f.village_code < ?
          AND f.occurred_at >= ? AND f.occurred_at < ? AND f.raised_at <= ? ORDER BY f.occurred_at`,
    )
    .all(...cadreArg, ...villages, from, to, knownAt) as DutyNotConnectedRow[];
  return { held, byMonth, visits, overdue, notConnected };
}
