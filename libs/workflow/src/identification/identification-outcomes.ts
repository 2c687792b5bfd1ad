import type { HouseholdProfile } from '@bangfu/domain';
import type { WorkflowEvent } from '../definition/workflow-messages';
import {
  HOUSEHOLD_IDENTIFICATION,
  HOUSEHOLD_REMOVAL,
  type IdentificationEvidence,
  type RemovalEvidence,
} from './identification-definitions';

/**
 * What a passed 精准识别 or 剔除 case asks of the register, sent by the outcomes process. The command names only the
 * case: its handler reads what was decided from the case's own events, so nothing a caller sends can alter it.
 */
export type IdentificationOutcomeCommand =
  | { type: 'RegisterIdentifiedHousehold'; data: { householdId: string; identificationId: string } }
  | { type: 'RemoveVerifiedHousehold'; data: { householdId: string; removalId: string } };

export const IDENTIFICATION_OUTCOME_COMMAND_TYPES = ['RegisterIdentifiedHousehold', 'RemoveVerifiedHousehold'] as const;

interface Passed {
  completedAt: string;
  /** The evidence of the last approval of each step (a return or an objection makes the step be approved again). */
  approved: Map<string, Record<string, unknown>>;
}

/** A case of a procedure that passed, from its subject's workflow events; undefined when it did not (or is not that procedure). */
function passedCase(events: readonly WorkflowEvent[], instanceId: string, definitionId: string): Passed | undefined {
  let started = false;
  let completedAt: string | null = null;
  const approved = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    if (event.data.instanceId !== instanceId) continue;
    if (event.type === 'WorkflowStarted') started = event.data.definitionId === definitionId;
    if (event.type === 'WorkflowStepActed' && event.data.action === 'approve') approved.set(event.data.step, event.data.input);
    if (event.type === 'WorkflowCompleted' && event.data.outcome === 'passed') completedAt = event.data.at;
  }
  return started && completedAt !== null ? { completedAt, approved } : undefined;
}

/** The household a passed 精准识别 registers: as its last approved 入户走访 recorded it, identified when the county decided. */
export function decidedRegistration(
  events: readonly WorkflowEvent[],
  instanceId: string,
): { profile: HouseholdProfile; identifiedAt: string } | undefined {
  const passed = passedCase(events, instanceId, HOUSEHOLD_IDENTIFICATION);
  const visit = passed?.approved.get('visit')?.identification as IdentificationEvidence | undefined;
  if (!passed || !visit) return undefined;
  const { members, category, causes, phone } = visit.household;
  return { profile: { members, category, causes, ...(phone ? { phone } : {}) }, identifiedAt: passed.completedAt };
}

/** The removal a passed 剔除 decides: the 九不纳入 fact its 核实 found, removed when the county decided. */
export function decidedRemoval(
  events: readonly WorkflowEvent[],
  instanceId: string,
): (RemovalEvidence & { removedAt: string }) | undefined {
  const passed = passedCase(events, instanceId, HOUSEHOLD_REMOVAL);
  const verification = passed?.approved.get('verification')?.removal as RemovalEvidence | undefined;
  if (!passed || !verification) return undefined;
  return { reason: verification.reason, detail: verification.detail, removedAt: passed.completedAt };
}
