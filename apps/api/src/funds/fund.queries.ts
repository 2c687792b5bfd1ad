import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { fundRowBalance, type Actor } from '@bangfu/domain';
import { disbursementsPage, fundRow, ReadStore } from '@bangfu/projections';
import { assertVisible } from '@bangfu/application';
import { ProblemException } from '../http/problem';

export class GetFundTrace {
  constructor(
    readonly actor: Actor,
    readonly fundId: string,
    readonly now: Date,
    /** `disbursedAt|disbursementId` of the last disbursement of the previous page. */
    readonly after: string | null = null,
    readonly limit = 200,
  ) {}
}

const DAY = 86_400_000;

/** Allocation → each disbursement → its receipt or recovery, with the balance and how long money has lain idle. */
@QueryHandler(GetFundTrace)
export class GetFundTraceHandler implements IQueryHandler<GetFundTrace> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, fundId, now, after, limit }: GetFundTrace) {
    const fund = fundRow(this.views, fundId);
    const notFound = () => new ProblemException(404, 'FUND_NOT_FOUND', `fund ${fundId} was never allocated`);
    if (!fund) throw notFound();
    assertVisible(actor, fund.region_code, notFound, true);
    // A county fund pays thousands of households: its disbursements come a page at a time, by index.
    const [afterAt, afterId] = after ? [after.slice(0, after.indexOf('|')), after.slice(after.indexOf('|') + 1)] : ['', ''];
    const { page: disbursements, count } = disbursementsPage(this.views, fundId, { at: afterAt, id: afterId }, limit);
    const last = disbursements.at(-1);
    const balanceFen = fundRowBalance(fund);
    return {
      fundId,
      source: fund.source,
      purpose: fund.purpose,
      regionCode: fund.region_code,
      documentNumber: fund.document_number,
      allocatedOn: fund.allocated_on,
      allocatedFen: fund.allocated_fen,
      disbursedFen: fund.disbursed_fen,
      recoveredFen: fund.recovered_fen,
      reallocatedFen: fund.reallocated_fen,
      reallocatedFrom: fund.reallocated_from,
      reallocations: JSON.parse(fund.reallocations),
      balanceFen,
      daysIdle: balanceFen > 0 ? Math.floor((now.getTime() - Date.parse(fund.last_movement_at)) / DAY) : 0,
      disbursements: disbursements.map((d) => ({
        disbursementId: d.disbursement_id,
        recipient: { kind: d.recipient_kind, id: d.recipient_id },
        amountFen: d.amount_fen,
        voucherNumber: d.voucher_number,
        disbursedAt: d.disbursed_at,
        receipt: d.confirmed_at ? { confirmedAt: d.confirmed_at, confirmedBy: d.confirmed_by } : null,
        recoveredFen: d.recovered_fen,
        recoveries: JSON.parse(d.recoveries),
        eventId: d.event_id,
      })),
      disbursementCount: count,
      next: disbursements.length === limit && last ? `${last.disbursed_at}|${last.disbursement_id}` : null,
    };
  }
}
