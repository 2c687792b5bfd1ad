import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { Application } from '@bangfu/application';
import { expectRefused, startTestApp, type TestApp, SONGJIANG_DIVISIONS, registerDivisions } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 包保 and 走访 through HTTP on a virtual clock: every rule of the registry, assignments, visits and obligations. */
describe('registry, 包户, visits and visit obligations', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  const HH = '2224261032010001';
  const HH2 = '2224261032010002';
  const HEAD = { name: '金大山', idNumber: '11010519491231002X', relation: '户主' };
  const OK = { result: 'met' };
  const FINDINGS = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };

  const post = (path: string, body: unknown, token = admin, headers: Record<string, string> = {}) =>
    t.request('POST', `/api/v1${path}`, { token, body, headers });
  const get = async (path: string, token = admin) => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    return t.request('GET', `/api/v1${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, { token });
  };
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const cadreToken = (id: string) => t.token(['cadre'], '220000', id);
  const visit = (cadreId: string, occurredAt: string, kind = '走访') => ({
    cadreId,
    kind,
    occurredAt,
    findings: FINDINGS,
    measures: ['黄牛养殖'],
  });
  const advance = (instant: string) => timeline.advanceTo(instant);

  beforeAll(async () => {
    clock = new VirtualClock('2026-03-01T01:00:00.000Z'); // 09:00 on 1 March in Shanghai
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    await registerDivisions(t, admin, [...SONGJIANG_DIVISIONS, ['222426103202', '盘道村']]);
    await timeline.settle();
  });
  afterAll(async () => t.close());

  it('registers units and cadres, refusing an unknown region or unit', async () => {
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    expect((await post('/units', { unitId: 'jl-other', name: '省某厅', regionCode: '220000', leadOfficial: '李四' })).status).toBe(201);
    await refused(
      () => post('/units', { unitId: 'x-unit', name: '某单位', regionCode: '222427', leadOfficial: '王五' }),
      409,
      'REGION_NOT_REGISTERED',
    );
    for (const [cadreId, name, unitId] of [
      ['c1', '禹露', 'jl-wjw'],
      ['c2', '林天慕', 'jl-wjw'],
      ['c3', '张诚', 'jl-other'],
      ['c4', '王树峰', 'jl-wjw'],
    ]) {
      expect((await post('/cadres', { cadreId, name, unitId, position: '科员', phone: '13844332211' })).status).toBe(201);
    }
    await refused(() => post('/cadres', { cadreId: 'c9', name: '某', unitId: 'nope', position: '科员' }), 409, 'UNIT_NOT_REGISTERED');
    await refused(
      () => post('/cadres', { cadreId: 'c1', name: '某', unitId: 'jl-wjw', position: '科员' }),
      409,
      'CADRE_ALREADY_REGISTERED',
    );
    const cadre = await get('/cadres/c1');
    expect(cadre.body).toMatchObject({ name: '禹露', unitName: '吉林省卫生健康委', phone: '138****2211' });
  });

  it('registers a household and refuses bad ID numbers, an unknown village, a duplicate and a future date', async () => {
    const household = {
      householdId: HH,
      villageCode: '222426103201',
      members: [HEAD],
      category: '一般贫困户',
      causes: ['因病'],
      identifiedAt: '2026-02-20T00:00:00Z',
    };
    expect((await post('/households', household)).status).toBe(201);
    await refused(() => post('/households', household), 409, 'HOUSEHOLD_ALREADY_REGISTERED');
    const badId = { ...household, householdId: HH2, members: [{ ...HEAD, idNumber: '110105194912310021' }] };
    const bad = await post('/households', badId);
    expect([bad.status, bad.body.code, bad.body.field]).toEqual([422, 'INVALID_ID_NUMBER', 'members[0].idNumber']);
    // A domain rule's 422 has the same errors[] as a DTO's.
    expect(bad.body.errors).toEqual([{ field: 'members[0].idNumber', message: bad.body.detail, code: 'INVALID_ID_NUMBER' }]);
    await refused(
      () => post('/households', { ...household, householdId: '2224261032990001', villageCode: '222426103299' }),
      409,
      'VILLAGE_NOT_REGISTERED',
    );
    await refused(() => post('/households', { ...household, householdId: '2224261032020001' }), 422, 'INVALID_HOUSEHOLD');
    await refused(
      () => post('/households', { ...household, householdId: HH2, identifiedAt: '2026-04-01T00:00:00Z' }),
      422,
      'TIME_IN_FUTURE',
    );
    await refused(() => post('/households', { ...household, householdId: HH2, causes: ['运气不好'] }), 422, 'VALIDATION_FAILED');
    expect(
      (await post('/households', { ...household, householdId: HH2, members: [{ ...HEAD, idNumber: '440524188001010014' }] })).status,
    ).toBe(201);
    const read = await get(`/households/${HH}`);
    expect(read.body.profile.members[0].idNumber).toBe('110105********002X');
  });

  it('assigns cadres and refuses to end responsibility before exit (不脱贫不脱钩)', async () => {
    expect((await post(`/households/${HH}/assignments`, { cadreId: 'c1', reason: '包保责任分配' })).status).toBe(201);
    expect((await post(`/households/${HH2}/assignments`, { cadreId: 'c1' })).status).toBe(201);
    await refused(() => post(`/households/${HH}/assignments/end`, { reason: '调离' }), 409, 'DECOUPLING_BEFORE_EXIT');
    await refused(() => post(`/households/${HH}/assignments`, { cadreId: 'nobody' }), 404, 'CADRE_NOT_FOUND');
    await refused(() => post(`/households/${HH}/assignments`, { cadreId: 'c2', from: '2026-02-01T00:00:00Z' }), 409, 'BEFORE_REGISTRATION');
    await refused(
      () => post(`/households/${HH}/assignments`, { cadreId: 'c2', from: '2026-02-25T00:00:00Z' }),
      409,
      'ASSIGNMENT_OUT_OF_ORDER',
    );
    await refused(() => post(`/households/${HH}/relapse`, { reason: '因病返贫' }), 409, 'HOUSEHOLD_NOT_EXITED');
    const responsibility = await get(`/households/${HH}/responsibility?at=2026-03-01T02:00:00Z`);
    expect(responsibility.body.responsible.cadreId).toBe('c1');
  });

  it('assigns the village to a unit and a work team', async () => {
    expect((await post('/villages/222426103201/assignments', { unitId: 'jl-wjw' })).status).toBe(201);
    expect((await post('/villages/222426103202/assignments', { unitId: 'jl-wjw' })).status).toBe(201);
    expect((await post('/villages/222426103201/work-teams', { memberIds: ['c4'], firstSecretaryId: 'c2' })).status).toBe(201);
    await refused(
      () => post('/villages/222426103201/work-teams', { memberIds: ['ghost'], firstSecretaryId: 'c2' }),
      404,
      'CADRE_NOT_FOUND',
    );
    await refused(() => post('/villages/222426103299/assignments', { unitId: 'jl-wjw' }), 409, 'REGION_NOT_REGISTERED');
  });

  it('records visits and refuses one in the future, before registration, outside the village or for someone else', async () => {
    await advance('2026-03-03T02:00:00.000Z');
    const first = await post(`/households/${HH}/visits`, visit('c1', '2026-03-03T09:30:00+08:00', '对接'), cadreToken('c1'), {
      'idempotency-key': 'v-1',
    });
    expect(first.status).toBe(201);
    const again = await post(`/households/${HH}/visits`, visit('c1', '2026-03-03T09:30:00+08:00', '对接'), cadreToken('c1'), {
      'idempotency-key': 'v-1',
    });
    expect(again.body).toEqual(first.body);
    await refused(() => post(`/households/${HH}/visits`, visit('c1', '2026-03-05T00:00:00Z'), cadreToken('c1')), 422, 'TIME_IN_FUTURE');
    await refused(
      () => post(`/households/${HH}/visits`, visit('c1', '2026-02-10T00:00:00Z'), cadreToken('c1')),
      409,
      'BEFORE_REGISTRATION',
    );
    await refused(() => post(`/households/${HH}/visits`, visit('c3', '2026-03-02T00:00:00Z')), 409, 'VISITOR_OUTSIDE_VILLAGE');
    await refused(() => post(`/households/${HH}/visits`, visit('c2', '2026-03-02T00:00:00Z'), cadreToken('c1')), 403, 'NOT_YOUR_VISIT');
    await refused(
      () => post(`/households/${HH}/visits`, { ...visit('c1', '2026-03-02T00:00:00'), kind: '走访' }, cadreToken('c1')),
      422,
      'VALIDATION_FAILED',
    );
    // The first secretary may visit; it is flagged, not refused.
    const byTeam = await post(`/households/${HH}/visits`, visit('c2', '2026-03-02T03:00:00Z'), cadreToken('c2'));
    expect(byTeam.status).toBe(201);
    const flags = await get(`/flags?region=222426&type=VISIT_BY_UNASSIGNED_CADRE`);
    // The inbox names the cadre (people read names, not ids).
    expect(flags.body.flags.map((f: { cadreId: string; cadreName: string }) => [f.cadreId, f.cadreName])).toEqual([['c2', '林天慕']]);
    // Retraction: only by the visitor (or an office), once.
    const retraction = `/households/${HH}/visits/${byTeam.body.visitId}/retraction`;
    await refused(() => post(retraction, { reason: '录错' }, cadreToken('c1')), 403, 'NOT_YOUR_VISIT');
    expect((await post(retraction, { reason: '走错户' }, cadreToken('c2'))).status).toBe(201);
    await refused(() => post(retraction, { reason: '再撤' }, cadreToken('c2')), 409, 'VISIT_ALREADY_RETRACTED');
    await refused(() => post(`/households/${HH}/visits/nope/retraction`, { reason: '无' }), 404, 'VISIT_NOT_FOUND');
  });

  it('hands over, and answers who held the household at a past instant as the record stood then', async () => {
    await advance('2026-03-10T02:00:00.000Z');
    const handover = await post(`/households/${HH}/assignments`, { cadreId: 'c4', from: '2026-03-10T00:00:00Z', reason: '工作调整' });
    expect(handover.status).toBe(201);
    const before = await get(`/households/${HH}/responsibility?at=2026-03-05T00:00:00Z`);
    expect(before.body.responsible.cadreId).toBe('c1');
    const after = await get(`/households/${HH}/responsibility?at=2026-03-10T01:00:00Z`);
    expect(after.body.responsible.cadreId).toBe('c4');
    // As the record stood on 9 March, c1 held it with no end in sight.
    const known = await get(`/households/${HH}/responsibility?at=2026-03-10T01:00:00Z&knownAt=2026-03-09T00:00:00Z`);
    expect(known.body.responsible).toMatchObject({ cadreId: 'c1', to: null });
    expect(after.body.periods.map((p: { cadreId: string; to: string | null }) => [p.cadreId, p.to])).toEqual([
      ['c1', '2026-03-10T00:00:00.000Z'],
      ['c4', null],
    ]);
    const held = await get(`/cadres/c1/households?at=2026-03-05T00:00:00Z`);
    expect(held.body.households.map((h: { householdId: string }) => h.householdId)).toEqual([HH, HH2]);
  });

  it('recalls a cadre only with every household handed over, then refuses to assign them', async () => {
    await refused(() => post('/cadres/c1/recall', { reason: '工作不实', handovers: [] }), 409, 'RECALL_WITHOUT_HANDOVER');
    await refused(
      () => post('/cadres/c1/recall', { reason: '工作不实', handovers: [{ householdId: HH2, successorId: 'c1' }] }),
      409,
      'RECALL_WITHOUT_HANDOVER',
    );
    const recall = await post('/cadres/c1/recall', { reason: '工作不实', handovers: [{ householdId: HH2, successorId: 'c4' }] });
    expect(recall.status).toBe(201);
    expect((await get(`/households/${HH2}/responsibility?at=2026-03-10T03:00:00Z`)).body.responsible.cadreId).toBe('c4');
    await refused(() => post(`/households/${HH2}/assignments`, { cadreId: 'c1' }), 409, 'CADRE_RECALLED');
    const events = (await get(`/households/${HH2}/timeline`)).body.entries.map((e: { type: string }) => e.type);
    expect(events).toEqual(expect.arrayContaining(['HouseholdRegistered', 'CadreAssigned', 'CadreRecalled', 'TimerScheduled']));
  });

  it('corrects and removes with reasons, keeping what the record said before', async () => {
    expect((await post(`/households/${HH2}/corrections`, { changes: { category: '低保贫困户' }, reason: '民政认定' })).status).toBe(201);
    expect((await get(`/households/${HH2}`)).body.category).toBe('低保贫困户');
    const earlier = await get(`/households/${HH2}?knownAt=2026-03-10T01:00:00Z`);
    expect(earlier.body.profile.category).toBe('一般贫困户');
    // One resource, one shape: the historical read has every key the current one has, with the values of then.
    const now = await get(`/households/${HH2}`);
    expect(Object.keys(earlier.body).sort()).toEqual(Object.keys(now.body).sort());
    expect(earlier.body).toMatchObject({
      category: '一般贫困户',
      headName: now.body.headName,
      population: now.body.population,
      responsibleCadre: { cadreId: expect.any(String), name: expect.any(String), since: expect.any(String) },
      knownAt: '2026-03-10T01:00:00.000Z',
      reconstruction: { eventsConsidered: expect.any(Number) },
    });
    expect(now.body).toMatchObject({ asOf: null, knownAt: null, reconstruction: null });
    await refused(() => post(`/households/${HH2}/corrections`, { changes: {}, reason: '无' }), 422, 'INVALID_HOUSEHOLD');
    await refused(() => post(`/households/${HH2}/removal`, { reason: 'RICH', detail: 'x' }), 422, 'VALIDATION_FAILED');
    const HH3 = '2224261032010003';
    const third = { householdId: HH3, villageCode: '222426103201', members: [HEAD], category: '一般贫困户', causes: ['缺资金'] };
    expect((await post('/households', third)).status).toBe(201);
    expect((await post(`/households/${HH3}/removal`, { reason: 'VEHICLE', detail: '家庭购置小轿车一辆' })).status).toBe(201);
    await refused(() => post(`/households/${HH3}/visits`, visit('c4', '2026-03-10T02:00:00Z')), 409, 'HOUSEHOLD_REMOVED');
    expect((await get(`/households/${HH3}`)).body).toMatchObject({ status: 'removed', responsibleCadre: null });
  });

  it('adopts a visit policy only from a date not yet begun', async () => {
    const policy = {
      visitsPerMonth: 2,
      handoverDays: 15,
      reminderDays: 3,
      escalationDays: 10,
      backfillDays: 7,
      simultaneousMinutes: 30,
      reason: '县文件',
    };
    await refused(() => post('/regions/222426/visit-policy', { ...policy, effectiveFrom: '2026-03-01' }), 409, 'POLICY_RETROACTIVE');
    await refused(
      () => post('/regions/222426/visit-policy', { ...policy, effectiveFrom: '2026-04-01', escalationDays: 1 }),
      422,
      'INVALID_POLICY',
    );
    expect((await post('/regions/222426/visit-policy', { ...policy, effectiveFrom: '2026-04-01' })).status).toBe(201);
    const read = await get('/regions/222426103201/visit-policy');
    expect(read.body.inForce).toMatchObject({ version: 0, visitsPerMonth: 1 });
  });

  it('flags backfilled and simultaneous visits and a missed 对接', async () => {
    await advance('2026-03-25T02:00:00.000Z');
    // Recorded on the 25th, it happened on the 12th: backfilled (补录).
    expect((await post(`/households/${HH}/visits`, visit('c4', '2026-03-12T02:00:00Z'), cadreToken('c4'))).status).toBe(201);
    // c4 in 德化村 and then in 盘道村 twenty minutes later.
    const other = {
      householdId: '2224261032020001',
      villageCode: '222426103202',
      members: [{ ...HEAD, idNumber: '440524188001010014' }],
      category: '一般贫困户',
      causes: ['缺技术'],
      identifiedAt: '2026-03-20T00:00:00Z',
    };
    expect((await post('/households', other)).status).toBe(201);
    expect((await post('/households/2224261032020001/assignments', { cadreId: 'c4', from: '2026-03-20T00:00:00Z' })).status).toBe(201);
    expect((await post(`/households/2224261032020001/visits`, visit('c4', '2026-03-25T01:20:00Z', '对接'), cadreToken('c4'))).status).toBe(
      201,
    );
    expect((await post(`/households/${HH}/visits`, visit('c4', '2026-03-25T01:00:00Z'), cadreToken('c4'))).status).toBe(201);
    await timeline.settle();
    const flags = (await get('/flags?region=222426')).body.flags as {
      type: string;
      householdId: string;
      details: Record<string, unknown>;
    }[];
    const types = flags.map((f) => `${f.type}:${f.householdId}`);
    expect(types).toEqual(
      expect.arrayContaining([
        `BACKFILLED_VISIT:${HH}`,
        `SIMULTANEOUS_VISITS:${HH}`,
        `HANDOVER_NOT_CONNECTED:${HH}`,
        `HANDOVER_NOT_CONNECTED:${HH2}`,
      ]),
    );
    // Registered on 20 February, assigned on 1 March: nine days without a responsible cadre.
    expect(flags.find((f) => f.type === 'ASSIGNMENT_GAP' && f.householdId === HH)?.details).toMatchObject({ days: 9 });
    expect(flags.find((f) => f.type === 'BACKFILLED_VISIT')?.details).toMatchObject({ lagDays: 13, thresholdDays: 7 });
  });

  it('marks an unvisited month overdue at month end, reminds, escalates, and judges by the policy in force', async () => {
    // March: HH had visits by whoever held it; HH2 none by its cadre (c2's visit was not by the holder) → overdue.
    await advance('2026-04-01T00:00:00.000Z');
    await timeline.settle();
    let overdue = (await get('/regions/222426/overdue-visits?month=2026-03')).body.overdue as Answer[];
    expect(overdue.map((o) => o.householdId)).toEqual([HH2]);
    expect(overdue[0]).toMatchObject({ cadreId: 'c4', required: 1, made: 0, remindedAt: null, escalatedAt: null });
    await advance('2026-04-12T00:00:00.000Z');
    overdue = (await get('/regions/222426/overdue-visits?month=2026-03')).body.overdue;
    expect(overdue[0]).toMatchObject({ escalatedTo: '222426103' });
    expect(overdue[0].remindedAt).not.toBeNull();
    const coverage = await get('/regions/222426/visit-coverage?month=2026-03');
    expect(coverage.body).toMatchObject({ households: 2, visited: 1 });
    // April under the new policy (2 a month): one visit is not enough.
    expect((await post(`/households/${HH}/visits`, visit('c4', '2026-04-12T00:00:00Z'), cadreToken('c4'))).status).toBe(201);
    await advance('2026-05-01T00:00:00.000Z');
    await timeline.settle();
    overdue = (await get('/regions/222426/overdue-visits?month=2026-04')).body.overdue;
    expect(overdue.find((o) => o.householdId === HH)).toMatchObject({ required: 2, made: 1, policy: { regionCode: '222426', version: 1 } });
    const activity = await get('/cadres/c4/activity');
    expect(activity.body.householdsHeld).toBe(3);
    expect(activity.body.backfillLag.find((b: { bucket: string }) => b.bucket === '7–30 days').visits).toBe(1);
  });

  it('lets responsibility end only after exit (the exit workflow marks it), and reopens a gap on relapse', async () => {
    const other = '2224261032020001';
    const actor = { id: 'admin-jl', roles: ['county-admin'], regionCode: '220000' };
    await t.app
      .get(Application)
      .router.dispatch(
        { type: 'MarkHouseholdExited', data: { householdId: other, exitedAt: clock.now().toISOString(), exitId: 'exit-e2e' } },
        { actor, now: clock.now() },
      );
    expect((await post(`/households/${other}/assignments/end`, { reason: '脱贫后调整帮扶力量' })).status).toBe(201);
    await advance('2026-05-03T00:00:00.000Z');
    expect((await post(`/households/${other}/relapse`, { reason: '因病返贫' })).status).toBe(201);
    const gap = (await get(`/flags?region=222426103202&type=ASSIGNMENT_GAP`)).body.flags;
    expect(gap).toMatchObject([{ householdId: other, until: null }]);
  });
});
