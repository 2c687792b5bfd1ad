import { codesUnder } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';
import type { TaskRow } from './tasks.projection';

/** A task by its id. */
export function taskRow(views: ReadStore, taskId: string): TaskRow | undefined {
  return views.prepare('SELECT * FROM tasks WHERE task_id = ?').get(taskId) as TaskRow | undefined;
}

/** A division's tasks whose deadline falls in [from, to), by division, plan and item number. */
export function tasksDueIn(views: ReadStore, regionPrefix: string, from: string, to: string): TaskRow[] {
  return views
    .prepare(
      `SELECT * FROM tasks WHERE region_code >= ? AND region_code < ? AND deadline >= ? AND deadline < ?
        ORDER BY region_code, plan, CAST(item AS INTEGER), item`,
    )
    .all(...codesUnder(regionPrefix), from, to) as TaskRow[];
}

/** How many findings against each task are not yet closed (tasks without one are absent). */
export function openFindingsByTask(views: ReadStore): Map<string, number> {
  const rows = views
    .prepare(`SELECT target_id, COUNT(*) AS n FROM findings WHERE target_kind = 'task' AND status <> 'closed' GROUP BY target_id`)
    .all() as { target_id: string; n: number }[];
  return new Map(rows.map((row) => [row.target_id, row.n]));
}
