import { specFor } from '@bangfu/testing';
import {
  DEFAULT_EXIT_STANDARD,
  NATIONAL_ASSESSMENT_THRESHOLDS,
  exitStandardDecider,
  standardInForce,
  storedStandard,
  type ExitStandardCommand,
} from './exit-standard.decider';

const spec = specFor(exitStandardDecider);
const terms = {
  incomeLineFen: 420_000,
  incidenceLimitBp: 300,
  villageChecklist: [{ key: 'road', title: '有硬化路' }],
  ...NATIONAL_ASSESSMENT_THRESHOLDS,
};
const adopt = (effectiveFrom: string, extra: Partial<typeof terms> = {}): ExitStandardCommand => ({
  type: 'AdoptExitStandard',
  data: { ...terms, ...extra, regionCode: '220000', effectiveFrom, reason: '省定退出标准' },
});
const adopted = (version: number, effectiveFrom: string) => ({
  type: 'ExitStandardAdopted' as const,
  data: { ...terms, regionCode: '220000', effectiveFrom, reason: '省定退出标准', version },
});

describe('exit standard decider', () => {
  it('given no standard, when a province adopts one from today, then it is version 1', () => {
    spec
      .given([])
      .when(adopt('2026-01-15'))
      .then([adopted(1, '2026-01-15')]);
  });

  it('refuses a standard from a day that has begun', () => {
    spec.given([]).when(adopt('2026-01-01')).then({ code: 'STANDARD_RETROACTIVE' });
  });

  it('refuses a checklist with a key twice', () => {
    const twice = [
      { key: 'road', title: '有硬化路' },
      { key: 'road', title: '有通村路' },
    ];
    spec
      .given([])
      .when(adopt('2026-02-01', { villageChecklist: twice }))
      .then({ code: 'INVALID_STANDARD' });
  });

  it('given a version adopted before the 摘帽 thresholds were part of it, then it reads as the national thresholds', () => {
    const { wrongExitLimitBp: _w, missedLimitBp: _m, approvalMinimumBp: _a, ...older } = adopted(1, '2026-01-15').data;
    expect(storedStandard(older)).toMatchObject({ ...NATIONAL_ASSESSMENT_THRESHOLDS, incidenceLimitBp: 300, version: 1 });
  });

  it('applies the province’s version from its Shanghai date on, and the national standard before', () => {
    const byRegion = new Map([['220000', [adopted(1, '2026-03-01').data]]]);
    expect(standardInForce(byRegion, '222426103201', '2026-02-28')).toBe(DEFAULT_EXIT_STANDARD);
    expect(standardInForce(byRegion, '222426103201', '2026-03-01')).toMatchObject({ version: 1, incomeLineFen: 420_000 });
  });
});
