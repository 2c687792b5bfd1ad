import { cadreList, cadreRates, cadreScore, ranked, villageList, villageScore } from './ranking-formulas';

const record = (overrides: Partial<Parameters<typeof cadreRates>[1]> = {}) => ({
  cadreId: 'c1',
  name: '禹露',
  visits: 10,
  backfilled: 0,
  handovers: 0,
  handoversMissed: 0,
  measuresDue: 0,
  measuresOnTime: 0,
  findings: 0,
  ...overrides,
});
const standing = (overrides: Record<string, number> = {}) => ({
  code: '222426103201',
  name: '德化村',
  households: 29,
  exited: 3,
  poorPopulation: 60,
  openFindings: 0,
  measuresOverdue: 0,
  teamReportsMissed: 0,
  ...overrides,
});

describe('the cadre and village ranking formulas', () => {
  it('given every visit owed made and nothing else to measure, a cadre scores 100 on the red list', () => {
    const duty = { owed: 12, missed: 0 };
    const rates = cadreRates(duty, record());
    expect([cadreScore(rates, 0), cadreList(cadreScore(rates, 0), rates, duty, 0)]).toEqual([100, '红榜']);
  });

  it('weighs only the rates there is something to measure: a missed handover and a late measure pull the score down', () => {
    const duty = { owed: 10, missed: 1 };
    const rates = cadreRates(
      duty,
      record({ visits: 10, backfilled: 2, handovers: 2, handoversMissed: 1, measuresDue: 2, measuresOnTime: 1 }),
    );
    expect(rates).toEqual({ coverage: 0.9, backfillRate: 0.2, handoverRate: 0.5, measureRate: 0.5 });
    // 100 × (40 × 0.9 + 20 × 0.8 + 20 × 0.5 + 20 × 0.5) ÷ 100 = 72; less 5 for a finding = 67 → 黑榜
    expect(cadreScore(rates, 1)).toBe(67);
    expect(cadreList(67, rates, duty, 1)).toBe('黑榜');
  });

  it('puts a cadre whose coverage is under 90% on the black list whatever the score, and ranks none owed nothing', () => {
    const duty = { owed: 10, missed: 2 };
    const rates = cadreRates(duty, record({ handovers: 1, measuresDue: 1, measuresOnTime: 1 }));
    expect(cadreList(cadreScore(rates, 0), rates, duty, 0)).toBe('黑榜');
    expect(cadreScore(cadreRates({ owed: 0, missed: 0 }, record()), 0)).toBeNull();
  });

  it('scores a village by coverage less its open findings and overdue measures', () => {
    expect(villageScore({ owed: 100, missed: 2 }, standing())).toBe(98);
    expect(villageList(98, standing())).toBe('红榜');
    expect(villageScore({ owed: 100, missed: 2 }, standing({ openFindings: 1, measuresOverdue: 1 }))).toBe(83);
    // A month's work-team report missed costs 10, and keeps the village off the red list.
    expect(villageScore({ owed: 100, missed: 0 }, standing({ teamReportsMissed: 1 }))).toBe(90);
    expect(villageList(96, standing({ teamReportsMissed: 1 }))).toBeNull();
    expect(villageList(75, standing())).toBe('黑榜');
    expect(villageScore({ owed: 0, missed: 0 }, standing())).toBeNull();
  });

  it('ranks by score, ties by name, the unscored last and unranked', () => {
    expect(
      ranked([
        { name: '乙', score: 90 },
        { name: '甲', score: null },
        { name: '丙', score: 95 },
        { name: '丁', score: 90 },
      ]),
    ).toEqual([
      { name: '丙', score: 95, rank: 1 },
      { name: '丁', score: 90, rank: 2 },
      { name: '乙', score: 90, rank: 3 },
      { name: '甲', score: null, rank: null },
    ]);
  });
});
