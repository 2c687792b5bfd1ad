import { leadAt, leadPeriods } from './unit-leads';
import type { UnitEvent } from './unit.decider';

const registered: UnitEvent = {
  type: 'UnitRegistered',
  data: { unitId: 'jl-wjw', name: '吉林省卫生健康委员会', regionCode: '220000', leadOfficial: '张义' },
};
const changed = (leadOfficial: string, previous: string, from: string): UnitEvent => ({
  type: 'UnitLeadChanged',
  data: { unitId: 'jl-wjw', leadOfficial, previous, from, reason: '班子调整' },
});
const REGISTERED_AT = '2025-12-01T02:00:00.000Z';

describe('a unit’s lead officials over time', () => {
  it('runs the registered lead from the registration to the first change, each change to the next', () => {
    // Given a unit registered under 张义, whose lead changed to 李新 and then to 王华.
    const events = [
      { event: registered, occurredAt: REGISTERED_AT },
      { event: changed('李新', '张义', '2026-03-01T00:00:00.000Z'), occurredAt: '2026-03-02T00:00:00.000Z' },
      { event: changed('王华', '李新', '2026-08-01T00:00:00.000Z'), occurredAt: '2026-08-01T00:00:00.000Z' },
    ];
    // When its periods are read, then each term ends where the next begins, by the day the change took effect.
    expect(leadPeriods(events)).toEqual([
      { leadOfficial: '张义', from: REGISTERED_AT, to: '2026-03-01T00:00:00.000Z' },
      { leadOfficial: '李新', from: '2026-03-01T00:00:00.000Z', to: '2026-08-01T00:00:00.000Z' },
      { leadOfficial: '王华', from: '2026-08-01T00:00:00.000Z', to: null },
    ]);
  });

  it('names the lead official in force at an instant, and the registered one for an instant before any change', () => {
    const periods = leadPeriods([
      { event: registered, occurredAt: REGISTERED_AT },
      { event: changed('李新', '张义', '2026-03-01T00:00:00.000Z'), occurredAt: '2026-03-02T00:00:00.000Z' },
    ]);
    expect(leadAt(periods, '2026-02-28T23:59:59.999Z')).toBe('张义');
    expect(leadAt(periods, '2026-03-01T00:00:00.000Z')).toBe('李新');
    // Grounds dated before the unit was registered still name the one it was registered under.
    expect(leadAt(periods, '2020-01-01T00:00:00.000Z')).toBe('张义');
    expect(leadAt([], '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });
});
