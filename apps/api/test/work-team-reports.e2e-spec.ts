import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { apiCalls, registerDivisions, SONGJIANG_DIVISIONS, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 驻村定期报告 through HTTP on a virtual clock: owed each month by the policy's deadline, missed ones flagged and escalated. */
describe('work-team reports (驻村定期报告)', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  const VILLAGE = '222426103201';
  // Bound once the app is up (beforeAll).
  let post: ReturnType<typeof apiCalls>['post'];
  let get: ReturnType<typeof apiCalls>['get'];
  let refused: ReturnType<typeof apiCalls>['refused'];
  const member = () => t.token(['work-team'], '220000', 'm1');
  const report = (month: string) => ({ month, summary: `${month}走访全村贫困户`, problems: ['3户饮水不稳定'], nextSteps: ['协调打井'] });

  beforeAll(async () => {
    clock = new VirtualClock('2026-01-05T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    ({ post, get, refused } = apiCalls(
      t,
      () => admin,
      () => timeline.settle(),
    ));
    admin = t.token(['county-admin'], '220000', 'admin-jl');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
      201,
    );
    for (const [cadreId, name] of [
      ['fs', '禹露'],
      ['m1', '林天慕'],
      ['x', '张诚'],
    ]) {
      expect((await post('/cadres', { cadreId, name, unitId: 'jl-wjw', position: '驻村工作队员' })).status).toBe(201);
    }
    expect(
      (await post(`/villages/${VILLAGE}/work-teams`, { memberIds: ['m1'], firstSecretaryId: 'fs', reason: '选派驻村工作队' })).status,
    ).toBe(201);
  });
  afterAll(async () => t.close());

  it('takes January’s report from a member by its deadline, and refuses someone not on the team and a second report', async () => {
    await timeline.advanceTo('2026-02-03T02:00:00.000Z');
    await refused(
      () => post(`/villages/${VILLAGE}/work-team-reports`, report('2026-01'), t.token(['work-team'], '220000', 'x')),
      403,
      'NOT_ON_WORK_TEAM',
    );
    await refused(() => post(`/villages/${VILLAGE}/work-team-reports`, report('2026-13'), member()), 422, 'VALIDATION_FAILED');
    await refused(() => post(`/villages/${VILLAGE}/work-team-reports`, report('2026-03'), member()), 422, 'INVALID_WORK_TEAM_REPORT');
    expect((await post(`/villages/${VILLAGE}/work-team-reports`, report('2026-01'), member())).status).toBe(201);
    await refused(() => post(`/villages/${VILLAGE}/work-team-reports`, report('2026-01'), member()), 409, 'WORK_TEAM_REPORT_ALREADY_FILED');
    const [january] = (await get(`/villages/${VILLAGE}/work-team-reports`)).body.months;
    // January ends at 16:00Z on 31 January; the default policy gives the team 5 days.
    expect(january).toMatchObject({
      month: '2026-01',
      status: 'filed',
      dueAt: '2026-02-05T16:00:00.000Z',
      report: { filedBy: 'm1', late: false },
    });
  });

  it('marks February’s report missed at its deadline, flags it against the first secretary, and escalates it to the township', async () => {
    await timeline.advanceTo('2026-03-06T02:00:00.000Z');
    const flags = (await get('/flags?region=222426&type=WORK_TEAM_REPORT_MISSED')).body.flags as Answer[];
    expect(flags.map((f) => [f.villageCode, f.cadreId, f.details.month])).toEqual([[VILLAGE, 'fs', '2026-02']]);
    expect(flags[0].eventIds).toHaveLength(1);
    await timeline.advanceTo('2026-03-17T02:00:00.000Z');
    const months = (await get(`/villages/${VILLAGE}/work-team-reports`)).body.months as Answer[];
    expect(months.find((m) => m.month === '2026-02')).toMatchObject({ status: 'missed', escalatedTo: '222426103' });
    // Filed late, it is on the record as late; the flag stays, citing the missed deadline.
    expect((await post(`/villages/${VILLAGE}/work-team-reports`, report('2026-02'), member())).status).toBe(201);
    const after = (await get(`/villages/${VILLAGE}/work-team-reports`)).body.months as Answer[];
    expect(after.find((m) => m.month === '2026-02')).toMatchObject({ status: 'late', report: { late: true } });
  });

  it('counts a missed month in the village ranking', async () => {
    const villages = (await get('/rankings/villages?region=222426&from=2026-01&to=2026-03')).body.rankings as Answer[];
    expect(villages.find((v) => v.villageCode === VILLAGE).inputs).toMatchObject({ teamReportsMissed: 1 });
  });

  it('gives the team the days the county’s policy sets', async () => {
    const policy = {
      effectiveFrom: '2026-04-01',
      visitsPerMonth: 1,
      handoverDays: 15,
      reminderDays: 3,
      escalationDays: 10,
      backfillDays: 7,
      simultaneousMinutes: 30,
      teamReportDays: 3,
      reason: '县定驻村报告每月3日前报送',
    };
    expect((await post('/regions/222426/visit-policy', policy)).status).toBe(201);
    await timeline.advanceTo('2026-05-02T02:00:00.000Z');
    const april = ((await get(`/villages/${VILLAGE}/work-team-reports`)).body.months as Answer[]).find((m) => m.month === '2026-04');
    expect(april).toMatchObject({ status: 'due', dueAt: '2026-05-03T16:00:00.000Z' });
  });
});
