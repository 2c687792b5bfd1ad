import { HELP_PLAN_DEADLINES, type HelpPlanEvent, type HouseholdEvent, type VisitCheck } from '@bangfu/domain';
import type { Projection, ViewWriter } from '../projection';

const DAY = 86_400_000;

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
  /** The measure that answered it within the response days (null: none has, and once they ran out it is a flag). */
  answered_by: string | null;
}

/**
 * 一户一策 as it stands: every measure of every household's plan with its state, and every check a visit found
 * not met (retracted visits withdraw theirs), which a measure addressing it must follow within the response days:
 * each problem keeps the measure that answered it in time, so the unanswered are one index away (a measure closed
 * as not delivered answers nothing, and its problems look for another).
 */
export const helpPlanProjection: Projection = {
  name: 'help-plans',
  // v2: each problem's answering measure; the open measures and the unanswered problems indexed by their deadline.
  version: 2,
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
      occurred_at TEXT NOT NULL, event_id TEXT NOT NULL, answered_by TEXT, PRIMARY KEY (visit_id, check_name)) WITHOUT ROWID;
    CREATE INDEX {plan_problems}_by_household ON {plan_problems} (household_id, check_name);`,
  afterLoad: `
    CREATE INDEX {plan_measures}_by_village ON {plan_measures} (village_code, status, due_on);
    CREATE INDEX {plan_measures}_open_by_due ON {plan_measures} (due_on, village_code) WHERE status = 'open';
    CREATE INDEX {plan_problems}_by_village ON {plan_problems} (village_code, occurred_at);
    CREATE INDEX {plan_problems}_unanswered ON {plan_problems} (occurred_at, village_code) WHERE answered_by IS NULL;`,
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
        answerProblems(view, m.householdId, m.measureId, m.addresses, event.metadata.occurredAt);
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
        reanswerProblems(view, householdId, measureId);
        return;
      }
      case 'VisitRecorded': {
        const visit = recorded.data;
        // Tolerant of a visit recorded without findings: it found nothing a measure must answer.
        for (const [check, finding] of Object.entries(visit.findings ?? {})) {
          if (finding.result !== 'not_met') continue;
          view.run(
            'INSERT OR IGNORE INTO {plan_problems} VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            visit.visitId,
            check,
            visit.householdId,
            visit.villageCode,
            visit.cadreId,
            visit.occurredAt,
            event.id,
            answeringMeasure(view, visit.householdId, check, visit.occurredAt),
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

/** The last instant a measure can be added and still answer a problem found at `foundAt`. */
const answerBy = (foundAt: string) => new Date(Date.parse(foundAt) + HELP_PLAN_DEADLINES.responseDays * DAY).toISOString();

/** A measure of the household's plan, other than one closed as not delivered, addressing `check` and added in time. */
function answeringMeasure(view: ViewWriter, householdId: string, check: string, foundAt: string, except?: string): string | null {
  const row = view.get<{ measure_id: string }>(
    `SELECT m.measure_id FROM {plan_measures} m, json_each(m.addresses) a
     WHERE m.household_id = ? AND a.value = ? AND m.status <> 'not_delivered' AND m.added_at <= ? AND m.measure_id <> ?
     ORDER BY m.added_at, m.measure_id LIMIT 1`,
    householdId,
    check,
    answerBy(foundAt),
    except ?? '',
  );
  return row?.measure_id ?? null;
}

/** A new measure answers the household's unanswered problems it addresses whose response days it is within. */
function answerProblems(view: ViewWriter, householdId: string, measureId: string, addresses: readonly string[], addedAt: string): void {
  const foundFrom = new Date(Date.parse(addedAt) - HELP_PLAN_DEADLINES.responseDays * DAY).toISOString();
  for (const check of addresses) {
    view.run(
      `UPDATE {plan_problems} SET answered_by = ? WHERE household_id = ? AND check_name = ? AND answered_by IS NULL AND occurred_at >= ?`,
      measureId,
      householdId,
      check,
      foundFrom,
    );
  }
}

/** A measure closed as not delivered answers nothing: each problem it answered looks for another measure. */
function reanswerProblems(view: ViewWriter, householdId: string, measureId: string): void {
  const answered = view.all<{ visit_id: string; check_name: string; occurred_at: string }>(
    'SELECT visit_id, check_name, occurred_at FROM {plan_problems} WHERE household_id = ? AND answered_by = ?',
    householdId,
    measureId,
  );
  for (const problem of answered) {
    view.run(
      'UPDATE {plan_problems} SET answered_by = ? WHERE visit_id = ? AND check_name = ?',
      answeringMeasure(view, householdId, problem.check_name, problem.occurred_at, measureId),
      problem.visit_id,
      problem.check_name,
    );
  }
}
