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
  | { type: 'RecallCadre'; data: Recall }
  /** The recall's last step, once every household has passed to its successor (sent by the recall process). */
  | { type: 'CompleteCadreRecall'; data: { cadreId: string } };

/** 召回: why, from when, and who takes each household the cadre holds. */
export interface Recall {
  cadreId: string;
  reason: string;
  recalledAt: string;
  handovers: Handover[];
}

export type CadreEvent =
  | {
      type: 'CadreRegistered';
      data: { cadreId: string; name: string; unitId: string; regionCode: string; position: string; phone?: string };
    }
  /** The recall decided: from here the cadre takes on nothing, and the recall process hands each household over. */
  | { type: 'CadreRecallRequested'; data: Recall }
  /** Every household handed over: the recall is complete (logs from before the process have this event alone). */
  | { type: 'CadreRecalled'; data: Recall };

export type CadreState =
  | { registered: false }
  | {
      registered: true;
      cadreId: string;
      name: string;
      unitId: string;
      regionCode: string;
      /** Requested or complete: a recalled cadre takes on no household. */
      recalled: boolean;
      /** A recall requested and not yet complete. */
      pendingRecall: Recall | null;
    };

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
/** A recall cannot complete while a household of its plan is still held by the recalled cadre. */
export class RecallIncompleteError extends DomainError {
  readonly code = 'RECALL_INCOMPLETE';
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
  /** The households of the plan the recalled cadre still holds, read from their streams. */
  CompleteCadreRecall: { stillHeld: readonly string[] };
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
          pendingRecall: null,
        };
      case 'CadreRecallRequested':
        return state.registered ? { ...state, recalled: true, pendingRecall: event.data } : state;
      case 'CadreRecalled':
        return state.registered ? { ...state, recalled: true, pendingRecall: null } : state;
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
        return [{ type: 'CadreRecallRequested', data: recall }];
      }
      case 'CompleteCadreRecall': {
        if (!state.registered) throw new CadreNotFoundError(`cadre ${command.data.cadreId} is not registered`);
        // Completed already (a replay of the process), or a recall recorded whole by an earlier version.
        if (state.pendingRecall === null) return [];
        if (command.facts.stillHeld.length > 0) {
          throw new RecallIncompleteError(`cadre ${state.cadreId} still holds ${command.facts.stillHeld.join(', ')}`, {
            stillHeld: command.facts.stillHeld,
          });
        }
        return [{ type: 'CadreRecalled', data: state.pendingRecall }];
      }
      default:
        return assertNever(command);
    }
  },
};
