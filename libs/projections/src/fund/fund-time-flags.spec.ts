import { codesUnder } from '@bangfu/domain';
import { projectionSpec } from '@bangfu/testing';
import { fundTimeFlag, fundTimeFlags } from './fund-time-flags';
import { fundsProjection } from './funds.projection';
import { projectsProjection } from './projects.projection';

const DAY = 86_400_000;
const ALLOCATED = Date.parse('2026-01-05T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const allocate = (fundId: string) => ({
  type: 'FundAllocated',
  occurredAt: iso(ALLOCATED),
  data: {
    fundId,
    source: '省级财政专项扶贫资金',
    amountFen: 4_800_000,
    regionCode: '222426103201',
    purpose: '产业发展',
    documentNumber: '安财农〔2026〕1号',
    allocatedOn: '2026-01-05',
  },
});
const disburse = (fundId: string, amountFen: number, at: number) => ({
  type: 'FundDisbursed',
  occurredAt: iso(at),
  data: {
    fundId,
    disbursementId: `${fundId}-d`,
    recipient: { kind: 'project', id: 'p1' },
    amountFen,
    voucherNumber: `V-${fundId}`,
    disbursedAt: iso(at),
    regionCode: '222426103201',
    balanceFen: 4_800_000 - amountFen,
  },
});

describe('time flags: FUND_IDLE after the idle days of the balance’s last movement', () => {
  let view: ReturnType<typeof projectionSpec>;
  beforeEach(() => (view = projectionSpec([fundsProjection, projectsProjection])));
  afterEach(() => view.close());
  const idle = (now: number, idleDays = 90) => [
    ...fundTimeFlags(view.views, 'FUND_IDLE', codesUnder('222426'), new Date(now), { idleDays, receiptDays: 30 }),
  ];

  it('given a balance untouched since allocation, it is not idle at 89 days and idle at 91, dated when it became idle', () => {
    view.given(allocate('f1'));
    expect(idle(ALLOCATED + 89 * DAY)).toEqual([]);
    expect(idle(ALLOCATED + 91 * DAY)).toMatchObject([{ flag_id: 'FUND_IDLE:f1', occurred_at: iso(ALLOCATED + 90 * DAY) }]);
  });

  it('given a disbursement, the idle days count from it', () => {
    view.given(allocate('f1'), disburse('f1', 1_000_000, ALLOCATED + 30 * DAY));
    expect(idle(ALLOCATED + 100 * DAY)).toEqual([]);
    expect(idle(ALLOCATED + 121 * DAY)).toHaveLength(1);
  });

  it('given the whole allocation disbursed, nothing lies idle however long ago', () => {
    view.given(allocate('f1'), disburse('f1', 4_800_000, ALLOCATED + DAY));
    expect(idle(ALLOCATED + 400 * DAY)).toEqual([]);
  });

  it('judges by the idle days it is given (a county’s own threshold)', () => {
    view.given(allocate('f1'));
    expect(idle(ALLOCATED + 40 * DAY, 30)).toHaveLength(1);
  });
});

describe('time flags: UNCONFIRMED_DISBURSEMENT after the receipt days of a payment', () => {
  let view: ReturnType<typeof projectionSpec>;
  beforeEach(() => (view = projectionSpec([fundsProjection, projectsProjection])));
  afterEach(() => view.close());
  const unconfirmed = (now: number, options: { before?: string; fund?: string } = {}) => [
    ...fundTimeFlags(
      view.views,
      'UNCONFIRMED_DISBURSEMENT',
      codesUnder('222426'),
      new Date(now),
      { idleDays: 90, receiptDays: 30 },
      options,
    ),
  ];

  it('given payments from two funds, lists them newest first, one fund’s alone, and bounded by the inbox’s `to`', () => {
    view.given(allocate('f1'), allocate('f2'), disburse('f1', 1_000, ALLOCATED + DAY), disburse('f2', 2_000, ALLOCATED + 3 * DAY));
    const now = ALLOCATED + 60 * DAY;
    expect(unconfirmed(now).map((f) => f.flag_id)).toEqual(['UNCONFIRMED_DISBURSEMENT:f2:f2-d', 'UNCONFIRMED_DISBURSEMENT:f1:f1-d']);
    expect(unconfirmed(now, { fund: 'f1' }).map((f) => f.flag_id)).toEqual(['UNCONFIRMED_DISBURSEMENT:f1:f1-d']);
    expect(unconfirmed(now, { before: iso(ALLOCATED + 32 * DAY) }).map((f) => f.flag_id)).toEqual(['UNCONFIRMED_DISBURSEMENT:f1:f1-d']);
    expect(unconfirmed(ALLOCATED + 30 * DAY)).toEqual([]);
  });

  it('given a flag’s id, finds it while it is raised and not once the receipt is confirmed', () => {
    view.given(allocate('f1'), disburse('f1', 1_000, ALLOCATED + DAY));
    const now = new Date(ALLOCATED + 60 * DAY);
    const thresholds = { idleDays: 90, receiptDays: 30 };
    expect(fundTimeFlag(view.views, 'UNCONFIRMED_DISBURSEMENT:f1:f1-d', now, thresholds)).toMatchObject({
      occurred_at: iso(ALLOCATED + 31 * DAY),
    });
    view.given({
      type: 'ReceiptConfirmed',
      occurredAt: iso(ALLOCATED + 40 * DAY),
      data: { fundId: 'f1', disbursementId: 'f1-d', confirmedAt: iso(ALLOCATED + 40 * DAY), confirmedBy: 'h1', regionCode: '222426103201' },
    });
    expect(fundTimeFlag(view.views, 'UNCONFIRMED_DISBURSEMENT:f1:f1-d', now, thresholds)).toBeUndefined();
  });
});
