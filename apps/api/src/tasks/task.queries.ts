import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { codesUnder, dayStart, taskStreamId, type Actor } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { jointMeetingsMissedByUnit, openFindingsByTask, ReadStore, taskRow, tasksDueIn, type TaskRow } from '@bangfu/projections';
import type { Clock } from '@bangfu/workflow';
import { assertVisible } from '@bangfu/application';
import { ProblemException } from '../http/problem';
import { CLOCK } from '../infrastructure/tokens';

/** 考核期: the Shanghai calendar days a task's deadline must fall within to count (either end open). */
export interface DuePeriod {
  dueFrom?: string;
  dueTo?: string;
}

export class ListTasks {
  constructor(
    readonly regionPrefix: string,
    readonly filters: { unit?: string; lead?: string; status?: string },
    readonly limit: number,
    readonly period: DuePeriod = {},
  ) {}
}

export class GetTaskBoard {
  constructor(
    readonly regionPrefix: string,
    readonly period: DuePeriod = {},
  ) {}
}

export class GetRankings {
  constructor(
    readonly regionPrefix: string,
    readonly by: 'unit' | 'lead',
    readonly period: DuePeriod = {},
  ) {}
}

export class GetTask {
  constructor(
    readonly taskId: string,
    readonly actor: Actor,
  ) {}
}

/** Overdue is judged now: the deadline passed and completion was neither verified nor submitted in time. */
function isOverdue(row: TaskRow, now: string): boolean {
  return row.status !== 'completed' && row.deadline < now && !(row.status === 'submitted' && row.submitted_on_time === 1);
}

function taskView(row: TaskRow, now: string) {
  return {
    taskId: row.task_id,
    plan: row.plan,
    item: row.item,
    title: row.title,
    regionCode: row.region_code,
    leadOfficial: row.lead_official,
    leadUnit: row.lead_unit,
    cooperatingUnits: JSON.parse(row.cooperating_units),
    target: { quantity: row.target_quantity, unit: row.target_unit },
    completed: row.completed,
    amountFen: row.amount_fen,
    deadline: row.deadline,
    timing: row.timing,
    status: row.status,
    overdue: isOverdue(row, now),
    onTime: row.status === 'completed' ? row.submitted_on_time === 1 : null,
    rejections: row.rejections,
    completedAt: row.completed_at,
  };
}

interface Tally {
  tasks: number;
  completedOnTime: number;
  completedLate: number;
  overdue: number;
  rejections: number;
  openFindings: number;
  /** Tasks whose deadline has passed, or that are complete: what a score is judged on. */
  due: number;
  /** Quarterly joint meetings (联席会议) it let pass as a 帮扶体系's 组长单位 (ranked by unit only). */
  meetingsMissed: number;
}

/**
 * 红黑榜 score: 100 × on time ÷ due − 50 × overdue ÷ due − 10 × rejections − 5 × open findings on its tasks,
 * one decimal; not ranked until something is due. 红榜: score ≥ 80 with nothing overdue; 黑榜: anything overdue
 * or a score under 60. Worded for the people it ranks, with the names the console and the workbook give each input
 * (按期完成 completedOnTime, 应完成 due, 逾期未完成 overdue, 退回次数 rejections, 未整改问题 openFindings).
 */
export const RANKING_FORMULA =
  '得分 = 100 × 按期完成 ÷ 应完成 − 50 × 逾期未完成 ÷ 应完成 − 10 × 退回次数 − 5 × 未整改问题 − 10 × 未召开联席会议' +
  '（保留一位小数，无应完成任务的不排名）；' +
  '红榜：得分 ≥ 80 且无逾期未完成；黑榜：有逾期未完成或得分 < 60';

/** A 考核期 as instants, [from, to): a Shanghai calendar day D runs from D−1 16:00Z to D 16:00Z; an open end is unbounded. */
function instantsOf(period: DuePeriod): { from: string; to: string } {
  const from = period.dueFrom ? dayStart(period.dueFrom) : '';
  const to = period.dueTo ? new Date(Date.parse(dayStart(period.dueTo)) + 86_400_000).toISOString() : '\uffff';
  return { from, to };
}

function emptyTally(): Tally {
  return { tasks: 0, completedOnTime: 0, completedLate: 0, overdue: 0, rejections: 0, openFindings: 0, due: 0, meetingsMissed: 0 };
}

export function score(t: Tally): number | null {
  if (t.due === 0) return null;
  const penalties = 10 * t.rejections + 5 * t.openFindings + 10 * t.meetingsMissed;
  return Math.round((100 * (t.completedOnTime / t.due) - 50 * (t.overdue / t.due) - penalties) * 10) / 10;
}

abstract class TaskViews {
  constructor(
    protected readonly views: ReadStore,
    protected readonly clock: Clock,
  ) {}

  protected rows(regionPrefix: string, period: DuePeriod = {}): TaskRow[] {
    const { from, to } = instantsOf(period);
    return tasksDueIn(this.views, regionPrefix, from, to);
  }

