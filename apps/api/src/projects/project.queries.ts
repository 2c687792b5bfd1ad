import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { projectRecord, ReadStore } from '@bangfu/projections';
import { assertVisible } from '@bangfu/application';
import { ProblemException } from '../http/problem';

export class GetProject {
  constructor(
    readonly actor: Actor,
    readonly projectId: string,
  ) {}
}

/** A project with its beneficiaries and every fund disbursed to it. */
@QueryHandler(GetProject)
export class GetProjectHandler implements IQueryHandler<GetProject> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, projectId }: GetProject) {
    const record = projectRecord(this.views, projectId);
    const notFound = () => new ProblemException(404, 'PROJECT_NOT_FOUND', `project ${projectId} was never approved`);
    if (!record) throw notFound();
    const { project: row, beneficiaries, disbursements: funds } = record;
    assertVisible(actor, row.region_code, notFound, true);
    return {
      projectId,
      name: row.name,
      regionCode: row.region_code,
      leadUnitId: row.lead_unit_id,
      budgetFen: row.budget_fen,
      dueOn: row.due_on,
      approvedOn: row.approved_on,
      milestones: JSON.parse(row.milestones),
      completedOn: row.completed_on,
      acceptance: row.acceptance ? JSON.parse(row.acceptance) : null,
      notice: row.notice ? JSON.parse(row.notice) : null,
      beneficiaries: beneficiaries.map((b) => ({ householdId: b.household_id, link: b.link })),
      fundsReceivedFen: funds.reduce((sum, d) => sum + d.amount_fen - d.recovered_fen, 0),
      disbursements: funds.map((d) => ({
        fundId: d.fund_id,
        disbursementId: d.disbursement_id,
        amountFen: d.amount_fen,
        voucherNumber: d.voucher_number,
      })),
    };
  }
}
