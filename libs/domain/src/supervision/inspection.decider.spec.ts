import { specFor } from '@bangfu/testing';
import type { Actor } from '../shared/actor';
import { drawSample, populationDigest } from './sample';
import { inspectionDecider } from './inspection.decider';

const now = new Date('2026-03-01T00:00:00.000Z');
const inspector: Actor = { id: 'insp', roles: ['inspector'] };

describe('random samples (随机抽查)', () => {
  const population = Array.from({ length: 60 }, (_, i) => `22242610320100${String(i).padStart(2, '0')}`);

  it('draws the same sample from the same seed and population, in any order given', () => {
    const a = drawSample(population, 'seed-2026', 8);
    expect(drawSample([...population].reverse(), 'seed-2026', 8)).toEqual(a);
    expect(drawSample(population, 'seed-2027', 8)).not.toEqual(a);
    expect(new Set(a).size).toBe(8);
    expect(drawSample(population, 's', 100)).toHaveLength(60);
  });

  it('records the seed, the population and its digest, and never draws twice', () => {
    const draw = {
      inspectionId: 'i1',
      regionCode: '222426',
      kind: 'household' as const,
      purpose: '季度抽查',
      team: '督查组',
      seed: 'abc',
      size: 5,
    };
    const [event] = inspectionDecider.decide({ type: 'DrawSample', data: draw, facts: { population } }, inspectionDecider.initialState(), {
      now,
      actor: inspector,
    });
    expect(event.data).toMatchObject({
      seed: 'abc',
      populationDigest: populationDigest(population),
      sample: drawSample(population, 'abc', 5),
    });
    specFor(inspectionDecider)
      .given([event])
      .when({ type: 'DrawSample', data: draw, facts: { population } })
      .then({ code: 'SAMPLE_ALREADY_DRAWN' });
    specFor(inspectionDecider)
      .given([])
      .when({ type: 'DrawSample', data: draw, facts: { population: [] } })
      .then({ code: 'EMPTY_POPULATION' });
  });
});
