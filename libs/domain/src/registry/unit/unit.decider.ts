import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';

export type UnitCommand =
  | { type: 'RegisterUnit'; data: { unitId: string; name: string; regionCode: string; leadOfficial: string } }
  | { type: 'ChangeUnitLead'; data: { unitId: string; leadOfficial: string; from: string; reason: string } };

export type UnitEvent =
  | { type: 'UnitRegistered'; data: { unitId: string; name: string; regionCode: string; leadOfficial: string } }
  /** Kept as a history so that 捆绑问责 can name the lead official at the time. */
  | { type: 'UnitLeadChanged'; data: { unitId: string; leadOfficial: string; previous: string; from: string; reason: string } };

export type UnitState =
  { registered: false } | { registered: true; unitId: string; name: string; regionCode: string; leadOfficial: string };

export class UnitNotFoundError extends DomainError {
  readonly code = 'UNIT_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class UnitAlreadyRegisteredError extends DomainError {
  readonly code = 'UNIT_ALREADY_REGISTERED';
}
export class RegionNotRegisteredError extends DomainError {
  readonly code = 'REGION_NOT_REGISTERED';
}

export function unitStreamId(unitId: string): string {
  return `unit-${unitId}`;
}

/** A 帮扶单位: an office that takes villages (包村) and whose cadres take households (包户). */
/** What the unit's handler reads from the region's stream for a registration. */
export interface UnitFacts {
  RegisterUnit: { regionRegistered: boolean };
}

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState, UnitFacts> = {
  initialState: () => ({ registered: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'UnitRegistered':
        return { registered: true, ...event.data };
      case 'UnitLeadChanged':
        return state.registered ? { ...state, leadOfficial: event.data.leadOfficial } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterUnit': {
        const unit = command.data;
        const { regionRegistered } = command.facts;
        if (state.registered) throw new UnitAlreadyRegisteredError(`unit ${unit.unitId} is already registered as ${state.name}`);
        if (!regionRegistered) throw new RegionNotRegisteredError(`region ${unit.regionCode} is not registered`, { field: 'regionCode' });
        return [{ type: 'UnitRegistered', data: unit }];
      }
      case 'ChangeUnitLead':
        if (!state.registered) throw new UnitNotFoundError(`unit ${command.data.unitId} is not registered`);
        if (state.leadOfficial === command.data.leadOfficial) return [];
        return [{ type: 'UnitLeadChanged', data: { ...command.data, previous: state.leadOfficial } }];
      default:
        return assertNever(command);
    }
  },
};
