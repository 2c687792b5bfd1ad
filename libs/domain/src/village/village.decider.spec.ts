import { specFor } from '@bangfu/testing';
import type { Decision } from '../shared/decider';
import { linkedToVillage, villageDecider, type VillageCommand, type VillageEvent, type VillageFacts } from './village.decider';

const spec = specFor(villageDecider);
type Decided = Decision<VillageCommand, VillageFacts>;
const VILLAGE = '222426103201';
const registered = { unitRegistered: true, villageRegistered: true };
const assignUnit = (unitId: string, from: string, facts = registered): Decided => ({
  type: 'AssignUnitToVillage',
  data: { villageCode: VILLAGE, unitId, from, reason: '省直单位包村' },
  facts,
});
const unitAssigned = (unitId: string, from: string, previousUnitId: string | null = null): VillageEvent => ({
  type: 'UnitAssignedToVillage',
  data: { villageCode: VILLAGE, unitId, from, previousUnitId, reason: '省直单位包村' },
});
const assignTeam = (memberIds: string[], unregisteredCadres: string[] = []): Decided => ({
  type: 'AssignWorkTeam',
  data: { villageCode: VILLAGE, memberIds, firstSecretaryId: 'fs', from: '2026-01-01T00:00:00.000Z', reason: '选派驻村工作队' },
  facts: { unregisteredCadres, villageRegistered: true },
});

describe('village decider', () => {
  it('given no unit, when a unit takes the village, then it is assigned with no predecessor', () => {
    spec
      .given([])
      .when(assignUnit('jl-wjw', '2026-01-01T00:00:00.000Z'))
      .then([unitAssigned('jl-wjw', '2026-01-01T00:00:00.000Z')]);
  });

  it('given a unit, when another takes over, then the record names the predecessor', () => {
    spec
      .given([unitAssigned('jl-wjw', '2026-01-01T00:00:00.000Z')])
      .when(assignUnit('antu-nyj', '2026-01-10T00:00:00.000Z'))
      .then([unitAssigned('antu-nyj', '2026-01-10T00:00:00.000Z', 'jl-wjw')]);
  });

  it('given a unit, when the same unit is assigned again, then nothing is recorded', () => {
    spec
      .given([unitAssigned('jl-wjw', '2026-01-01T00:00:00.000Z')])
      .when(assignUnit('jl-wjw', '2026-01-10T00:00:00.000Z'))
      .then([]);
  });

  it('refuses a unit or village not registered, and a period that starts before the current one', () => {
    spec
      .given([])
      .when(assignUnit('x', '2026-01-01T00:00:00.000Z', { ...registered, unitRegistered: false }))
      .then({ code: 'UNIT_NOT_FOUND' });
    spec
      .given([])
      .when(assignUnit('x', '2026-01-01T00:00:00.000Z', { ...registered, villageRegistered: false }))
      .then({ code: 'REGION_NOT_REGISTERED' });
    spec
      .given([unitAssigned('jl-wjw', '2026-01-10T00:00:00.000Z')])
      .when(assignUnit('antu-nyj', '2026-01-05T00:00:00.000Z'))
      .then({ code: 'ASSIGNMENT_OUT_OF_ORDER' });
  });

  it('given a work team, its 第一书记 is a member, named once', () => {
    spec
      .given([])
      .when(assignTeam(['m1', 'fs', 'm2']))
      .then([
        {
          type: 'WorkTeamAssigned',
          data: {
            villageCode: VILLAGE,
            memberIds: ['fs', 'm1', 'm2'],
            firstSecretaryId: 'fs',
            from: '2026-01-01T00:00:00.000Z',
            reason: '选派驻村工作队',
          },
        },
      ]);
  });

  it('refuses a team with an unregistered cadre or more than 20 members', () => {
    spec
      .given([])
      .when(assignTeam(['m1'], ['m1']))
      .then({ code: 'CADRE_NOT_FOUND' });
    spec
      .given([])
      .when(assignTeam(Array.from({ length: 21 }, (_, i) => `m${i}`)))
      .then({ code: 'INVALID_WORK_TEAM' });
  });

  it('closes a month once, and marks the village exited once', () => {
    const closed: VillageEvent = { type: 'VisitMonthClosed', data: { villageCode: VILLAGE, month: '2026-01' } };
    spec
      .given([])
      .when({ type: 'CloseVisitMonth', data: { villageCode: VILLAGE, month: '2026-01' } })
      .then([closed]);
    spec
      .given([closed])
      .when({ type: 'CloseVisitMonth', data: { villageCode: VILLAGE, month: '2026-01' } })
      .then([]);
    const exited: VillageEvent = {
      type: 'VillageExited',
      data: { villageCode: VILLAGE, exitedAt: '2026-01-10T00:00:00.000Z', exitId: `${VILLAGE}-1` },
    };
    spec.given([]).when({ type: 'MarkVillageExited', data: exited.data }).then([exited]);
    spec.given([exited]).when({ type: 'MarkVillageExited', data: exited.data }).then([]);
  });

  it('links a cadre to the village while on its team or in the unit that held it, at the instant asked', () => {
    const state = [
      unitAssigned('jl-wjw', '2026-01-01T00:00:00.000Z'),
      unitAssigned('antu-nyj', '2026-01-10T00:00:00.000Z', 'jl-wjw'),
    ].reduce(villageDecider.evolve, villageDecider.initialState());
    expect(linkedToVillage(state, 'c1', 'jl-wjw', '2026-01-05T00:00:00.000Z')).toBe(true);
    expect(linkedToVillage(state, 'c1', 'jl-wjw', '2026-01-12T00:00:00.000Z')).toBe(false);
    expect(linkedToVillage(state, 'c2', 'antu-nyj', '2026-01-12T00:00:00.000Z')).toBe(true);
  });
});
