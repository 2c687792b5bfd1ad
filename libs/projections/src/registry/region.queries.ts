import type { ReadStore } from '../store/read-store';
import type { RegionRow } from './regions.projection';

/** A registered division by its code. */
export function regionRow(views: ReadStore, code: string): RegionRow | undefined {
  return views.prepare('SELECT * FROM regions WHERE code = ?').get(code) as RegionRow | undefined;
}

/** A division's name, or undefined when it is not registered. */
export function regionName(views: ReadStore, code: string): string | undefined {
  return regionRow(views, code)?.name;
}

/** The divisions in a range of codes, filtered by parent, level and a name fragment, in code order (at most 5,000). */
export function regionsIn(
  views: ReadStore,
  range: readonly [string, string],
  { parent, level, q }: { parent?: string; level?: string; q?: string },
): RegionRow[] {
  return views
    .prepare(
      `SELECT * FROM regions WHERE code >= ? AND code < ? AND (? IS NULL OR parent_code = ?) AND (? IS NULL OR level = ?)
         AND (? IS NULL OR instr(name, ?) > 0)
       ORDER BY code LIMIT 5000`,
    )
    .all(...range, parent ?? null, parent ?? null, level ?? null, level ?? null, q ?? null, q ?? null) as RegionRow[];
}
