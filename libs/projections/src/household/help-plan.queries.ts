import { codesUnder, dayStart, HELP_PLAN_DEADLINES, shanghaiDate, VISIT_CHECKS, type VisitCheck } from '@bangfu/domain';
import type { HouseholdRow } from './registry.projection';
import { first } from '../flags/flag-pages';
import { judgingOf } from '../registry/regions.projection';
import type { FlagRow } from './visit-flags.projection';
import type { ReadStore } from '../store/read-store';
import type { MeasureRow, ProblemRow } from './help-plan.projection';

const DAY = 86_400_000;

/** A household's plan as it stands: its measures in the order added. */
export function planMeasures(views: ReadStore, householdId: string): MeasureRow[] {
  return views.prepare('SELECT * FROM plan_measures WHERE household_id = ? ORDER BY added_at, measure_id').all(householdId) as MeasureRow[];
}

const after = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();

/** The types judged from the plans by the passing of time. */
export const PLAN_FLAG_TYPES = ['MEASURE_OVERDUE', 'HOUSEHOLD_WITHOUT_PLAN', 'PROBLEM_WITHOUT_MEASURE'] as const;
export type PlanFlagType = (typeof PLAN_FLAG_TYPES)[number];

/**
 * 政策覆盖 ("不漏一项，不掉一户，不落一人"), read like the other flags about time passing, in the inbox's order: the views
 * keep the instant each clock started and a flag is raised once its days have run out before `now` (or before the
 * inbox's `to`, `before`): MEASURE_OVERDUE — an open measure past its due date (the instant is the end of that
 * Shanghai day); HOUSEHOLD_WITHOUT_PLAN — registered for `planDays` (HELP_PLAN_DEADLINES) with no measure in its
 * plan; PROBLEM_WITHOUT_MEASURE — a visit found a 两不愁三保障 check not met and no measure addressing it was added
 * within `responseDays` (one closed as not delivered does not count). Each cites the events it rests on. Like every
 * rule, none judges a village still onboarding, nor a moment before its go-live.
 */
export function planFlags(
  views: ReadStore,
  type: PlanFlagType,
  range: readonly [string, string],
  now: Date,
  before?: string,
): Iterable<Omit<FlagRow, 'position'>> {
  const until = before && before < now.toISOString() ? before : now.toISOString();
  const rows =
    type === 'MEASURE_OVERDUE'
      ? overdueMeasures(views, range, now, until)
      : type === 'HOUSEHOLD_WITHOUT_PLAN'
        ? withoutPlan(views, range, until)
        : unanswered(views, range, until);
  return judgedOnly(views, rows);
}

/** One of these flags by id, if it is raised at `now`. */
export function planFlag(views: ReadStore, flagId: string, now: Date): Omit<FlagRow, 'position'> | undefined {
  const [type, ...rest] = flagId.split(':');
  const everywhere = codesUnder('');
  const at = now.toISOString();
  // Household ids are digits, checks are names: the id's other part is what is left.
  const [head, tail] = [rest[0], rest.slice(1).join(':')];
  const [visitId, check] = [rest.slice(0, -1).join(':'), rest[rest.length - 1]];
  const rows =
    type === 'MEASURE_OVERDUE'
      ? overdueMeasures(views, everywhere, now, at, [head, tail])
      : type === 'HOUSEHOLD_WITHOUT_PLAN'
        ? withoutPlan(views, everywhere, at, rest.join(':'))
        : type === 'PROBLEM_WITHOUT_MEASURE'
          ? unanswered(views, everywhere, at, [visitId, check])
          : [];
  return first(judgedOnly(views, rows));
}

/** Drops what no rule judges: a village still onboarding, and a moment before its go-live (migrated history). */
function* judgedOnly(views: ReadStore, rows: Iterable<Omit<FlagRow, 'position'>>) {
  const judging = new Map<string, ReturnType<typeof judgingOf>>();
  for (const flag of rows) {
    let village = judging.get(flag.village_code);
    if (!village) judging.set(flag.village_code, (village = judgingOf(views, flag.village_code)));
    if (!village.onboarding && (village.judgedFrom === null || flag.occurred_at >= village.judgedFrom)) yield flag;
  }
}

