import { codesUnder, type RecurringTaskEvent } from '@bangfu/domain';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface TaskSeriesRow {
  series_id: string;
  region_code: string;
  plan: string;
  title: string;
  lead_unit: string;
  recurrence: 'monthly' | 'quarterly';
  first_period: string;
  report_days: number;
  defined_at: string;
  ended_at: string | null;
  end_reason: string | null;
  /** JSON: each period issued, with its task's id. */
  periods: string;
}

/** 自查自评 series as defined, with every period issued (each one a task of the task board). */
export const taskSeriesProjection: Projection = {
  name: 'task-series',
  version: 1,
  eventTypes: ['RecurringTaskDefined', 'RecurringPeriodIssued', 'RecurringTaskEnded'],
  tables: ['task_series'],
  schema: `
    CREATE TABLE {task_series} (
      series_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, plan TEXT NOT NULL, title TEXT NOT NULL, lead_unit TEXT NOT NULL,
      recurrence TEXT NOT NULL, first_period TEXT NOT NULL, report_days INTEGER NOT NULL, defined_at TEXT NOT NULL, ended_at TEXT,
      end_reason TEXT, periods TEXT NOT NULL);
    CREATE INDEX {task_series}_by_region ON {task_series} (region_code);`,
  apply(event, view) {
    const e = event as unknown as RecurringTaskEvent;
    switch (e.type) {
      case 'RecurringTaskDefined': {
        const s = e.data;
        view.run(
          'INSERT OR IGNORE INTO {task_series} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)',
          s.seriesId,
          s.regionCode,
          s.plan,
          s.title,
          s.leadUnit,
          s.recurrence,
          s.firstPeriod,
          s.reportDays,
          event.metadata.occurredAt,
          '[]',
        );
        return;
      }
      case 'RecurringPeriodIssued': {
        const row = view.get<{ periods: string }>('SELECT periods FROM {task_series} WHERE series_id = ?', e.data.seriesId);
        if (!row) return;
        const periods = [
          ...(JSON.parse(row.periods) as { period: string; taskId: string }[]),
          { period: e.data.period, taskId: e.data.task.taskId },
        ];
        view.run('UPDATE {task_series} SET periods = ? WHERE series_id = ?', JSON.stringify(periods), e.data.seriesId);
        return;
      }
      case 'RecurringTaskEnded':
        view.run(
          'UPDATE {task_series} SET ended_at = ?, end_reason = ? WHERE series_id = ?',
          event.metadata.occurredAt,
          e.data.reason,
          e.data.seriesId,
        );
        return;
    }
  },
};

/** A division's recurring tasks (and those of the divisions under it), newest defined first. */
export function taskSeriesIn(views: ReadStore, regionPrefix: string): TaskSeriesRow[] {
  return views
    .prepare('SELECT * FROM task_series WHERE region_code >= ? AND region_code < ? ORDER BY defined_at DESC, series_id')
    .all(...codesUnder(regionPrefix)) as TaskSeriesRow[];
}
