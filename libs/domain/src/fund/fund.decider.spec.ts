import { specFor } from '@bangfu/testing';
import { fundDecider, type FundCommand, type FundEvent } from './fund.decider';

const spec = specFor(fundDecider);
const allocated: FundEvent = {
  type: 'FundAllocated',
  data: {
    fundId: 'f1',
    source: '省级财政专项扶贫资金',
    amountFen: 4_800_000,
    regionCode: '222424104203',
    purpose: '产业发展',
    documentNumber: '汪财农〔2019〕12号',
    allocatedOn: '2019-05-01',
  },
};
const disburse = (disbursementId: string, amountFen: number): FundCommand => ({
  type: 'DisburseFund',
  data: {
    fundId: 'f1',
    disbursementId,
    recipient: { kind: 'project', id: 'p-nuanyufang' },
    amountFen,
    voucherNumber: `V-${disbursementId}`,
    disbursedAt: '2019-06-01T00:00:00.000Z',
  },
});
const disbursed = (disbursementId: string, amountFen: number, balanceFen: number): FundEvent => ({
  type: 'FundDisbursed',
  data: { ...(disburse(disbursementId, amountFen).data as object), regionCode: '222424104203', balanceFen } as never,
});

describe('fund decider', () => {
  it('disburses up to the allocation and refuses a fen more', () => {
    spec
      .given([allocated])
      .when(disburse('d1', 4_800_000))
      .then([disbursed('d1', 4_800_000, 0)]);
    spec
      .given([allocated, disbursed('d1', 4_000_000, 800_000)])
      .when(disburse('d2', 800_001))
      .then({ code: 'FUND_OVERDRAWN' });
  });
  it('puts recovered money back in the balance, never more than was disbursed', () => {
    const recover = (amountFen: number): FundCommand => ({
      type: 'RecoverFunds',
      data: { fundId: 'f1', disbursementId: 'd1', amountFen, reason: '虚报冒领', recoveredAt: '2019-07-01T00:00:00.000Z' },
    });
    spec
      .given([allocated, disbursed('d1', 4_800_000, 0)])
      .when(recover(4_800_001))
      .then({ code: 'RECOVERY_EXCEEDS_DISBURSEMENT' });
    spec
      .given([allocated, disbursed('d1', 4_800_000, 0)])
      .when(recover(100_000))
      .then([{ type: 'FundsRecovered', data: { ...(recover(100_000).data as object), balanceFen: 100_000 } as never }]);
    spec
      .given([
        allocated,
        disbursed('d1', 4_800_000, 0),
        { type: 'FundsRecovered', data: { ...(recover(100_000).data as object), balanceFen: 100_000 } as never },
      ])
      .when(disburse('d2', 100_000))
      .then([disbursed('d2', 100_000, 0)]);
  });
  it('refuses amounts that are not positive whole fen, and a second confirmation', () => {
    spec.given([allocated]).when(disburse('d1', 1.5)).then({ code: 'INVALID_AMOUNT' });
    spec.given([allocated]).when(disburse('d1', 0)).then({ code: 'INVALID_AMOUNT' });
    const confirm: FundCommand = {
      type: 'ConfirmReceipt',
      data: { fundId: 'f1', disbursementId: 'd1', confirmedBy: '村会计', confirmedAt: '2019-06-02T00:00:00.000Z' },
    };
    spec
      .given([allocated, disbursed('d1', 1, 4_799_999), { type: 'ReceiptConfirmed', data: confirm.data }])
      .when(confirm)
      .then({ code: 'RECEIPT_ALREADY_CONFIRMED' });
    spec.given([allocated]).when(confirm).then({ code: 'DISBURSEMENT_NOT_FOUND' });
  });
});
