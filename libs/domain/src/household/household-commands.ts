import type { Decision } from '../shared/decider';
import type { HouseholdProfile, VisitPolicyTerms, VisitRecord } from './household-events';
import type { ExclusionReason } from './household-vocabulary';

/** A cadre's standing, read from the cadre's stream when a household is assigned to them. */
export interface CadreStanding {
  registered: boolean;
  recalled: boolean;
}

export interface VisitorFacts {
  registered: boolean;
  /** On the village's work team, or a cadre of the unit that holds the village (包村), at the visit's time. */
  linkedToVillage: boolean;
}

export type HouseholdCommand =
  | {
      type: 'RegisterHousehold';
      data: HouseholdProfile & {
        householdId: string;
        villageCode: string;
        identifiedAt: string;
        /** 新识别 at the end of a 精准识别 case (`identificationId` names it), or a county's existing register taken over. */
        source: 'identification' | 'import';
        identificationId?: string;
      };
    }
  | {
      type: 'CorrectHousehold';
      /** `effectiveFrom`: from when the corrected values hold (原登记有误: since registration); absent, from now. */
      data: { householdId: string; changes: Partial<HouseholdProfile>; reason: string; effectiveFrom?: string };
    }
  | {
      type: 'RemoveHousehold';
      /** `removalId`: the 剔除 case that decided it, when the removal went through the procedure. */
      data: { householdId: string; reason: ExclusionReason; detail: string; removedAt: string; removalId?: string };
    }
  | { type: 'MarkHouseholdExited'; data: { householdId: string; exitedAt: string; exitId: string } }
  | { type: 'RecordRelapse'; data: { householdId: string; relapsedAt: string; reason: string } }
  | { type: 'EndTransitionBenefits'; data: { householdId: string; exitId: string } }
  | {
      type: 'AssignCadre';
      data: { householdId: string; cadreId: string; from: string; reason: string };
    }
  | { type: 'EndAssignment'; data: { householdId: string; at: string; reason: string } }
  | {
      type: 'CheckHandoverVisit';
      data: { householdId: string; cadreId: string; since: string; dueAt: string };
    }
  | { type: 'RecordVisit'; data: VisitRecord }
  | { type: 'RetractVisit'; data: { householdId: string; visitId: string; reason: string } }
  | { type: 'CheckMonthlyVisit'; data: { householdId: string; month: string } }
  | { type: 'RemindOverdueVisit'; data: { householdId: string; month: string } }
  | { type: 'EscalateOverdueVisit'; data: { householdId: string; month: string } };

export type HouseholdCommandType = HouseholdCommand['type'];

/**
 * What a household's handler reads from other streams for a decision, never sent by a caller: whether the village
 * is registered; the cadre's standing and the 对接 days of the policy in force; whether a visitor is linked to the
 * village; the visit policy in force at a month's end; and the village's go-live (an obligation that began before
 * it is migrated history, not judged).
 */
export interface HouseholdFacts {
  /** `identificationOpen`: a 精准识别 case for the 户编号 is under way, so only its own end may register it. */
  RegisterHousehold: { villageRegistered: boolean; identificationOpen: boolean };
  AssignCadre: { cadre: CadreStanding; handoverDays: number };
  RecordVisit: { visitor: VisitorFacts };
  CheckHandoverVisit: { goLiveAt: string | null };
  CheckMonthlyVisit: { policy: VisitPolicyTerms; goLiveAt: string | null };
}

/** One household command as its decider sees it: the intent, and the facts its type is decided with. */
export type HouseholdDecision<T extends HouseholdCommandType> = Extract<Decision<HouseholdCommand, HouseholdFacts>, { type: T }>;

export const HOUSEHOLD_COMMAND_TYPES: readonly HouseholdCommandType[] = [
  'RegisterHousehold',
  'CorrectHousehold',
  'RemoveHousehold',
  'MarkHouseholdExited',
  'RecordRelapse',
  'EndTransitionBenefits',
  'AssignCadre',
  'EndAssignment',
  'CheckHandoverVisit',
  'RecordVisit',
  'RetractVisit',
  'CheckMonthlyVisit',
  'RemindOverdueVisit',
  'EscalateOverdueVisit',
];
