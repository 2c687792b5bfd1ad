import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { expectRefused, startTestApp, type TestApp, SONGJIANG_DIVISIONS, registerDivisions } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

const DAY = 86_400_000;

/** 督查 through HTTP on a virtual clock: a reproducible draw, a finding citing the record, its rectification. */
describe('inspections, findings and rectification', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  let inspector: string;
  let visitEventId: string;
  const HOUSEHOLDS = ['2224261032010001', '2224261032010002', '2224261032010003', '2224261032010004'];

  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string, token = admin) => {
    await timeline.settle();
    return t.request('GET', `/api/v1${path}`, { token });
  };
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
  const draw = (inspectionId: string, seed = 'seed-2026-q1') => ({
    inspectionId,
    regionCode: '222426',
    kind: 'household',
    size: 2,
    seed,
    purpose: '季度随机抽查',
    team: '县督查组',
  });

  beforeAll(async () => {
    clock = new VirtualClock('2026-03-01T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    inspector = t.token(['inspector'], '222426', 'insp-1');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    expect((await post('/cadres', { cadreId: 'c1', name: '禹露', unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
    for (const householdId of HOUSEHOLDS) {
      const members = [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }];
      const household = {
        householdId,
        villageCode: '222426103201',
        members,
        category: '一般贫困户',
        causes: ['因病'],
        identifiedAt: '2026-02-20T00:00:00Z',
      };
      expect((await post('/households', household)).status).toBe(201);
      expect((await post(`/households/${householdId}/assignments`, { cadreId: 'c1', from: '2026-02-21T00:00:00Z' })).status).toBe(201);
    }
    const OK = { result: 'met' };
    const findings = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
    const visit = await post(
      `/households/${HOUSEHOLDS[0]}/visits`,
      { cadreId: 'c1', kind: '对接', occurredAt: '2026-03-01T00:30:00Z', findings, measures: ['黄牛养殖'] },
      t.token(['cadre'], '220000', 'c1'),
    );
    visitEventId = visit.body.eventIds[0];
    await timeline.settle();
  });
  afterAll(async () => t.close());

  it('draws a sample once, recorded with its seed; the same seed gives the same sample', async () => {
    const first = await post('/inspections', draw('insp-2026-q1'), inspector);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ seed: 'seed-2026-q1', populationSize: 4 });
    expect(first.body.sample).toHaveLength(2);
    await refused(() => post('/inspections', draw('insp-2026-q1', 'another'), inspector), 409, 'SAMPLE_ALREADY_DRAWN');
    const replay = await post('/inspections', draw('insp-replay'), inspector);
    expect(replay.body.sample).toEqual(first.body.sample);
    const fresh = await post('/inspections', { ...draw('insp-unseeded'), seed: undefined }, inspector);
    expect(fresh.body.seed).toMatch(/^[0-9a-f]{32}$/);
    const recorded = (await get('/inspections/insp-2026-q1', inspector)).body;
    expect(recorded).toMatchObject({ seed: 'seed-2026-q1', sample: first.body.sample, populationSize: 4 });
    expect(recorded.populationDigest).toMatch(/^[0-9a-f]{64}$/);
    await refused(() => post('/inspections', draw('insp-x'), t.token(['cadre'], '222426', 'c1')), 403, 'ROLE_NOT_ALLOWED');
  });

  const finding = (eventIds: string[]) => ({
    findingId: 'fd-001',
    inspectionId: 'insp-2026-q1',
    target: { kind: 'household', id: HOUSEHOLDS[0] },
    type: '走访不实',
    severity: '较重',
    description: '入户核实时户主称当月无人走访，与走访记录不符',
    evidence: ['入户核实笔录', '户主签字'],
    eventIds,
  });

  it('records a finding citing events that exist in the inspector’s jurisdiction', async () => {
    await refused(() => post('/findings', finding(['0f0f0f0f-0000-4000-8000-000000000000']), inspector), 422, 'EVENT_NOT_FOUND');
    await refused(
      () => post('/findings', finding([visitEventId]), t.token(['inspector'], '222424', 'insp-2')),
      403,
      'OUTSIDE_JURISDICTION',
    );
    await refused(() => post('/findings', { ...finding([visitEventId]), inspectionId: 'nope' }, inspector), 422, 'INSPECTION_NOT_FOUND');
    expect((await post('/findings', finding([visitEventId]), inspector)).status).toBe(201);
    await refused(() => post('/findings', finding([visitEventId]), inspector), 409, 'FINDING_ALREADY_RECORDED');
    const listed = (await get('/findings?region=222426', inspector)).body.findings;
    expect(listed).toMatchObject([{ findingId: 'fd-001', status: 'recorded', eventIds: [visitEventId], target: { id: HOUSEHOLDS[0] } }]);
  });

  it('orders, reports and verifies a rectification; reopens it; escalates a missed deadline; closes it (销号)', async () => {
    const rectify = (body: Record<string, unknown>, token: string) => post('/findings/fd-001/rectification', body, token);
    const cadre = t.token(['cadre'], '222426', 'c1');
    await refused(() => rectify({ action: 'report', measures: '已补走访' }, cadre), 409, 'RECTIFICATION_OUT_OF_ORDER');
    await refused(
      () => rectify({ action: 'order', deadline: inDays(10), requirement: '补齐走访', responsible: 'c1' }, cadre),
      403,
      'RECTIFICATION_ROLE_NOT_ALLOWED',
    );
    await refused(() => rectify({ action: 'order', requirement: '补齐走访', responsible: 'c1' }, inspector), 422, 'VALIDATION_FAILED');
    expect(
      (await rectify({ action: 'order', deadline: inDays(10), requirement: '补齐走访并说明原因', responsible: 'c1' }, inspector)).status,
    ).toBe(201);
    expect((await rectify({ action: 'report', measures: '已于次日补走访并如实记录', evidence: ['走访照片'] }, cadre)).status).toBe(201);
    await refused(
      () => rectify({ action: 'verify', passed: true, note: '自查' }, t.token(['county-admin'], '222426', 'c1')),
      409,
      'VERIFIER_IS_REPORTER',
    );
    expect((await rectify({ action: 'verify', passed: false, note: '佐证不足' }, inspector)).status).toBe(201);
    expect((await get('/findings?status=reopened', inspector)).body.findings).toHaveLength(1);

    expect((await rectify({ action: 'order', deadline: inDays(5), requirement: '补充佐证', responsible: 'c1' }, inspector)).status).toBe(
      201,
    );
    await timeline.advanceTo(inDays(6));
    let open = (await get('/findings?status=open', inspector)).body.findings[0];
    expect(open).toMatchObject({ status: 'ordered', round: 2, overdue: true, escalated: false });
    await timeline.advanceTo(inDays(7));
    open = (await get('/findings?status=open', inspector)).body.findings[0];
    expect(open).toMatchObject({ overdue: true, escalated: true });

    expect((await rectify({ action: 'report', measures: '补充走访佐证与群众签字', evidence: ['签字表'] }, cadre)).status).toBe(201);
    expect((await rectify({ action: 'verify', passed: true, note: '整改到位，予以销号' }, inspector)).status).toBe(201);
    const closed = (await get('/findings?status=closed', inspector)).body.findings[0];
    expect(closed.history.map((h: Answer) => h.type)).toEqual([
      'FindingRecorded',
      'RectificationOrdered',
      'RectificationReported',
      'RectificationVerified',
      'RectificationReopened',
      'RectificationOrdered',
      'RectificationOverdue',
      'RectificationEscalated',
      'RectificationReported',
      'RectificationVerified',
      'FindingClosed',
    ]);
    expect(closed.history[8].data.late).toBe(true);
  });
});
