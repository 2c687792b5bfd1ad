import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { expectRefused, registerDivisions, SONGJIANG_DIVISIONS, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

const DAY = 86_400_000;

/** 精准识别 and 剔除 through HTTP on a virtual clock: a household identified after an objection, then removed. */
describe('identification and removal (精准识别, 剔除)', () => {
  let t: TestApp;
  let timeline: DemoTimeline;
  const clock = new VirtualClock('2026-03-02T01:00:00.000Z');
  let admin: string;
  let team: string;
  let township: string;
  let county: string;
  const HH = '2224261032010009';
  const CASE = `${HH}-1`;
  const CHECK = { result: 'met', evidence: '入户查看' };
  const CHECKLIST = { food: CHECK, clothing: CHECK, education: CHECK, medical: CHECK, water: CHECK };
  const NONE = {
    PUBLIC_SERVANT: false,
    VEHICLE: false,
    TOWN_HOUSE: false,
    BUSINESS: false,
    HIRED_LABOUR: false,
    PRIVATE_SCHOOLING: false,
    AWAY_LONG: false,
    SPLIT_FOR_BENEFITS: false,
    REFUSED_SUPPORT: false,
  };
  const HEAD = { name: '金小山', idNumber: '11010519491231002X', relation: '户主' };
  const household = (head = HEAD) => ({ members: [head], category: '一般贫困户', causes: ['因病'] });
  const visit = (overrides: Record<string, unknown> = {}) => ({
    action: 'approve',
    identification: {
      checklist: { ...CHECKLIST, housing: { result: 'not_met', evidence: '土坯房，墙体开裂' } },
      exclusions: NONE,
      household: household(),
      ...overrides,
    },
  });
  const vote = { action: 'approve', vote: { for: 21, against: 2, abstain: 1, minutes: '村民代表大会，应到25人，实到24人' } };
  const notice = { action: 'approve', notice: { location: '村务公开栏' } };
  const review = (opinion: string) => ({ action: 'approve', review: { opinion } });

  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string, token = admin) => {
    await timeline.settle();
    return t.request('GET', `/api/v1${path}`, { token });
  };
  const act = (caseId: string, step: string, body: unknown, token: string) => post(`/exits/${caseId}/steps/${step}`, body, token);
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const advanceDays = (days: number) => timeline.advanceTo(new Date(clock.now().getTime() + days * DAY).toISOString());

  beforeAll(async () => {
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    team = t.token(['work-team'], '222426', 't1');
    township = t.token(['township-reviewer'], '222426103', 'r1');
    county = t.token(['county-admin'], '222426', 'a1');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
  });
  afterAll(async () => t.close());

  it('opens a 精准识别 case for a 户编号 not on the register, and leaves its registration to the case', async () => {
    await refused(
      () => post('/identifications', { householdId: HH, reason: '农户申请' }, t.token(['cadre'], '222426', 'c1')),
      403,
      'ROLE_NOT_ALLOWED',
    );
    await refused(
      () => post('/identifications', { householdId: '2224261039990001', reason: '农户申请' }, team),
      409,
      'VILLAGE_NOT_REGISTERED',
    );
    const opened = await post('/identifications', { householdId: HH, reason: '农户申请，村委会排查发现住房不安全' }, team);
    expect([opened.status, opened.body.caseId]).toEqual([201, CASE]);
    await refused(() => post('/identifications', { householdId: HH, reason: '再次申请' }, team), 409, 'WORKFLOW_IN_PROGRESS');
    const direct = { householdId: HH, villageCode: '222426103201', ...household() };
    await refused(() => post('/households', direct), 409, 'IDENTIFICATION_IN_PROGRESS');
    await refused(() => post('/removals', { householdId: HH, reason: '举报' }, team), 409, 'WORKFLOW_IN_PROGRESS');
  });

  it('refuses a visit with a 九不纳入 fact, one left undeclared, no need found, or a household the register would refuse', async () => {
    await refused(() => act(CASE, 'visit', visit({ exclusions: { ...NONE, VEHICLE: true } }), team), 409, 'EXCLUSION_PRESENT');
    const { REFUSED_SUPPORT: _left, ...eightDeclared } = NONE;
    await refused(() => act(CASE, 'visit', visit({ exclusions: eightDeclared }), team), 422, 'VALIDATION_FAILED');
    await refused(() => act(CASE, 'visit', visit({ checklist: { ...CHECKLIST, housing: CHECK } }), team), 409, 'NO_NEED_FOUND');
    const wrongCheck = household({ ...HEAD, idNumber: '110105194912310021' });
    await refused(() => act(CASE, 'visit', visit({ household: wrongCheck }), team), 422, 'INVALID_ID_NUMBER');
  });

  it('goes back to the visit on an objection during 公示, then through both reviews to the household’s registration', async () => {
    expect((await act(CASE, 'visit', visit(), team)).status).toBe(201);
    expect((await act(CASE, 'review', vote, team)).status).toBe(201);
    await advanceDays(2);
    const objection = { action: 'object', objection: { raisedBy: '村民', content: '户主身份证号登记有误' } };
    expect((await act(CASE, 'notice', objection, township)).status).toBe(201);
    expect((await get(`/exits/${CASE}`)).body.current.step).toBe('visit');
    const corrected = household({ ...HEAD, idNumber: '440524188001010014' });
    expect((await act(CASE, 'visit', visit({ household: corrected }), team)).status).toBe(201);
    expect((await act(CASE, 'review', vote, team)).status).toBe(201);
    await advanceDays(3);
    await refused(() => act(CASE, 'notice', notice, team), 409, 'STEP_TOO_EARLY');
    await advanceDays(5);
    expect((await act(CASE, 'notice', notice, team)).status).toBe(201);
    expect((await act(CASE, 'township', review('经审核，符合识别标准'), township)).status).toBe(201);
    const sameReviewer = t.token(['county-admin'], '222426', 'r1');
    await refused(() => act(CASE, 'county', review('同意纳入'), sameReviewer), 409, 'SAME_REVIEWER');
    const decided = await act(CASE, 'county', review('同意纳入建档立卡'), county);
    expect(decided.status).toBe(201);

    const registered = (await get(`/households/${HH}`)).body;
    expect(registered).toMatchObject({
      householdId: HH,
      status: 'registered',
      headName: '金小山',
      identifiedAt: clock.now().toISOString(),
      registration: { source: 'identification', identificationId: CASE },
    });
    // The visit after the objection is what was registered; the ID number is masked in the answer.
    expect(registered.profile.members[0].idNumber).toBe('440524********0014');
    const recorded = (await get(`/exits/${CASE}`)).body;
    expect(recorded).toMatchObject({ definition: { id: 'household-identification', title: '贫困户精准识别' }, status: 'passed' });
    expect(recorded.steps.map((s: Answer) => `${s.step}:${s.action}`)).toEqual([
      'visit:approve',
      'review:approve',
      'notice:object',
      'visit:approve',
      'review:approve',
      'notice:approve',
      'township:approve',
      'county:approve',
    ]);
    expect(JSON.stringify(recorded)).not.toContain('440524188001010014');
    const pipeline = (await get('/regions/222426/exit-pipeline')).body;
    expect(pipeline.definitions).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'household-identification', passed: 1 })]));
  });

  it('marks a direct registration as taken over from an existing register', async () => {
    const imported = {
      householdId: '2224261032010010',
      villageCode: '222426103201',
      ...household({ ...HEAD, idNumber: '110105197001010011' }),
    };
    expect((await post('/households', imported)).status).toBe(201);
    expect((await get('/households/2224261032010010')).body.registration).toEqual({ source: 'import', identificationId: null });
  });

  it('removes a registered household through 剔除: 核实 with the 九不纳入 fact, 公示, both reviews', async () => {
    await refused(() => post('/identifications', { householdId: HH, reason: '再次识别' }, team), 409, 'HOUSEHOLD_ALREADY_REGISTERED');
    await refused(() => post('/removals', { householdId: '2224261032010077', reason: '举报' }, team), 404, 'HOUSEHOLD_NOT_FOUND');
    const opened = await post('/removals', { householdId: HH, reason: '群众举报该户购置小轿车' }, team);
    const removal = opened.body.caseId;
    expect([opened.status, removal]).toEqual([201, `${HH}-2`]);
    await refused(
      () => act(removal, 'verification', { action: 'approve', removal: { reason: 'RICH', detail: 'x' } }, team),
      422,
      'VALIDATION_FAILED',
    );
    const found = { action: 'approve', removal: { reason: 'VEHICLE', detail: '经查，该户2026年3月购置小轿车一辆' } };
    expect((await act(removal, 'verification', found, team)).status).toBe(201);
    await advanceDays(7);
    expect((await act(removal, 'notice', notice, team)).status).toBe(201);
    expect((await act(removal, 'township', review('情况属实'), township)).status).toBe(201);
    expect((await act(removal, 'county', review('同意剔除'), county)).status).toBe(201);
    const removed = (await get(`/households/${HH}`)).body;
    expect(removed).toMatchObject({ status: 'removed', removedAt: clock.now().toISOString(), removalId: removal });
    const asItStood = (await get(`/households/${HH}?asOf=${encodeURIComponent(clock.now().toISOString())}`)).body;
    expect(asItStood).toMatchObject({
      status: 'removed',
      removalId: removal,
      registration: { source: 'identification', identificationId: CASE },
    });
  });
});
