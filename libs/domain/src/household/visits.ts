import type { Actor } from '../shared/actor';
import type { DecisionContext } from '../shared/decider';
import { monthEnd, monthStart } from '../shared/shanghai-time';
import { judgedAfterGoLive } from '../shared/go-live';
import type { HouseholdCommand, HouseholdDecision } from './household-commands';
import {
  CadreNotFoundError,
  NotYourVisitError,
  VisitAlreadyRecordedError,
  VisitAlreadyRetractedError,
  VisitNotFoundError,
  VisitorOutsideVillageError,
} from './household-errors';
import type { HouseholdEvent } from './household-events';
import { notAfterNow, notBefore, requireActive, requireRegistered } from './household-guards';
import { responsibleAt, type HouseholdState, type RegisteredHousehold } from './household-state';

type Command<T extends HouseholdCommand['type']> = HouseholdDecision<T>;

export function recordVisit(command: Command<'RecordVisit'>, state: HouseholdState, { now, actor }: DecisionContext): HouseholdEvent[] {
  const { visitor } = command.facts;
  const visit = command.data;
  if (!mayActForOthers(actor) && actor.id !== visit.cadreId) {
    throw new NotYourVisitError(`you are cadre ${actor.id}: record your own visits; an office records others' (补录)`);
  }
  const household = requireActive(state, visit.householdId);
  if (household.visits.has(visit.visitId)) throw new VisitAlreadyRecordedError(`visit ${visit.visitId} is already recorded`);
  notAfterNow(visit.occurredAt, now, 'occurredAt');
  notBefore(visit.occurredAt, household.identifiedAt, 'occurredAt');
  if (!visitor.registered) throw new CadreNotFoundError(`cadre ${visit.cadreId} is not registered`, { field: 'cadreId' });
  const byResponsibleCadre = responsibleAt(household, visit.occurredAt) === visit.cadreId;
  if (!byResponsibleCadre && !visitor.linkedToVillage) {
    throw new VisitorOutsideVillageError(
      `cadre ${visit.cadreId} neither held household ${visit.householdId} nor worked in village ${household.villageCode} at ${visit.occurredAt}`,
    );
  }
  return [{ type: 'VisitRecorded', data: { ...visit, villageCode: household.villageCode, byResponsibleCadre } }];
}

/** A wrong visit is never edited away: its retraction, with who and why, joins it on the record. */
export function retractVisit(command: Command<'RetractVisit'>, state: HouseholdState, { actor }: DecisionContext): HouseholdEvent[] {
  const household = requireRegistered(state, command.data.householdId);
  const visit = household.visits.get(command.data.visitId);
  if (!visit) throw new VisitNotFoundError(`household ${household.householdId} has no visit ${command.data.visitId}`);
  if (!mayActForOthers(actor) && visit.cadreId !== actor.id) {
    throw new NotYourVisitError(`visit ${command.data.visitId} was made by cadre ${visit.cadreId}; only they or an office may retract it`);
  }
  if (visit.retracted) throw new VisitAlreadyRetractedError(`visit ${command.data.visitId} is already retracted`);
  return [
    {
      type: 'VisitRetracted',
      data: { ...command.data, cadreId: visit.cadreId, occurredAt: visit.occurredAt },
    },
  ];
}

/** Offices record and retract on a cadre's behalf (补录); cadres and work teams only for themselves. */
function mayActForOthers(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'county-admin' || role === 'township-reviewer' || role === 'system');
}

/**
 * Month-end judgment under the policy in force: a household registered before the month began owes its
 * responsible cadre's visits; visits by anyone else, and retracted ones, do not count.
 */
export function checkMonthlyVisit(command: Command<'CheckMonthlyVisit'>, state: HouseholdState): HouseholdEvent[] {
  const { householdId, month } = command.data;
  const { policy, goLiveAt } = command.facts;
  if (state.status !== 'registered' || state.overdue.has(month)) return [];
  if (Date.parse(state.identifiedAt) > Date.parse(monthStart(month))) return [];
  // A month that began before the village went live is migrated history: kept, not judged.
  if (!judgedAfterGoLive(goLiveAt, monthStart(month))) return [];
  const cadreId = responsibleAt(state, new Date(Date.parse(monthEnd(month)) - 1).toISOString());
  if (cadreId === null && state.exited) return [];
  const made = state.visits.countByResponsible(Date.parse(monthStart(month)), Date.parse(monthEnd(month)));
  if (made >= policy.visitsPerMonth) return [];
  const end = Date.parse(monthEnd(month));
  const after = (days: number) => new Date(end + days * 86_400_000).toISOString();
  return [
    {
      type: 'VisitOverdue',
      data: {
        householdId,
        villageCode: state.villageCode,
        month,
        cadreId,
        required: policy.visitsPerMonth,
        made,
        policy,
        remindAt: after(policy.reminderDays),
        escalateAt: after(policy.escalationDays),
      },
    },
  ];
}

export function remindOverdueVisit(
  command: Command<'RemindOverdueVisit'>,
  state: HouseholdState,
  context: DecisionContext,
): HouseholdEvent[] {
  const overdue = pendingOverdue(state, command.data.month, asOf(context));
  if (!overdue || overdue.reminded) return [];
  return [{ type: 'VisitReminderSent', data: { ...command.data, cadreId: overdue.cadreId } }];
}

/** Escalates to the township (乡镇) an overdue month that no catch-up visit has answered. */
export function escalateOverdueVisit(
  command: Command<'EscalateOverdueVisit'>,
  state: HouseholdState,
  context: DecisionContext,
): HouseholdEvent[] {
  const overdue = pendingOverdue(state, command.data.month, asOf(context));
  if (!overdue || overdue.escalated || state.status === 'unregistered') return [];
  return [
    {
      type: 'OverdueVisitEscalated',
      data: { ...command.data, cadreId: overdue.cadreId, townshipCode: state.villageCode.slice(0, 9) },
    },
  ];
}

/** The instant a reminder or escalation is decided as of: its timer's due time, so history entered since does not count. */
function asOf(context: DecisionContext): number {
  return context.occurredAt ? Date.parse(context.occurredAt) : context.now.getTime();
}

/** An overdue month still unanswered by `at`: no visit by the responsible cadre between the month's end and then. */
function pendingOverdue(state: HouseholdState, month: string, at: number) {
  if (state.status !== 'registered') return undefined;
  const overdue = state.overdue.get(month);
  if (!overdue || caughtUp(state, month, at)) return undefined;
  return overdue;
}

function caughtUp(state: RegisteredHousehold, month: string, at: number): boolean {
  return state.visits.anyByResponsible(Date.parse(monthEnd(month)), at);
}
