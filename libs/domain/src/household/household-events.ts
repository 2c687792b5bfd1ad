import type { ExclusionReason, Findings, HouseholdCategory, MemberRelation, PovertyCause, VisitKind } from './household-vocabulary';
import { subjectOfWorkflowStream } from '../exit/exit-streams';

export interface Member {
  name: string;
  idNumber: string;
  relation: MemberRelation;
  disabled?: boolean;
}

/** What 建档立卡 records about a household; a correction replaces some of these fields. */
export interface HouseholdProfile {
  members: Member[];
  category: HouseholdCategory;
  causes: PovertyCause[];
  phone?: string;
}

/** The head of household's name: the member recorded as 户主, else the first member. */
export function headName(profile: Pick<HouseholdProfile, 'members'>): string {
  return profile.members.find((member) => member.relation === '户主')?.name ?? profile.members[0].name;
}

export interface VisitLocation {
  latitude: number;
  longitude: number;
}

/** The terms of the visit policy a month was judged by: the region whose policy applied and its version (0 = built-in). */
/** What a visit is, as the cadre states it. */
export interface VisitRecord {
  visitId: string;
  householdId: string;
  cadreId: string;
  kind: VisitKind;
  occurredAt: string;
  findings: Findings;
  measures: string[];
  notes: string;
  location?: VisitLocation;
}

export interface VisitPolicyTerms {
  regionCode: string;
  version: number;
  visitsPerMonth: number;
  reminderDays: number;
  escalationDays: number;
}

export type HouseholdEvent =
  | {
      type: 'HouseholdRegistered';
      data: HouseholdProfile & {
        householdId: string;
        villageCode: string;
        identifiedAt: string;
        /** 新识别 through the identification procedure, or taken over from a county export. */
        source: 'identification' | 'import';
        /** The 精准识别 case that identified the household (source `identification`, when registered by the procedure). */
        identificationId?: string;
      };
    }
  | {
      type: 'HouseholdCorrected';
      /** Its business time (occurredAt) is `effectiveFrom` when one was stated: the correction holds from then. */
      data: {
        householdId: string;
        changes: Partial<HouseholdProfile>;
        previous: Partial<HouseholdProfile>;
        reason: string;
        effectiveFrom?: string;
      };
    }
  | {
      type: 'HouseholdRemoved';
      data: {
        householdId: string;
        reason: ExclusionReason;
        detail: string;
        removedAt: string;
        endedAssignment: string | null;
        /** The 剔除 case that decided it, when the removal went through the procedure. */
        removalId?: string;
      };
    }
  | {
      type: 'HouseholdExited';
      data: {
        householdId: string;
        exitedAt: string;
        exitId: string;
        /** 渐退帮扶: a 低保 household keeps its benefits until then (12 months, 18 with a disabled member); null otherwise. */
        transitionUntil: string | null;
      };
    }
  | { type: 'TransitionBenefitsEnded'; data: { householdId: string; exitId: string; endedAt: string } }
  | { type: 'HouseholdRelapsed'; data: { householdId: string; relapsedAt: string; reason: string } }
  | {
      type: 'CadreAssigned';
      data: {
        householdId: string;
        villageCode: string;
        cadreId: string;
        from: string;
        previousCadreId: string | null;
        reason: string;
        /** The 对接 deadline under the policy in force: the new cadre owes a visit by then. */
        connectBy: string;
      };
    }
  | { type: 'AssignmentEnded'; data: { householdId: string; cadreId: string; at: string; reason: string } }
  | { type: 'HandoverNotConnected'; data: { householdId: string; villageCode: string; cadreId: string; since: string; dueAt: string } }
  | {
      type: 'VisitRecorded';
      data: VisitRecord & {
        villageCode: string;
        /** Whether the visitor held the household at occurredAt; a visit by someone else is legal but flagged. */
        byResponsibleCadre: boolean;
      };
    }
  | { type: 'VisitRetracted'; data: { visitId: string; householdId: string; cadreId: string; occurredAt: string; reason: string } }
  | {
      type: 'VisitOverdue';
      data: {
        householdId: string;
        villageCode: string;
        month: string;
        cadreId: string | null;
        required: number;
        made: number;
        policy: VisitPolicyTerms;
        remindAt: string;
        escalateAt: string;
      };
    }
  | { type: 'VisitReminderSent'; data: { householdId: string; month: string; cadreId: string | null } }
  | { type: 'OverdueVisitEscalated'; data: { householdId: string; month: string; cadreId: string | null; townshipCode: string } };

export function householdStreamId(householdId: string): string {
  return `household-${householdId}`;
}

/** The household a stream is about: its own (`household-<户编号>`) or its exit cases' (`exit-<户编号>`). */
export function householdOfStream(streamId: string): string | undefined {
  if (streamId.startsWith('household-')) return streamId.slice('household-'.length);
  const subject = subjectOfWorkflowStream(streamId);
  return subject !== undefined && HOUSEHOLD_ID.test(subject) ? subject : undefined;
}

const HOUSEHOLD_ID = /^\d{16}$/;

/** 户编号: the village's 12-digit code and a 4-digit sequence, so the number alone says where the household is. */
export function isHouseholdId(value: string): boolean {
  return /^\d{16}$/.test(value);
}

export function villageOfHousehold(householdId: string): string {
  return householdId.slice(0, 12);
}
