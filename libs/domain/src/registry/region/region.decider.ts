import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';
import { dayStart } from '../../shared/shanghai-time';
import { parseRegionCode, type RegionLevel } from './region-code';

export interface RegisterRegionData {
  code: string;
  name: string;
  /** When the division came under the work, for a county bringing its history in; absent, now. */
  registeredAt?: string;
}

/** What the region's handler reads from the streams of the divisions above for a registration. */
export interface RegionFacts {
  RegisterRegion: {
    /** The parent, from its own stream: its level, since when, and whether it is still bringing its history in. */
    parent: { code: string; level: RegionLevel; registeredAt: string; onboarding: boolean } | null;
    /** The go-live declared on the divisions above: under a live county a new division is live. */
    goLiveAbove: string | null;
  };
}

/**
 * 上线日期: from this Shanghai day on, the division's record is complete and its obligations and flags are
 * judged; what happened before it is migrated history, kept and shown but not judged.
 */
export interface DeclareGoLiveData {
  code: string;
  goLiveOn: string;
  reason: string;
}

export type RegionCommand =
  | { type: 'RegisterRegion'; data: RegisterRegionData }
  | { type: 'RenameRegion'; data: { code: string; name: string; reason: string } }
  | { type: 'DeclareGoLive'; data: DeclareGoLiveData };

export type RegionEvent =
  | {
      type: 'RegionRegistered';
      /**
       * `onboarding` (迁移中): a county or a division in it registered as of a past time, or under a division that is,
       * and nothing above it live yet.
       * Its history is being entered: nothing in it is judged until a go-live date is declared on it or above it.
       */
      data: { code: string; name: string; level: RegionLevel; parentCode: string | null; onboarding?: boolean };
    }
  | { type: 'RegionRenamed'; data: { code: string; name: string; previousName: string; reason: string } }
  | { type: 'GoLiveDeclared'; data: { code: string; goLiveOn: string; goLiveAt: string; reason: string } };

export type RegionState =
  | { registered: false }
  | { registered: true; code: string; name: string; level: RegionLevel; onboarding: boolean; goLiveAt: string | null };

/** Levels that go live: a county or a division in it (a province or city goes live through its counties). */
export const GO_LIVE_LEVELS: readonly RegionLevel[] = ['county', 'township', 'village'];

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
export class GoLiveAlreadyDeclaredError extends DomainError {
  readonly code = 'GO_LIVE_ALREADY_DECLARED';
}
export class GoLiveLevelError extends DomainError {
  readonly code = 'GO_LIVE_ABOVE_COUNTY';
}
export class GoLiveInFutureError extends DomainError {
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

export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState, RegionFacts> = {
  initialState: () => ({ registered: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'RegionRegistered':
        return {
          registered: true,
          code: event.data.code,
          name: event.data.name,
          level: event.data.level,
          onboarding: event.data.onboarding === true,
          goLiveAt: null,
        };
      case 'RegionRenamed':
        return state.registered ? { ...state, name: event.data.name } : state;
      case 'GoLiveDeclared':
        return state.registered ? { ...state, goLiveAt: event.data.goLiveAt } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'RegisterRegion': {
        const { registeredAt } = command.data;
        const { parent, goLiveAbove } = command.facts;
        if (registeredAt !== undefined && Date.parse(registeredAt) > now.getTime()) {
          throw new RegistrationInFutureError(`registeredAt ${registeredAt} is in the future`, { field: 'registeredAt' });
        }
        if (registeredAt !== undefined && parent && Date.parse(registeredAt) < Date.parse(parent.registeredAt)) {
          throw new RegisteredBeforeParentError(`${parent.code} was registered only at ${parent.registeredAt}`, { field: 'registeredAt' });
        }
        const parsed = parseRegionCode(command.data.code);
        if ('invalid' in parsed) throw new InvalidRegionCodeError(`${command.data.code}: ${parsed.invalid}`, { field: 'code' });
        if (state.registered) throw new RegionAlreadyRegisteredError(`region ${command.data.code} is already registered as ${state.name}`);
        if (parsed.parentCode !== null && parent?.code !== parsed.parentCode) {
          throw new ParentRegionNotRegisteredError(`register ${parsed.parentCode} before ${command.data.code}`, {
            parentCode: parsed.parentCode,
          });
        }
        // Only what can go live onboards: a province or city registered as of a past time is simply registered.
        const onboarding =
          GO_LIVE_LEVELS.includes(parsed.level) && goLiveAbove === null && (registeredAt !== undefined || parent?.onboarding === true);
        return [
          {
            type: 'RegionRegistered',
            data: {
              code: parsed.code,
              name: command.data.name,
              level: parsed.level,
              parentCode: parsed.parentCode,
              ...(onboarding ? { onboarding } : {}),
            },
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
      case 'DeclareGoLive':
        return declareGoLive(command.data, state, now);
      default:
        return assertNever(command);
    }
  },
};

/**
 * Declared once: moving the date later would take back judgments already made on the record, so a
 * mistaken date is an accountability matter, not an edit. Never in the future: it states what is complete.
 */
function declareGoLive(data: DeclareGoLiveData, state: RegionState, now: Date): RegionEvent[] {
  if (!state.registered) throw new RegionNotFoundError(`region ${data.code} is not registered`);
  if (!GO_LIVE_LEVELS.includes(state.level)) {
    throw new GoLiveLevelError(`a ${state.level} goes live through its counties; declare the go-live date on a county or below`);
  }
  if (state.goLiveAt !== null) {
    throw new GoLiveAlreadyDeclaredError(`region ${data.code} went live at ${state.goLiveAt}`, { goLiveAt: state.goLiveAt });
  }
  const goLiveAt = dayStart(data.goLiveOn);
  if (Date.parse(goLiveAt) > now.getTime()) {
    throw new GoLiveInFutureError(`goLiveOn ${data.goLiveOn} is in the future`, { field: 'goLiveOn' });
  }
  return [{ type: 'GoLiveDeclared', data: { code: data.code, goLiveOn: data.goLiveOn, goLiveAt, reason: data.reason } }];
}
