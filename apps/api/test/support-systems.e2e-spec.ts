import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { apiCalls, registerDivisions, SONGJIANG_DIVISIONS, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 帮扶体系 through HTTP on a virtual clock: a joint meeting owed every quarter, a missed one flagged and escalated. */
describe('support systems and their quarterly joint meetings (联席会议)', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  // Bound once the app is up (beforeAll).
  let post: ReturnType<typeof apiCalls>['post'];
  let get: ReturnType<typeof apiCalls>['get'];
  let refused: ReturnType<typeof apiCalls>['refused'];
  const system = {
    systemId: 'antu-jiaoyu',
    name: '教育帮扶体系',
    regionCode: '222426',
    leadUnitId: 'edu',
    memberUnitIds: ['health'],
    firstQuarter: '2026-Q1',
  };
  const meeting = (quarter: string, heldOn: string, attendance = ['edu', 'health']) => ({
    meetingId: `m-${quarter}`,
    quarter,
    heldOn,
    attendance,
    decisions: ['落实助学资金到户'],
  });

  beforeAll(async () => {
    clock = new VirtualClock('2026-01-05T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    ({ post, get, refused } = apiCalls(
      t,
      () => admin,
      () => timeline.settle(),
    ));
    admin = t.token(['county-admin'], '222426', 'antu-admin');
    await registerDivisions(t, t.token(['county-admin'], '000000', 'root'), SONGJIANG_DIVISIONS);
    for (const [unitId, name] of [
      ['edu', '安图县教育局'],
      ['health', '安图县卫健局'],
    ]) {
      expect((await post('/units', { unitId, name, regionCode: '222426', leadOfficial: '县领导' })).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('registers a 帮扶体系 with registered units only, in the office’s division', async () => {
    await refused(() => post('/support-systems', { ...system, memberUnitIds: ['nobody'] }), 404, 'UNIT_NOT_FOUND');
    await refused(() => post('/support-systems', { ...system, regionCode: '222424' }), 403, 'OUTSIDE_JURISDICTION');
    expect((await post('/support-systems', system)).status).toBe(201);
    await refused(() => post('/support-systems', system), 409, 'SUPPORT_SYSTEM_ALREADY_REGISTERED');
  });

  it('records the first quarter’s meeting with the 组长单位 present, and refuses one without it or outside its quarter', async () => {
    await timeline.advanceTo('2026-03-21T02:00:00.000Z');
    await refused(
      () => post('/support-systems/antu-jiaoyu/meetings', meeting('2026-Q1', '2026-03-20', ['health'])),
      422,
      'INVALID_JOINT_MEETING',
    );
    await refused(() => post('/support-systems/antu-jiaoyu/meetings', meeting('2026-Q1', '2026-04-20')), 422, 'INVALID_JOINT_MEETING');
    await refused(() => post('/support-systems/nope/meetings', meeting('2026-Q1', '2026-03-20')), 404, 'SUPPORT_SYSTEM_NOT_FOUND');
    expect((await post('/support-systems/antu-jiaoyu/meetings', meeting('2026-Q1', '2026-03-20'))).status).toBe(201);
  });

  it('marks a quarter with no meeting missed at its end, flags it, and escalates it to the county', async () => {
    await timeline.advanceTo('2026-07-02T02:00:00.000Z');
    const flags = (await get('/flags?region=222426&type=JOINT_MEETING_MISSED')).body.flags as Answer[];
    expect(flags.map((f) => [f.details.systemId, f.details.quarter, f.details.leadUnitName])).toEqual([
      ['antu-jiaoyu', '2026-Q2', '安图县教育局'],
    ]);
    await timeline.advanceTo('2026-07-17T02:00:00.000Z');
    const [listed] = (await get('/regions/222426/support-systems')).body.systems as Answer[];
    expect(listed).toMatchObject({ leadUnit: { unitId: 'edu', name: '安图县教育局' }, memberUnitIds: ['edu', 'health'] });
    expect(listed.quarters.map((q: Answer) => [q.quarter, q.status, q.escalatedTo])).toEqual([
      ['2026-Q1', 'held', null],
      ['2026-Q2', 'missed', '222426'],
    ]);
  });

  it('counts a missed meeting against its 组长单位 in the 红黑榜', async () => {
    const rankings = (await get('/rankings?region=222426')).body;
    expect(rankings.formula).toContain('联席会议');
    expect(rankings.rankings.find((r: Answer) => r.name === '安图县教育局')).toMatchObject({ inputs: { meetingsMissed: 1 } });
  });
});
