import type { DecisionContext } from '../shared/decider';
import { judgedAfterGoLive } from '../shared/go-live';
import type { HouseholdCommand, HouseholdDecision } from './household-commands';
import {
  AssignmentOutOfOrderError,
  CadreNotFoundError,
  CadreRecalledError,
  DecouplingBeforeExitError,
  NoResponsibleCadreError,
} from './household-errors';
import type { HouseholdEvent } from './household-events';
import { notAfterNow, notBefore, requireActive, requireRegistered } from './household-guards';
import { currentAssignment, type HouseholdState } from './household-state';

const DAY_MS = 86_400_000;

type Command<T extends HouseholdCommand['type']> = HouseholdDecision<T>;

/**
 * Assigns a cadre, or hands the household over when someone holds it: the predecessor's period ends at
 * the very instant the successor's begins, so there is exactly one responsible cadre at every instant.
 */
export function assign(command: Command<'AssignCadre'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const { householdId, cadreId, from, reason } = command.data;
  const { cadre, handoverDays } = command.facts;
  const household = requireActive(state, householdId);
  if (!cadre.registered) throw new CadreNotFoundError(`cadre ${cadreId} is not registered`, { field: 'cadreId' });
  if (cadre.recalled) throw new CadreRecalledError(`cadre ${cadreId} was recalled (召回) and cannot take on households`);
  notAfterNow(from, now, 'from');
  notBefore(from, household.identifiedAt, 'from');
  const current = currentAssignment(household);
  if (current?.cadreId === cadreId) return [];
  const last = household.assignments.at(-1);
  const lastChange = last ? (last.to ?? last.from) : undefined;
  if (lastChange && Date.parse(from) < Date.parse(lastChange)) {
    throw new AssignmentOutOfOrderError(
      `the household's responsibility last changed at ${lastChange}; a new period cannot start before it`,
      {
        field: 'from',
      },
    );
  }
  return [
    {
      type: 'CadreAssigned',
      data: {
        householdId,
        villageCode: household.villageCode,
        cadreId,
        from,
        previousCadreId: current?.cadreId ?? null,
        reason,
        connectBy: new Date(Date.parse(from) + handoverDays * DAY_MS).toISOString(),
      },
    },
  ];
}

/** 不脱贫不脱钩: only a household that has exited poverty may be left without a responsible cadre. */
export function endAssignment(command: Command<'EndAssignment'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  const current = currentAssignment(household);
  if (!current) throw new NoResponsibleCadreError(`household ${household.householdId} has no responsible cadre`);
  if (!household.exited) {
    throw new DecouplingBeforeExitError(
      `household ${household.householdId} has not exited poverty: responsibility can only pass to a successor (不脱贫不脱钩)`,
      { cadreId: current.cadreId },
    );
  }
  notAfterNow(command.data.at, now, 'at');
  if (Date.parse(command.data.at) < Date.parse(current.from)) {
    throw new AssignmentOutOfOrderError(`the current assignment began at ${current.from}`, { field: 'at' });
  }
  return [{ type: 'AssignmentEnded', data: { ...command.data, cadreId: current.cadreId } }];
}

/** The 对接 deadline: a new responsible cadre who has not visited (kind 对接) by the due time is on the record. */
export function checkHandoverVisit(command: Command<'CheckHandoverVisit'>, state: HouseholdState): HouseholdEvent[] {
  const { householdId, cadreId, since, dueAt } = command.data;
  const { goLiveAt } = command.facts;
  const household = requireRegistered(state, householdId);
  if (!judgedAfterGoLive(goLiveAt, since)) return [];
  if (household.status === 'removed' || household.handoversChecked.has(`${cadreId}@${since}`)) return [];
  const stillHeld = household.assignments.some((period) => period.cadreId === cadreId && period.from === since);
  if (!stillHeld) return [];
  if (household.visits.connected(cadreId, Date.parse(since), Date.parse(dueAt))) return [];
  return [{ type: 'HandoverNotConnected', data: { householdId, villageCode: household.villageCode, cadreId, since, dueAt } }];
}
