import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { nextVersion, regionsAbove, versionInForce } from '../shared/dated-versions';

/** What a visit policy sets. Each number is on the record with its version, so a judgment can be traced to it. */
export interface VisitPolicyTermsInput {
  /** 每月走访不少于 N 次, by the responsible cadre, per Shanghai calendar month. */
  visitsPerMonth: number;
  /** A new responsible cadre owes a 对接 visit within this many days. */
  handoverDays: number;
  /** Days after an overdue month-end before the cadre is reminded. */
  reminderDays: number;
  /** Days after an overdue month-end before it is escalated to the township. */
  escalationDays: number;
  /** A visit recorded more than this many days after it occurred is flagged as backfilled (补录). */
  backfillDays: number;
  /** One cadre's visits in two villages closer than this are flagged as simultaneous. */
  simultaneousMinutes: number;
  /**
   * 驻村定期报告: a village's work team reports each month within this many days after it (seed 001 五(一)). Absent on
   * versions adopted before it was kept: the default applies to them.
   */
  teamReportDays?: number;
}

export interface VisitPolicyVersion extends VisitPolicyTermsInput {
  regionCode: string;
  version: number;
  /** Shanghai date from which it applies. */
  effectiveFrom: string;
  reason: string;
}

/** Seed 002's "每月走访…不少于1次" and seed 000's 15 days for 对接, with the reminder, escalation and flag thresholds. */
export const DEFAULT_VISIT_TERMS: VisitPolicyTermsInput = {
  visitsPerMonth: 1,
  handoverDays: 15,
  reminderDays: 3,
  escalationDays: 10,
  backfillDays: 7,
  simultaneousMinutes: 30,
  teamReportDays: 5,
};

/** The days a work team has to report on a month, under a version (the default where the version predates the term). */
export function teamReportDaysOf(policy: VisitPolicyTermsInput): number {
  return policy.teamReportDays ?? (DEFAULT_VISIT_TERMS.teamReportDays as number);
}

/** In force wherever no region has adopted a policy. */
export const DEFAULT_VISIT_POLICY: VisitPolicyVersion = {
  ...DEFAULT_VISIT_TERMS,
  regionCode: '000000',
  version: 0,
  effectiveFrom: '2000-01-01',
  reason: '默认：每月走访不少于1次，新调整的包保责任人15日内对接',
};

export type VisitPolicyCommand = {
  type: 'AdoptVisitPolicy';
  data: VisitPolicyTermsInput & { regionCode: string; effectiveFrom: string; reason: string };
};
export type VisitPolicyEvent = { type: 'VisitPolicyAdopted'; data: VisitPolicyVersion };
export interface VisitPolicyState {
  versions: VisitPolicyVersion[];
}

export class RetroactivePolicyError extends DomainError {
  readonly code = 'POLICY_RETROACTIVE';
}
export class InvalidPolicyError extends DomainError {
  readonly code = 'INVALID_POLICY';
  override readonly kind = 'invalid' as const;
}

export function visitPolicyStreamId(regionCode: string): string {
  return `visitpolicy-${regionCode}`;
}

/**
 * A region's monthly-visit policy, versioned. A new version applies from a date not yet begun, so what a
 * month owed is never changed after the fact: overdue is judged by the version in force at the time.
 */
export const visitPolicyDecider: Decider<VisitPolicyCommand, VisitPolicyEvent, VisitPolicyState> = {
  initialState: () => ({ versions: [] }),
  evolve(state, event) {
    switch (event.type) {
      case 'VisitPolicyAdopted':
        return { versions: [...state.versions, event.data] };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'AdoptVisitPolicy': {
        const terms = command.data;
        if (terms.escalationDays < terms.reminderDays) {
          throw new InvalidPolicyError('escalation comes after the reminder: escalationDays ≥ reminderDays', { field: 'escalationDays' });
        }
        const version = nextVersion(terms.effectiveFrom, state.versions, now, {
          invalid: (message, details) => new InvalidPolicyError(message, details),
          retroactive: (message, details) => new RetroactivePolicyError(message, details),
        });
        return [{ type: 'VisitPolicyAdopted', data: { ...terms, version } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};

/** The divisions whose policy could apply to a village, most specific first, ending with the whole country. */
export const policyRegionsFor = regionsAbove;

/**
 * The version in force on a Shanghai date: the most specific region that has one in force, its latest
 * version on that date; the built-in default where none has.
 */
export function policyInForce(versionsByRegion: ReadonlyMap<string, VisitPolicyVersion[]>, villageCode: string, date: string) {
  return versionInForce(versionsByRegion, villageCode, date, DEFAULT_VISIT_POLICY);
}
