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

const MATCHES = `f.village_code >= ? AND f.village_code < ? AND (? IS NULL OR f.type = ?)
  AND (? IS NULL OR f.occurred_at >= ?) AND (? IS NULL OR f.occurred_at < ?) AND (? IS NULL OR json_extract(f.details, '$.fundId') = ?)`;
const matchArgs = (range: readonly [string, string], { type, from, to, fund }: FlagFilters) => [
  ...range,
  type ?? null,
  type ?? null,
  from ?? null,
  from ?? null,
  to ?? null,
  to ?? null,
  fund ?? null,
  fund ?? null,
];

/** A division's flags in one of this library's tables, with their handling, newest first. */
export function reviewedFlags(
  views: ReadStore,
  table: OwnFlagTable,
  range: readonly [string, string],
  filters: FlagFilters,
  limit: number,
): ReviewedFlagRow[] {
  const status = filters.status ?? null;
  return views
    .prepare(
      `SELECT f.*, COALESCE(r.status, 'open') AS status, r.history AS review FROM ${table} f LEFT JOIN flag_reviews r ON r.flag_id = f.flag_id
       WHERE ${MATCHES} AND (? IS NULL OR COALESCE(r.status, 'open') = ?)
       ORDER BY f.occurred_at DESC, f.flag_id LIMIT ?`,
    )
    .all(...matchArgs(range, filters), status, status, limit) as ReviewedFlagRow[];
}

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

/**
 * Rows of a flag table kept by another library in the shared flag columns (`flagTableSql`), filtered like the inbox
 * but for the status (which is handling, kept here: join it with `withReviews`). The owner names its own table.
 */
export function flagsOfTable(views: ReadStore, table: string, range: readonly [string, string], filters: FlagFilters): FlagRow[] {
  return views
    .prepare(`SELECT f.* FROM ${table} f WHERE ${MATCHES} ORDER BY f.occurred_at DESC, f.flag_id`)
    .all(...matchArgs(range, filters)) as FlagRow[];
}

/** Flags raised elsewhere (another library's table, or judged when asked), each with its handling. */
export function withReviews(views: ReadStore, flags: readonly Omit<FlagRow, 'position'>[]): ReviewedFlagRow[] {
  const reviews = views.prepare('SELECT status, history FROM flag_reviews WHERE flag_id = ?');
  return flags.map((flag) => {
    const review = reviews.get(flag.flag_id) as { status: string; history: string } | undefined;
    return { ...flag, status: review?.status ?? 'open', review: review?.history ?? null };
  });
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
