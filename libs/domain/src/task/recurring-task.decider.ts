import { assertNever, type Decider, type DecisionContext } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { isMonth, monthStart, nextMonth } from '../shared/shanghai-time';
import type { TaskSpec } from './task.decider';

/** How often a self-check (自查自评) comes round: every calendar month, or every quarter. */
export const RECURRENCES = ['monthly', 'quarterly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** A recurring task as defined: what each period's task is, for whom, and how long after the period it is due. */
export interface RecurringTaskSpec {
  seriesId: string;
  /** The plan that imposes it (seed 001 九(二): 乡镇和县直部门每月/每季自查自评). */
  plan: string;
  title: string;
  regionCode: string;
  leadUnit: string;
  leadOfficial: string | null;
  cooperatingUnits: string[];
  recurrence: Recurrence;
  /** The first period: 'YYYY-MM' for monthly, 'YYYY-Qn' for quarterly. */
  firstPeriod: string;
  /** Days after a period ends by which its self-check is reported (its task's deadline, end of that Shanghai day). */
  reportDays: number;
  target: { quantity: number; unit: string };
}

export type RecurringTaskCommand =
  | { type: 'DefineRecurringTask'; data: RecurringTaskSpec }
  | { type: 'IssueRecurringPeriod'; data: { seriesId: string; period: string } }
  | { type: 'EndRecurringTask'; data: { seriesId: string; reason: string } };

export type RecurringTaskEvent =
  | { type: 'RecurringTaskDefined'; data: RecurringTaskSpec }
  | { type: 'RecurringPeriodIssued'; data: { seriesId: string; period: string; task: TaskSpec; nextPeriod: string; nextStartsAt: string } }
  | { type: 'RecurringTaskEnded'; data: { seriesId: string; reason: string; lastPeriod: string | null } };

export type RecurringTaskState = { defined: false } | { defined: true; spec: RecurringTaskSpec; issued: string[]; ended: boolean };

export class RecurringTaskNotFoundError extends DomainError {
  readonly code = 'RECURRING_TASK_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class RecurringTaskAlreadyDefinedError extends DomainError {
  readonly code = 'RECURRING_TASK_ALREADY_DEFINED';
}
export class RecurringTaskEndedError extends DomainError {
  readonly code = 'RECURRING_TASK_ENDED';
}
export class InvalidRecurringTaskError extends DomainError {
  readonly code = 'INVALID_RECURRING_TASK';
  override readonly kind = 'invalid' as const;
}

export function recurringTaskStreamId(seriesId: string): string {
  return `taskseries-${seriesId}`;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** Whether a period is written as the recurrence names its periods. */
export function isPeriod(recurrence: Recurrence, period: string): boolean {
  return recurrence === 'monthly' ? isMonth(period) : QUARTER.test(period);
}

/** The first Shanghai month of a period. */
function firstMonthOf(recurrence: Recurrence, period: string): string {
  if (recurrence === 'monthly') return period;
  const [, year, quarter] = QUARTER.exec(period) as RegExpExecArray;
  return `${year}-${String((Number(quarter) - 1) * 3 + 1).padStart(2, '0')}`;
}

/** The instant a period begins (Shanghai). */
export function periodStart(recurrence: Recurrence, period: string): string {
  return monthStart(firstMonthOf(recurrence, period));
}

/** The period after this one. */
export function nextPeriod(recurrence: Recurrence, period: string): string {
  if (recurrence === 'monthly') return nextMonth(period);
  const [, year, quarter] = QUARTER.exec(period) as RegExpExecArray;
  return quarter === '4' ? `${Number(year) + 1}-Q1` : `${year}-Q${Number(quarter) + 1}`;
}

/** The instant a period ends: the first instant of the next. */
function periodEnd(recurrence: Recurrence, period: string): string {
  return periodStart(recurrence, nextPeriod(recurrence, period));
}

/** How a period reads in a task's title: 2026年3月, 2026年第1季度. */
function periodLabel(recurrence: Recurrence, period: string): string {
  if (recurrence === 'monthly') return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
  const [, year, quarter] = QUARTER.exec(period) as RegExpExecArray;
  return `${year}年第${quarter}季度`;
}

/** A period's task: its own id and title, due `reportDays` after the period ends (end of that Shanghai day). */
function periodTask(spec: RecurringTaskSpec, period: string): TaskSpec {
  const end = new Date(Date.parse(periodEnd(spec.recurrence, period)) + spec.reportDays * 86_400_000);
  const label = periodLabel(spec.recurrence, period);
  return {
    taskId: `${spec.seriesId}-${period}`,
    plan: spec.plan,
    item: period,
    title: `${spec.title}（${label}）`,
    regionCode: spec.regionCode,
    leadOfficial: spec.leadOfficial,
    leadUnit: spec.leadUnit,
    cooperatingUnits: spec.cooperatingUnits,
    target: spec.target,
    amountFen: null,
    // A period ends at a Shanghai midnight, so whole days after it end at one too: the end of the last day to report.
    deadline: end.toISOString(),
    timing: `${label}结束后${spec.reportDays}日内报送自查自评`,
  };
}

/**
 * 自查自评 on a recurrence (seed 001 九(二)): each period's self-check is issued as a task of its own, reported and
 * verified like any task, so the board and the 红黑榜 count it. A period is issued once, never before it begins;
 * an ended series issues nothing more.
 */
export const recurringTaskDecider: Decider<RecurringTaskCommand, RecurringTaskEvent, RecurringTaskState> = {
  initialState: () => ({ defined: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'RecurringTaskDefined':
        return { defined: true, spec: event.data, issued: [], ended: false };
      case 'RecurringPeriodIssued':
        return state.defined ? { ...state, issued: [...state.issued, event.data.period] } : state;
      case 'RecurringTaskEnded':
        return state.defined ? { ...state, ended: true } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    if (command.type === 'DefineRecurringTask') {
      if (state.defined) throw new RecurringTaskAlreadyDefinedError(`recurring task ${command.data.seriesId} is already defined`);
      const { recurrence, firstPeriod, reportDays } = command.data;
      if (!isPeriod(recurrence, firstPeriod)) {
        throw new InvalidRecurringTaskError(`firstPeriod must be ${recurrence === 'monthly' ? 'YYYY-MM' : 'YYYY-Qn'}`, {
          field: 'firstPeriod',
        });
      }
      if (!Number.isInteger(reportDays) || reportDays < 0 || reportDays > 60) {
        throw new InvalidRecurringTaskError('reportDays must be a whole number of days, 0–60', { field: 'reportDays' });
      }
      return [{ type: 'RecurringTaskDefined', data: command.data }];
    }
    if (!state.defined) throw new RecurringTaskNotFoundError(`no recurring task ${command.data.seriesId}`);
    return command.type === 'IssueRecurringPeriod' ? issuePeriod(command.data, state, context) : end(command.data, state);
  },
};

type Defined = Extract<RecurringTaskState, { defined: true }>;

function issuePeriod(
  { seriesId, period }: { seriesId: string; period: string },
  state: Defined,
  { now }: DecisionContext,
): RecurringTaskEvent[] {
  const { spec } = state;
  // A timer set before the series ended, or fired twice, finds nothing to do.
  if (state.ended || state.issued.includes(period)) return [];
  if (!isPeriod(spec.recurrence, period) || periodStart(spec.recurrence, period) < periodStart(spec.recurrence, spec.firstPeriod)) {
    throw new InvalidRecurringTaskError(`${period} is not a period of recurring task ${seriesId}`, { field: 'period' });
  }
  if (Date.parse(periodStart(spec.recurrence, period)) > now.getTime()) {
    throw new InvalidRecurringTaskError(`period ${period} has not begun`, { field: 'period' });
  }
  const next = nextPeriod(spec.recurrence, period);
  return [
    {
      type: 'RecurringPeriodIssued',
      data: { seriesId, period, task: periodTask(spec, period), nextPeriod: next, nextStartsAt: periodStart(spec.recurrence, next) },
    },
  ];
}

function end({ seriesId, reason }: { seriesId: string; reason: string }, state: Defined): RecurringTaskEvent[] {
  if (state.ended) throw new RecurringTaskEndedError(`recurring task ${seriesId} has already ended`);
  if (reason.trim() === '') throw new InvalidRecurringTaskError('say why the recurring task ends', { field: 'reason' });
  return [{ type: 'RecurringTaskEnded', data: { seriesId, reason, lastPeriod: state.issued.at(-1) ?? null } }];
}
