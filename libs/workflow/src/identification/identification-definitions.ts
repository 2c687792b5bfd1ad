import {
  EXCLUSION_REASONS,
  HouseholdNotFoundError,
  InvalidHouseholdError,
  VISIT_CHECKS,
  validateHouseholdProfile,
  type ExclusionReason,
  type HouseholdProfile,
} from '@bangfu/domain';
import { type StepDefinition, type WorkflowDefinition } from '../definition/workflow-definition';
import { WorkflowRuleError } from '../definition/workflow-errors';
import { type WorkflowGuard } from '../definition/workflow-runtime';
import { countyApproval, noticeStep } from '../exit/exit-definitions';

export const HOUSEHOLD_IDENTIFICATION = 'household-identification';
export const HOUSEHOLD_REMOVAL = 'household-removal';

/** What the handler reads before a case opens: whether the 户编号 is on the register, and whether its village is. */
export interface IdentificationStartFacts {
  status: 'unregistered' | 'registered' | 'removed';
  villageRegistered: boolean;
}

/** 入户走访: what the visit found (两不愁三保障), the 九不纳入 declarations, and the household as it would be registered. */
export interface IdentificationEvidence {
  checklist: Record<string, { result: string; evidence: string }>;
  /** 九不纳入: each disqualifying fact declared present or absent. */
  exclusions: Record<string, boolean>;
  /** The household as the case registers it when it passes: members, category, causes (and a phone). */
  household: HouseholdProfile;
}

/** 剔除's 核实: the 九不纳入 fact and what shows it. */
export interface RemovalEvidence {
  reason: ExclusionReason;
  detail: string;
}

const notYetRegistered: WorkflowGuard = ({ facts }) => {
  const household = facts as unknown as IdentificationStartFacts;
  if (!household.villageRegistered) throw new WorkflowRuleError('VILLAGE_NOT_REGISTERED', 'the 户编号 names no registered village');
  if (household.status !== 'unregistered') {
    throw new WorkflowRuleError('HOUSEHOLD_ALREADY_REGISTERED', 'the household is already on the register (or was removed from it)');
  }
};

const onTheRegister: WorkflowGuard = ({ facts }) => {
  if ((facts as unknown as IdentificationStartFacts).status !== 'registered')
    throw new HouseholdNotFoundError('no such registered household');
};

/** 九不纳入: every disqualifying fact declared, none present; a household with one is not identified. */
const noExclusion: WorkflowGuard = ({ evidence }) => {
  const { exclusions } = evidence as unknown as IdentificationEvidence;
  const undeclared = Object.keys(EXCLUSION_REASONS).filter((key) => typeof exclusions?.[key] !== 'boolean');
  if (undeclared.length > 0) {
    throw new WorkflowRuleError(
      'EXCLUSIONS_UNDECLARED',
      `九不纳入 not declared: ${undeclared.map((k) => EXCLUSION_REASONS[k as ExclusionReason]).join('、')}`,
    );
  }
  const present = Object.keys(EXCLUSION_REASONS).filter((key) => exclusions[key]);
  if (present.length > 0) {
    throw new WorkflowRuleError(
      'EXCLUSION_PRESENT',
      `九不纳入: ${present.map((k) => EXCLUSION_REASONS[k as ExclusionReason]).join('、')}`,
      {
        exclusions: present,
      },
    );
  }
};

/** 两不愁三保障: identification is for a household with a need the visit found (one check not met). */
const needFound: WorkflowGuard = ({ evidence }) => {
  const { checklist } = evidence as unknown as IdentificationEvidence;
  const unmet = Object.keys(VISIT_CHECKS).filter((key) => checklist?.[key]?.result === 'not_met');
  if (unmet.length === 0)
    throw new WorkflowRuleError('NO_NEED_FOUND', 'the visit found every 两不愁三保障 check met: nothing to identify the household for');
  return { unmet };
};

/** The household the visit would register: a profile the register accepts, checked now rather than at the case's end. */
const registrableProfile: WorkflowGuard = ({ evidence }) => {
  const { household } = evidence as unknown as Partial<IdentificationEvidence>;
  if (typeof household !== 'object' || household === null || !Array.isArray(household.members)) {
    throw new InvalidHouseholdError('the visit records the household as it would be registered (members, category, causes)', {
      field: 'identification.household',
    });
  }
  validateHouseholdProfile(household);
};

