import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';
import { CadreNotFoundError } from '../../household/household-errors';

export interface Handover {
  householdId: string;
  successorId: string;
}

export type CadreCommand =
  | {
      type: 'RegisterCadre';
      data: {
        cadreId: string;
        name: string;
        unitId: string;
        position: string;
        phone?: string;
      };
    }
  | {
      type: 'RecallCadre';
      data: { cadreId: string; reason: string; recalledAt: string; handovers: Handover[] };
    };

export type CadreEvent =
  | {
      type: 'CadreRegistered';
      data: { cadreId: string; name: string; unitId: string; regionCode: string; position: string; phone?: string };
    }
  | { type: 'CadreRecalled'; data: { cadreId: string; reason: string; recalledAt: string; handovers: Handover[] } };

export type CadreState =
  { registered: false } | { registered: true; cadreId: string; name: string; unitId: string; regionCode: string; recalled: boolean };

export class CadreAlreadyRegisteredError extends DomainError {
  readonly code = 'CADRE_ALREADY_REGISTERED';
}
export class UnitNotRegisteredError extends DomainError {
  readonly code = 'UNIT_NOT_REGISTERED';
}
export class CadreAlreadyRecalledError extends DomainError {
  readonly code = 'CADRE_ALREADY_RECALLED';
}
/** 召回制度: a recalled cadre's households must each pass to a successor in the same step. */
export class RecallWithoutHandoverError extends DomainError {
  readonly code = 'RECALL_WITHOUT_HANDOVER';
}

export function cadreStreamId(cadreId: string): string {
  return `cadre-${cadreId}`;
}

/**
 * What the cadre's handler reads for a decision: the unit (from its stream) a cadre registers in, and the
 * households a cadre holds when recalled (a named view query: see the handler).
 */
export interface CadreFacts {
  RegisterCadre: { unit: { registered: boolean; regionCode: string | null } };
  RecallCadre: { heldHouseholds: readonly string[] };
}

export const cadreDecider: Decider<CadreCommand, CadreEvent, CadreState, CadreFacts> = {
  initialState: () => ({ registered: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'CadreRegistered':
        return {
          registered: true,
          cadreId: event.data.cadreId,
          name: event.data.name,
          unitId: event.data.unitId,
          regionCode: event.data.regionCode,
          recalled: false,
        };
      case 'CadreRecalled':
        return state.registered ? { ...state, recalled: true } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterCadre': {
        const cadre = command.data;
        const { unit } = command.facts;
        if (state.registered) throw new CadreAlreadyRegisteredError(`cadre ${cadre.cadreId} is already registered as ${state.name}`);
        if (!unit.registered || unit.regionCode === null) {
          throw new UnitNotRegisteredError(`unit ${cadre.unitId} is not registered`, { field: 'unitId' });
        }
        return [{ type: 'CadreRegistered', data: { ...cadre, regionCode: unit.regionCode } }];
      }
      case 'RecallCadre': {
        const recall = command.data;
        const { heldHouseholds } = command.facts;
        if (!state.registered) throw new CadreNotFoundError(`cadre ${recall.cadreId} is not registered`);
        if (state.recalled) throw new CadreAlreadyRecalledError(`cadre ${recall.cadreId} was already recalled`);
        const covered = new Set(recall.handovers.map((handover) => handover.householdId));
        const missing = heldHouseholds.filter((householdId) => !covered.has(householdId));
        if (missing.length > 0) {
          throw new RecallWithoutHandoverError(`hand over every household the cadre holds: ${missing.join(', ')}`, { missing });
        }
        const extra = recall.handovers.filter((handover) => !heldHouseholds.includes(handover.householdId));
        if (extra.length > 0) {
          throw new RecallWithoutHandoverError(`the cadre does not hold ${extra.map((h) => h.householdId).join(', ')}`, {
            field: 'handovers',
          });
        }
        if (recall.handovers.some((handover) => handover.successorId === recall.cadreId)) {
          throw new RecallWithoutHandoverError('a recalled cadre cannot be their own successor', { field: 'handovers' });
        }
        return [{ type: 'CadreRecalled', data: recall }];
      }
      default:
        return assertNever(command);
    }
  },
};
