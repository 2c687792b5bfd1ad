import { specFor } from '@bangfu/testing';
import {
  DEFAULT_VISIT_TERMS,
  policyInForce,
  visitPolicyDecider,
  type VisitPolicyCommand,
  type VisitPolicyVersion,
} from './visit-policy.decider';

const spec = specFor(visitPolicyDecider);
// The spec's clock: 15 January 2026 in Shanghai.
const adopt = (effectiveFrom: string, terms: Partial<typeof DEFAULT_VISIT_TERMS> = {}): VisitPolicyCommand => ({
  type: 'AdoptVisitPolicy',
  data: { ...DEFAULT_VISIT_TERMS, ...terms, regionCode: '222426', effectiveFrom, reason: '县定走访制度' },
});
const adopted = (version: number, effectiveFrom: string, terms: Partial<typeof DEFAULT_VISIT_TERMS> = {}) => ({
  type: 'VisitPolicyAdopted' as const,
  data: { ...DEFAULT_VISIT_TERMS, ...terms, regionCode: '222426', effectiveFrom, reason: '县定走访制度', version },
});

describe('visit policy decider', () => {
  it('given no policy, when a county adopts one from today, then it is version 1', () => {
    spec
      .given([])
      .when(adopt('2026-01-15', { visitsPerMonth: 2 }))
      .then([adopted(1, '2026-01-15', { visitsPerMonth: 2 })]);
  });

  it('given version 1, when a later one is adopted, then it is version 2', () => {
    spec
      .given([adopted(1, '2026-01-15')])
      .when(adopt('2026-03-01'))
      .then([adopted(2, '2026-03-01')]);
  });

  it('refuses a version from a day that has begun: what past months were judged against is never rewritten', () => {
    spec.given([]).when(adopt('2026-01-14')).then({ code: 'POLICY_RETROACTIVE' });
  });

  it('refuses a version that starts before the one in force', () => {
    spec
      .given([adopted(1, '2026-03-01')])
      .when(adopt('2026-02-01'))
      .then({ code: 'POLICY_RETROACTIVE' });
  });

  it('refuses an escalation before the reminder, and a date that is not one', () => {
    spec
      .given([])
      .when(adopt('2026-02-01', { reminderDays: 10, escalationDays: 3 }))
      .then({ code: 'INVALID_POLICY' });
    spec.given([]).when(adopt('2026-02-30')).then({ code: 'INVALID_POLICY' });
  });

  it('applies the most specific division’s version in force on a Shanghai date, else the default', () => {
    const county: VisitPolicyVersion = { ...adopted(1, '2026-03-01', { visitsPerMonth: 2 }).data };
    const byRegion = new Map([['222426', [county]]]);
    expect(policyInForce(byRegion, '222426103201', '2026-02-28').version).toBe(0);
    expect(policyInForce(byRegion, '222426103201', '2026-03-01')).toMatchObject({ regionCode: '222426', visitsPerMonth: 2 });
    expect(policyInForce(byRegion, '222427100201', '2026-03-01').regionCode).toBe('000000');
  });
});
