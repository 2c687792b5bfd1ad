import { codesUnder, monthEnd, monthStart } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';
import type { TimelineRow } from './timeline.projection';
import type { OverdueRow } from './visits.projection';

/** A household's timeline after a position, a page at a time. */
export function timelinePage(views: ReadStore, householdId: string, after: number, limit: number): TimelineRow[] {
  return views
    .prepare('SELECT * FROM timeline WHERE household_id = ? AND position > ? ORDER BY position LIMIT ?')
    .all(householdId, after, limit) as TimelineRow[];
}

export interface VillageCoverageRow {
  village_code: string;
  village_name: string | null;
  households: number;
  visited: number;
}

/**
 * Coverage in a month, village by village: of the households on the register for the whole month, how many had a
 * visit by their responsible cadre (retracted visits do not count).
 */
export function visitCoverage(views: ReadStore, regionPrefix: string, month: string): VillageCoverageRow[] {
  return views
    .prepare(
      `SELECT h.village_code, r.name AS village_name, COUNT(*) AS households,
         SUM(EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.household_id AND v.month = ? AND v.retracted = 0
                      AND v.by_responsible = 1)) AS visited
       FROM households h LEFT JOIN regions r ON r.code = h.village_code
       WHERE h.village_code >= ? AND h.village_code < ? AND h.identified_at <= ? AND (h.removed_at IS NULL OR h.removed_at >= ?)
       GROUP BY h.village_code ORDER BY h.village_code`,
    )
    .all(month, ...codesUnder(regionPrefix), monthStart(month), monthEnd(month)) as VillageCoverageRow[];
}

export type OverdueVisitRow = OverdueRow & { head_name: string | null; cadre_name: string | null };

/** The months a household went unvisited in a division (only those not caught up, when `open`), newest first. */
export function overdueVisits(
  views: ReadStore,
  regionPrefix: string,
  { month, open, limit }: { month?: string; open: boolean; limit: number },
): OverdueVisitRow[] {
  return views
    .prepare(
      `SELECT o.*, h.head_name, c.name AS cadre_name FROM overdue_visits o
         LEFT JOIN households h ON h.household_id = o.household_id LEFT JOIN cadres c ON c.cadre_id = o.cadre_id
       WHERE o.village_code >= ? AND o.village_code < ? AND (? IS NULL OR o.month = ?) AND (? = 0 OR o.caught_up_at IS NULL)
       ORDER BY o.month DESC, o.household_id LIMIT ?`,
    )
    .all(...codesUnder(regionPrefix), month ?? null, month ?? null, open ? 1 : 0, limit) as OverdueVisitRow[];
}