function* overdueMeasures(views: ReadStore, range: readonly [string, string], now: Date, until: string, id?: [string, string]) {
  const rows = views
    .prepare(
      `SELECT * FROM plan_measures WHERE status = 'open' AND due_on < ? AND +village_code >= ? AND +village_code < ?
         AND (? IS NULL OR (household_id = ? AND measure_id = ?))
       ORDER BY due_on DESC, household_id, measure_id`,
    )
    .iterate(shanghaiDate(now), ...range, id?.[0] ?? null, id?.[0] ?? null, id?.[1] ?? null) as IterableIterator<MeasureRow>;
  for (const m of rows) {
    const occurredAt = after(dayStart(m.due_on), 1);
    if (occurredAt >= until && until < now.toISOString()) continue;
    yield {
      flag_id: `MEASURE_OVERDUE:${m.household_id}:${m.measure_id}`,
      type: 'MEASURE_OVERDUE' satisfies PlanFlagType,
      household_id: m.household_id,
      village_code: m.village_code,
      cadre_id: m.cadre_id,
      occurred_at: occurredAt,
      period_to: null,
      raised_at: occurredAt,
      details: JSON.stringify({ measureId: m.measure_id, kind: m.kind, promise: m.promise, dueOn: m.due_on }),
      event_ids: JSON.stringify([m.added_event_id]),
    };
  }
}

function* withoutPlan(views: ReadStore, range: readonly [string, string], until: string, householdId?: string) {
  const { planDays } = HELP_PLAN_DEADLINES;
  const rows = views
    .prepare(
      `SELECT household_id, village_code, cadre_id, identified_at, registered_event_id FROM households
       WHERE planned_at IS NULL AND status = 'registered' AND exited = 0 AND identified_at <= ?
         AND +village_code >= ? AND +village_code < ? AND (? IS NULL OR household_id = ?)
       ORDER BY identified_at DESC, household_id`,
    )
    .iterate(after(until, -planDays), ...range, householdId ?? null, householdId ?? null) as IterableIterator<
    Pick<HouseholdRow, 'household_id' | 'village_code' | 'cadre_id' | 'identified_at' | 'registered_event_id'>
  >;
  for (const h of rows) {
    const occurredAt = after(h.identified_at, planDays);
    yield {
      flag_id: `HOUSEHOLD_WITHOUT_PLAN:${h.household_id}`,
      type: 'HOUSEHOLD_WITHOUT_PLAN' satisfies PlanFlagType,
      household_id: h.household_id,
      village_code: h.village_code,
      cadre_id: h.cadre_id,
      occurred_at: occurredAt,
      period_to: null,
      raised_at: occurredAt,
      details: JSON.stringify({ identifiedAt: h.identified_at, thresholdDays: planDays }),
      event_ids: JSON.stringify(h.registered_event_id ? [h.registered_event_id] : []),
    };
  }
}

function* unanswered(views: ReadStore, range: readonly [string, string], until: string, id?: [string, string]) {
  const { responseDays } = HELP_PLAN_DEADLINES;
  const rows = views
    .prepare(
      `SELECT * FROM plan_problems WHERE answered_by IS NULL AND occurred_at <= ? AND +village_code >= ? AND +village_code < ?
         AND (? IS NULL OR (visit_id = ? AND check_name = ?))
       ORDER BY occurred_at DESC, visit_id, check_name`,
    )
    .iterate(after(until, -responseDays), ...range, id?.[0] ?? null, id?.[0] ?? null, id?.[1] ?? null) as IterableIterator<ProblemRow>;
  for (const p of rows) {
    yield {
      flag_id: `PROBLEM_WITHOUT_MEASURE:${p.visit_id}:${p.check_name}`,
      type: 'PROBLEM_WITHOUT_MEASURE' satisfies PlanFlagType,
      household_id: p.household_id,
      village_code: p.village_code,
      cadre_id: p.cadre_id,
      occurred_at: after(p.occurred_at, responseDays),
      period_to: null,
      raised_at: after(p.occurred_at, responseDays),
      details: JSON.stringify({
        visitId: p.visit_id,
        check: p.check_name,
        checkName: VISIT_CHECKS[p.check_name as VisitCheck],
        foundAt: p.occurred_at,
        thresholdDays: responseDays,
      }),
      event_ids: JSON.stringify([p.event_id]),
    };
  }
}
