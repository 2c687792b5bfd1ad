import { codesUnder, dayStart, shanghaiDate, VISIT_CHECKS, type VisitCheck } from '@bangfu/domain';
import { judgingOf } from '../registry/regions.projection';
import type { FlagRow } from './visit-flags.projection';
import type { ReadStore } from '../store/read-store';
import type { MeasureRow, ProblemRow } from './help-plan.projection';

const DAY = 86_400_000;

/** A household's plan as it stands: its measures in the order added. */
export function planMeasures(views: ReadStore, householdId: string): MeasureRow[] {
  return views.prepare('SELECT * FROM plan_measures WHERE household_id = ? ORDER BY added_at, measure_id').all(householdId) as MeasureRow[];
}

/** How long the plan has to answer: a registered household without a plan, a check a visit found not met. */
export interface PlanDeadlines {
  /** Days after registration by which a household has a plan (a month). */
  planDays: number;
  /** Days after a visit found a check not met by which a measure addressing it is in the plan. */
  responseDays: number;
}

const after = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();

/**
 * 政策覆盖 ("不漏一项，不掉一户，不落一人"), judged when asked like the other flags about time passing:
 * MEASURE_OVERDUE — an open measure past its due date (the instant is the end of that Shanghai day);
 * HOUSEHOLD_WITHOUT_PLAN — registered for `planDays` with no measure in its plan;
 * PROBLEM_WITHOUT_MEASURE — a visit found a 两不愁三保障 check not met and, `responseDays` later, no measure addressing
 * it was in the plan (one closed as not delivered does not count). Each cites the events it rests on. Like every rule,
 * none judges a village still onboarding, nor a moment before its go-live.
 */
/** The types `planFlags` raises: a query for any other type needs no judging of plans. */
export const PLAN_FLAG_TYPES = ['MEASURE_OVERDUE', 'HOUSEHOLD_WITHOUT_PLAN', 'PROBLEM_WITHOUT_MEASURE'] as const;
type JudgedType = (typeof PLAN_FLAG_TYPES)[number];

export function planFlags(views: ReadStore, regionPrefix: string, now: Date, deadlines: PlanDeadlines): Omit<FlagRow, 'position'>[] {
  const range = codesUnder(regionPrefix);
  const raisedAt = now.toISOString();
  const overdue = views
    .prepare(`SELECT * FROM plan_measures WHERE village_code >= ? AND village_code < ? AND status = 'open' AND due_on < ?`)
    .all(...range, shanghaiDate(now)) as MeasureRow[];
  const registeredBy = after(raisedAt, -deadlines.planDays);
  const withoutPlan = views
    .prepare(
      `SELECT h.household_id, h.village_code, h.cadre_id, h.identified_at,
         (SELECT t.event_id FROM timeline t WHERE t.household_id = h.household_id AND t.type = 'HouseholdRegistered' LIMIT 1) AS event_id
       FROM households h
       WHERE h.village_code >= ? AND h.village_code < ? AND h.status = 'registered' AND h.exited = 0 AND h.identified_at <= ?
         AND NOT EXISTS (SELECT 1 FROM plan_measures m WHERE m.household_id = h.household_id)`,
    )
    .all(...range, registeredBy) as {
    household_id: string;
    village_code: string;
    cadre_id: string | null;
    identified_at: string;
    event_id: string | null;
  }[];
  const unanswered = views
    .prepare(
      `SELECT p.* FROM plan_problems p
       WHERE p.village_code >= ? AND p.village_code < ? AND p.occurred_at <= ?
         AND NOT EXISTS (SELECT 1 FROM plan_measures m, json_each(m.addresses) a
                          WHERE m.household_id = p.household_id AND a.value = p.check_name AND m.status <> 'not_delivered'
                            AND m.added_at <= strftime('%Y-%m-%dT%H:%M:%fZ', p.occurred_at, '+' || ? || ' days'))`,
    )
    .all(...range, after(raisedAt, -deadlines.responseDays), deadlines.responseDays) as ProblemRow[];
  // A village still onboarding is judged by no rule, and a moment before its go-live is migrated history.
  const judging = new Map<string, ReturnType<typeof judgingOf>>();
  const judged = (flag: { village_code: string; occurred_at: string }) => {
    const village = judging.get(flag.village_code) ?? judgingOf(views, flag.village_code);
    judging.set(flag.village_code, village);
    return !village.onboarding && (village.judgedFrom === null || flag.occurred_at >= village.judgedFrom);
  };
  const flags = [
    ...overdue.map((m) => ({
      flag_id: `MEASURE_OVERDUE:${m.household_id}:${m.measure_id}`,
      type: 'MEASURE_OVERDUE' satisfies JudgedType,
      household_id: m.household_id,
      village_code: m.village_code,
      cadre_id: m.cadre_id,
      occurred_at: after(dayStart(m.due_on), 1),
      period_to: null,
      raised_at: raisedAt,
      details: JSON.stringify({ measureId: m.measure_id, kind: m.kind, promise: m.promise, dueOn: m.due_on }),
      event_ids: JSON.stringify([m.added_event_id]),
    })),
    ...withoutPlan.map((h) => ({
      flag_id: `HOUSEHOLD_WITHOUT_PLAN:${h.household_id}`,
      type: 'HOUSEHOLD_WITHOUT_PLAN' satisfies JudgedType,
      household_id: h.household_id,
      village_code: h.village_code,
      cadre_id: h.cadre_id,
      occurred_at: after(h.identified_at, deadlines.planDays),
      period_to: null,
      raised_at: raisedAt,
      details: JSON.stringify({ identifiedAt: h.identified_at, thresholdDays: deadlines.planDays }),
      event_ids: JSON.stringify(h.event_id ? [h.event_id] : []),
    })),
    ...unanswered.map((p) => ({
      flag_id: `PROBLEM_WITHOUT_MEASURE:${p.visit_id}:${p.check_name}`,
      type: 'PROBLEM_WITHOUT_MEASURE' satisfies JudgedType,
      household_id: p.household_id,
      village_code: p.village_code,
      cadre_id: p.cadre_id,
      occurred_at: after(p.occurred_at, deadlines.responseDays),
      period_to: null,
      raised_at: raisedAt,
      details: JSON.stringify({
        visitId: p.visit_id,
        check: p.check_name,
        checkName: VISIT_CHECKS[p.check_name as VisitCheck],
        foundAt: p.occurred_at,
        thresholdDays: deadlines.responseDays,
      }),
      event_ids: JSON.stringify([p.event_id]),
    })),
  ];
  return flags.filter(judged);
}
