import { HouseholdAlreadyExitedError, HouseholdNotFoundError, HouseholdRemovedError, VISIT_CHECKS } from '@bangfu/domain';
import { WorkflowRuleError } from '../definition/workflow-errors';
import type { GuardContext, WorkflowGuard } from '../definition/workflow-runtime';
import type { HouseholdStartFacts, HouseholdStepFacts, VillageStartFacts, VillageStepFacts } from './exit-facts';

interface VerificationEvidence {
  incomeItems: { source: string; amountFen: number }[];
  expensesFen?: number;
  checklist: Record<string, { result: string; evidence: string }>;
}

/** 人均纯收入: declared income items less production expenses, per registered member, in fen. */
export function perCapitaIncomeFen(evidence: VerificationEvidence, memberCount: number): number {
  const net = evidence.incomeItems.reduce((sum, item) => sum + item.amountFen, 0) - (evidence.expensesFen ?? 0);
  return Math.floor(net / Math.max(memberCount, 1));
}

/** 贫困发生率 in basis points, rounded up so that a village on the line does not pass by rounding. */
export function incidenceBp(poorPopulation: number, ruralPopulation: number): number {
  return Math.ceil((poorPopulation * 10_000) / ruralPopulation);
}

const householdMayExit: WorkflowGuard = ({ facts }) => {
  const household = facts as unknown as HouseholdStartFacts;
  if (household.status === 'unregistered') throw new HouseholdNotFoundError('no such registered household');
  if (household.status === 'removed') throw new HouseholdRemovedError('a removed household cannot exit poverty');
  if (household.exited) throw new HouseholdAlreadyExitedError('the household has already exited; record a relapse first');
};

/** 算: the per-capita income must exceed the line for the year and place (稳定超过国家扶贫标准). */
const incomeAboveLine: WorkflowGuard = ({ evidence, facts }: GuardContext) => {
  const { memberCount, incomeLine } = facts as unknown as HouseholdStepFacts;
  const perCapita = perCapitaIncomeFen(evidence as unknown as VerificationEvidence, memberCount);
  const computed = { perCapitaIncomeFen: perCapita, incomeLineFen: incomeLine.fen, memberCount };
  if (perCapita <= incomeLine.fen) {
    throw new WorkflowRuleError(
      'INCOME_BELOW_LINE',
      `per-capita income ${perCapita / 100} 元 does not exceed the line of ${incomeLine.fen / 100} 元 (${incomeLine.regionCode} v${incomeLine.version})`,
      computed,
    );
  }
  return computed;
};

/** 看、访: 两不愁三保障 and safe water, each met (or not applicable) with its evidence. */
const basicNeedsMet: WorkflowGuard = ({ evidence }) => {
  const checklist = (evidence as unknown as VerificationEvidence).checklist;
  const failing = Object.keys(VISIT_CHECKS).filter((key) => !['met', 'not_applicable'].includes(checklist[key]?.result));
  if (failing.length > 0) {
    throw new WorkflowRuleError(
      'CHECKLIST_NOT_MET',
      `两不愁三保障 not met: ${failing.map((k) => VISIT_CHECKS[k as keyof typeof VISIT_CHECKS]).join('、')}`,
      {
        failing,
      },
    );
  }
};

/** 民主评议: more than half of the votes cast are for the exit. */
const majorityVote: WorkflowGuard = ({ evidence }) => {
  const vote = evidence as { for: number; against: number; abstain: number };
  const cast = vote.for + vote.against + vote.abstain;
  if (vote.for * 2 <= cast) {
    throw new WorkflowRuleError('VOTE_NOT_PASSED', `${vote.for} of ${cast} votes for: no majority; return the case to 核实`, { ...vote });
  }
  return { votesFor: vote.for, votesCast: cast };
};

/** The household signs that it agrees to the exit (农户认可). */
const householdAgreement: WorkflowGuard = ({ evidence }) => {
  const agreement = (evidence as { householdAgreement?: { agreed: boolean; signedBy: string } }).householdAgreement;
  if (!agreement?.agreed) throw new WorkflowRuleError('HOUSEHOLD_DISAGREES', 'the household has not signed its agreement to the exit');
  return { agreedBy: agreement.signedBy };
};

const villageMayExit: WorkflowGuard = ({ facts }) => {
  const village = facts as unknown as VillageStartFacts;
  if (!village.registered || !village.isVillage) throw new WorkflowRuleError('VILLAGE_NOT_REGISTERED', 'no such registered village');
  if (village.exited) throw new WorkflowRuleError('VILLAGE_ALREADY_EXITED', 'the village has already exited (出列)');
};

/** 贫困发生率 below the province's limit (2%, 3% in the west), from the registry and the recorded rural population. */
const incidenceBelowLimit: WorkflowGuard = ({ facts }) => {
  const { ruralPopulation, poorPopulation, incidenceLimitBp } = facts as unknown as VillageStepFacts;
  if (!ruralPopulation)
    throw new WorkflowRuleError('RURAL_POPULATION_UNKNOWN', 'record the village’s rural population before verifying its exit');
  const incidence = incidenceBp(poorPopulation, ruralPopulation);
  const computed = { poorPopulation, ruralPopulation, incidenceBp: incidence, incidenceLimitBp };
  if (incidence >= incidenceLimitBp) {
    throw new WorkflowRuleError('INCIDENCE_TOO_HIGH', `贫困发生率 ${incidence / 100}% is not below ${incidenceLimitBp / 100}%`, computed);
  }
  return computed;
};

/** Every item of the province checklist in force (九有), met, with evidence. */
const villageChecklistMet: WorkflowGuard = ({ evidence, facts }) => {
  const { checklist } = facts as unknown as VillageStepFacts;
  const answers = (evidence as { checklist: Record<string, { met: boolean; evidence: string }> }).checklist;
  const failing = checklist.items.filter((item) => answers[item.key]?.met !== true);
  if (failing.length > 0) {
    throw new WorkflowRuleError('VILLAGE_CHECKLIST_NOT_MET', `not met: ${failing.map((item) => item.title).join('、')}`, {
      failing: failing.map((item) => item.key),
    });
  }
  return { checklistRegion: checklist.regionCode, checklistVersion: checklist.version };
};

export const EXIT_GUARDS: Readonly<Record<string, WorkflowGuard>> = {
  'household-may-exit': householdMayExit,
  'income-above-line': incomeAboveLine,
  'basic-needs-met': basicNeedsMet,
  'majority-vote': majorityVote,
  'household-agreement': householdAgreement,
  'village-may-exit': villageMayExit,
  'incidence-below-limit': incidenceBelowLimit,
  'village-checklist-met': villageChecklistMet,
};
