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
    // January ends at 16:00Z on 31 January: its team report is due 5 days later, escalated 10 days after that.
    const closed: VillageEvent = {
      type: 'VisitMonthClosed',
      data: {
        villageCode: VILLAGE,
        month: '2026-01',
        teamReportDueAt: '2026-02-05T16:00:00.000Z',
        teamReportEscalateAt: '2026-02-15T16:00:00.000Z',
      },
    };
    const close = {
      type: 'CloseVisitMonth' as const,
      data: { villageCode: VILLAGE, month: '2026-01' },
      facts: { teamReportDays: 5, escalationDays: 10 },
    };
    spec.given([]).when(close).then([closed]);
    spec.given([closed]).when(close).then([]);
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

describe('驻村定期报告: the work team’s monthly report', () => {
  const team: VillageEvent = {
    type: 'WorkTeamAssigned',
    data: { villageCode: VILLAGE, memberIds: ['fs', 'm1'], firstSecretaryId: 'fs', from: '2025-12-01T00:00:00.000Z', reason: '选派' },
  };
  const closed: VillageEvent = {
    type: 'VisitMonthClosed',
    data: {
      villageCode: VILLAGE,
      month: '2026-01',
      teamReportDueAt: '2026-02-05T16:00:00.000Z',
      teamReportEscalateAt: '2026-02-15T16:00:00.000Z',
    },
  };
  const report = {
    villageCode: VILLAGE,
    month: '2026-01',
    reportId: 'r1',
    summary: '走访全村贫困户',
    problems: ['饮水不稳定'],
    nextSteps: ['协调打井'],
  };
  const member = { id: 'm1', roles: ['work-team' as const] };
  const file = (at: string, actor: { id: string; roles: ('work-team' | 'county-admin')[] } = member) => ({
    command: { type: 'FileWorkTeamReport' as const, data: report },
    context: { now: new Date(at), actor },
  });
  const filed = (late: boolean): VillageEvent => ({ type: 'WorkTeamReportFiled', data: { ...report, filedBy: 'm1', late } });
  const missed: VillageEvent = {
    type: 'WorkTeamReportMissed',
    data: {
      villageCode: VILLAGE,
      month: '2026-01',
      firstSecretaryId: 'fs',
      memberIds: ['fs', 'm1'],
      dueAt: '2026-02-05T16:00:00.000Z',
      escalateAt: '2026-02-15T16:00:00.000Z',
    },
  };
  const check = { type: 'CheckWorkTeamReport' as const, data: { villageCode: VILLAGE, month: '2026-01' } };
  const escalate = { type: 'EscalateWorkTeamReport' as const, data: { villageCode: VILLAGE, month: '2026-01' } };

  it('is filed by a member of the team by the deadline (on time), after it (late), once', () => {
    const onTime = file('2026-02-03T02:00:00.000Z');
    spec
      .given([team, closed])
      .when(onTime.command, onTime.context)
      .then([filed(false)]);
    const late = file('2026-02-07T02:00:00.000Z');
    spec
      .given([team, closed])
      .when(late.command, late.context)
      .then([filed(true)]);
    spec
      .given([team, closed, filed(false)])
      .when(onTime.command, onTime.context)
      .then({ code: 'WORK_TEAM_REPORT_ALREADY_FILED' });
  });

  it('refuses someone not on the team, a village without a team, and a month not begun', () => {
    const outsider = file('2026-02-03T02:00:00.000Z', { id: 'x', roles: ['work-team'] });
    spec.given([team, closed]).when(outsider.command, outsider.context).then({ code: 'NOT_ON_WORK_TEAM' });
    const noTeam = file('2026-02-03T02:00:00.000Z');
    spec.given([closed]).when(noTeam.command, noTeam.context).then({ code: 'NOT_ON_WORK_TEAM' });
    const early = { ...file('2025-12-20T02:00:00.000Z') };
    spec.given([team]).when(early.command, early.context).then({ code: 'INVALID_WORK_TEAM_REPORT' });
  });

  it('marks a month with no report missed at its deadline, once; a filed one is not', () => {
    spec.given([team, closed]).when(check).then([missed]);
    spec.given([team, closed, missed]).when(check).then([]);
    spec
      .given([team, closed, filed(false)])
      .when(check)
      .then([]);
    // A month closed before team reports were kept owed none.
    spec
      .given([team, { type: 'VisitMonthClosed', data: { villageCode: VILLAGE, month: '2026-01' } }])
      .when(check)
      .then([]);
  });

  it('escalates a missed report to the township unless it came in meanwhile', () => {
    spec
      .given([team, closed, missed])
      .when(escalate)
      .then([
        {
          type: 'WorkTeamReportEscalated',
          data: { villageCode: VILLAGE, month: '2026-01', escalatedTo: '222426103', firstSecretaryId: 'fs' },
        },
      ]);
    spec
      .given([team, closed, missed, filed(true)])
      .when(escalate)
      .then([]);
  });
});
