import type { DecisionContext } from '../shared/decider';
import { isValidIdNumber } from '../shared/personal-data';
import type { HouseholdCommand, HouseholdDecision } from './household-commands';
import {
  HouseholdAlreadyExitedError,
  HouseholdAlreadyRegisteredError,
  HouseholdNotExitedError,
  IdentificationInProgressError,
  InvalidHouseholdError,
  InvalidIdNumberError,
  VillageNotRegisteredError,
} from './household-errors';
import type { HouseholdEvent, HouseholdProfile, Member } from './household-events';
import { isHouseholdId } from './household-events';
import { currentAssignment, type HouseholdState, type RegisteredHousehold } from './household-state';
import { addMonths } from '../shared/shanghai-time';
import { notAfterNow, notBefore, requireActive } from './household-guards';

type Command<T extends HouseholdCommand['type']> = HouseholdDecision<T>;

export function register(command: Command<'RegisterHousehold'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const { householdId, villageCode, identifiedAt, source, identificationId, ...profile } = command.data;
  const { villageRegistered, identificationOpen } = command.facts;
  if (!isHouseholdId(householdId) || !householdId.startsWith(villageCode)) {
    throw new InvalidHouseholdError(`household number ${householdId} must be the village code ${villageCode} and 4 digits`, {
      field: 'householdId',
    });
  }
  if (state.status !== 'unregistered') throw new HouseholdAlreadyRegisteredError(`household ${householdId} is already registered`);
  if (!villageRegistered) throw new VillageNotRegisteredError(`village ${villageCode} is not registered`, { field: 'villageCode' });
  if (identificationOpen) {
    throw new IdentificationInProgressError(`household ${householdId} is under 精准识别: its case registers it when it passes`);
  }
  if (identificationId !== undefined && source !== 'identification') {
    throw new InvalidHouseholdError('only a registration by identification names its 精准识别 case', { field: 'identificationId' });
  }
  notAfterNow(identifiedAt, now, 'identifiedAt');
  validateHouseholdProfile(profile);
  const byCase = identificationId === undefined ? {} : { identificationId };
  return [
    {
      type: 'HouseholdRegistered',
      data: { householdId, villageCode, identifiedAt, source, ...byCase, ...cleanProfile(profile) },
    },
  ];
}

export function correct(command: Command<'CorrectHousehold'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  const { effectiveFrom } = command.data;
  if (effectiveFrom !== undefined) {
    notAfterNow(effectiveFrom, now, 'effectiveFrom');
    notBefore(effectiveFrom, household.identifiedAt, 'effectiveFrom');
  }
  const changes = cleanProfile(command.data.changes);
  if (Object.keys(changes).length === 0) throw new InvalidHouseholdError('name at least one field to correct', { field: 'changes' });
  validateHouseholdProfile({ ...household.profile, ...changes });
  const changed = (Object.keys(changes) as (keyof HouseholdProfile)[]).filter(
    (key) => JSON.stringify(changes[key]) !== JSON.stringify(household.profile[key]),
  );
  if (changed.length === 0) return [];
  const pick = (profile: Partial<HouseholdProfile>) => Object.fromEntries(changed.map((key) => [key, profile[key] ?? null]));
  return [
    {
      type: 'HouseholdCorrected',
      data: {
        householdId: household.householdId,
        changes: pick(changes),
        previous: pick(household.profile),
        reason: command.data.reason,
        ...(effectiveFrom !== undefined ? { effectiveFrom } : {}),
      },
    },
  ];
}

export function remove(command: Command<'RemoveHousehold'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  notAfterNow(command.data.removedAt, now, 'removedAt');
  notBefore(command.data.removedAt, household.identifiedAt, 'removedAt');
  return [
    {
      type: 'HouseholdRemoved',
      data: { ...command.data, endedAssignment: currentAssignment(household)?.cadreId ?? null },
    },
  ];
}

export function markExited(command: Command<'MarkHouseholdExited'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  if (household.exited) throw new HouseholdAlreadyExitedError(`household ${household.householdId} has already exited`);
  notAfterNow(command.data.exitedAt, now, 'exitedAt');
  return [{ type: 'HouseholdExited', data: { ...command.data, transitionUntil: transitionEnd(household, command.data.exitedAt) } }];
}

/** 渐退帮扶 (seed 001): a 低保 household keeps its benefits 12 more months after exit, 18 with a disabled member. */
function transitionEnd(household: RegisteredHousehold, exitedAt: string): string | null {
  if (household.profile.category !== '低保贫困户') return null;
  return addMonths(exitedAt, household.profile.members.some((member) => member.disabled) ? 18 : 12);
}

/** The timer's end of 渐退帮扶: nothing once the household has relapsed or the exit it was set for no longer stands. */
export function endTransition(
  command: Command<'EndTransitionBenefits'>,
  state: HouseholdState,
  { now }: DecisionContext,
): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  const exit = household.exit;
  if (!exit || exit.exitId !== command.data.exitId || exit.transitionEnded || exit.transitionUntil === null) return [];
  if (Date.parse(exit.transitionUntil) > now.getTime()) return [];
  return [
    { type: 'TransitionBenefitsEnded', data: { householdId: household.householdId, exitId: exit.exitId, endedAt: exit.transitionUntil } },
  ];
}

export function relapse(command: Command<'RecordRelapse'>, state: HouseholdState, { now }: DecisionContext): HouseholdEvent[] {
  const household = requireActive(state, command.data.householdId);
  if (!household.exited)
    throw new HouseholdNotExitedError(`household ${household.householdId} has not exited poverty, so it cannot relapse`);
  notAfterNow(command.data.relapsedAt, now, 'relapsedAt');
  return [{ type: 'HouseholdRelapsed', data: command.data }];
}

function cleanProfile<P extends Partial<HouseholdProfile>>(profile: P): P {
  const out = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)) as P;
  if (out.members) out.members = out.members.map((m: Member) => ({ ...m, name: m.name.trim(), ...(m.disabled ? { disabled: true } : {}) }));
  if (out.causes) out.causes = [...new Set(out.causes)];
  return out;
}

/** What makes a profile registrable: one 户主, valid and distinct ID numbers, a cause of poverty (shared with 精准识别's visit). */
export function validateHouseholdProfile(profile: HouseholdProfile): void {
  const { members, causes } = profile;
  if (members.length === 0) throw new InvalidHouseholdError('a household has at least one member', { field: 'members' });
  const heads = members.filter((m) => m.relation === '户主').length;
  if (heads !== 1) throw new InvalidHouseholdError(`a household has exactly one 户主, not ${heads}`, { field: 'members' });
  const seen = new Set<string>();
  members.forEach((member, i) => {
    if (!isValidIdNumber(member.idNumber)) {
      throw new InvalidIdNumberError(`members[${i}].idNumber is not a valid ID number (GB 11643 check character or birth date)`, {
        field: `members[${i}].idNumber`,
      });
    }
    if (seen.has(member.idNumber)) {
      throw new InvalidHouseholdError(`members[${i}] has the same ID number as another member`, { field: `members[${i}].idNumber` });
    }
    seen.add(member.idNumber);
  });
  if (causes.length === 0) throw new InvalidHouseholdError('name at least one cause of poverty (致贫原因)', { field: 'causes' });
}
