import type { HouseholdProfile, VisitPolicyTerms, VisitRecord } from './household-events';
import type { ExclusionReason } from './household-vocabulary';

/**
 * Facts from other streams that a command needs. Callers send placeholders; the command handler reads
 * the authoritative streams and fills these in before the pure decider sees the command.
 */
export interface CadreFacts {
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
        source: 'identification' | 'import';
        villageRegistered: boolean;
      };
    }
  | {
      type: 'CorrectHousehold';
      /** `effectiveFrom`: from when the corrected values hold (原登记有误: since registration); absent, from now. */
      data: { householdId: string; changes: Partial<HouseholdProfile>; reason: string; effectiveFrom?: string };
    }
  | { type: 'RemoveHousehold'; data: { householdId: string; reason: ExclusionReason; detail: string; removedAt: string } }
  | { type: 'MarkHouseholdExited'; data: { householdId: string; exitedAt: string; exitId: string } }
  | { type: 'RecordRelapse'; data: { householdId: string; relapsedAt: string; reason: string } }
  | { type: 'EndTransitionBenefits'; data: { householdId: string; exitId: string } }
  | {
      type: 'AssignCadre';
      data: { householdId: string; cadreId: string; from: string; reason: string; cadre: CadreFacts; handoverDays: number };
    }
  | { type: 'EndAssignment'; data: { householdId: string; at: string; reason: string } }
  | {
      type: 'CheckHandoverVisit';
      /** `goLiveAt`: the village's go-live (from the region streams); an obligation that began before it is not judged. */
      data: { householdId: string; cadreId: string; since: string; dueAt: string; goLiveAt?: string | null };
    }
  | {
      type: 'RecordVisit';
      data: VisitRecord & { visitor: VisitorFacts };
    }
  | { type: 'RetractVisit'; data: { householdId: string; visitId: string; reason: string } }
  | { type: 'CheckMonthlyVisit'; data: { householdId: string; month: string; policy: VisitPolicyTerms | null; goLiveAt?: string | null } }
  | { type: 'RemindOverdueVisit'; data: { householdId: string; month: string } }
  | { type: 'EscalateOverdueVisit'; data: { householdId: string; month: string } };

export type HouseholdCommandType = HouseholdCommand['type'];

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
