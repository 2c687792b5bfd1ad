import { fundRowBalance } from '@bangfu/domain';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { disbursementsToHousehold, fundTotalsBy, integratedFunds, newestFunds, projectsBenefiting, ReadStore } from '@bangfu/projections';

export class GetRegionFunds {
  constructor(readonly regionPrefix: string) {}
}

export class GetHouseholdBenefits {
  constructor(readonly householdId: string) {}
}

interface Totals {
  allocated: number;
  disbursed: number;
  recovered: number;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The newest funds listed beside the totals (each one's trace is its own page). */
const FUND_LIST_LIMIT = 200;

/** Seed 001: of the integrated funds, "用于农业生产发展的资金比例不低于60%" — the floor the share is read against. */
const PRODUCTION_TARGETS = { productionOfIntegrated: 0.6 } as const;

/**
 * A division's funds by source and by purpose, and the shares the county rules set targets for: the share of
 * all allocations for production (产业发展), and of integrated funds (整合涉农资金) for production (≥ 60% in seed 001).
 */
@QueryHandler(GetRegionFunds)
export class GetRegionFundsHandler implements IQueryHandler<GetRegionFunds> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix }: GetRegionFunds) {
    const group = (column: 'source' | 'purpose') =>
      fundTotalsBy(this.views, regionPrefix, column).map(({ key, funds, ...totals }) => ({ key, funds, ...fen(totals) }));
    const bySource = group('source').map(({ key, ...row }) => ({ source: key, ...row }));
    const byPurpose = group('purpose').map(({ key, ...row }) => ({ purpose: key, ...row }));
    const integrated = integratedFunds(this.views, regionPrefix);
    const funds = newestFunds(this.views, regionPrefix, FUND_LIST_LIMIT);
    const total = bySource.reduce((sum, row) => sum + row.allocatedFen, 0);
    const production = byPurpose.find((row) => row.purpose === '产业发展')?.allocatedFen ?? 0;
    return {
      totals: fen({
        allocated: total,
        disbursed: bySource.reduce((sum, row) => sum + row.disbursedFen, 0),
        recovered: bySource.reduce((sum, row) => sum + row.recoveredFen, 0),
      }),
      bySource,
      byPurpose,
      shares: {
        productionOfAll: share(production, total),
        productionOfIntegrated: share(integrated.production ?? 0, integrated.allocated ?? 0),
      },
      targets: PRODUCTION_TARGETS,
      funds: funds.map((f) => ({
        fundId: f.fund_id,
        source: f.source,
        purpose: f.purpose,
        regionCode: f.region_code,
        documentNumber: f.document_number,
        allocatedOn: f.allocated_on,
        allocatedFen: f.allocated_fen,
        disbursedFen: f.disbursed_fen,
        balanceFen: fundRowBalance(f),
      })),
    };
  }
}

function fen({ allocated, disbursed, recovered }: Totals) {
  return { allocatedFen: allocated, disbursedFen: disbursed, recoveredFen: recovered, balanceFen: allocated - disbursed + recovered };
}

/** Every disbursement a household received, with its fund's source and document and its receipt. */
@QueryHandler(GetHouseholdBenefits)
export class GetHouseholdBenefitsHandler implements IQueryHandler<GetHouseholdBenefits> {
  constructor(private readonly views: ReadStore) {}

  async execute({ householdId }: GetHouseholdBenefits) {
    const rows = disbursementsToHousehold(this.views, householdId);
    const projects = projectsBenefiting(this.views, householdId);
    return {
      householdId,
      projects: projects.map((p) => ({ projectId: p.project_id, name: p.name, link: p.link, completedOn: p.completed_on })),
      receivedFen: rows.reduce((sum, row) => sum + row.amount_fen - row.recovered_fen, 0),
      disbursements: rows.map((row) => ({
        fundId: row.fund_id,
        disbursementId: row.disbursement_id,
        source: row.source,
        purpose: row.purpose,
        documentNumber: row.document_number,
        amountFen: row.amount_fen,
        recoveredFen: row.recovered_fen,
        voucherNumber: row.voucher_number,
        disbursedAt: row.disbursed_at,
        receipt: row.confirmed_at ? { confirmedAt: row.confirmed_at, confirmedBy: row.confirmed_by } : null,
      })),
    };
  }
}
