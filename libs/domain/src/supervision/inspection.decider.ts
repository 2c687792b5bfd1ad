import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { drawSample, populationDigest } from './sample';

export const SAMPLE_KINDS = ['household', 'village'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

export interface SampleDrawn {
  inspectionId: string;
  regionCode: string;
  kind: SampleKind;
  purpose: string;
  team: string;
  seed: string;
  /** The sorted ids drawn from, as the registry listed them: with the seed, enough to replay the draw. */
  population: string[];
  populationDigest: string;
  sample: string[];
}

export type InspectionCommand = {
  type: 'DrawSample';
  data: Omit<SampleDrawn, 'sample' | 'populationDigest' | 'population'> & { size: number };
};

/**
 * The population a draw is made from: the registry as it lists the division's households or villages now (a named
 * view query in the handler — the draw records the population it used, so it can be replayed whatever the view).
 */
export interface InspectionFacts {
  DrawSample: { population: readonly string[] };
}
export type InspectionEvent = { type: 'InspectionSampleDrawn'; data: SampleDrawn };
export interface InspectionState {
  drawn: SampleDrawn | null;
}

export class SampleAlreadyDrawnError extends DomainError {
  readonly code = 'SAMPLE_ALREADY_DRAWN';
}
/** A finding names an inspection that never drew a sample. */
export class InspectionNotFoundError extends DomainError {
  readonly code = 'INSPECTION_NOT_FOUND';
  override readonly kind = 'invalid' as const;
}
export class EmptyPopulationError extends DomainError {
  readonly code = 'EMPTY_POPULATION';
}

export function inspectionStreamId(inspectionId: string): string {
  return `inspection-${inspectionId}`;
}

/** An inspection's random sample: drawn once, with its seed and population on the record. */
export const inspectionDecider: Decider<InspectionCommand, InspectionEvent, InspectionState, InspectionFacts> = {
  initialState: () => ({ drawn: null }),
  evolve(_state, event) {
    switch (event.type) {
      case 'InspectionSampleDrawn':
        return { drawn: event.data };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'DrawSample': {
        const { size, ...draw } = command.data;
        if (state.drawn) {
          throw new SampleAlreadyDrawnError(
            `inspection ${draw.inspectionId} drew its sample already (seed ${state.drawn.seed}): a draw is never repeated`,
          );
        }
        if (command.facts.population.length === 0)
          throw new EmptyPopulationError(`no ${draw.kind} is registered in ${draw.regionCode} to draw from`);
        const population = [...new Set(command.facts.population)].sort();
        const sample = drawSample(population, draw.seed, size);
        return [{ type: 'InspectionSampleDrawn', data: { ...draw, population, populationDigest: populationDigest(population), sample } }];
      }
      default:
        return assertNever(command.type);
    }
  },
};
