import { specFor } from '@bangfu/testing';
import type { Decision } from '../../shared/decider';
import { cadreDecider, type CadreCommand, type CadreEvent, type CadreFacts } from './cadre.decider';

const spec = specFor(cadreDecider);
type Decided = Decision<CadreCommand, CadreFacts>;
const profile = { cadreId: 'c1', name: '禹露', unitId: 'jl-wjw', position: '科员' };
const register = (unit: { registered: boolean; regionCode: string | null }): Decided => ({
  type: 'RegisterCadre',
  data: profile,
  facts: { unit },
});
const registered: CadreEvent = { type: 'CadreRegistered', data: { ...profile, regionCode: '220000' } };
const recall = (handovers: { householdId: string; successorId: string }[], heldHouseholds: string[]): Decided => ({
  type: 'RecallCadre',
  data: { cadreId: 'c1', reason: '履职不力', recalledAt: '2026-01-10T00:00:00.000Z', handovers },
  facts: { heldHouseholds },
});

const HANDOVERS = [{ householdId: 'h1', successorId: 'c2' }];
const RECALL = { cadreId: 'c1', reason: '履职不力', recalledAt: '2026-01-10T00:00:00.000Z', handovers: HANDOVERS };
const requested: CadreEvent = { type: 'CadreRecallRequested', data: RECALL };
const complete = (stillHeld: string[]): Decided => ({ type: 'CompleteCadreRecall', data: { cadreId: 'c1' }, facts: { stillHeld } });

describe('cadre decider', () => {
  it('registers a cadre in the division of their unit', () => {
    spec
      .given([])
      .when(register({ registered: true, regionCode: '220000' }))
      .then([registered]);
  });

  it('refuses a unit not registered, and a second registration', () => {
    spec
      .given([])
      .when(register({ registered: false, regionCode: null }))
      .then({ code: 'UNIT_NOT_REGISTERED' });
    spec
      .given([registered])
      .when(register({ registered: true, regionCode: '220000' }))
      .then({ code: 'CADRE_ALREADY_REGISTERED' });
  });

  it('requests the recall (召回) of a cadre whose every household passes to a successor', () => {
    spec
      .given([registered])
      .when(recall(HANDOVERS, ['h1']))
      .then([{ type: 'CadreRecallRequested', data: RECALL }]);
  });

  it('given a recall requested, the cadre counts as recalled: a second recall is refused', () => {
    spec
      .given([registered, requested])
      .when(recall(HANDOVERS, ['h1']))
      .then({ code: 'CADRE_ALREADY_RECALLED' });
  });

  it('completes the recall once no household of the plan is still held by the cadre', () => {
    spec
      .given([registered, requested])
      .when(complete([]))
      .then([{ type: 'CadreRecalled', data: RECALL }]);
  });

  it('refuses to complete while a household of the plan is still held, and completes only once', () => {
    spec
      .given([registered, requested])
      .when(complete(['h1']))
      .then({ code: 'RECALL_INCOMPLETE' });
    spec
      .given([registered, requested, { type: 'CadreRecalled', data: RECALL }])
      .when(complete([]))
      .then([]);
  });

  it('refuses a recall that leaves a household without a successor, or hands over one the cadre does not hold', () => {
    spec
      .given([registered])
      .when(recall([], ['h1']))
      .then({ code: 'RECALL_WITHOUT_HANDOVER' });
    spec
      .given([registered])
      .when(recall([{ householdId: 'h2', successorId: 'c2' }], []))
      .then({ code: 'RECALL_WITHOUT_HANDOVER' });
  });

  it('refuses the cadre as their own successor, a second recall, and an unknown cadre', () => {
    spec
      .given([registered])
      .when(recall([{ householdId: 'h1', successorId: 'c1' }], ['h1']))
      .then({ code: 'RECALL_WITHOUT_HANDOVER' });
    const recalled: CadreEvent = {
      type: 'CadreRecalled',
      data: { cadreId: 'c1', reason: '履职不力', recalledAt: '2026-01-10T00:00:00.000Z', handovers: [] },
    };
    spec.given([registered, recalled]).when(recall([], [])).then({ code: 'CADRE_ALREADY_RECALLED' });
    spec.given([]).when(recall([], [])).then({ code: 'CADRE_NOT_FOUND' });
  });
});
