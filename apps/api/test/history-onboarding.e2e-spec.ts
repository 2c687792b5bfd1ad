import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { startTestApp, type TestApp, SONGJIANG_DIVISIONS, registerDivisions } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A county that already has history enters it with past business times: the divisions as registered in
 * January, a household and its cadre from then, a visit in February. Its villages' months are checked from
 * January on, as if it had been recorded live — so a month without a visit is overdue even though it ended
 * before anything was entered.
 */
describe('bringing a county’s history in', () => {
  let t: TestApp;
  let timeline: DemoTimeline;
  let admin: string;
  const HH = '2224261032010001';
  const OK = { result: 'met' };
  const FINDINGS = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };
  const post = async (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string) => t.request('GET', `/api/v1${path}`, { token: admin });

  beforeAll(async () => {
    const clock = new VirtualClock('2026-05-10T02:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'onboarding-clerk');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS, { registeredAt: '2026-01-01T00:00:00+08:00' });
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    expect((await post('/cadres', { cadreId: 'c1', name: '禹露', unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
    const household = {
      householdId: HH,
      villageCode: '222426103201',
      members: [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }],
      category: '一般贫困户',
      causes: ['因病'],
      identifiedAt: '2026-01-05T00:00:00+08:00',
    };
    expect((await post('/households', household)).status).toBe(201);
    expect((await post(`/households/${HH}/assignments`, { cadreId: 'c1', from: '2026-01-05T00:00:00+08:00' })).status).toBe(201);
    const visit = { cadreId: 'c1', kind: '走访', occurredAt: '2026-02-12T10:00:00+08:00', findings: FINDINGS, measures: ['黄牛养殖'] };
    expect((await post(`/households/${HH}/visits`, visit)).status).toBe(201);
    // The history is in: the county goes live as of its registration, and every month since is judged now.
    expect((await post('/regions/222426/go-live', { goLiveOn: '2026-01-01', reason: '历史数据录入完毕' })).status).toBe(201);
    // Timers due in the past fire now, one month after the other.
    await timeline.advanceTo('2026-05-10T02:00:00.000Z');
  });
  afterAll(async () => t.close());

  it('keeps the registration’s business time, and the village is judged from the county’s go-live', async () => {
    expect((await get('/regions/222426103201')).body).toMatchObject({
      registeredAt: '2025-12-31T16:00:00.000Z',
      goLiveOn: null,
      judgedFrom: '2025-12-31T16:00:00.000Z',
      onboarding: false,
    });
    expect((await get('/regions/222426')).body).toMatchObject({ goLiveOn: '2026-01-01', onboarding: false });
  });

  it('judges every month since the village came under the work: February visited, March and April overdue', async () => {
    const overdue = async (month: string) => (await get(`/regions/222426/overdue-visits?month=${month}`)).body.overdue as Answer[];
    expect(await overdue('2026-02')).toEqual([]);
    expect((await overdue('2026-03')).map((o) => o.householdId)).toEqual([HH]);
    expect((await overdue('2026-04')).map((o) => o.householdId)).toEqual([HH]);
    expect((await overdue('2026-03'))[0]).toMatchObject({ cadreId: 'c1', made: 0 });
  });

  it('refuses a registration before its parent’s, or in the future', async () => {
    const early = await post('/regions', { code: '222426103202', name: '盘道村', registeredAt: '2025-06-01T00:00:00+08:00' });
    expect([early.status, early.body.code]).toEqual([409, 'REGISTERED_BEFORE_PARENT']);
    const future = await post('/regions', { code: '222426103202', name: '盘道村', registeredAt: '2027-01-01T00:00:00+08:00' });
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'registeredAt', code: 'TIME_IN_FUTURE' })]);
  });
});
