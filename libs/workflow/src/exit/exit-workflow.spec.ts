import type { Actor } from '@bangfu/domain';
import { specFor } from '@bangfu/testing';
import type { WorkflowDefinition } from '../definition/workflow-definition';
import type { Decision } from '@bangfu/domain';
import type { WorkflowCommand, WorkflowEvent, WorkflowFacts } from '../definition/workflow-messages';
import { exitCatalog, exitDecider, HOUSEHOLD_EXIT_V1 } from './exit-definitions';
import type { HouseholdStartFacts, HouseholdStepFacts } from './exit-facts';

const DAY = 86_400_000;
const HH = '2224261032010001';
const ID = `${HH}-1`;
const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY);
const person = (id: string, role: string): Actor => ({ id, roles: [role], regionCode: '222426' });
const TEAM = person('team-1', 'work-team');
const CADRE = person('cadre-1', 'work-team');
const TOWNSHIP = person('town-1', 'township-reviewer');
const COUNTY = person('county-1', 'county-admin');

const startFacts: HouseholdStartFacts = {
  status: 'registered',
  exited: false,
  villageCode: '222426103201',
  responsibleCadreId: 'cadre-1',
  lastVisitByResponsibleAt: '2026-02-20T02:00:00.000Z',
  memberCount: 3,
};
const stepFacts: HouseholdStepFacts = { memberCount: 3, incomeLine: { fen: 400_000, regionCode: '000000', version: 0 } };
const CHECKS = ['food', 'clothing', 'education', 'medical', 'housing', 'water'];
const verification = (incomeFen: number, failing: string[] = []) => ({
  verification: {
    incomeItems: [{ source: '工资性收入', amountFen: incomeFen }],
    checklist: Object.fromEntries(CHECKS.map((k) => [k, { result: failing.includes(k) ? 'not_met' : 'met', evidence: '入户查看' }])),
  },
});

/** A workflow command as the decider receives it: the intent and what the handler read for the guards. */
type Decided = Decision<WorkflowCommand, WorkflowFacts>;
const start: Decided = {
  type: 'StartWorkflow',
  data: { definitionId: 'household-exit', subject: { kind: 'household', id: HH }, reason: '拟退出' },
  facts: { regionCode: '222426103201', record: { ...startFacts } },
};
const actOn = (step: string, action: 'approve' | 'return' | 'object' | 'withdraw', input: Record<string, unknown> = {}): Decided => ({
  type: 'ActOnStep',
  data: { instanceId: ID, step, action, input },
  facts: { record: { ...stepFacts } },
});

/** Runs commands in turn, each at its own time and actor, and returns the history. */
function run(steps: [Decided, Actor, Date][], decider = exitDecider()): WorkflowEvent[] {
  const history: WorkflowEvent[] = [];
  for (const [command, actor, now] of steps) {
    const state = history.reduce(decider.evolve, decider.initialState());
    history.push(...decider.decide(command, state, { now, actor }));
  }
  return history;
}

const upToNotice: [Decided, Actor, Date][] = [
  [start, TEAM, at(0)],
  [actOn('verification', 'approve', verification(1_500_000)), TEAM, at(2)],
  [actOn('review', 'approve', { vote: { for: 20, against: 3, abstain: 1 } }), TEAM, at(5)],
];

