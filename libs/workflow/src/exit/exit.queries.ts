import { storedFlags, type FlagFilters, type FlagRow, type ListedFlag, type ReadStore } from '@bangfu/projections';
import { codesUnder } from '@bangfu/domain';
import type { ExitInstanceRow, ExitStepRow } from './exit.projection';

export interface ExitStepTakenRow {
  exit_id: string;
  step: string;
  action: string;
  actor_id: string;
  actor_name: string;
  at: string;
  event_id: string;
  subject_kind: string;
  subject_id: string;
  definition_id: string;
  version: number;
}

/**
 * The exit steps taken in the villages of a range during [from, to) and recorded by `knownAt` (by one actor when
 * named), with the case they belong to: what a 责任回溯 shows of a person's part in exits.
 */
export function exitStepsTaken(
  views: ReadStore,
  {
    actorId,
    villages,
    from,
    to,
    knownAt,
  }: { actorId?: string; villages: readonly [string, string]; from: string; to: string; knownAt: string },
): ExitStepTakenRow[] {
  const byActor = actorId === undefined ? '' : 's.actor_id = ? AND ';
  return views
    .prepare(
      `SELECT s.exit_id, s.step, s.action, s.actor_id, s.actor_name, s.at, s.event_id, i.subject_kind, i.subject_id, i.definition_id,
              i.version
         FROM exit_steps s JOIN exit_instances i ON i.exit_id = s.exit_id
        WHERE ${byActor} i.village_code >= ? AND i.village_code < ? AND s.at >= ? AND s.at < ? AND s.at <= ? ORDER BY s.at`,
    )
    .all(...(actorId === undefined ? [] : [actorId]), ...villages, from, to, knownAt) as ExitStepTakenRow[];
}

/** A division's exit flags (SELF_VERIFICATION and the exit deadlines), filtered as the inbox asks, newest first, read lazily. */
export function exitFlags(views: ReadStore, range: readonly [string, string], filters: FlagFilters): Iterable<ListedFlag> {
  return storedFlags(views, 'exit_flags', range, filters);
}

/** One exit flag by id. */
export function exitFlag(views: ReadStore, flagId: string): FlagRow | undefined {
  return views.prepare('SELECT * FROM exit_flags WHERE flag_id = ?').get(flagId) as FlagRow | undefined;
}

/** An exit case by its id, with the steps acted on in order. */
export function exitCase(views: ReadStore, exitId: string): { instance: ExitInstanceRow; steps: ExitStepRow[] } | undefined {
  const instance = views.prepare('SELECT * FROM exit_instances WHERE exit_id = ?').get(exitId) as ExitInstanceRow | undefined;
  if (!instance) return undefined;
  return { instance, steps: views.prepare('SELECT * FROM exit_steps WHERE exit_id = ? ORDER BY seq').all(exitId) as ExitStepRow[] };
}

export interface PipelineCountRow {
  definition_id: string;
  status: string;
  step: string;
  n: number;
  overdue: number;
  escalated: number;
}

export type OverdueCaseRow = Pick<ExitInstanceRow, 'exit_id' | 'subject_id' | 'definition_id' | 'step' | 'entered_at' | 'due_at'> & {
  escalated: number;
};

export type RecentCaseRow = Pick<
  ExitInstanceRow,
  | 'exit_id'
  | 'subject_kind'
  | 'subject_id'
  | 'village_code'
  | 'definition_id'
  | 'status'
  | 'step'
  | 'started_at'
  | 'completed_at'
  | 'due_at'
>;

/**
 * A division's exit pipeline at `now`: cases counted by procedure, status and step (with those past their step's
 * deadline), the overdue ones, how many cases ever entered each step (a step acted on, or where a case stands), and
 * the newest cases.
 */
export function exitPipeline(views: ReadStore, regionPrefix: string, now: string, { recent }: { recent: number }) {
  const range = codesUnder(regionPrefix);
  const counts = views
    .prepare(
      `SELECT definition_id, status, step, COUNT(*) AS n, SUM(due_at < ?) AS overdue, SUM(escalated) AS escalated
       FROM exit_instances WHERE village_code >= ? AND village_code < ? GROUP BY definition_id, status, step`,
    )
    .all(now, ...range) as PipelineCountRow[];
  const overdue = views
    .prepare(
      `SELECT exit_id, subject_id, definition_id, step, entered_at, due_at, escalated FROM exit_instances
       WHERE village_code >= ? AND village_code < ? AND status = 'open' AND due_at < ? ORDER BY due_at LIMIT 200`,
    )
    .all(...range, now) as OverdueCaseRow[];
  // UNION already keeps one row per case and step, so a plain count is the number of cases (and skips a sort).
  const reached = views
    .prepare(
      `SELECT definition_id, step, COUNT(*) AS n FROM (
         SELECT i.definition_id, s.step, s.exit_id FROM exit_steps s JOIN exit_instances i ON i.exit_id = s.exit_id
          WHERE i.village_code >= ? AND i.village_code < ?
         UNION SELECT definition_id, step, exit_id FROM exit_instances WHERE village_code >= ? AND village_code < ? AND status = 'open')
       GROUP BY definition_id, step`,
    )
    .all(...range, ...range) as { definition_id: string; step: string; n: number }[];
  const cases = views
    .prepare(
      `SELECT exit_id, subject_kind, subject_id, village_code, definition_id, status, step, started_at, completed_at, escalated,
         due_at FROM exit_instances WHERE village_code >= ? AND village_code < ? ORDER BY started_at DESC LIMIT ?`,
    )
    .all(...range, recent) as RecentCaseRow[];
  return { counts, overdue, reached, cases };
}

/** The figures of one kind (spot-check, survey) recorded in the divisions of a range, as recorded. */
export function exitFiguresIn(views: ReadStore, kind: 'spot-check' | 'survey', range: readonly [string, string]): unknown[] {
  const rows = views
    .prepare('SELECT data FROM exit_figures WHERE kind = ? AND region_code >= ? AND region_code < ?')
    .all(kind, ...range) as {
    data: string;
  }[];
  return rows.map((row) => JSON.parse(row.data));
}

/** A division's rural population (乡村人口) as last recorded, or null. */
export function ruralPopulationOf(views: ReadStore, regionCode: string): number | null {
  const row = views.prepare(`SELECT data FROM exit_figures WHERE kind = 'population' AND region_code = ?`).get(regionCode) as
    { data: string } | undefined;
  return row ? (JSON.parse(row.data) as { population: number }).population : null;
}

/** Every exit standard adopted, in the order they were adopted. */
export function adoptedExitStandards(views: ReadStore): unknown[] {
  const rows = views.prepare(`SELECT data FROM exit_figures WHERE kind = 'standard' ORDER BY position`).all() as { data: string }[];
  return rows.map((row) => JSON.parse(row.data));
}

/** How many villages of a range passed their exit (摘帽). */
export function villagesExited(views: ReadStore, range: readonly [string, string]): number {
  return (
    views
      .prepare(
        `SELECT COUNT(*) AS n FROM exit_instances WHERE definition_id = 'village-exit' AND status = 'passed' AND village_code >= ? AND village_code < ?`,
      )
      .get(...range) as { n: number }
  ).n;
}
