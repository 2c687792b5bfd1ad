import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { VirtualClock } from '@bangfu/workflow';
import { expectRefused, registerDivisions, SONGJIANG_DIVISIONS, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 一户一策 through HTTP: a household's measures, their revision and delivery, the plan as it stood, and its flags. */
describe('help plans (一户一策)', () => {
  let t: TestApp;
  let admin: string;
  const clock = new VirtualClock('2026-03-01T01:00:00.000Z');
  const HH = '2224261032010001';
  const BARE = '2224261032010002';
  const HEAD = { name: '金大山', idNumber: '11010519491231002X', relation: '户主' };
  const OK = { result: 'met' };
  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string, token = admin) => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    return t.request('GET', `/api/v1${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, { token });
  };
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const measure = (measureId: string, overrides: Record<string, unknown> = {}) => ({
    measureId,
    kind: '产业',
    promise: '发放黄牛2头，落实养殖技术指导',
    cadreId: 'c1',
    dueOn: '2026-04-30',
    addresses: ['food'],
    ...overrides,
  });
  const flagsOf = async (type: string) => (await get(`/flags?region=222426&type=${type}`)).body.flags as Answer[];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    for (const [cadreId, name] of [
      ['c1', '禹露'],
      ['c2', '林天慕'],
    ]) {
      expect((await post('/cadres', { cadreId, name, unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
    }
    for (const householdId of [HH, BARE]) {
      const household = {
        householdId,
        villageCode: '222426103201',
        members: [{ ...HEAD, idNumber: householdId === HH ? HEAD.idNumber : '440524188001010014' }],
        category: '一般贫困户',
        causes: ['缺资金'],
        identifiedAt: '2026-03-01T00:00:00Z',
      };
      expect((await post('/households', household)).status).toBe(201);
      expect((await post(`/households/${householdId}/assignments`, { cadreId: 'c1', reason: '初始包保' })).status).toBe(201);
    }
    const fund = {
      fundId: 'f-niu',
      source: '县级财政专项扶贫资金',
      amountFen: 1_200_000,
      regionCode: '222426103201',
      purpose: '产业发展',
      documentNumber: '安财农〔2026〕3号',
      allocatedOn: '2026-03-01',
    };
    expect((await post('/funds', fund)).status).toBe(201);
    const paid = await post('/funds/f-niu/disbursements', {
      recipient: { kind: 'household', id: HH },
      amountFen: 600_000,
      voucherNumber: '记字第0007号',
    });
    expect(paid.status).toBe(201);
    const other = await post('/funds/f-niu/disbursements', {
      recipient: { kind: 'household', id: BARE },
      amountFen: 600_000,
      voucherNumber: '记字第0008号',
    });
    expect(other.status).toBe(201);
  });
  afterAll(async () => t.close());

  it('adds measures to a household’s plan and refuses a bad kind, a recalled or unknown cadre, and a household elsewhere', async () => {
    expect((await post(`/households/${HH}/plan/measures`, measure('m-1'))).status).toBe(201);
    expect(
      (
        await post(
          `/households/${HH}/plan/measures`,
          measure('m-2', { kind: '就业', promise: '推荐到县城务工', dueOn: '2026-03-20', addresses: [] }),
        )
      ).status,
    ).toBe(201);
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-1')), 409, 'MEASURE_ALREADY_ADDED');
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-3', { kind: '彩票' })), 422, 'VALIDATION_FAILED');
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-3', { addresses: ['luck'] })), 422, 'VALIDATION_FAILED');
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-3', { dueOn: '2026-02-30' })), 422, 'VALIDATION_FAILED');
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-3', { cadreId: 'nobody' })), 404, 'CADRE_NOT_FOUND');
    await refused(() => post('/households/2224261032019999/plan/measures', measure('m-1')), 404, 'HOUSEHOLD_NOT_FOUND');
    const elsewhere = t.token(['county-admin'], '222424', 'wangqing');
    await refused(() => post(`/households/${HH}/plan/measures`, measure('m-9'), elsewhere), 403, 'OUTSIDE_JURISDICTION');
  });

  it('revises a measure with the reason, and shows the plan as it stood before the revision', async () => {
    const before = clock.now().toISOString();
    clock.set('2026-03-05T01:00:00.000Z');
    expect((await post(`/households/${HH}/plan/measures/m-1/revisions`, { dueOn: '2026-05-31', reason: '牛犊延期到货' })).status).toBe(201);
    await refused(
      () => post(`/households/${HH}/plan/measures/m-1/revisions`, { dueOn: '2026-05-31', reason: '再改' }),
      422,
      'INVALID_MEASURE',
    );
    await refused(
      () => post(`/households/${HH}/plan/measures/m-9/revisions`, { dueOn: '2026-05-31', reason: '无此措施' }),
      404,
      'MEASURE_NOT_FOUND',
    );
    const now = (await get(`/households/${HH}/plan`)).body;
    expect(now.measures.find((m: Answer) => m.measureId === 'm-1')).toMatchObject({
      dueOn: '2026-05-31',
      revisions: 1,
      status: 'open',
      cadreName: '禹露',
    });
    const then = (await get(`/households/${HH}/plan?knownAt=${encodeURIComponent(before)}`)).body;
    expect(then.measures.find((m: Answer) => m.measureId === 'm-1')).toMatchObject({ dueOn: '2026-04-30', revisions: 0 });
    expect(now.history.map((e: Answer) => e.type)).toEqual(['MeasureAdded', 'MeasureAdded', 'MeasureRevised']);
  });

  it('records a delivery through the disbursement paid to the household, and refuses one paid to another', async () => {
    clock.set('2026-03-10T01:00:00.000Z');
    const via = (disbursementId: string) => ({ kind: 'fund', fundId: 'f-niu', disbursementId });
    const trace = (await get('/funds/f-niu/trace')).body;
    const [toHousehold, toOther] = ['记字第0007号', '记字第0008号'].map(
      (voucher) => trace.disbursements.find((d: Answer) => d.voucherNumber === voucher).disbursementId,
    );
    const deliver = (disbursementId: string) =>
      post(`/households/${HH}/plan/measures/m-1/delivery`, {
        delivered: true,
        deliveredOn: '2026-03-10',
        evidence: ['黄牛发放签收单'],
        via: via(disbursementId),
      });
    await refused(() => deliver(toOther), 409, 'DELIVERY_NOT_TO_HOUSEHOLD');
    await refused(() => deliver('no-such'), 422, 'DELIVERY_CHANNEL_NOT_FOUND');
    await refused(
      () => post(`/households/${HH}/plan/measures/m-1/delivery`, { delivered: true, deliveredOn: '2026-03-11', evidence: ['x'] }),
      422,
      'INVALID_MEASURE',
    );
    expect((await deliver(toHousehold)).status).toBe(201);
    await refused(() => deliver(toHousehold), 409, 'MEASURE_CLOSED');
    const plan = (await get(`/households/${HH}/plan`)).body;
    expect(plan.measures.find((m: Answer) => m.measureId === 'm-1')).toMatchObject({
      status: 'delivered',
      deliveredOn: '2026-03-10',
      onTime: true,
      via: via(toHousehold),
    });
    // The plan's events are the household's: its timeline shows them.
    const timeline = (await get(`/households/${HH}/timeline`)).body.entries.map((e: Answer) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['MeasureAdded', 'MeasureRevised', 'MeasureDelivered']));
  });

  it('raises MEASURE_OVERDUE past the due date, HOUSEHOLD_WITHOUT_PLAN after a month, and PROBLEM_WITHOUT_MEASURE after a visit found a need unmet', async () => {
    // Given 金大山's employment measure due 20 March and never delivered, the second household with no plan, and a
    // visit to it on 25 March finding its housing unsafe
    clock.set('2026-03-25T01:00:00.000Z');
    const findings = { food: OK, clothing: OK, education: OK, medical: OK, housing: { result: 'not_met', note: '房屋开裂' }, water: OK };
    expect(
      (
        await post(
          `/households/${BARE}/visits`,
          { cadreId: 'c1', kind: '走访', occurredAt: '2026-03-25T00:30:00Z', findings },
          t.token(['cadre'], '220000', 'c1'),
        )
      ).status,
    ).toBe(201);
    // When the inbox is read before and after the deadlines
    expect((await flagsOf('MEASURE_OVERDUE')).map((f) => f.details.measureId)).toEqual(['m-2']);
    expect(await flagsOf('HOUSEHOLD_WITHOUT_PLAN')).toEqual([]);
    expect(await flagsOf('PROBLEM_WITHOUT_MEASURE')).toEqual([]);
    clock.set('2026-04-26T01:00:00.000Z');
    // Then the household without a plan and the unanswered need are flagged, each citing its event
    const withoutPlan = await flagsOf('HOUSEHOLD_WITHOUT_PLAN');
    expect(withoutPlan.map((f) => f.householdId)).toEqual([BARE]);
    expect(withoutPlan[0].eventIds).toHaveLength(1);
    const unanswered = await flagsOf('PROBLEM_WITHOUT_MEASURE');
    expect(unanswered.map((f) => [f.householdId, f.details.check, f.details.checkName])).toEqual([[BARE, 'housing', '住房安全有保障']]);
    // And a measure addressing the need, added afterwards, does not answer it in time; closing the overdue measure as
    // not delivered clears MEASURE_OVERDUE
    expect(
      (
        await post(
          `/households/${BARE}/plan/measures`,
          measure('b-1', { kind: '住房', promise: '危房改造', addresses: ['housing'], dueOn: '2026-09-30' }),
        )
      ).status,
    ).toBe(201);
    expect((await flagsOf('PROBLEM_WITHOUT_MEASURE')).map((f) => f.householdId)).toEqual([BARE]);
    expect(await flagsOf('HOUSEHOLD_WITHOUT_PLAN')).toEqual([]);
    expect(
      (await post(`/households/${HH}/plan/measures/m-2/delivery`, { delivered: false, reason: '农户外出务工，改为技能培训' })).status,
    ).toBe(201);
    expect(await flagsOf('MEASURE_OVERDUE')).toEqual([]);
  });
});
