import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';
import { parseRegionCode, type RegionLevel } from './region-code';

export interface RegisterRegionData {
  code: string;
  name: string;
  /** Resolved by the handler from the parent's own stream: whether it is registered, its level, and since when. */
  parent: { code: string; level: RegionLevel; registeredAt: string } | null;
  /** When the division came under the work, for a county bringing its history in; absent, now. */
  registeredAt?: string;
}

export type RegionCommand =
  { type: 'RegisterRegion'; data: RegisterRegionData } | { type: 'RenameRegion'; data: { code: string; name: string; reason: string } };

export type RegionEvent =
  | { type: 'RegionRegistered'; data: { code: string; name: string; level: RegionLevel; parentCode: string | null } }
  | { type: 'RegionRenamed'; data: { code: string; name: string; previousName: string; reason: string } };

export type RegionState = { registered: false } | { registered: true; code: string; name: string; level: RegionLevel };

export class InvalidRegionCodeError extends DomainError {
  readonly code = 'INVALID_REGION_CODE';
  override readonly kind = 'invalid' as const;
}
export class RegionAlreadyRegisteredError extends DomainError {
  readonly code = 'REGION_ALREADY_REGISTERED';
}
export class ParentRegionNotRegisteredError extends DomainError {
  readonly code = 'PARENT_REGION_NOT_REGISTERED';
}
export class RegisteredBeforeParentError extends DomainError {
  readonly code = 'REGISTERED_BEFORE_PARENT';
}
export class RegistrationInFutureError extends DomainError {
  readonly code = 'TIME_IN_FUTURE';
  override readonly kind = 'invalid' as const;
}
export class RegionNotFoundError extends DomainError {
  readonly code = 'REGION_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}

export function regionStreamId(code: string): string {
  return `region-${code}`;
}

export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState> = {
  initialState: () => ({ registered: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'RegionRegistered':
        return { registered: true, code: event.data.code, name: event.data.name, level: event.data.level };
      case 'RegionRenamed':
        return state.registered ? { ...state, name: event.data.name } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'RegisterRegion': {
        const { registeredAt, parent } = command.data;
        if (registeredAt !== undefined && Date.parse(registeredAt) > now.getTime()) {
          throw new RegistrationInFutureError(`registeredAt ${registeredAt} is in the future`, { field: 'registeredAt' });
        }
        if (registeredAt !== undefined && parent && Date.parse(registeredAt) < Date.parse(parent.registeredAt)) {
          throw new RegisteredBeforeParentError(`${parent.code} was registered only at ${parent.registeredAt}`, { field: 'registeredAt' });
        }
        const parsed = parseRegionCode(command.data.code);
        if ('invalid' in parsed) throw new InvalidRegionCodeError(`${command.data.code}: ${parsed.invalid}`, { field: 'code' });
        if (state.registered) throw new RegionAlreadyRegisteredError(`region ${command.data.code} is already registered as ${state.name}`);
        if (parsed.parentCode !== null && command.data.parent?.code !== parsed.parentCode) {
          throw new ParentRegionNotRegisteredError(`register ${parsed.parentCode} before ${command.data.code}`, {
            parentCode: parsed.parentCode,
          });
        }
        return [
          {
            type: 'RegionRegistered',
            data: { code: parsed.code, name: command.data.name, level: parsed.level, parentCode: parsed.parentCode },
          },
        ];
      }
      case 'RenameRegion':
        if (!state.registered) throw new RegionNotFoundError(`region ${command.data.code} is not registered`);
        if (state.name === command.data.name) return [];
        return [
          {
            type: 'RegionRenamed',
            data: { code: command.data.code, name: command.data.name, previousName: state.name, reason: command.data.reason },
          },
        ];
      default:
        return assertNever(command);
    }
  },
};
