import { projectionSpec } from '@bangfu/testing';
import { fundTimeFlags } from './fund-time-flags';
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
  const idle = (now: number, idleDays = 90) =>
    fundTimeFlags(view.views, '222426', new Date(now), { idleDays, receiptDays: 30 }).filter((f) => f.type === 'FUND_IDLE');

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