/** 剔除: the disqualifying fact, one of the 九不纳入, with what shows it. */
const exclusionFound: WorkflowGuard = ({ evidence }) => {
  const { reason, detail } = evidence as { reason?: string; detail?: string };
  if (!reason || !(reason in EXCLUSION_REASONS))
    throw new WorkflowRuleError('EXCLUSION_UNKNOWN', 'name the 九不纳入 fact that disqualifies the household');
  if (!detail?.trim()) throw new WorkflowRuleError('EXCLUSION_UNSUPPORTED', 'say what shows the disqualifying fact');
  return { reason };
};

export const IDENTIFICATION_GUARDS: Readonly<Record<string, WorkflowGuard>> = {
  'household-not-registered': notYetRegistered,
  'household-on-register': onTheRegister,
  'no-exclusion': noExclusion,
  'need-found': needFound,
  'registrable-profile': registrableProfile,
  'exclusion-found': exclusionFound,
};

/** 乡镇审核, returning the case to its first step. */
const townshipReview = (returnTo: string): StepDefinition => ({
  name: 'township',
  title: '乡镇审核',
  roles: ['township-reviewer'],
  evidence: 'review',
  deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'county-admin' },
  returnTo,
});

/**
 * 精准识别 (DOMAIN rule 6; seed 002 第三篇 (一)): 入户走访 → 村民代表大会评议 → 公开公示 (≥ 7 days; an objection sends
 * the case back to the visit) → 镇审核 → 县审定, by someone other than the township's reviewer; passed, the household
 * is registered.
 */
export const HOUSEHOLD_IDENTIFICATION_V1: WorkflowDefinition = {
  id: HOUSEHOLD_IDENTIFICATION,
  version: 1,
  title: '贫困户精准识别',
  subject: 'household',
  startRoles: ['work-team', 'township-reviewer', 'county-admin'],
  withdrawRoles: ['township-reviewer', 'county-admin'],
  startGuards: ['household-not-registered'],
  steps: [
    {
      name: 'visit',
      title: '入户走访',
      roles: ['work-team', 'township-reviewer'],
      evidence: 'identification',
      deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'township-reviewer' },
      guards: ['no-exclusion', 'need-found', 'registrable-profile'],
    },
    {
      name: 'review',
      title: '村民代表大会评议',
      roles: ['work-team'],
      evidence: 'vote',
      deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'township-reviewer' },
      guards: ['majority-vote'],
      returnTo: 'visit',
    },
    noticeStep('公开公示', ['work-team', 'township-reviewer'], 'township-reviewer', 'visit'),
    townshipReview('visit'),
    countyApproval('visit'),
  ],
  separation: [{ step: 'county', actorIsNot: { approverOf: 'township' }, code: 'SAME_REVIEWER', reason: '县级审定与乡镇审核不得为同一人' }],
};

/** 剔除: a registered household with a 九不纳入 fact is removed by the same runtime — verified, published, reviewed. */
export const HOUSEHOLD_REMOVAL_V1: WorkflowDefinition = {
  id: HOUSEHOLD_REMOVAL,
  version: 1,
  title: '贫困户剔除',
  subject: 'household',
  startRoles: ['work-team', 'township-reviewer', 'county-admin'],
  withdrawRoles: ['township-reviewer', 'county-admin'],
  startGuards: ['household-on-register'],
  steps: [
    {
      name: 'verification',
      title: '核实（九不纳入）',
      roles: ['work-team', 'township-reviewer'],
      evidence: 'removal',
      deadline: { days: 15, escalateAfterDays: 7, escalateTo: 'township-reviewer' },
      guards: ['exclusion-found'],
    },
    noticeStep('公开公示', ['work-team', 'township-reviewer'], 'township-reviewer'),
    townshipReview('verification'),
    countyApproval(),
  ],
  separation: [{ step: 'county', actorIsNot: { approverOf: 'township' }, code: 'SAME_REVIEWER', reason: '县级审定与乡镇审核不得为同一人' }],
};

export const IDENTIFICATION_DEFINITIONS: readonly WorkflowDefinition[] = [HOUSEHOLD_IDENTIFICATION_V1, HOUSEHOLD_REMOVAL_V1];