describe('household exit workflow', () => {
  const spec = specFor(exitDecider());

  it('starts at 入户核实 with its deadline, reminder and escalation on the event', () => {
    const events = run([[start, TEAM, at(0)]]);
    expect(events.map((e) => e.type)).toEqual(['WorkflowStarted', 'WorkflowStepEntered']);
    expect(events[1].data).toMatchObject({ step: 'verification', entry: 1, dueAt: at(15).toISOString(), escalateAt: at(22).toISOString() });
  });

  it('refuses a second case while one is open, and a household that has exited', () => {
    spec
      .given(run([[start, TEAM, at(0)]]))
      .when(start, { actor: TEAM })
      .then({ code: 'WORKFLOW_IN_PROGRESS' });
    spec
      .given([])
      .when({ ...start, facts: { ...start.facts, record: { ...startFacts, exited: true } } }, { actor: TEAM })
      .then({ code: 'HOUSEHOLD_ALREADY_EXITED' });
    spec
      .given([])
      .when(start, { actor: person('c', 'cadre') })
      .then({ code: 'STEP_ROLE_NOT_ALLOWED' });
  });

  it('refuses verification by the household’s own responsible cadre (SELF_VERIFICATION)', () => {
    spec
      .given(run([[start, TEAM, at(0)]]))
      .when(actOn('verification', 'approve', verification(1_500_000)), { actor: CADRE, now: at(1) })
      .then({ code: 'SELF_VERIFICATION' });
  });

  it('computes per-capita income against the line and checks 两不愁三保障', () => {
    const given = run([[start, TEAM, at(0)]]);
    // 1,200,000 fen over 3 people is exactly the 4,000 元 line: it must exceed it.
    spec
      .given(given)
      .when(actOn('verification', 'approve', verification(1_200_000)), { actor: TEAM, now: at(1) })
      .then({ code: 'INCOME_BELOW_LINE' });
    spec
      .given(given)
      .when(actOn('verification', 'approve', verification(1_500_000, ['housing'])), { actor: TEAM, now: at(1) })
      .then({ code: 'CHECKLIST_NOT_MET' });
    spec
      .given(given)
      .when(actOn('verification', 'approve', {}), { actor: TEAM, now: at(1) })
      .then({ code: 'EVIDENCE_REQUIRED' });
    const events = run([...upToNotice.slice(0, 2)]);
    expect(events[2].data).toMatchObject({
      computed: { perCapitaIncomeFen: 500_000, incomeLineFen: 400_000, memberCount: 3 },
      nextStep: 'review',
    });
  });

  it('passes the 民主评议 only with a majority', () => {
    const given = run(upToNotice.slice(0, 2));
    spec
      .given(given)
      .when(actOn('review', 'approve', { vote: { for: 10, against: 8, abstain: 2 } }), { actor: TEAM, now: at(4) })
      .then({ code: 'VOTE_NOT_PASSED' });
  });

  it('keeps 公示 open at least 7 days; an objection during it returns the case to 核实', () => {
    const given = run(upToNotice);
    spec
      .given(given)
      .when(actOn('notice', 'approve', { notice: { location: '村务公开栏' } }), { actor: TEAM, now: new Date(at(12).getTime() - 1) })
      .then({ code: 'STEP_TOO_EARLY' });
    const objected = run([
      ...upToNotice,
      [actOn('notice', 'object', { objection: { raisedBy: '村民', content: '收入不实' } }), TOWNSHIP, at(8)],
    ]);
    expect(objected.at(-1)).toMatchObject({ type: 'WorkflowStepEntered', data: { step: 'verification', entry: 4 } });
    // The verification must be done again before the review.
    spec
      .given(objected)
      .when(actOn('review', 'approve', { vote: { for: 20, against: 0, abstain: 0 } }), { actor: TEAM, now: at(9) })
      .then({ code: 'STEP_NOT_CURRENT' });
  });

  describe('history brought in: acts that state a past business time', () => {
    const NOW = at(60);
    const past = (command: Decided, days: number): Decided =>
      ({ ...command, data: { ...command.data, at: at(days).toISOString() } }) as Decided;
    const entered = run([
      [past(start, 0), TEAM, NOW],
      [past(actOn('verification', 'approve', verification(1_500_000)), 2), TEAM, NOW],
      [past(actOn('review', 'approve', { vote: { for: 20, against: 3, abstain: 1 } }), 5), TEAM, NOW],
    ]);

    it('given acts entered today about last month, then each step is timed by the business time stated', () => {
      expect(entered[0].data).toMatchObject({ startedAt: at(0).toISOString() });
      expect(entered.at(-1)).toMatchObject({
        type: 'WorkflowStepEntered',
        data: { step: 'notice', enteredAt: at(5).toISOString(), earliestAt: at(12).toISOString() },
      });
    });

    it('measures 公示 ≥ 7 days in business time, whatever the day it is entered', () => {
      const notice = actOn('notice', 'approve', { notice: { location: '村务公开栏' } });
      spec.given(entered).when(past(notice, 11), { actor: TEAM, now: NOW }).then({ code: 'STEP_TOO_EARLY' });
      const history = entered.reduce(exitDecider().evolve, exitDecider().initialState());
      expect(exitDecider().decide(past(notice, 12), history, { actor: TEAM, now: NOW })[0]).toMatchObject({
        type: 'WorkflowStepActed',
        data: { step: 'notice', at: at(12).toISOString(), enteredAt: at(5).toISOString() },
      });
    });

    it('refuses an act before the step it acts on began, and one in the future', () => {
      const notice = actOn('notice', 'object', { objection: { raisedBy: '村民', content: '收入不实' } });
      spec.given(entered).when(past(notice, 4), { actor: TOWNSHIP, now: NOW }).then({ code: 'ACT_BEFORE_PREVIOUS_STEP' });
      spec.given(entered).when(past(notice, 61), { actor: TOWNSHIP, now: NOW }).then({ code: 'TIME_IN_FUTURE' });
    });
  });

  it('walks to the exit with separation of duties between 乡镇审核 and 县级审定', () => {
    const toCounty = run([
      ...upToNotice,
      [actOn('notice', 'approve', { notice: { location: '村务公开栏' } }), TEAM, at(12)],
      [actOn('township', 'approve', { review: { opinion: '同意' } }), TOWNSHIP, at(13)],
    ]);
    spec
      .given(toCounty)
      .when(actOn('county', 'approve', { review: { opinion: '同意' } }), { actor: { ...TOWNSHIP, roles: ['county-admin'] }, now: at(14) })
      .then({ code: 'SAME_REVIEWER' });
    spec
      .given(toCounty)
      .when(actOn('county', 'approve', { review: { opinion: '同意' } }), { actor: TOWNSHIP, now: at(14) })
      .then({ code: 'STEP_ROLE_NOT_ALLOWED' });
    const done = run([
      ...upToNotice,
      [actOn('notice', 'approve', { notice: { location: '村务公开栏' } }), TEAM, at(12)],
      [actOn('township', 'approve', { review: { opinion: '同意' } }), TOWNSHIP, at(13)],
      [actOn('county', 'approve', { review: { opinion: '同意' } }), COUNTY, at(14)],
      [
        actOn('announcement', 'approve', {
          announcement: { number: '安扶〔2026〕3号', householdAgreement: { agreed: true, signedBy: '户主' } },
        }),
        COUNTY,
        at(15),
      ],
    ]);
    expect(done.at(-1)).toMatchObject({ type: 'WorkflowCompleted', data: { outcome: 'passed', instanceId: ID, version: 1 } });
    spec
      .given(done)
      .when(actOn('announcement', 'approve', {}), { actor: COUNTY, now: at(16) })
      .then({ code: 'WORKFLOW_CLOSED' });
  });

  it('marks a step overdue and escalates it only while that entry is still open', () => {
    const given = run([[start, TEAM, at(0)]]);
    spec
      .given(given)
      .when({ type: 'EscalateStep', data: { instanceId: ID, step: 'verification', entry: 1 } }, { now: at(22) })
      .then([
        {
          type: 'WorkflowStepEscalated',
          data: { instanceId: ID, step: 'verification', entry: 1, escalateAt: at(22).toISOString(), escalatedTo: 'township-reviewer' },
        },
      ]);
    const moved = run(upToNotice.slice(0, 2));
    spec
      .given(moved)
      .when({ type: 'MarkStepOverdue', data: { instanceId: ID, step: 'verification', entry: 1 } }, { now: at(15) })
      .then([]);
  });

  it('keeps a running case on the version it started under when a new version is added', () => {
    const v2: WorkflowDefinition = {
      ...HOUSEHOLD_EXIT_V1,
      version: 2,
      steps: HOUSEHOLD_EXIT_V1.steps.map((step) => (step.name === 'notice' ? { ...step, minDays: 10 } : step)),
    };
    const history = run(upToNotice);
    const upgraded = exitDecider(exitCatalog([HOUSEHOLD_EXIT_V1, v2]));
    // Eight days into the notice: enough under v1 (7 days), too early under v2 (10 days).
    const noticeApproval: [Decided, Actor, Date] = [actOn('notice', 'approve', { notice: { location: '村务公开栏' } }), TEAM, at(13)];
    const state = history.reduce(upgraded.evolve, upgraded.initialState());
    const next = upgraded.decide(noticeApproval[0], state, { actor: TEAM, now: at(13) });
    expect(next.at(-1)).toMatchObject({ type: 'WorkflowStepEntered', data: { step: 'township' } });
    // A case started after the upgrade is on v2 and waits the 10 days.
    const fresh = run(upToNotice, upgraded);
    expect(fresh[0]).toMatchObject({ type: 'WorkflowStarted', data: { version: 2 } });
    specFor(upgraded)
      .given(fresh)
      .when(noticeApproval[0], { actor: TEAM, now: at(13) })
      .then({ code: 'STEP_TOO_EARLY' });
  });

  it('refuses a catalog whose definition names an unknown step or guard', () => {
    expect(() => exitCatalog([{ ...HOUSEHOLD_EXIT_V1, startGuards: ['no-such-guard'] }])).toThrow(/unknown guard/);
    expect(() => exitCatalog([HOUSEHOLD_EXIT_V1, HOUSEHOLD_EXIT_V1])).toThrow(/twice/);
  });
});
