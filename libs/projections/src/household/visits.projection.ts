import { monthEnd, shanghaiMonth, type HouseholdEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface VisitRow {
  visit_id: string;
  household_id: string;
  village_code: string;
  cadre_id: string;
  kind: string;
  occurred_at: string;
  month: string;
  recorded_at: string;
  lag_ms: number;
  by_responsible: number;
  retracted: number;
  retraction_reason: string | null;
  position: number;
}

export interface OverdueRow {
  household_id: string;
  month: string;
  village_code: string;
  cadre_id: string | null;
  required: number;
  made: number;
  policy_region: string;
  policy_version: number;
  marked_at: string;
  month_end: string;
  reminded_at: string | null;
  escalated_at: string | null;
  township_code: string | null;
  caught_up_at: string | null;
}

/** Every visit with both of its times, and every overdue month with its reminder, escalation and catch-up. */
export const visitsProjection: Projection = {
  name: 'visits',
  // v2: the per-household index covers what coverage asks of a visit (no row read per household).
  // v3: reminders and escalations at their business time; a catch-up entered before the month was judged counts.
  version: 3,
  eventTypes: ['VisitRecorded', 'VisitRetracted', 'VisitOverdue', 'VisitReminderSent', 'OverdueVisitEscalated'],
  tables: ['visits', 'overdue_visits'],
  schema: `
    CREATE TABLE {visits} (
      visit_id TEXT PRIMARY KEY, household_id TEXT NOT NULL, village_code TEXT NOT NULL, cadre_id TEXT NOT NULL, kind TEXT NOT NULL,
      occurred_at TEXT NOT NULL, month TEXT NOT NULL, recorded_at TEXT NOT NULL, lag_ms INTEGER NOT NULL, by_responsible INTEGER NOT NULL,
      retracted INTEGER NOT NULL DEFAULT 0, retraction_reason TEXT, position INTEGER NOT NULL);
    CREATE TABLE {overdue_visits} (
      household_id TEXT NOT NULL, month TEXT NOT NULL, village_code TEXT NOT NULL, cadre_id TEXT, required INTEGER NOT NULL,
      made INTEGER NOT NULL, policy_region TEXT NOT NULL, policy_version INTEGER NOT NULL, marked_at TEXT NOT NULL, month_end TEXT NOT NULL,
      reminded_at TEXT, escalated_at TEXT, township_code TEXT, caught_up_at TEXT, PRIMARY KEY (household_id, month));
    CREATE INDEX {overdue_visits}_by_village ON {overdue_visits} (village_code, month);
    CREATE INDEX {visits}_by_household ON {visits} (household_id, month, retracted, by_responsible);`,
  // Read by the queries only (apply finds a visit by its id, an overdue month by its key, and a household's visits —
  // the catch-up of a month marked after history brought in — through the index above, which a rebuild needs while
  // it loads: without it every VisitOverdue read the whole table).
  afterLoad: `
    CREATE INDEX {visits}_by_village ON {visits} (village_code, month);
    CREATE INDEX {visits}_by_cadre ON {visits} (cadre_id, occurred_at);`,
  apply(event, view) {
    const e = event as unknown as HouseholdEvent;
    const recordedAt = event.metadata.recordedAt;
    switch (e.type) {
      case 'VisitRecorded': {
        const v = e.data;
        view.run(
          `INSERT INTO {visits} (visit_id, household_id, village_code, cadre_id, kind, occurred_at, month, recorded_at, lag_ms,
             by_responsible, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          v.visitId,
          v.householdId,
          v.villageCode,
          v.cadreId,
          v.kind,
          v.occurredAt,
          shanghaiMonth(v.occurredAt),
          recordedAt,
          Math.max(0, Date.parse(recordedAt) - Date.parse(v.occurredAt)),
          v.byResponsibleCadre ? 1 : 0,
          event.position,
        );
        if (v.byResponsibleCadre) {
          view.run(
            `UPDATE {overdue_visits} SET caught_up_at = ? WHERE household_id = ? AND caught_up_at IS NULL AND month_end <= ?`,
            v.occurredAt,
            v.householdId,
            v.occurredAt,
          );
        }
        return;
      }
      case 'VisitRetracted':
        view.run('UPDATE {visits} SET retracted = 1, retraction_reason = ? WHERE visit_id = ?', e.data.reason, e.data.visitId);
        return;
      case 'VisitOverdue': {
        const o = e.data;
        view.run(
          `INSERT OR IGNORE INTO {overdue_visits} (household_id, month, village_code, cadre_id, required, made, policy_region, policy_version,
             marked_at, month_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          o.householdId,
          o.month,
          o.villageCode,
          o.cadreId,
          o.required,
          o.made,
          o.policy.regionCode,
          o.policy.version,
          recordedAt,
          monthEnd(o.month),
        );
        // History brought in may already hold the visit that answered the month.
        view.run(
          `UPDATE {overdue_visits} SET caught_up_at = (
             SELECT MIN(occurred_at) FROM {visits} WHERE household_id = ? AND by_responsible = 1 AND retracted = 0 AND occurred_at >= ?)
           WHERE household_id = ? AND month = ?`,
          o.householdId,
          monthEnd(o.month),
          o.householdId,
          o.month,
        );
        return;
      }
      // When it was sent, in business time (its timer's due time): a reminder set off by history brought in
      // is dated as the record would have dated it live.
      case 'VisitReminderSent':
        view.run(
          'UPDATE {overdue_visits} SET reminded_at = ? WHERE household_id = ? AND month = ?',
          event.metadata.occurredAt,
          e.data.householdId,
          e.data.month,
        );
        return;
      case 'OverdueVisitEscalated':
        view.run(
          'UPDATE {overdue_visits} SET escalated_at = ?, township_code = ? WHERE household_id = ? AND month = ?',
          event.metadata.occurredAt,
          e.data.townshipCode,
          e.data.householdId,
          e.data.month,
        );
        return;
      default:
        return;
    }
  },
};
