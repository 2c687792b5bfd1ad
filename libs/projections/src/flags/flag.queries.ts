import type { FlagRow } from '../household/visit-flags.projection';
import type { ReadStore } from '../store/read-store';

/** What the inspectors' inbox filters flags by; each is optional. */
export interface FlagFilters {
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  /** Only the flags about this fund (idle, duplicate voucher, ineligible recipient, unconfirmed receipt). */
  fund?: string;
}

/** A flag with its handling: open until someone explains, confirms or closes it, and the history of who did. */
export type ReviewedFlagRow = Omit<FlagRow, 'position'> & { status: string; review: string | null };

/** The flag tables this library owns (the workflow keeps exit flags in its own). */
export type OwnFlagTable = 'flags' | 'fund_flags';

/** One flag of this library's tables, by id, with its handling. */
export function reviewedFlag(views: ReadStore, flagId: string): ReviewedFlagRow | undefined {
  for (const table of ['flags', 'fund_flags'] satisfies OwnFlagTable[]) {
    const row = views
      .prepare(
        `SELECT f.*, COALESCE(r.status, 'open') AS status, r.history AS review FROM ${table} f LEFT JOIN flag_reviews r ON r.flag_id = f.flag_id WHERE f.flag_id = ?`,
      )
      .get(flagId) as ReviewedFlagRow | undefined;
    if (row) return row;
  }
  return undefined;
}

/** A flag's handling, if anyone has acted on it (a flag without one is open). */
export function reviewOf(views: ReadStore, flagId: string): { status: string; history: string } | undefined {
  return views.prepare('SELECT status, history FROM flag_reviews WHERE flag_id = ?').get(flagId) as
    { status: string; history: string } | undefined;
}

/** The ids of the flags whose handling has reached `status` (each a person's act, so they are few). */
export function reviewsWithStatus(views: ReadStore, status: string): string[] {
  return (views.prepare('SELECT flag_id FROM flag_reviews WHERE status = ? ORDER BY flag_id').all(status) as { flag_id: string }[]).map(
    (row) => row.flag_id,
  );
}

/**
 * The quarterly joint meetings (联席会议) each 组长单位 of a division let pass, by the unit's name, counting those whose
 * quarter ended in [from, to).
 */
export function jointMeetingsMissedByUnit(
  views: ReadStore,
  range: readonly [string, string],
  from: string,
  to: string,
): Map<string, number> {
  const rows = views
    .prepare(
      `SELECT json_extract(details, '$.leadUnitName') AS unit, COUNT(*) AS n FROM flags
       WHERE type = 'JOINT_MEETING_MISSED' AND village_code >= ? AND village_code < ? AND occurred_at >= ? AND occurred_at < ?
       GROUP BY unit`,
    )
    .all(...range, from, to) as { unit: string; n: number }[];
  return new Map(rows.map((row) => [row.unit, row.n]));
}
