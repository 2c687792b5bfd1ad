import { codesUnder } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';
import type { AccessLogRow } from './access-log.projection';

export interface AccessLogFilters {
  /** Only entries about this division and under it; undefined: every entry (a national reader). */
  regionPrefix?: string;
  actor?: string;
  outcome?: string;
  from?: string;
  to?: string;
  /** Entries before this log position (the previous page's last). */
  before?: number;
}

/** The access log, newest first, filtered; a page at a time. */
export function accessLogPage(views: ReadStore, filters: AccessLogFilters, limit: number): AccessLogRow[] {
  const { regionPrefix, actor, outcome, from, to, before } = filters;
  return views
    .prepare(
      `SELECT * FROM access_log
       WHERE (? IS NULL OR (region >= ? AND region < ?)) AND (? IS NULL OR actor_id = ?) AND (? IS NULL OR outcome = ?)
         AND (? IS NULL OR recorded_at >= ?) AND (? IS NULL OR recorded_at < ?) AND (? IS NULL OR position < ?)
       ORDER BY position DESC LIMIT ?`,
    )
    .all(
      regionPrefix ?? null,
      ...codesUnder(regionPrefix ?? ''),
      actor ?? null,
      actor ?? null,
      outcome ?? null,
      outcome ?? null,
      from ?? null,
      from ?? null,
      to ?? null,
      to ?? null,
      before ?? null,
      before ?? null,
      limit,
    ) as AccessLogRow[];
}
