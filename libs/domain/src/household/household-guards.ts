import { BeforeRegistrationError, HouseholdNotFoundError, HouseholdRemovedError, InFutureError } from './household-errors';
import type { HouseholdState, RegisteredHousehold } from './household-state';

/** Devices' clocks drift: a stated time up to this far ahead of the server's is still "now". */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export function requireRegistered(state: HouseholdState, householdId: string): RegisteredHousehold {
  if (state.status === 'unregistered') throw new HouseholdNotFoundError(`household ${householdId} is not registered`);
  return state;
}

/** Registered and not removed: the only state in which work on a household can be recorded. */
export function requireActive(state: HouseholdState, householdId: string): RegisteredHousehold {
  const household = requireRegistered(state, householdId);
  if (household.status === 'removed') throw new HouseholdRemovedError(`household ${householdId} was removed from the register`);
  return household;
}

export function notAfterNow(instant: string, now: Date, field: string): void {
  if (Date.parse(instant) > now.getTime() + CLOCK_SKEW_MS) {
    throw new InFutureError(`${field} ${instant} is in the future`, { field });
  }
}

export function notBefore(instant: string, earliest: string, field: string): void {
  if (Date.parse(instant) < Date.parse(earliest)) {
    throw new BeforeRegistrationError(`${field} ${instant} is before the household was registered (${earliest})`, { field });
  }
}
