import type { ReadStore } from '../store/read-store';
import type { ResponsibilityRow } from './responsibility.projection';

// Rows as the record stood at knownAt: written by then and not yet superseded.
const AS_KNOWN = 'r.recorded_from <= ? AND (r.recorded_to IS NULL OR r.recorded_to > ?)';
const COVERS = 'r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to > ?)';

export type ResponsibilityPeriodRow = ResponsibilityRow & { cadre_name: string | null };

/** A household's responsibility periods as the record stood at `knownAt`, in business-time order. */
export function responsibilityPeriods(views: ReadStore, householdId: string, knownAt: string): ResponsibilityPeriodRow[] {
  return views
    .prepare(
      `SELECT r.*, c.name AS cadre_name FROM responsibility r LEFT JOIN cadres c ON c.cadre_id = r.cadre_id
       WHERE r.household_id = ? AND ${AS_KNOWN} ORDER BY r.valid_from`,
    )
    .all(householdId, knownAt, knownAt) as ResponsibilityPeriodRow[];
}

/** A household a cadre is responsible for, and where it stands with them: the page a cadre works from. */
export interface HeldHouseholdRow extends ResponsibilityRow {
  head_name: string | null;
  visits_this_month: number;
  last_visit_this_month: string | null;
  /** Whether the cadre has made the 对接 visit since the period began. */
  connected: boolean;
  open_overdue_months: number;
}

/**
 * The households a cadre held at `at` as the record stood at `knownAt`, in the villages of `range`, each with the
 * cadre's visits in `month`, whether the 对接 visit was made and the overdue months not caught up.
 */
export function householdsHeldAt(
  views: ReadStore,
  { cadreId, at, knownAt, month, range }: { cadreId: string; at: string; knownAt: string; month: string; range: readonly [string, string] },
): HeldHouseholdRow[] {
  const rows = views
    .prepare(
      `SELECT r.*, h.head_name FROM responsibility r LEFT JOIN households h ON h.household_id = r.household_id
       WHERE r.cadre_id = ? AND ${COVERS} AND ${AS_KNOWN} AND r.village_code >= ? AND r.village_code < ? ORDER BY r.household_id`,
    )
    .all(cadreId, at, at, knownAt, knownAt, ...range) as (ResponsibilityRow & { head_name: string | null })[];
  const visits = views.prepare(
    `SELECT COUNT(*) AS n, MAX(occurred_at) AS last FROM visits
     WHERE household_id = ? AND cadre_id = ? AND month = ? AND retracted = 0`,
  );
  const connected = views.prepare(
    `SELECT 1 FROM visits WHERE household_id = ? AND cadre_id = ? AND kind = '对接' AND occurred_at >= ? AND retracted = 0`,
  );
  const overdue = views.prepare(
    `SELECT COUNT(*) AS n FROM overdue_visits WHERE household_id = ? AND cadre_id = ? AND caught_up_at IS NULL`,
  );
  return rows.map((row) => {
    const seen = visits.get(row.household_id, cadreId, month) as { n: number; last: string | null };
    return {
      ...row,
      visits_this_month: seen.n,
      last_visit_this_month: seen.last,
      connected: connected.get(row.household_id, cadreId, row.valid_from) !== undefined,
      open_overdue_months: (overdue.get(row.household_id, cadreId) as { n: number }).n,
    };
  });
}

/** The period in which, as the record stands now, a cadre held a household at an instant; undefined when they did not. */
export function heldAt(
  views: ReadStore,
  { householdId, cadreId, at }: { householdId: string; cadreId: string; at: string },
): Pick<ResponsibilityRow, 'valid_from' | 'recorded_from'> | undefined {
  return views
    .prepare(
      `SELECT r.valid_from, r.recorded_from FROM responsibility r
       WHERE r.household_id = ? AND r.cadre_id = ? AND r.recorded_to IS NULL AND r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to > ?)
       LIMIT 1`,
    )
    .get(householdId, cadreId, at, at) as Pick<ResponsibilityRow, 'valid_from' | 'recorded_from'> | undefined;
}
