import { codesUnder } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';

/** A case's row as stored: what it is against, its grounds and parties (JSON), when it was opened. */
export type CaseRow = Record<string, string>;

/** A division's 问责 cases, newest first, each with how many decisions it has. */
export function casesIn(views: ReadStore, regionPrefix: string, limit: number): (CaseRow & { decided: number })[] {
  return views
    .prepare(
      `SELECT c.*, (SELECT COUNT(*) FROM case_decisions d WHERE d.case_id = c.case_id) AS decided FROM cases c
        WHERE region_code >= ? AND region_code < ? ORDER BY opened_at DESC, case_id LIMIT ?`,
    )
    .all(...codesUnder(regionPrefix), limit) as (CaseRow & { decided: number })[];
}

/** A case by its id, with its decisions in the order taken. */
export function caseRecord(views: ReadStore, caseId: string): { case: CaseRow; decisions: CaseRow[] } | undefined {
  const row = views.prepare('SELECT * FROM cases WHERE case_id = ?').get(caseId) as CaseRow | undefined;
  if (!row) return undefined;
  return {
    case: row,
    decisions: views.prepare('SELECT * FROM case_decisions WHERE case_id = ? ORDER BY decided_at').all(caseId) as CaseRow[],
  };
}
