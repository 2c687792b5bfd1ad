import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { ReadStore } from '@bangfu/projections';
import { timerState, VirtualClock, type TimerStateRow } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { expectRefused, startTestApp, type TestApp, SONGJIANG_DIVISIONS, registerDivisions } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

const DAY = 86_400_000;

/** 脱贫退出 through HTTP on a virtual clock: one household through every step, a village exit, deadlines, flags. */
describe('exit workflows', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  let team: string;
  let responsibleInTeam: string;
  let township: string;
  let county: string;
  const HH = '2224261032010001';
  const HH2 = '2224261032010002';
  const VILLAGE = '222426103202';
  const OK = { result: 'met' };
  const FINDINGS = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
  const CHECK = { result: 'met', evidence: '入户查看' };
  const CHECKLIST = { food: CHECK, clothing: CHECK, education: CHECK, medical: CHECK, housing: CHECK, water: CHECK };
  const NINE = [
    'leading-industry',
    'collective-income',
    'service-center',
    'public-services',
    'road',
    'water',
    'grid',
    'fiber',
    'clean-energy',
  ];

  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string, token = admin) => {
    await timeline.settle();
    return t.request('GET', `/api/v1${path}`, { token });
  };
  const act = (exitId: string, step: string, body: Record<string, unknown>, token: string) =>
    post(`/exits/${exitId}/steps/${step}`, body, token);
  const verification = (amountFen: number) => ({
    action: 'approve',
    verification: {
      incomeItems: [{ source: '工资性收入', amountFen }],
      expensesFen: 100_000,
      checklist: CHECKLIST,
      interviewed: ['户主金大山'],
    },
  });
  const vote = { action: 'approve', vote: { for: 21, against: 2, abstain: 1, minutes: '村民代表大会，应到25人，实到24人' } };
  const notice = { action: 'approve', notice: { location: '村务公开栏' } };
  const review = { action: 'approve', review: { opinion: '符合退出标准' } };
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const advanceDays = (days: number) => timeline.advanceTo(new Date(clock.now().getTime() + days * DAY).toISOString());

  beforeAll(async () => {
    clock = new VirtualClock('2026-03-01T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    team = t.token(['work-team'], '222426', 't1');
    responsibleInTeam = t.token(['work-team'], '222426', 'c1');
    township = t.token(['township-reviewer'], '222426103', 'r1');
    county = t.token(['county-admin'], '222426', 'a1');
    await registerDivisions(t, admin, [...SONGJIANG_DIVISIONS, [VILLAGE, '盘道村']]);
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    for (const cadreId of ['c1', 't1']) {
      expect((await post('/cadres', { cadreId, name: cadreId, unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
    }
    const members = [
      { name: '金大山', idNumber: '11010519491231002X', relation: '户主', disabled: true },
      { name: '金小花', idNumber: '110105197001010011', relation: '配偶' },
    ];
    for (const [householdId, category] of [
      [HH, '低保贫困户'],
      [HH2, '一般贫困户'],
    ]) {
      const household = {
        householdId,
        villageCode: '222426103201',
        members,
        category,
        causes: ['因病'],
        identifiedAt: '2026-02-20T00:00:00Z',
      };
      expect((await post('/households', household)).status).toBe(201);
      expect((await post(`/households/${householdId}/assignments`, { cadreId: 'c1', from: '2026-02-21T00:00:00Z' })).status).toBe(201);
    }
    const visit = { cadreId: 'c1', kind: '对接', occurredAt: '2026-03-01T00:30:00Z', findings: FINDINGS, measures: ['黄牛养殖'] };
    expect((await post(`/households/${HH}/visits`, visit, t.token(['cadre'], '220000', 'c1'))).status).toBe(201);
    await timeline.settle();
  });
  afterAll(async () => t.close());

  let exitId: string;

  it('opens a case, one at a time, for those the procedure names', async () => {
    await refused(
      () => post('/exits', { householdId: HH, reason: '人均纯收入稳定超过标准' }, t.token(['cadre'], '222426', 'c1')),
      403,
      'ROLE_NOT_ALLOWED',
    );
    await refused(
      () => post('/exits', { householdId: HH, reason: 'x' }, t.token(['work-team'], '222424', 't9')),
      403,
      'OUTSIDE_JURISDICTION',
    );
    // Decided by the handler (the household's village is known only from its stream), and on the access log all the same.
    const log = (await get('/access-log?outcome=refused', t.token(['auditor'], '000000', 'au'))).body.entries;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: expect.objectContaining({ id: 't9' }),
          code: 'OUTSIDE_JURISDICTION',
          action: 'exit.start',
          region: '222426103201',
        }),
      ]),
    );
    await refused(() => post('/exits', { householdId: '2224261032019999', reason: 'x' }, team), 404, 'HOUSEHOLD_NOT_FOUND');
    const started = await post('/exits', { householdId: HH, reason: '人均纯收入稳定超过标准' }, team);
    expect(started.status).toBe(201);
    exitId = started.body.exitId;
    expect(exitId).toBe(`${HH}-1`);
    await refused(() => post('/exits', { householdId: HH, reason: '再次提出' }, team), 409, 'WORKFLOW_IN_PROGRESS');
    const view = (await get(`/exits/${exitId}`)).body;
    expect(view).toMatchObject({ status: 'open', definition: { id: 'household-exit', version: 1 }, current: { step: 'verification' } });
    expect(view.current.dueAt).toBe(new Date(clock.now().getTime() + 15 * DAY).toISOString());
  });

  it('refuses at 入户核实: the responsible cadre, a wrong role, income at the line, an unmet need', async () => {
    await refused(() => act(exitId, 'verification', verification(1_500_000), responsibleInTeam), 409, 'SELF_VERIFICATION');
    await refused(() => act(exitId, 'verification', verification(1_500_000), county), 403, 'STEP_ROLE_NOT_ALLOWED');
    // (900,000 − 100,000) / 2 = 4,000 元: on the national line, so not above it.
    await refused(() => act(exitId, 'verification', verification(900_000), team), 409, 'INCOME_BELOW_LINE');
    const unmet = verification(1_500_000);
    unmet.verification.checklist = { ...CHECKLIST, housing: { result: 'not_met', evidence: '危房未改' } };
    await refused(() => act(exitId, 'verification', unmet, team), 409, 'CHECKLIST_NOT_MET');
    await refused(() => act(exitId, 'verification', { action: 'approve' }, team), 422, 'EVIDENCE_REQUIRED');
    await refused(() => act(exitId, 'review', vote, team), 409, 'STEP_NOT_CURRENT');
    await refused(
      () => act(exitId, 'verification', { action: 'object', objection: { raisedBy: '村民', content: 'x' } }, team),
      409,
      'ACTION_NOT_ALLOWED',
    );
    expect((await act(exitId, 'verification', verification(1_500_000), team)).status).toBe(201);
  });

  it('needs a majority at 民主评议', async () => {
    await refused(
      () => act(exitId, 'review', { ...vote, vote: { ...vote.vote, for: 12, against: 12, abstain: 0 } }, team),
      409,
      'VOTE_NOT_PASSED',
    );
    expect((await act(exitId, 'review', vote, team)).status).toBe(201);
  });

  it('keeps 公示 open 7 days, and an objection during it sends the case back to 核实', async () => {
    await refused(() => act(exitId, 'notice', notice, team), 409, 'STEP_TOO_EARLY');
    await advanceDays(3);
    const objection = { action: 'object', objection: { raisedBy: '村民（匿名）', content: '该户家中新购农用车，收入未如实申报' } };
    expect((await act(exitId, 'notice', objection, township)).status).toBe(201);
    let view = (await get(`/exits/${exitId}`)).body;
    expect(view.current.step).toBe('verification');
    expect(view.steps.at(-1)).toMatchObject({
      step: 'notice',
      action: 'object',
      actor: { id: 'r1' },
      durationDays: 3,
      nextStep: 'verification',
    });
    expect(view.steps.at(-1).evidence.objection.content).toContain('农用车');

    expect((await act(exitId, 'verification', verification(1_600_000), team)).status).toBe(201);
    expect((await act(exitId, 'review', vote, team)).status).toBe(201);
    view = (await get(`/exits/${exitId}`)).body;
    // One minute short of the seven days is still too early; at seven days the notice may close.
    await timeline.advanceTo(new Date(Date.parse(view.current.enteredAt) + 7 * DAY - 60_000).toISOString());
    await refused(() => act(exitId, 'notice', notice, team), 409, 'STEP_TOO_EARLY');
    await advanceDays(1 / 1440);
    expect((await act(exitId, 'notice', notice, team)).status).toBe(201);
  });

  it('passes 乡镇审核 and 县级审定 by different people, then 公告 with the household’s agreement marks the exit', async () => {
    const both = t.token(['township-reviewer', 'county-admin'], '222426', 'r1');
    await refused(() => act(exitId, 'township', review, team), 403, 'STEP_ROLE_NOT_ALLOWED');
    expect((await act(exitId, 'township', review, both)).status).toBe(201);
    await refused(() => act(exitId, 'county', review, both), 409, 'SAME_REVIEWER');
    expect((await act(exitId, 'county', review, county)).status).toBe(201);
    const announcement = { action: 'approve', announcement: { number: '安扶〔2026〕3号' } };
    await refused(() => act(exitId, 'announcement', announcement, county), 409, 'HOUSEHOLD_DISAGREES');
    const agreed = {
      action: 'approve',
      announcement: { number: '安扶〔2026〕3号', householdAgreement: { agreed: true, signedBy: '户主金大山' } },
    };
    expect((await act(exitId, 'announcement', agreed, county)).status).toBe(201);
    await refused(() => act(exitId, 'announcement', agreed, county), 409, 'WORKFLOW_CLOSED');

    const view = (await get(`/exits/${exitId}`)).body;
    expect(view.status).toBe('passed');
    expect(view.steps.map((s: Answer) => `${s.step}:${s.action}`)).toEqual([
      'verification:approve',
      'review:approve',
      'notice:object',
      'verification:approve',
      'review:approve',
      'notice:approve',
      'township:approve',
      'county:approve',
      'announcement:approve',
    ]);
    expect(view.steps[3].computed).toMatchObject({ perCapitaIncomeFen: 750_000, incomeLineFen: 400_000, memberCount: 2 });
    // 入户核实 sees the household's help plan (一户一策) as it stood: this household has none.
    expect(view.steps[0].facts.plan).toEqual({ measures: 0, open: 0, delivered: 0, notDelivered: 0, overdue: 0 });
    const household = (await get(`/households/${HH}`)).body;
    expect(household.exited).toBe(true);
    // 摘帽不摘帮扶: the responsible cadre stays.
    expect((await get(`/households/${HH}/responsibility?at=${clock.now().toISOString()}`)).body.responsible.cadreId).toBe('c1');
    // The household's timeline holds its case, the deadlines that watched it, and the exit mark.
    const types = (await get(`/households/${HH}/timeline?limit=500`)).body.entries.map((e: Answer) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['WorkflowStarted', 'WorkflowStepActed', 'WorkflowCompleted', 'HouseholdExited', 'TimerScheduled']),
    );
    // A 低保 household with a disabled member keeps its benefits 18 months: the timer is set.
    const timer = timerState(t.app.get(ReadStore), `transition-${exitId}`) as TimerStateRow;
    expect(timer.status).toBe('pending');
    expect(Date.parse(timer.due_at) - Date.parse(view.completedAt)).toBeGreaterThan(540 * DAY);
  });

  it('reminds and then escalates a step left past its deadline', async () => {
    const started = await post('/exits', { householdId: HH2, reason: '拟退出' }, team);
    expect(started.status).toBe(201);
    const id = started.body.exitId;
    await advanceDays(16);
    let view = (await get(`/exits/${id}`)).body;
    expect(view.current).toMatchObject({ step: 'verification', overdue: true, escalated: false });
    await advanceDays(7);
    view = (await get(`/exits/${id}`)).body;
    expect(view.current).toMatchObject({ overdue: true, escalated: true });
    expect(view.steps.map((s: Answer) => s.action)).toEqual(['overdue', 'escalated']);
    expect(view.steps[1].evidence).toEqual({ escalatedTo: 'township-reviewer' });
    const pipeline = (await get('/regions/222426/exit-pipeline')).body;
    const households = pipeline.definitions.find((d: Answer) => d.id === 'household-exit');
    expect(households).toMatchObject({ open: 1, passed: 1 });
    expect(households.steps.find((s: Answer) => s.step === 'verification')).toMatchObject({ open: 1, overdue: 1, escalated: 1 });
    expect(pipeline.overdue).toMatchObject([{ exitId: id, step: 'verification', escalated: true }]);
    // No visit by its responsible cadre in the three months before the proposal.
    const flags = (await get('/flags?region=222426&type=EXIT_WITHOUT_RECENT_VISITS')).body.flags;
    expect(flags).toMatchObject([{ householdId: HH2, cadreId: 'c1', details: { exitId: id } }]);
  });

  it('flags a verification the record later shows was by the responsible cadre', async () => {
    const verifiedAt = (await get(`/exits/${exitId}`)).body.steps[3].at;
    const backdated = new Date(Date.parse(verifiedAt) - DAY).toISOString();
    expect(
      (await post(`/households/${HH}/assignments`, { cadreId: 't1', from: backdated, reason: '补录：t1 已于核实前接手' })).status,
    ).toBe(201);
    const flags = (await get('/flags?region=222426&type=SELF_VERIFICATION')).body.flags;
    expect(flags).toMatchObject([{ householdId: HH, cadreId: 't1', details: { exitId } }]);
  });

  it('reopens the household on relapse: a new case can start', async () => {
    expect((await post(`/households/${HH}/relapse`, { reason: '因病返贫' })).status).toBe(201);
    expect((await get(`/households/${HH}`)).body.exited).toBe(false);
    const again = await post('/exits', { householdId: HH, reason: '治愈后再次核实' }, team);
    expect([again.status, again.body.exitId]).toEqual([201, `${HH}-2`]);
    await refused(() => act(exitId, 'verification', verification(1_500_000), team), 409, 'WORKFLOW_CLOSED');
  });

  it('exits a village by incidence and the province checklist (九有), and shows the 摘帽 indicators', async () => {
    const checklist = NINE.map((key, i) => ({
      key,
      title: [
        '有主导产业',
        '有集体收入',
        '有群众服务中心',
        '有教育卫生文化服务',
        '有硬化通村公路',
        '有入户安全饮水',
        '有安全电网',
        '有广电通信光纤',
        '有清洁能源',
      ][i],
    }));
    const today = new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await refused(
      () =>
        post('/regions/220000/exit-standards', {
          effectiveFrom: '2026-01-01',
          incomeLineFen: 400_000,
          incidenceLimitBp: 200,
          villageChecklist: checklist,
          reason: '省定九有',
        }),
      409,
      'STANDARD_RETROACTIVE',
    );
    expect(
      (
        await post('/regions/220000/exit-standards', {
          effectiveFrom: today,
          incomeLineFen: 400_000,
          incidenceLimitBp: 200,
          villageChecklist: checklist,
          reason: '吉林省贫困村退出“九有”标准',
        })
      ).status,
    ).toBe(201);
    const started = await post('/exits', { villageCode: VILLAGE, reason: '贫困发生率降至2%以下' }, township);
    expect(started.status).toBe(201);
    const id = started.body.exitId;
    const answers = (met: (key: string) => boolean) => ({
      action: 'approve',
      villageVerification: { checklist: NINE.map((key) => ({ key, met: met(key), evidence: '实地查看' })) },
    });
    await refused(
      () =>
        act(
          id,
          'verification',
          answers(() => true),
          township,
        ),
      409,
      'RURAL_POPULATION_UNKNOWN',
    );
    expect(
      (await post(`/regions/${VILLAGE}/rural-population`, { population: 1260, asOf: '2026-01-01', source: '2025年统计年报' })).status,
    ).toBe(201);
    await refused(
      () =>
        act(
          id,
          'verification',
          answers((key) => key !== 'fiber'),
          township,
        ),
      409,
      'VILLAGE_CHECKLIST_NOT_MET',
    );
    expect(
      (
        await act(
          id,
          'verification',
          answers(() => true),
          township,
        )
      ).status,
    ).toBe(201);
    await advanceDays(7);
    expect((await act(id, 'notice', notice, township)).status).toBe(201);
    expect((await act(id, 'county', review, county)).status).toBe(201);
    expect((await act(id, 'announcement', review, county)).status).toBe(201);
    const view = (await get(`/exits/${id}`)).body;
    expect(view.status).toBe('passed');
    expect(view.steps[0].computed).toMatchObject({
      poorPopulation: 0,
      ruralPopulation: 1260,
      incidenceBp: 0,
      checklistRegion: '220000',
      checklistVersion: 1,
    });

    expect((await post('/regions/222426/rural-population', { population: 100, asOf: '2026-01-01', source: '统计年报' })).status).toBe(201);
    const check = {
      checkId: 'chk-1',
      checkedOn: today,
      exitedSampled: 50,
      wronglyExited: 1,
      othersSampled: 40,
      missedPoor: 0,
      team: '第三方评估组',
    };
    await refused(() => post('/regions/222426/exit-spot-checks', { ...check, wronglyExited: 51 }), 422, 'INVALID_ASSESSMENT');
    expect((await post('/regions/222426/exit-spot-checks', check, t.token(['inspector'], '222426', 'i1'))).status).toBe(201);
    expect(
      (
        await post('/regions/222426/satisfaction-surveys', {
          surveyId: 'svy-1',
          surveyedOn: today,
          respondents: 200,
          satisfied: 188,
          team: '第三方评估组',
        })
      ).status,
    ).toBe(201);
    const indicators = (await get('/regions/222426/exit-indicators')).body;
    // Two households of two people are poor (HH relapsed, HH2 has not exited) out of 100: 4%.
    expect(indicators.registry).toMatchObject({ households: 2, exited: 0, poorPopulation: 4, ruralPopulation: 100 });
    expect(indicators.villagesExited).toBe(1);
    expect(indicators.indicators).toEqual({
      incidence: { percent: 4, limitPercent: 2, met: false },
      wrongExitRate: { percent: 2, limitPercent: 2, met: false, sampled: 50 },
      missedRate: { percent: 0, limitPercent: 2, met: true, sampled: 40 },
      approval: { percent: 94, minimumPercent: 90, met: true, respondents: 200 },
    });
  });

  it('keeps the record verifiable', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    expect(await store.headPosition()).toBeGreaterThan(0);
    const verify = await get('/ledger/verify');
    expect(verify.body.ok).toBe(true);
  });
});
