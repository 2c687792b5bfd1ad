import { specFor } from '@bangfu/testing';
import type { Decision } from '../../shared/decider';
import { unitDecider, type UnitCommand, type UnitEvent, type UnitFacts } from './unit.decider';

const spec = specFor(unitDecider);
const unit = { unitId: 'jl-wjw', name: '吉林省卫生健康委员会', regionCode: '220000', leadOfficial: '张义' };
const register = (regionRegistered = true): Decision<UnitCommand, UnitFacts> => ({
  type: 'RegisterUnit',
  data: unit,
  facts: { regionRegistered },
});
const registered: UnitEvent = { type: 'UnitRegistered', data: unit };
const changeLead = (leadOfficial: string): Extract<UnitCommand, { type: 'ChangeUnitLead' }> => ({
  type: 'ChangeUnitLead',
  data: { unitId: 'jl-wjw', leadOfficial, from: '2026-01-10T00:00:00.000Z', reason: '班子调整' },
});

describe('unit decider', () => {
  it('registers a unit in a registered division', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('refuses a second registration and a division not registered', () => {
    spec.given([registered]).when(register()).then({ code: 'UNIT_ALREADY_REGISTERED' });
    spec.given([]).when(register(false)).then({ code: 'REGION_NOT_REGISTERED' });
  });

  it('records a change of lead official with the one before, for 捆绑问责 at any time', () => {
    spec
      .given([registered])
      .when(changeLead('李新'))
      .then([{ type: 'UnitLeadChanged', data: { ...changeLead('李新').data, previous: '张义' } }]);
  });

  it('records nothing when the lead official stays, and refuses an unknown unit', () => {
    spec.given([registered]).when(changeLead('张义')).then([]);
    spec.given([]).when(changeLead('李新')).then({ code: 'UNIT_NOT_FOUND' });
  });
});
