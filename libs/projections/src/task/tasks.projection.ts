import { codesUnder, regionPrefix, type TaskEvent } from '@bangfu/domain';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface TaskRow {
  task_id: string;
  plan: string;
  item: string;
  title: string;
  region_code: string;
  lead_official: string | null;
  lead_unit: string;
  cooperating_units: string;
  target_quantity: number;
  target_unit: string;
  amount_fen: number | null;
  deadline: string;
  timing: string;
  status: string;
  completed: number;
  submitted_on_time: number;
  completed_at: string | null;
  rejections: number;
  overdue_marked: number;
  issued_at: string;
}

/** Plan tasks and where each stands: progress, submission, verification, rejections. */
export const tasksProjection: Projection = {
  name: 'tasks',
  // v2: issue and completion at their business time (an act brought in with its history says when it happened).
  version: 2,
  eventTypes: [
    'TaskIssued',
    'TaskProgressReported',
    'TaskCompletionSubmitted',
    'TaskCompletionVerified',
    'TaskCompletionRejected',
    'TaskOverdue',
  ],
  tables: ['tasks'],
  schema: `
    CREATE TABLE {tasks} (
      task_id TEXT PRIMARY KEY, plan TEXT NOT NULL, item TEXT NOT NULL, title TEXT NOT NULL, region_code TEXT NOT NULL,
      lead_official TEXT, lead_unit TEXT NOT NULL, cooperating_units TEXT NOT NULL, target_quantity INTEGER NOT NULL,
      target_unit TEXT NOT NULL, amount_fen INTEGER, deadline TEXT NOT NULL, timing TEXT NOT NULL, status TEXT NOT NULL,
      completed INTEGER NOT NULL, submitted_on_time INTEGER NOT NULL, completed_at TEXT, rejections INTEGER NOT NULL,
      overdue_marked INTEGER NOT NULL, issued_at TEXT NOT NULL);
    CREATE INDEX {tasks}_by_region ON {tasks} (region_code, lead_unit);`,
  apply(event, view) {
    if (!event.streamId.startsWith('task-')) return;
    const e = event as unknown as TaskEvent;
    const at = event.metadata.occurredAt;
    const taskId = e.data.taskId;
    switch (e.type) {
      case 'TaskIssued': {
        const d = e.data;
        view.run(
          `INSERT INTO {tasks} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', 0, 0, NULL, 0, 0, ?)`,
          d.taskId,
          d.plan,
          d.item,
          d.title,
          d.regionCode,
          d.leadOfficial,
          d.leadUnit,
          JSON.stringify(d.cooperatingUnits),
          d.target.quantity,
          d.target.unit,
          d.amountFen,
          d.deadline,
          d.timing,
          at,
        );
        return;
      }
      case 'TaskProgressReported':
        view.run(`UPDATE {tasks} SET status = 'in_progress', completed = ? WHERE task_id = ?`, e.data.completed, taskId);
        return;
      case 'TaskCompletionSubmitted':
        view.run(`UPDATE {tasks} SET status = 'submitted', submitted_on_time = ? WHERE task_id = ?`, e.data.onTime ? 1 : 0, taskId);
        return;
      case 'TaskCompletionVerified':
        view.run(
          `UPDATE {tasks} SET status = 'completed', completed = MAX(completed, target_quantity), completed_at = ? WHERE task_id = ?`,
          at,
          taskId,
        );
        return;
      case 'TaskCompletionRejected':
        view.run(`UPDATE {tasks} SET status = 'in_progress', rejections = rejections + 1 WHERE task_id = ?`, taskId);
        return;
      case 'TaskOverdue':
        view.run('UPDATE {tasks} SET overdue_marked = 1 WHERE task_id = ?', taskId);
        return;
      default:
        return;
    }
  },
};

/** The tasks of a division not completed whose deadline falls at or after an instant. */
export function openTasksDueFrom(views: ReadStore, code: string, from: string): { taskId: string; regionCode: string; deadline: string }[] {
  return views
    .prepare(
      `SELECT task_id AS taskId, region_code AS regionCode, deadline FROM tasks
       WHERE region_code >= ? AND region_code < ? AND status <> 'completed' AND deadline >= ? ORDER BY task_id`,
    )
    .all(...codesUnder(regionPrefix(code)), from) as { taskId: string; regionCode: string; deadline: string }[];
}
