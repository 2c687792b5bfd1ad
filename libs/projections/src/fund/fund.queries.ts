import { codesUnder } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';
import type { DisbursementRow, FundRow } from './funds.projection';
import type { ProjectRow } from './projects.projection';

/** A fund by its id. */
export function fundRow(views: ReadStore, fundId: string): FundRow | undefined {
  return views.prepare('SELECT * FROM funds WHERE fund_id = ?').get(fundId) as FundRow | undefined;
}

/** A fund's disbursements after `(disbursedAt, disbursementId)`, in payment order, a page at a time; and how many it has. */
export function disbursementsPage(
  views: ReadStore,
  fundId: string,
  after: { at: string; id: string },
  limit: number,
): { page: DisbursementRow[]; count: number } {
  const page = views
    .prepare(
      `SELECT * FROM fund_disbursements WHERE fund_id = ? AND (disbursed_at, disbursement_id) > (?, ?)
       ORDER BY disbursed_at, disbursement_id LIMIT ?`,
    )
    .all(fundId, after.at, after.id, limit) as DisbursementRow[];
  const { count } = views.prepare('SELECT COUNT(*) AS count FROM fund_disbursements WHERE fund_id = ?').get(fundId) as { count: number };
  return { page, count };
}

export interface FundTotalsRow {
  key: string;
  funds: number;
  allocated: number;
  disbursed: number;
  recovered: number;
}

/** A division's funds summed by source or by purpose; money moved on to another fund (调剂) counts where it went, not twice. */
export function fundTotalsBy(views: ReadStore, regionPrefix: string, column: 'source' | 'purpose'): FundTotalsRow[] {
  return views
    .prepare(
      `SELECT ${column} AS key, SUM(allocated_fen - reallocated_fen) AS allocated, SUM(disbursed_fen) AS disbursed, SUM(recovered_fen) AS recovered,
         COUNT(*) AS funds
       FROM funds WHERE region_code >= ? AND region_code < ? GROUP BY ${column} ORDER BY ${column}`,
    )
    .all(...codesUnder(regionPrefix)) as FundTotalsRow[];
}

/** Of a division's integrated funds (整合涉农资金), what was allocated and how much of it for production (产业发展). */
export function integratedFunds(views: ReadStore, regionPrefix: string): { allocated: number | null; production: number | null } {
  return views
    .prepare(
      `SELECT SUM(allocated_fen - reallocated_fen) AS allocated,
         SUM(CASE WHEN purpose = '产业发展' THEN allocated_fen - reallocated_fen ELSE 0 END) AS production
       FROM funds WHERE region_code >= ? AND region_code < ? AND source = '整合涉农资金'`,
    )
    .get(...codesUnder(regionPrefix)) as { allocated: number | null; production: number | null };
}

export type FundListRow = Pick<
  FundRow,
  | 'fund_id'
  | 'source'
  | 'purpose'
  | 'region_code'
  | 'document_number'
  | 'allocated_on'
  | 'allocated_fen'
  | 'disbursed_fen'
  | 'recovered_fen'
  | 'reallocated_fen'
>;

/** A division's newest funds. */
export function newestFunds(views: ReadStore, regionPrefix: string, limit: number): FundListRow[] {
  return views
    .prepare(
      `SELECT fund_id, source, purpose, region_code, document_number, allocated_on, allocated_fen, disbursed_fen, recovered_fen,
         reallocated_fen FROM funds WHERE region_code >= ? AND region_code < ? ORDER BY allocated_on DESC, fund_id LIMIT ?`,
    )
    .all(...codesUnder(regionPrefix), limit) as FundListRow[];
}

export type HouseholdDisbursementRow = DisbursementRow & { source: string; purpose: string; document_number: string };

/** What a household was paid, fund by fund, in payment order. */
export function disbursementsToHousehold(views: ReadStore, householdId: string): HouseholdDisbursementRow[] {
  return views
    .prepare(
      `SELECT d.*, f.source, f.purpose, f.document_number FROM fund_disbursements d JOIN funds f ON f.fund_id = d.fund_id
       WHERE d.recipient_kind = 'household' AND d.recipient_id = ? ORDER BY d.disbursed_at`,
    )
    .all(householdId) as HouseholdDisbursementRow[];
}

/** The projects a household benefits from, with how (its link), in approval order. */
export function projectsBenefiting(
  views: ReadStore,
  householdId: string,
): { project_id: string; name: string; completed_on: string | null; link: string }[] {
  return views
    .prepare(
      `SELECT p.project_id, p.name, p.completed_on, b.link FROM project_beneficiaries b JOIN projects p ON p.project_id = b.project_id
       WHERE b.household_id = ? ORDER BY p.approved_on, p.project_id`,
    )
    .all(householdId) as { project_id: string; name: string; completed_on: string | null; link: string }[];
}

/** A project, its beneficiaries and what was disbursed to it. */
export function projectRecord(
  views: ReadStore,
  projectId: string,
): { project: ProjectRow; beneficiaries: { household_id: string; link: string }[]; disbursements: DisbursementRow[] } | undefined {
  const project = views.prepare('SELECT * FROM projects WHERE project_id = ?').get(projectId) as ProjectRow | undefined;
  if (!project) return undefined;
  const beneficiaries = views
    .prepare('SELECT household_id, link FROM project_beneficiaries WHERE project_id = ? ORDER BY household_id')
    .all(projectId) as { household_id: string; link: string }[];
  const disbursements = views
    .prepare(`SELECT * FROM fund_disbursements WHERE recipient_kind = 'project' AND recipient_id = ? ORDER BY disbursed_at`)
    .all(projectId) as DisbursementRow[];
  return { project, beneficiaries, disbursements };
}
