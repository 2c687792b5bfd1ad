import type { HouseholdEvent, HouseholdProfile } from './household-events';
import { assertNever } from '../shared/decider';
import { HouseholdVisits } from './household-visits';

export interface AssignmentPeriod {
  cadreId: string;
  from: string;
  /** Exclusive end; null while it runs. */
  to: string | null;
}

export interface OverdueMonth {
  cadreId: string | null;
  reminded: boolean;
  escalated: boolean;
}

export type HouseholdState =
  | { status: 'unregistered' }
  | {
      status: 'registered' | 'removed';
      householdId: string;
      villageCode: string;
      identifiedAt: string;
      profile: HouseholdProfile;
      exited: boolean;
      /** The current exit, while it stands: which case, and the 渐退帮扶 end if any. */
      exit: { exitId: string; transitionUntil: string | null; transitionEnded: boolean } | null;
      assignments: AssignmentPeriod[];
      visits: HouseholdVisits;
      overdue: Map<string, OverdueMonth>;
      handoversChecked: Set<string>;
    };

export type RegisteredHousehold = Exclude<HouseholdState, { status: 'unregistered' }>;

export function currentAssignment(state: RegisteredHousehold): AssignmentPeriod | undefined {
  const last = state.assignments.at(-1);
  return last && last.to === null ? last : undefined;
}

/** Who held the household at an instant (periods are half-open: [from, to)). */
export function responsibleAt(state: RegisteredHousehold, instant: string): string | null {
  const t = Date.parse(instant);
  for (let i = state.assignments.length - 1; i >= 0; i--) {
    const period = state.assignments[i];
    if (Date.parse(period.from) <= t && (period.to === null || t < Date.parse(period.to))) return period.cadreId;
  }
  return null;
}

// Evolve mutates copies of the collections only where an event touches them; the state is never shared.
export function evolveHousehold(state: HouseholdState, event: HouseholdEvent): HouseholdState {
  if (event.type === 'HouseholdRegistered') {
    const { householdId, villageCode, identifiedAt, members, category, causes, phone } = event.data;
    return {
      status: 'registered',
      householdId,
      villageCode,
      identifiedAt,
      profile: { members, category, causes, ...(phone ? { phone } : {}) },
      exited: false,
      exit: null,
      assignments: [],
      visits: HouseholdVisits.none,
      overdue: new Map(),
      handoversChecked: new Set(),
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'HouseholdCorrected':
      return { ...state, profile: { ...state.profile, ...event.data.changes } };
    case 'HouseholdRemoved':
      return { ...state, status: 'removed', assignments: endOpen(state.assignments, event.data.removedAt) };
    case 'HouseholdExited':
      return {
        ...state,
        exited: true,
        exit: { exitId: event.data.exitId, transitionUntil: event.data.transitionUntil, transitionEnded: false },
      };
    case 'TransitionBenefitsEnded':
      return state.exit ? { ...state, exit: { ...state.exit, transitionEnded: true } } : state;
    case 'HouseholdRelapsed':
      return { ...state, exited: false, exit: null };
    case 'CadreAssigned':
      return {
        ...state,
        assignments: [...endOpen(state.assignments, event.data.from), { cadreId: event.data.cadreId, from: event.data.from, to: null }],
      };
    case 'AssignmentEnded':
      return { ...state, assignments: endOpen(state.assignments, event.data.at) };
    case 'HandoverNotConnected':
      return { ...state, handoversChecked: new Set(state.handoversChecked).add(`${event.data.cadreId}@${event.data.since}`) };
    case 'VisitRecorded':
      return { ...state, visits: state.visits.with(event.data) };
    case 'VisitRetracted':
      return { ...state, visits: state.visits.retract(event.data.visitId) };
    case 'VisitOverdue':
      return {
        ...state,
        overdue: new Map(state.overdue).set(event.data.month, { cadreId: event.data.cadreId, reminded: false, escalated: false }),
      };
    case 'VisitReminderSent':
      return updateOverdue(state, event.data.month, { reminded: true });
    case 'OverdueVisitEscalated':
      return updateOverdue(state, event.data.month, { escalated: true });
    default:
      return assertNever(event);
  }
}

function endOpen(assignments: AssignmentPeriod[], at: string): AssignmentPeriod[] {
  const last = assignments.at(-1);
  if (!last || last.to !== null) return assignments;
  return [...assignments.slice(0, -1), { ...last, to: at }];
}

function updateOverdue(state: RegisteredHousehold, month: string, change: Partial<OverdueMonth>): HouseholdState {
  const current = state.overdue.get(month);
  if (!current) return state;
  return { ...state, overdue: new Map(state.overdue).set(month, { ...current, ...change }) };
}
