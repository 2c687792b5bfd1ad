import { specFor } from '@bangfu/testing';
import { fundBalance, fundDecider, type FundCommand, type FundEvent, type Reallocation } from './fund.decider';

const spec = specFor(fundDecider);
const REGION = '222424104203';
const allocated: FundEvent = {
  type: 'FundAllocated',
  data: {
    fundId: 'f1',
    source: '省级财政专项扶贫资金',
    amountFen: 4_800_000,
    regionCode: REGION,
    purpose: '产业发展',
    documentNumber: '汪财农〔2019〕12号',
    allocatedOn: '2019-05-01',
  },
};
const disbursement = (disbursementId: string, amountFen: number) => ({
  fundId: 'f1',
  disbursementId,
  recipient: { kind: 'project' as const, id: 'p-nuanyufang' },
  amountFen,
  voucherNumber: `V-${disbursementId}`,
  disbursedAt: '2019-06-01T00:00:00.000Z',
});
const disburse = (disbursementId: string, amountFen: number): FundCommand => ({
  type: 'DisburseFund',
  data: disbursement(disbursementId, amountFen),
});
const disbursed = (disbursementId: string, amountFen: number, balanceFen: number): FundEvent => ({
  type: 'FundDisbursed',
  data: { ...disbursement(disbursementId, amountFen), regionCode: REGION, balanceFen },
});
const recovery = (amountFen: number) => ({
  fundId: 'f1',
  disbursementId: 'd1',
  amountFen,
  reason: '虚报冒领',
  recoveredAt: '2019-07-01T00:00:00.000Z',
});
const recover = (amountFen: number): FundCommand => ({ type: 'RecoverFunds', data: recovery(amountFen) });
const recovered = (amountFen: number, balanceFen: number): FundEvent => ({
  type: 'FundsRecovered',
  data: { ...recovery(amountFen), balanceFen },
});
const reallocation = (amountFen: number): Reallocation => ({
  fundId: 'f1',
  toFundId: 'f2',
  amountFen,
  documentNumber: '汪财农〔2019〕30号',
  reason: '项目结余调剂',
  reallocatedAt: '2019-08-01T00:00:00.000Z',
});
const reallocate = (amountFen: number): FundCommand => ({ type: 'ReallocateFund', data: reallocation(amountFen) });
const confirm: FundCommand = {
  type: 'ConfirmReceipt',
  data: { fundId: 'f1', disbursementId: 'd1', confirmedBy: '村会计', confirmedAt: '2019-06-02T00:00:00.000Z' },
};

describe('fund decider', () => {
  it('given an allocation, when all of it is disbursed, then the balance is zero', () => {
    spec
      .given([allocated])
      .when(disburse('d1', 4_800_000))
      .then([disbursed('d1', 4_800_000, 0)]);
  });

  it('given 8,000 元 left, when a fen more is disbursed, then it is refused', () => {
    spec
      .given([allocated, disbursed('d1', 4_000_000, 800_000)])
      .when(disburse('d2', 800_001))
      .then({ code: 'FUND_OVERDRAWN' });
  });

  it('given a disbursement, when more than it is recovered, then it is refused', () => {
    spec
      .given([allocated, disbursed('d1', 4_800_000, 0)])
      .when(recover(4_800_001))
      .then({ code: 'RECOVERY_EXCEEDS_DISBURSEMENT' });
  });

  it('given a recovery, the money is back in the balance and can be disbursed again', () => {
    spec
      .given([allocated, disbursed('d1', 4_800_000, 0)])
      .when(recover(100_000))
      .then([recovered(100_000, 100_000)]);
    spec
      .given([allocated, disbursed('d1', 4_800_000, 0), recovered(100_000, 100_000)])
      .when(disburse('d2', 100_000))
      .then([disbursed('d2', 100_000, 0)]);
  });

  it('given a balance, when part of it is moved to another fund (调剂), then the balance falls by it', () => {
    spec
      .given([allocated, disbursed('d1', 4_000_000, 800_000)])
      .when(reallocate(300_000))
      .then([{ type: 'FundReallocated', data: { ...reallocation(300_000), balanceFen: 500_000 } }]);
  });

  it('given a reallocation, what was moved can no longer be disbursed from this fund', () => {
    const moved: FundEvent = { type: 'FundReallocated', data: { ...reallocation(300_000), balanceFen: 500_000 } };
    spec
      .given([allocated, disbursed('d1', 4_000_000, 800_000), moved])
      .when(disburse('d2', 500_001))
      .then({ code: 'FUND_OVERDRAWN' });
  });

  it('refuses moving more than the balance, and a fund never allocated', () => {
    spec
      .given([allocated, disbursed('d1', 4_000_000, 800_000)])
      .when(reallocate(800_001))
      .then({ code: 'FUND_OVERDRAWN' });
    spec.given([]).when(reallocate(1)).then({ code: 'FUND_NOT_FOUND' });
  });

  it('refuses amounts that are not positive whole fen', () => {
    spec.given([allocated]).when(disburse('d1', 1.5)).then({ code: 'INVALID_AMOUNT' });
    spec.given([allocated]).when(disburse('d1', 0)).then({ code: 'INVALID_AMOUNT' });
  });

  it('confirms a receipt once, and only of a disbursement made', () => {
    spec
      .given([allocated, disbursed('d1', 1, 4_799_999), { type: 'ReceiptConfirmed', data: confirm.data }])
      .when(confirm)
      .then({ code: 'RECEIPT_ALREADY_CONFIRMED' });
    spec.given([allocated]).when(confirm).then({ code: 'DISBURSEMENT_NOT_FOUND' });
  });

  it('computes the balance as allocated − disbursed + recovered − reallocated, in one place', () => {
    expect(fundBalance({ allocatedFen: 4_800_000, disbursedFen: 4_000_000, recoveredFen: 100_000, reallocatedFen: 300_000 })).toBe(600_000);
  });
});
