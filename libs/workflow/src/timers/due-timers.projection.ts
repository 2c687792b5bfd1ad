import type { Projection, ReadStore } from '@bangfu/projections';
import type { TimerEvent } from './timer.decider';

export interface DueTimerRow {
  timer_id: string;
  due_at: string;
  command: string;
  purpose: string;
}

/** The due index: pending timers by due time, fed from the timer streams. */
export const dueTimersProjection: Projection = {
  name: 'timers',
  version: 1,
  eventTypes: ['TimerScheduled', 'TimerCancelled', 'TimerFired'],
  tables: ['timers'],
  schema: `
    CREATE TABLE {timers} (
      timer_id TEXT PRIMARY KEY, status TEXT NOT NULL, due_at TEXT NOT NULL, command TEXT NOT NULL,
      purpose TEXT NOT NULL, scheduled_position INTEGER NOT NULL, fired_at TEXT, outcome TEXT);
    CREATE INDEX {timers}_pending ON {timers} (status, due_at);`,
  apply(event, view) {
    const timer = event as unknown as TimerEvent;
    switch (timer.type) {
      case 'TimerScheduled':
        view.run(
          `INSERT INTO {timers} (timer_id, status, due_at, command, purpose, scheduled_position) VALUES (?, 'pending', ?, ?, ?, ?)
           ON CONFLICT(timer_id) DO UPDATE SET status = 'pending', due_at = excluded.due_at, command = excluded.command,
             purpose = excluded.purpose, scheduled_position = excluded.scheduled_position`,
          timer.data.timerId,
          timer.data.dueAt,
          JSON.stringify(timer.data.command),
          timer.data.purpose,
          event.position,
        );
        return;
      case 'TimerCancelled':
        view.run(`UPDATE {timers} SET status = 'cancelled' WHERE timer_id = ?`, timer.data.timerId);
        return;
      case 'TimerFired':
        view.run(
          `UPDATE {timers} SET status = 'fired', fired_at = ?, outcome = ? WHERE timer_id = ?`,
          timer.data.firedAt,
          JSON.stringify(timer.data.outcome),
          timer.data.timerId,
        );
        return;
      default:
        return; // not a timer event
    }
  },
};

/** When the next pending timer is due, or null when none is pending. */
export function nextTimerDue(views: ReadStore): string | null {
  return (views.prepare(`SELECT MIN(due_at) AS due FROM timers WHERE status = 'pending'`).get() as { due: string | null }).due;
}

/** A timer as the due index holds it: pending, cancelled or fired (with what firing it answered). */
export interface TimerStateRow {
  timer_id: string;
  status: 'pending' | 'cancelled' | 'fired';
  due_at: string;
  purpose: string;
  fired_at: string | null;
  /** JSON: the command's answer when it fired (appended, duplicate, or refused with its code). */
  outcome: string | null;
}

/** A timer by its id. */
export function timerState(views: ReadStore, timerId: string): TimerStateRow | undefined {
  return views.prepare('SELECT timer_id, status, due_at, purpose, fired_at, outcome FROM timers WHERE timer_id = ?').get(timerId) as
    TimerStateRow | undefined;
}

/** Every timer in one status, by due time. */
export function timersWithStatus(views: ReadStore, status: TimerStateRow['status']): TimerStateRow[] {
  return views
    .prepare('SELECT timer_id, status, due_at, purpose, fired_at, outcome FROM timers WHERE status = ? ORDER BY due_at')
    .all(status) as TimerStateRow[];
}
