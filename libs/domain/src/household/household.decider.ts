import { assertNever, type Decider } from '../shared/decider';
import { assign, checkHandoverVisit, endAssignment } from './assignment';
import type { HouseholdCommand, HouseholdFacts } from './household-commands';
import type { HouseholdEvent } from './household-events';
import { evolveHousehold, type HouseholdState } from './household-state';
import { correct, endTransition, markExited, register, relapse, remove } from './registration';
import { checkMonthlyVisit, escalateOverdueVisit, recordVisit, remindOverdueVisit, retractVisit } from './visits';

/**
 * One stream per household (`household-<户编号>`): its registration, who is responsible for it, its
 * visits and its visit obligations. The rules that must hold at once — one responsible cadre at every
 * instant, 不脱贫不脱钩, visits only after registration — are all decided on this one stream.
 */
export const householdDecider: Decider<HouseholdCommand, HouseholdEvent, HouseholdState, HouseholdFacts> = {
  initialState: () => ({ status: 'unregistered' }),
  evolve: evolveHousehold,
  decide(command, state, context) {
    switch (command.type) {
      case 'RegisterHousehold':
        return register(command, state, context);
      case 'CorrectHousehold':
        return correct(command, state, context);
      case 'RemoveHousehold':
        return remove(command, state, context);
      case 'MarkHouseholdExited':
        return markExited(command, state, context);
      case 'RecordRelapse':
        return relapse(command, state, context);
      case 'EndTransitionBenefits':
        return endTransition(command, state, context);
      case 'AssignCadre':
        return assign(command, state, context);
      case 'EndAssignment':
        return endAssignment(command, state, context);
      case 'CheckHandoverVisit':
        return checkHandoverVisit(command, state);
      case 'RecordVisit':
        return recordVisit(command, state, context);
      case 'RetractVisit':
        return retractVisit(command, state, context);
      case 'CheckMonthlyVisit':
        return checkMonthlyVisit(command, state);
      case 'RemindOverdueVisit':
        return remindOverdueVisit(command, state, context);
      case 'EscalateOverdueVisit':
        return escalateOverdueVisit(command, state, context);
      default:
        return assertNever(command);
    }
  },
};
