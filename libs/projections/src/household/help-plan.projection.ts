import type { HelpPlanEvent, HouseholdEvent, VisitCheck } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface MeasureRow {
  household_id: string;
  measure_id: string;
  village_code: string;
  kind: string;
  promise: string;
  cadre_id: string;
  due_on: string;
  /** JSON: the 两不愁三保障 checks it answers. */
  addresses: string;
  status: 'open' | 'delivered' | 'not_delivered';
  added_at: string;
  added_event_id: string;
  revisions: number;
  delivered_on: string | null;
  on_time: number | null;
  /** JSON: the disbursement or project it came through. */
  via: string | null;
  reason: string | null;
  closed_event_id: string | null;
}

/** A 两不愁三保障 check a visit found not met: what a measure of the plan must answer. */
export interface ProblemRow {
  visit_id: string;
  check_name: VisitCheck;
  household_id: string;
  village_code: string;
  cadre_id: string;
  occurred_at: string;
  event_id: string;
}

/**
 * 一户一策 as it stands: every measure of every household's plan with its state, and every check a visit found
 * not met (retracted visits withdraw theirs), which a measure addressing it must follow.
 */
export const helpPlanProjection: Projection = {
  name: 'help-plans',
  version: 1,
  eventTypes: ['MeasureAdded', 'MeasureRevised', 'MeasureDelivered', 'MeasureNotDelivered', 'VisitRecorded', 'VisitRetracted'],
  tables: ['plan_measures', 'plan_problems'],
  schema: `
    CREATE TABLE {plan_measures} (
      household_id TEXT NOT NULL, measure_id TEXT NOT NULL, village_code TEXT NOT NULL, kind TEXT NOT NULL, promise TEXT NOT NULL,
      cadre_id TEXT NOT NULL, due_on TEXT NOT NULL, addresses TEXT NOT NULL, status TEXT NOT NULL, added_at TEXT NOT NULL,
      added_event_id TEXT NOT NULL, revisions INTEGER NOT NULL, delivered_on TEXT, on_time INTEGER, via TEXT, reason TEXT,
      closed_event_id TEXT, PRIMARY KEY (household_id, measure_id)) WITHOUT ROWID;
    CREATE TABLE {plan_problems} (
      visit_id TEXT NOT NULL, check_name TEXT NOT NULL, household_id TEXT NOT NULL, village_code TEXT NOT NULL, cadre_id TEXT NOT NULL,
      occurred_at TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (visit_id, check_name)) WITHOUT ROWID;`,
  afterLoad: `
    CREATE INDEX {plan_measures}_by_village ON {plan_measures} (village_code, status, due_on);
    CREATE INDEX {plan_problems}_by_village ON {plan_problems} (village_code, occurred_at);`,
  apply(event, view) {
    const recorded = event as unknown as HelpPlanEvent | HouseholdEvent;
    switch (recorded.type) {
      case 'MeasureAdded': {
        const m = recorded.data;
        view.run(
          `INSERT OR IGNORE INTO {plan_measures} (household_id, measure_id, village_code, kind, promise, cadre_id, due_on, addresses, status,
             added_at, added_event_id, revisions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, 0)`,
          m.householdId,
          m.measureId,
          m.villageCode,
          m.kind,
          m.promise,
          m.cadreId,
          m.dueOn,
          JSON.stringify(m.addresses),
          event.metadata.occurredAt,
          event.id,
        );
        return;
      }
      case 'MeasureRevised': {
        const { householdId, measureId, changes, cadreId } = recorded.data;
        view.run(
          `UPDATE {plan_measures} SET promise = COALESCE(?, promise), due_on = COALESCE(?, due_on), cadre_id = ?, revisions = revisions + 1
           WHERE household_id = ? AND measure_id = ?`,
          changes.promise ?? null,
          changes.dueOn ?? null,
          cadreId,
          householdId,
          measureId,
        );
        return;
      }
      case 'MeasureDelivered': {
        const { householdId, measureId, deliveredOn, onTime, via } = recorded.data;
        view.run(
          `UPDATE {plan_measures} SET status = 'delivered', delivered_on = ?, on_time = ?, via = ?, closed_event_id = ?
           WHERE household_id = ? AND measure_id = ?`,
          deliveredOn,
          onTime ? 1 : 0,
          via ? JSON.stringify(via) : null,
          event.id,
          householdId,
          measureId,
        );
        return;
      }
      case 'MeasureNotDelivered': {
        const { householdId, measureId, reason } = recorded.data;
        view.run(
          `UPDATE {plan_measures} SET status = 'not_delivered', reason = ?, closed_event_id = ? WHERE household_id = ? AND measure_id = ?`,
          reason,
          event.id,
          householdId,
          measureId,
        );
        return;
      }
      case 'VisitRecorded': {
        const visit = recorded.data;
        // Tolerant of a visit recorded without findings: it found nothing a measure must answer.
        for (const [check, finding] of Object.entries(visit.findings ?? {})) {
          if (finding.result !== 'not_met') continue;
          view.run(
            'INSERT OR IGNORE INTO {plan_problems} VALUES (?, ?, ?, ?, ?, ?, ?)',
            visit.visitId,
            check,
            visit.householdId,
            visit.villageCode,
            visit.cadreId,
            visit.occurredAt,
            event.id,
          );
        }
        return;
      }
      case 'VisitRetracted':
        view.run('DELETE FROM {plan_problems} WHERE visit_id = ?', recorded.data.visitId);
        return;
      default:
        return;
    }
  },
};
