import type { Actor, Decision } from '@bangfu/domain';
import { specFor } from '@bangfu/testing';
import type { WorkflowCommand, WorkflowEvent, WorkflowFacts } from '../definition/workflow-messages';
import { identificationDecider, type IdentificationStartFacts } from './identification-definitions';

const DAY = 86_400_000;
const HH = '2224261032010077';
const ID = `${HH}-1`;
const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY);
const person = (id: string, role: string): Actor => ({ id, roles: [role], regionCode: '222426' });
const TEAM = person('team-1', 'work-team');
const TOWNSHIP = person('town-1', 'township-reviewer');
const COUNTY = person('county-1', 'county-admin');
const EXCLUSIONS = [
  'PUBLIC_SERVANT',
  'VEHICLE',
  'TOWN_HOUSE',
  'BUSINESS',
  'HIRED_LABOUR',
  'PRIVATE_SCHOOLING',
  'AWAY_LONG',
  'SPLIT_FOR_BENEFITS',
  'REFUSED_SUPPORT',
];
const CHECKS = ['food', 'clothing', 'education', 'medical', 'housing', 'water'];
const visit = (present: string[] = [], unmet = ['housing']) => ({
  identification: {
    checklist: Object.fromEntries(CHECKS.map((k) => [k, { result: unmet.includes(k) ? 'not_met' : 'met', evidence: '入户查看' }])),
    exclusions: Object.fromEntries(EXCLUSIONS.map((k) => [k, present.includes(k)])),
  },
});

type Decided = Decision<WorkflowCommand, WorkflowFacts>;
const unregistered: IdentificationStartFacts = { status: 'unregistered', villageRegistered: true };
const start = (record: IdentificationStartFacts = unregistered): Decided => ({
  type: 'StartWorkflow',
  data: { definitionId: 'household-identification', subject: { kind: 'household', id: HH }, reason: '农户申请' },
  facts: { regionCode: '222426103201', record: { ...record } },
});
const actOn = (step: string, action: 'approve' | 'return' | 'object', input: Record<string, unknown> = {}): Decided => ({
  type: 'ActOnStep',
  data: { instanceId: ID, step, action, input },
  facts: { record: {} },
});
const decider = identificationDecider();
const spec = specFor(decider);

function run(steps: [Decided, Actor, Date][]): WorkflowEvent[] {
  const history: WorkflowEvent[] = [];
  for (const [command, actor, now] of steps) {
    history.push(...decider.decide(command, history.reduce(decider.evolve, decider.initialState()), { now, actor }));
  }
  return history;
}

describe('精准识别 on the workflow runtime', () => {
  it('opens for a 户编号 not on the register in a registered village, and refuses one already registered', () => {
    expect(run([[start(), TEAM, at(0)]]).map((e) => e.type)).toEqual(['WorkflowStarted', 'WorkflowStepEntered']);
    spec
      .given([])
      .when(start({ status: 'registered', villageRegistered: true }), { actor: TEAM })
      .then({ code: 'HOUSEHOLD_ALREADY_REGISTERED' });
    spec
      .given([])
      .when(start({ status: 'unregistered', villageRegistered: false }), { actor: TEAM })
      .then({ code: 'VILLAGE_NOT_REGISTERED' });
  });

  it('refuses a visit with a 九不纳入 fact, with one left undeclared, or that found no need', () => {
    const opened = run([[start(), TEAM, at(0)]]);
    spec
      .given(opened)
      .when(actOn('visit', 'approve', visit(['VEHICLE'])), { actor: TEAM, now: at(1) })
      .then({ code: 'EXCLUSION_PRESENT' });
    spec
      .given(opened)
      .when(actOn('visit', 'approve', { identification: { ...visit().identification, exclusions: { VEHICLE: false } } }), {
        actor: TEAM,
        now: at(1),
      })
      .then({ code: 'EXCLUSIONS_UNDECLARED' });
    spec
      .given(opened)
      .when(actOn('visit', 'approve', visit([], [])), { actor: TEAM, now: at(1) })
      .then({ code: 'NO_NEED_FOUND' });
  });

  it('goes back to the visit on an objection during 公示, then through both reviews by different people to passed', () => {
    const history = run([
      [start(), TEAM, at(0)],
      [actOn('visit', 'approve', visit()), TEAM, at(1)],
      [actOn('review', 'approve', { vote: { for: 30, against: 2, abstain: 1 } }), TEAM, at(3)],
      [actOn('notice', 'object', { objection: { by: '村民王某', content: '该户有营运车辆' } }), TOWNSHIP, at(5)],
      [actOn('visit', 'approve', visit()), TEAM, at(8)],
      [actOn('review', 'approve', { vote: { for: 28, against: 3, abstain: 2 } }), TEAM, at(10)],
      [actOn('notice', 'approve', { notice: { location: '村务公开栏', photos: ['公示照片'] } }), TEAM, at(18)],
      [actOn('township', 'approve', { review: { opinion: '同意' } }), TOWNSHIP, at(20)],
      [actOn('county', 'approve', { review: { opinion: '同意纳入' } }), COUNTY, at(22)],
    ]);
    expect(history.filter((e) => e.type === 'WorkflowStepEntered').map((e) => (e.data as { step: string }).step)).toEqual([
      'visit',
      'review',
      'notice',
      'visit',
      'review',
      'notice',
      'township',
      'county',
    ]);
    expect(history.at(-1)).toMatchObject({
      type: 'WorkflowCompleted',
      data: { outcome: 'passed', definitionId: 'household-identification' },
    });
  });
});
