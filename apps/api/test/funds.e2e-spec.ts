import { VirtualClock } from '@bangfu/workflow';
import { signToken } from '@bangfu/application';
import { expectRefused, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** A token for a member of the demo's lead unit 吉卫健委 (the `unit` claim). */
function signedWithUnit(_base: string): string {
  return signToken({ sub: 'wjw-staff', roles: ['county-admin'], region: '222424', unit: 'jl-wjw', ttlSeconds: 3600 }, 'e2e-secret');
}

/** 资金: allocation, disbursement, receipt and recovery through HTTP; never a fen beyond the allocation. */
describe('funds', () => {
  let t: TestApp;
  let admin: string;
  const clock = new VirtualClock('2019-05-02T01:00:00.000Z');
  const VILLAGE = '222424104203';
  const allocation = (fundId: string, amountFen: unknown) => ({
    fundId,
    source: '县级财政专项扶贫资金',
    amountFen,
    regionCode: VILLAGE,
    purpose: '产业发展',
    documentNumber: '汪财农〔2019〕12号',
    allocatedOn: '2019-05-01',
  });
  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const disburse = (fundId: string, amountFen: unknown, voucherNumber: string, token = admin) =>
    post(`/funds/${fundId}/disbursements`, { recipient: { kind: 'village', id: VILLAGE }, amountFen, voucherNumber }, token);
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const trace = async (fundId: string, token = admin) => {
    await t.settle();
    return (await t.request('GET', `/api/v1/funds/${fundId}/trace`, { token })).body;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = t.token(['county-admin'], '222424', 'wangqing-finance');
    const root = t.token(['county-admin'], '220000');
    for (const [code, name] of [
      ['220000', '吉林省'],
      ['222400', '延边州'],
      ['222424', '汪清县'],
      ['222424104', '东光镇'],
      [VILLAGE, '永兴村'],
    ]) {
      expect((await post('/regions', { code, name }, root)).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('allocates in whole fen and refuses a decimal, a float, a string or zero with a field error', async () => {
    expect((await post('/funds', allocation('nuanyufang', 4_800_000))).status).toBe(201);
    for (const amount of [48000.5, '4800000', 0, -1]) {
      const response = await refused(() => post('/funds', allocation('bad', amount)), 422, 'VALIDATION_FAILED');
      expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))]).toEqual(['amountFen']);
    }
    await refused(() => post('/funds', allocation('nuanyufang', 100)), 409, 'FUND_ALREADY_ALLOCATED');
    await refused(() => post('/funds', { ...allocation('x', 100), source: '天上掉的' }), 422, 'VALIDATION_FAILED');
  });

  it('lets 20 concurrent disbursements race for the last of an allocation: exactly the allocation is paid', async () => {
    expect((await post('/funds', allocation('lamps', 1_000))).status).toBe(201);
    await t.settle();
    const before = await t.domainEventCount();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => disburse('lamps', 100, `路灯-${i}`)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refusals = answers.filter((a) => a.status !== 201);
    expect(refusals.map((a) => [a.status, a.body.code])).toEqual(Array(10).fill([409, 'FUND_OVERDRAWN']));
    await t.settle();
    expect(await t.domainEventCount()).toBe(before + 10);
    expect(await trace('lamps')).toMatchObject({ allocatedFen: 1_000, disbursedFen: 1_000, recoveredFen: 0, balanceFen: 0 });
    // The trace pages through the disbursements in payment order; every one appears exactly once.
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const query: string = next ? `?limit=4&after=${encodeURIComponent(next)}` : '?limit=4';
      const page = (await t.request('GET', `/api/v1/funds/lamps/trace${query}`, { token: admin })).body;
      expect(page.disbursementCount).toBe(10);
      expect(page.disbursements.length).toBeLessThanOrEqual(4);
      seen.push(...page.disbursements.map((d: { disbursementId: string }) => d.disbursementId));
      next = page.next;
    } while (next);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    await refused(() => t.request('GET', '/api/v1/funds/lamps/trace?after=somewhere', { token: admin }), 422, 'VALIDATION_FAILED');
  });

  it('confirms receipt once, recovers no more than was paid, and the trace balances to the fen', async () => {
    const paid = await disburse('nuanyufang', 4_000_000, '汪清记字第0412号');
    expect(paid.status).toBe(201);
    const confirmation = `/funds/nuanyufang/disbursements/${paid.body.disbursementId}/confirmation`;
    expect((await post(confirmation, { confirmedBy: '永兴村村委会会计' }, t.token(['cadre'], '222424', 'cadre-1'))).status).toBe(201);
    await refused(() => post(confirmation, { confirmedBy: '又一次' }), 409, 'RECEIPT_ALREADY_CONFIRMED');
    await refused(() => post('/funds/nuanyufang/disbursements/nope/confirmation', { confirmedBy: '某' }), 404, 'DISBURSEMENT_NOT_FOUND');
    const recovery = { disbursementId: paid.body.disbursementId, reason: '验收发现面积不足，追回部分资金' };
    await refused(() => post('/funds/nuanyufang/recoveries', { ...recovery, amountFen: 4_000_001 }), 409, 'RECOVERY_EXCEEDS_DISBURSEMENT');
    expect((await post('/funds/nuanyufang/recoveries', { ...recovery, amountFen: 150_000 })).status).toBe(201);
    await refused(() => disburse('nuanyufang', 950_001, '超额'), 409, 'FUND_OVERDRAWN');
    const fund = await trace('nuanyufang');
    expect(fund).toMatchObject({ allocatedFen: 4_800_000, disbursedFen: 4_000_000, recoveredFen: 150_000, balanceFen: 950_000 });
    const paidOut = fund.disbursements.reduce((sum: number, d: Answer) => sum + d.amountFen - d.recoveredFen, 0);
    expect(paidOut + fund.balanceFen).toBe(fund.allocatedFen);
    expect(fund.disbursements[0]).toMatchObject({
      voucherNumber: '汪清记字第0412号',
      receipt: { confirmedBy: '永兴村村委会会计' },
      recoveries: [{ amountFen: 150_000 }],
    });
  });

  it('keeps funds within the jurisdiction (another division’s fund answers as unknown) and names an unknown fund', async () => {
    const outsider = t.token(['county-admin'], '222426', 'antu-finance');
    await refused(() => disburse('nuanyufang', 1, '越权', outsider), 404, 'FUND_NOT_FOUND');
    expect((await t.request('GET', '/api/v1/funds/nuanyufang/trace', { token: outsider })).status).toBe(404);
    await refused(() => disburse('ghost', 1, 'x'), 404, 'FUND_NOT_FOUND');
  });

  it('flags a duplicate voucher, a payment to an ineligible household, idle money and a missing receipt', async () => {
    expect((await post('/funds', { ...allocation('coldstore', 60_000), purpose: '基础设施', source: '整合涉农资金' })).status).toBe(201);
    expect((await disburse('coldstore', 10_000, '汪清记字第0412号')).status).toBe(201);
    const household = {
      householdId: '2224241042030001',
      villageCode: VILLAGE,
      members: [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }],
      category: '一般贫困户',
      causes: ['因病'],
    };
    expect((await post('/households', household)).status).toBe(201);
    const toHousehold = (id: string, voucherNumber: string) =>
      post('/funds/coldstore/disbursements', { recipient: { kind: 'household', id }, amountFen: 1_000, voucherNumber });
    expect((await toHousehold('2224241042030001', '到户-1')).status).toBe(201);
    expect((await toHousehold('2224241042039999', '到户-2')).status).toBe(201);
    clock.set('2019-09-01T00:00:00.000Z');
    await t.settle();
    const flags = (await t.request('GET', '/api/v1/flags?region=222424&limit=1000', { token: admin })).body.flags as Answer[];
    const of = (type: string) => flags.filter((f) => f.type === type);
    expect(of('DUPLICATE_VOUCHER')).toMatchObject([{ details: { voucherNumber: '汪清记字第0412号', fundId: 'coldstore' } }]);
    expect(of('DUPLICATE_VOUCHER')[0].eventIds).toHaveLength(2);
    expect(of('DISBURSED_TO_INELIGIBLE')).toMatchObject([{ householdId: '2224241042039999', details: { why: 'not registered' } }]);
    expect(
      of('FUND_IDLE')
        .map((f) => f.details.fundId)
        .sort(),
    ).toEqual(['coldstore', 'nuanyufang']);
    expect(of('UNCONFIRMED_DISBURSEMENT').length).toBe(10 + 3);
    const benefits = (await t.request('GET', '/api/v1/households/2224241042030001/benefits', { token: admin })).body;
    expect(benefits).toMatchObject({ receivedFen: 1_000, disbursements: [{ fundId: 'coldstore', source: '整合涉农资金' }] });
    const region = (await t.request('GET', '/api/v1/regions/222424/funds', { token: admin })).body;
    expect(region.totals).toMatchObject({ allocatedFen: 4_800_000 + 1_000 + 60_000, recoveredFen: 150_000 });
    expect(region.shares.productionOfIntegrated).toBe(0);
    expect(region.shares.productionOfAll).toBeCloseTo((4_800_000 + 1_000) / 4_861_000);
  });

  it('runs a project from approval to 验收 by someone outside its lead unit, with its notice and beneficiaries', async () => {
    const root = t.token(['county-admin'], '220000');
    expect(
      (await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' }, root)).status,
    ).toBe(201);
    const project = {
      projectId: 'nuanyufang',
      name: '永新村冬季暖育房',
      regionCode: VILLAGE,
      leadUnitId: 'jl-wjw',
      budgetFen: 4_800_000,
      dueOn: '2019-10-31',
    };
    await refused(() => post('/projects', { ...project, leadUnitId: 'ghost' }), 409, 'UNIT_NOT_REGISTERED');
    await refused(() => post('/projects', { ...project, budgetFen: 48000.5 }), 422, 'VALIDATION_FAILED');
    expect((await post('/projects', project)).status).toBe(201);
    await refused(
      () => post('/projects/nuanyufang/beneficiaries', { householdIds: ['2224241042039999'], link: '入股分红' }),
      409,
      'BENEFICIARY_NOT_REGISTERED',
    );
    expect((await post('/projects/nuanyufang/beneficiaries', { householdIds: ['2224241042030001'], link: '入股分红' })).status).toBe(201);
    const inLeadUnit = t.token(['county-admin'], '222424', 'wjw-staff');
    const leadUnitToken = signedWithUnit(inLeadUnit);
    await refused(() => post('/projects/nuanyufang/acceptance', { passed: true }), 409, 'PROJECT_NOT_COMPLETED');
    expect((await post('/projects/nuanyufang/milestones', { milestone: '主体完工' })).status).toBe(201);
    expect((await post('/projects/nuanyufang/completion', { completedOn: clock.now().toISOString() })).status).toBe(201);
    await refused(() => post('/projects/nuanyufang/acceptance', { passed: true }, leadUnitToken), 409, 'ACCEPTOR_IN_LEAD_UNIT');
    expect((await post('/projects/nuanyufang/acceptance', { passed: true, notes: '面积、保温达标' })).status).toBe(201);
    await refused(() => post('/projects/nuanyufang/notice', { days: 5, content: '项目及资金公示' }), 409, 'NOTICE_PERIOD_TOO_SHORT');
    expect((await post('/projects/nuanyufang/notice', { days: 7, content: '项目及资金公示' })).status).toBe(201);
    await t.settle();
    const read = (await t.request('GET', '/api/v1/projects/nuanyufang', { token: admin })).body;
    expect(read).toMatchObject({
      acceptance: { passed: true, acceptorId: 'wangqing-finance' },
      beneficiaries: [{ householdId: '2224241042030001' }],
    });
    expect(read.notice.until).toBe(new Date(Date.parse(read.notice.from) + 7 * 86_400_000).toISOString());
    const benefits = (await t.request('GET', '/api/v1/households/2224241042030001/benefits', { token: admin })).body;
    expect(benefits.projects).toMatchObject([{ projectId: 'nuanyufang', link: '入股分红' }]);
    // A project not completed by its due date is overdue.
    expect((await post('/projects', { ...project, projectId: 'lengku', name: '小型冷库', dueOn: '2019-08-01' })).status).toBe(201);
    const flags = (await t.request('GET', '/api/v1/flags?region=222424&type=PROJECT_OVERDUE', { token: admin })).body.flags;
    expect(flags.map((f: Answer) => f.details.projectId)).toEqual(['lengku']);
  });

  it('moves unspent money to a new fund (调剂): the source balance guards it, and nothing is counted twice', async () => {
    const before = (await t.request('GET', '/api/v1/regions/222424/funds', { token: admin })).body.totals.allocatedFen;
    const move = {
      toFundId: 'nuanyufang-2',
      amountFen: 900_000,
      regionCode: VILLAGE,
      purpose: '基础设施',
      documentNumber: '汪财农〔2019〕45号',
      reason: '结余调剂',
    };
    await refused(() => post('/funds/nuanyufang/reallocations', { ...move, amountFen: 950_001 }), 409, 'FUND_OVERDRAWN');
    await refused(() => post('/funds/nuanyufang/reallocations', { ...move, toFundId: 'lamps' }), 409, 'FUND_ALREADY_ALLOCATED');
    expect((await post('/funds/nuanyufang/reallocations', move)).status).toBe(201);
    const source = await trace('nuanyufang');
    expect(source).toMatchObject({ reallocatedFen: 900_000, balanceFen: 50_000, reallocations: [{ toFundId: 'nuanyufang-2' }] });
    expect(await trace('nuanyufang-2')).toMatchObject({
      allocatedFen: 900_000,
      reallocatedFrom: 'nuanyufang',
      source: '县级财政专项扶贫资金',
    });
    const after = (await t.request('GET', '/api/v1/regions/222424/funds', { token: admin })).body.totals.allocatedFen;
    expect(after).toBe(before);
  });
});