  protected tally(rows: TaskRow[], key: (row: TaskRow) => string | null): Map<string, Tally> {
    const now = this.clock.now().toISOString();
    const findings = openFindingsByTask(this.views);
    const groups = new Map<string, Tally>();
    for (const row of rows) {
      const name = key(row);
      if (name === null) continue;
      const t = groups.get(name) ?? emptyTally();
      const completed = row.status === 'completed';
      t.tasks++;
      if (completed && row.submitted_on_time === 1) t.completedOnTime++;
      if (completed && row.submitted_on_time !== 1) t.completedLate++;
      if (isOverdue(row, now)) t.overdue++;
      if (completed || row.deadline < now) t.due++;
      t.rejections += row.rejections;
      t.openFindings += findings.get(row.task_id) ?? 0;
      groups.set(name, t);
    }
    return groups;
  }
}

@QueryHandler(ListTasks)
export class ListTasksHandler extends TaskViews implements IQueryHandler<ListTasks> {
  constructor(views: ReadStore, @Inject(CLOCK) clock: Clock) {
    super(views, clock);
  }

  async execute({ regionPrefix, filters, limit, period }: ListTasks) {
    const now = this.clock.now().toISOString();
    const tasks = this.rows(regionPrefix, period)
      .map((row) => taskView(row, now))
      .filter((task) => (!filters.unit || task.leadUnit === filters.unit) && (!filters.lead || task.leadOfficial === filters.lead))
      .filter((task) => !filters.status || (filters.status === 'overdue' ? task.overdue : task.status === filters.status));
    return { asOf: now, tasks: tasks.slice(0, limit) };
  }
}

/** Completion by lead unit, lead official and division: on time, late, overdue, rejected. */
@QueryHandler(GetTaskBoard)
export class GetTaskBoardHandler extends TaskViews implements IQueryHandler<GetTaskBoard> {
  constructor(views: ReadStore, @Inject(CLOCK) clock: Clock) {
    super(views, clock);
  }

  async execute({ regionPrefix, period }: GetTaskBoard) {
    const rows = this.rows(regionPrefix, period);
    const board = (key: (row: TaskRow) => string | null) =>
      [...this.tally(rows, key)].map(([name, t]) => ({ name, ...t, open: t.tasks - t.completedOnTime - t.completedLate }));
    return {
      regionCode: regionPrefix,
      asOf: this.clock.now().toISOString(),
      period: { dueFrom: period.dueFrom ?? null, dueTo: period.dueTo ?? null },
      byUnit: board((row) => row.lead_unit),
      byLeadOfficial: board((row) => row.lead_official),
      byRegion: board((row) => row.region_code),
    };
  }
}

/** 红黑榜, with the formula and each rank's inputs beside it. */
@QueryHandler(GetRankings)
export class GetRankingsHandler extends TaskViews implements IQueryHandler<GetRankings> {
  constructor(views: ReadStore, @Inject(CLOCK) clock: Clock) {
    super(views, clock);
  }

  async execute({ regionPrefix, by, period }: GetRankings) {
    const groups = this.tally(this.rows(regionPrefix, period), (row) => (by === 'unit' ? row.lead_unit : row.lead_official));
    if (by === 'unit') {
      // A 组长单位's missed joint meetings count against it, whether or not it leads a task.
      const { from, to } = instantsOf(period);
      for (const [unit, n] of jointMeetingsMissedByUnit(this.views, codesUnder(regionPrefix), from, to)) {
        groups.set(unit, { ...(groups.get(unit) ?? emptyTally()), meetingsMissed: n });
      }
    }
    const ranked = [...groups]
      .map(([name, inputs]) => ({ name, score: score(inputs), inputs }))
      .sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.name.localeCompare(b.name))
      .map((entry, i) => ({
        rank: entry.score === null ? null : i + 1,
        ...entry,
        list: entry.score === null ? null : entry.inputs.overdue > 0 || entry.score < 60 ? '黑榜' : entry.score >= 80 ? '红榜' : null,
      }));
    return {
      regionCode: regionPrefix,
      by,
      asOf: this.clock.now().toISOString(),
      period: { dueFrom: period.dueFrom ?? null, dueTo: period.dueTo ?? null },
      formula: RANKING_FORMULA,
      rankings: ranked,
    };
  }
}

/** One task as the tasks view has it, and its history from its own stream: every report, submission and verification. */
@QueryHandler(GetTask)
export class GetTaskHandler implements IQueryHandler<GetTask> {
  constructor(
    private readonly views: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ taskId, actor }: GetTask) {
    const row = taskRow(this.views, taskId);
    const notFound = () => new ProblemException(404, 'TASK_NOT_FOUND', `no task ${taskId}`);
    if (!row) throw notFound();
    assertVisible(actor, row.region_code, notFound);
    const events = await this.store.readStream(taskStreamId(taskId));
    return {
      ...taskView(row, this.clock.now().toISOString()),
      history: events.map((event) => ({
        type: event.type,
        eventId: event.id,
        position: event.position,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        actor: { id: event.metadata.actor.id, name: event.metadata.actor.name ?? null },
        data: event.data,
      })),
    };
  }
}
