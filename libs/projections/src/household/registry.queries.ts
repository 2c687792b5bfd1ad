import { codesUnder } from '@bangfu/domain';
import type { ViewWriter } from '../projection';
import type { ReadStore } from '../store/read-store';
import type { CadreRow, HouseholdRow } from './registry.projection';

/** A range of division codes, low inclusive, high exclusive: a division and everything under it. */
export type CodeRange = readonly [string, string];

export type HouseholdWithCadre = HouseholdRow & { cadre_name: string | null };
export type CadreWithUnit = CadreRow & { unit_name: string | null };

/** A household on the register, with its responsible cadre's name. */
export function householdRow(views: ReadStore, householdId: string): HouseholdWithCadre | undefined {
  return views
    .prepare(`SELECT h.*, c.name AS cadre_name FROM households h LEFT JOIN cadres c ON c.cadre_id = h.cadre_id WHERE h.household_id = ?`)
    .get(householdId) as HouseholdWithCadre | undefined;
}

/** A division's households after a 户编号, in 户编号 order, a page at a time. */
export function householdsPage(views: ReadStore, regionPrefix: string, after: string, limit: number): HouseholdWithCadre[] {
  return views
    .prepare(
      `SELECT h.*, c.name AS cadre_name FROM households h LEFT JOIN cadres c ON c.cadre_id = h.cadre_id
       WHERE h.household_id >= ? AND h.household_id < ? AND h.household_id > ? ORDER BY h.household_id LIMIT ?`,
    )
    .all(...codesUnder(regionPrefix), after, limit) as HouseholdWithCadre[];
}

/** Every household the registry lists in a village, whatever its status, in 户编号 order. */
export function householdsRegisteredIn(views: ReadStore, villageCode: string): string[] {
  const rows = views.prepare(`SELECT household_id FROM households WHERE village_code = ? ORDER BY household_id`).all(villageCode) as {
    household_id: string;
  }[];
  return rows.map((row) => row.household_id);
}

/** The registered households or the villages in a range of divisions, as the registry lists them now: an inspection's population. */
export function registeredIn(views: ReadStore, kind: 'household' | 'village', range: CodeRange): string[] {
  const rows =
    kind === 'household'
      ? (views
          .prepare(
            `SELECT household_id AS id FROM households WHERE village_code >= ? AND village_code < ? AND status = 'registered' ORDER BY household_id`,
          )
          .all(...range) as { id: string }[])
      : (views.prepare(`SELECT code AS id FROM regions WHERE level = 'village' AND code >= ? AND code < ? ORDER BY code`).all(...range) as {
          id: string;
        }[]);
  return rows.map((row) => row.id);
}

/** A cadre's name, or undefined when the cadre is not registered. */
export function cadreName(views: ReadStore, cadreId: string): string | undefined {
  return (views.prepare('SELECT name FROM cadres WHERE cadre_id = ?').get(cadreId) as { name: string } | undefined)?.name;
}

/** A unit's name, or undefined when the unit is not registered. */
export function unitName(views: ReadStore, unitId: string): string | undefined {
  return (views.prepare('SELECT name FROM units WHERE unit_id = ?').get(unitId) as { name: string } | undefined)?.name;
}

/** A cadre with their unit's name. */
export function cadreRow(views: ReadStore, cadreId: string): CadreWithUnit | undefined {
  return views
    .prepare('SELECT c.*, u.name AS unit_name FROM cadres c LEFT JOIN units u ON u.unit_id = c.unit_id WHERE c.cadre_id = ?')
    .get(cadreId) as CadreWithUnit | undefined;
}

/**
 * Cadres of the divisions in `range` or of the divisions `above` it, of one unit when asked, recalled ones left out
 * unless asked for; paged by cadre id.
 */
export function cadresPage(
  views: ReadStore,
  { range, above, unit, active }: { range: CodeRange; above: string[]; unit?: string; active: boolean },
  after: string,
  limit: number,
): CadreWithUnit[] {
  return views
    .prepare(
      `SELECT c.*, u.name AS unit_name FROM cadres c LEFT JOIN units u ON u.unit_id = c.unit_id
       WHERE ((c.region_code >= ? AND c.region_code < ?) OR c.region_code IN (${above.map(() => '?').join(', ') || "''"}))
         AND (? IS NULL OR c.unit_id = ?) AND (? = 0 OR c.recalled_at IS NULL) AND c.cadre_id > ?
       ORDER BY c.cadre_id LIMIT ?`,
    )
    .all(...range, ...above, unit ?? null, unit ?? null, active ? 1 : 0, after, limit) as CadreWithUnit[];
}

export interface CadreMonthRow {
  month: string;
  visits: number;
  own_households: number;
  households: number;
  retracted: number;
}

/** What a cadre did, in the divisions of `range`: households held, visits month by month, and how late each was entered. */
export function cadreActivity(views: ReadStore, cadreId: string, range: CodeRange, month: string) {
  const held = views
    .prepare(`SELECT household_id FROM households WHERE cadre_id = ? AND status = 'registered' AND village_code >= ? AND village_code < ?`)
    .all(cadreId, ...range) as { household_id: string }[];
  const perMonth = views
    .prepare(
      `SELECT month, COUNT(*) AS visits, SUM(by_responsible) AS own_households, COUNT(DISTINCT household_id) AS households,
         SUM(retracted) AS retracted
       FROM visits WHERE cadre_id = ? AND village_code >= ? AND village_code < ? GROUP BY month ORDER BY month DESC LIMIT 24`,
    )
    .all(cadreId, ...range) as CadreMonthRow[];
  const visitedThisMonth = views
    .prepare(
      `SELECT COUNT(DISTINCT v.household_id) AS n FROM visits v JOIN households h ON h.household_id = v.household_id
       WHERE v.cadre_id = ? AND v.month = ? AND v.retracted = 0 AND v.by_responsible = 1 AND h.cadre_id = ?`,
    )
    .get(cadreId, month, cadreId) as { n: number };
  const lags = views
    .prepare(`SELECT lag_ms FROM visits WHERE cadre_id = ? AND retracted = 0 AND village_code >= ? AND village_code < ?`)
    .all(cadreId, ...range) as { lag_ms: number }[];
  return { held: held.length, perMonth, visitedThisMonth: visitedThisMonth.n, lagsMs: lags.map((row) => row.lag_ms) };
}

/** The register of a range of divisions in figures: households registered, of them exited, and the people still poor. */
export function registerTotals(views: ReadStore, range: CodeRange): { households: number; exited: number; poor_population: number } {
  return views
    .prepare(
      `SELECT COUNT(*) AS households, COALESCE(SUM(exited), 0) AS exited,
         COALESCE(SUM(CASE WHEN exited = 0 THEN population ELSE 0 END), 0) AS poor_population
       FROM households WHERE village_code >= ? AND village_code < ? AND status = 'registered'`,
    )
    .get(...range) as { households: number; exited: number; poor_population: number };
}

/**
 * Empties the register of households in a views writer: `bangfu simulate` keeps the register in memory, and once a
 * county's history is written its households are no longer read (the next county's are), so it lets them go.
 */
export function forgetHouseholds(registry: ViewWriter): void {
  registry.run('DELETE FROM {households}');
}
