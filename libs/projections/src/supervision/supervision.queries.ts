import { codesUnder } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';
import type { FindingRow } from './supervision.projection';

/** An inspection's row as stored: its draw, seed, sample and population digest. */
export type InspectionRow = Record<string, string | number>;

/** An inspection (a draw) by its id, with its findings in the order recorded. */
export function inspectionRecord(
  views: ReadStore,
  inspectionId: string,
): { inspection: InspectionRow; findings: FindingRow[] } | undefined {
  const inspection = views.prepare('SELECT * FROM inspections WHERE inspection_id = ?').get(inspectionId) as InspectionRow | undefined;
  if (!inspection) return undefined;
  const findings = views.prepare('SELECT * FROM findings WHERE inspection_id = ? ORDER BY recorded_at').all(inspectionId) as FindingRow[];
  return { inspection, findings };
}

export interface FindingHistoryRow {
  type: string;
  at: string;
  actor_id: string;
  data: string;
  event_id: string;
}

/**
 * A division's findings, newest first, each with its history (rectification ordered, reported, verified …); of one
 * inspection when asked, and of one status (`open`: every finding not closed).
 */
export function findingsIn(
  views: ReadStore,
  regionPrefix: string,
  { inspectionId, status, limit }: { inspectionId?: string; status?: string; limit: number },
): (FindingRow & { history: FindingHistoryRow[] })[] {
  const rows = views
    .prepare(
      `SELECT * FROM findings WHERE region_code >= ? AND region_code < ? AND (? IS NULL OR inspection_id = ?)
         AND (? IS NULL OR status = ? OR (? = 'open' AND status <> 'closed')) ORDER BY recorded_at DESC LIMIT ?`,
    )
    .all(
      ...codesUnder(regionPrefix),
      inspectionId ?? null,
      inspectionId ?? null,
      status ?? null,
      status ?? null,
      status ?? null,
      limit,
    ) as FindingRow[];
  const history = views.prepare('SELECT type, at, actor_id, data, event_id FROM finding_history WHERE finding_id = ? ORDER BY position');
  return rows.map((row) => ({ ...row, history: history.all(row.finding_id) as FindingHistoryRow[] }));
}

/** A division's draws, newest first, with how many findings each has and how many are still open; paged by `before`. */
export function inspectionsIn(
  views: ReadStore,
  regionPrefix: string,
  { before, limit }: { before?: string; limit: number },
): (InspectionRow & { findings: number; open_findings: number })[] {
  return views
    .prepare(
      `SELECT i.*, (SELECT COUNT(*) FROM findings f WHERE f.inspection_id = i.inspection_id) AS findings,
         (SELECT COUNT(*) FROM findings f WHERE f.inspection_id = i.inspection_id AND f.status <> 'closed') AS open_findings
       FROM inspections i WHERE i.region_code >= ? AND i.region_code < ? AND (? IS NULL OR i.drawn_at || i.inspection_id < ?)
       ORDER BY i.drawn_at DESC, i.inspection_id DESC LIMIT ?`,
    )
    .all(...codesUnder(regionPrefix), before ?? null, before ?? null, limit) as (InspectionRow & {
    findings: number;
    open_findings: number;
  })[];
}
