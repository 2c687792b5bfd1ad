import type { Actor, Decision } from '@bangfu/domain';
import { specFor } from '@bangfu/testing';
import type { WorkflowCommand, WorkflowEvent, WorkflowFacts } from '../definition/workflow-messages';
import { procedureDecider } from '../procedures/procedure-catalog';
import { type IdentificationStartFacts } from './identification-definitions';
import { decidedRegistration, decidedRemoval } from './identification-outcomes';
import { identificationOutcomesProcess } from './identification-outcomes.process';
import type { RecordedEvent } from '@bangfu/eventstore';

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
const HOUSEHOLD = {
  members: [{ name: '金小山', idNumber: '11010519491231002X', relation: '户主' }],
  category: '一般贫困户',
  causes: ['因病'],
};
const visit = (present: string[] = [], unmet = ['housing'], household: object = HOUSEHOLD) => ({
  identification: {
    checklist: Object.fromEntries(CHECKS.map((k) => [k, { result: unmet.includes(k) ? 'not_met' : 'met', evidence: '入户查看' }])),
    exclusions: Object.fromEntries(EXCLUSIONS.map((k) => [k, present.includes(k)])),
    household,
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
const decider = procedureDecider();
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

  it('refuses a visit whose household the register would not accept, before anyone votes on it', () => {
    const opened = run([[start(), TEAM, at(0)]]);
    const wrongCheck = { ...HOUSEHOLD, members: [{ name: '金小山', idNumber: '110105194912310021', relation: '户主' }] };
    spec
      .given(opened)
      .when(actOn('visit', 'approve', visit([], ['housing'], wrongCheck)), { actor: TEAM, now: at(1) })
      .then({ code: 'INVALID_ID_NUMBER' });
    spec
      .given(opened)
      .when(actOn('visit', 'approve', visit([], ['housing'], { ...HOUSEHOLD, causes: [] })), { actor: TEAM, now: at(1) })
      .then({ code: 'INVALID_HOUSEHOLD' });
    const { household: _left, ...withoutHousehold } = visit().identification;
    spec
      .given(opened)
      .when(actOn('visit', 'approve', { identification: withoutHousehold }), { actor: TEAM, now: at(1) })
      .then({ code: 'INVALID_HOUSEHOLD' });
  });

  it('goes back to the visit on an objection during 公示, then through both reviews by different people to passed', () => {
    const history = passedIdentification();
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

  it('refuses a county decision by the person who reviewed for the township', () => {
    const history = passedIdentification();
    const atCounty = history.slice(0, history.findIndex((e) => e.type === 'WorkflowStepEntered' && e.data.step === 'county') + 1);
    const townshipAndCounty = person('town-1', 'county-admin');
    spec
      .given(atCounty)
      .when(actOn('county', 'approve', { review: { opinion: '同意纳入' } }), {
        actor: { ...townshipAndCounty, roles: ['county-admin'] },
        now: at(22),
      })
      .then({ code: 'SAME_REVIEWER' });
  });

  it('registers the household as the visit after the objection recorded it, identified when the county decided', () => {
    const history = passedIdentification();
    expect(decidedRegistration(history, ID)).toEqual({
      profile: { ...HOUSEHOLD, members: [SECOND_VISIT_HEAD] },
      identifiedAt: at(22).toISOString(),
    });
    expect(decidedRegistration(history.slice(0, -1), ID)).toBeUndefined();
    expect(decidedRemoval(history, ID)).toBeUndefined();
    expect(identificationOutcomesProcess.react(recorded(history.at(-1)!), { views: undefined as never })).toEqual([
      { command: { type: 'RegisterIdentifiedHousehold', data: { householdId: HH, identificationId: ID } } },
    ]);
  });
});

describe('剔除 on the workflow runtime', () => {
  const registered: IdentificationStartFacts = { status: 'registered', villageRegistered: true };
  const startRemoval = (record: IdentificationStartFacts = registered): Decided => ({
    type: 'StartWorkflow',
    data: { definitionId: 'household-removal', subject: { kind: 'household', id: HH }, reason: '群众举报' },
    facts: { regionCode: '222426103201', record: { ...record } },
  });
  const REMOVAL = { removal: { reason: 'VEHICLE', detail: '经查，该户2025年购置小轿车一辆' } };

  it('opens only for a household on the register, and needs a 九不纳入 fact with what shows it', () => {
    spec.given([]).when(startRemoval(unregistered), { actor: TEAM }).then({ code: 'HOUSEHOLD_NOT_FOUND' });
    const opened = run([[startRemoval(), TEAM, at(0)]]);
    spec
      .given(opened)
      .when(actOn('verification', 'approve', { removal: { reason: 'RICH', detail: 'x' } }), { actor: TEAM, now: at(1) })
      .then({ code: 'EXCLUSION_UNKNOWN' });
    spec
      .given(opened)
      .when(actOn('verification', 'approve', { removal: { reason: 'VEHICLE', detail: ' ' } }), { actor: TEAM, now: at(1) })
      .then({ code: 'EXCLUSION_UNSUPPORTED' });
  });

  it('passes through 公示 and both reviews, and removes the household with the fact its verification found', () => {
    const history = run([
      [startRemoval(), TEAM, at(0)],
      [actOn('verification', 'approve', REMOVAL), TEAM, at(1)],
      [actOn('notice', 'approve', { notice: { location: '村务公开栏' } }), TEAM, at(9)],
      [actOn('township', 'approve', { review: { opinion: '情况属实' } }), TOWNSHIP, at(10)],
      [actOn('county', 'approve', { review: { opinion: '同意剔除' } }), COUNTY, at(12)],
    ]);
    expect(history.at(-1)).toMatchObject({ type: 'WorkflowCompleted', data: { outcome: 'passed', definitionId: 'household-removal' } });
    expect(decidedRemoval(history, ID)).toEqual({ ...REMOVAL.removal, removedAt: at(12).toISOString() });
    expect(identificationOutcomesProcess.react(recorded(history.at(-1)!), { views: undefined as never })).toEqual([
      { command: { type: 'RemoveVerifiedHousehold', data: { householdId: HH, removalId: ID } } },
    ]);
  });
});

const SECOND_VISIT_HEAD = { name: '金小山', idNumber: '440524188001010014', relation: '户主' };

/** 精准识别 to passed, with an objection during the first 公示 that sends it back to a visit correcting the head's ID. */
function passedIdentification(): WorkflowEvent[] {
  return run([
    [start(), TEAM, at(0)],
    [actOn('visit', 'approve', visit()), TEAM, at(1)],
    [actOn('review', 'approve', { vote: { for: 30, against: 2, abstain: 1 } }), TEAM, at(3)],
    [actOn('notice', 'object', { objection: { by: '村民王某', content: '该户有营运车辆' } }), TOWNSHIP, at(5)],
    [actOn('visit', 'approve', visit([], ['housing'], { ...HOUSEHOLD, members: [SECOND_VISIT_HEAD] })), TEAM, at(8)],
    [actOn('review', 'approve', { vote: { for: 28, against: 3, abstain: 2 } }), TEAM, at(10)],
    [actOn('notice', 'approve', { notice: { location: '村务公开栏', photos: ['公示照片'] } }), TEAM, at(18)],
    [actOn('township', 'approve', { review: { opinion: '同意' } }), TOWNSHIP, at(20)],
    [actOn('county', 'approve', { review: { opinion: '同意纳入' } }), COUNTY, at(22)],
  ]);
}

function recorded(event: WorkflowEvent): RecordedEvent {
  return { ...event, id: 'e-1', position: 1 } as unknown as RecordedEvent;
}
