import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { apiCalls, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 自查自评 through HTTP on a virtual clock: each month's self-check issued as a task when the month begins. */
describe('recurring self-checks (自查自评)', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  // Bound once the app is up (beforeAll).
  let post: ReturnType<typeof apiCalls>['post'];
  let get: ReturnType<typeof apiCalls>['get'];
  let refused: ReturnType<typeof apiCalls>['refused'];
  const series = {
    seriesId: 'songjiang-zicha',
    plan: '安图县脱贫攻坚自查自评办法',
    title: '松江镇脱贫攻坚月度自查自评',
    regionCode: '222426103',
    leadUnit: '松江镇人民政府',
    recurrence: 'monthly',
    firstPeriod: '2026-03',
    reportDays: 10,
    target: { quantity: 1, unit: '份自查报告' },
  };
  const issued = async () => ((await get('/tasks?region=222426')).body.tasks as Answer[]).map((task) => task.taskId).sort();

  beforeAll(async () => {
    clock = new VirtualClock('2026-02-20T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    ({ post, get, refused } = apiCalls(
      t,
      () => admin,
      () => timeline.settle(),
    ));
    admin = t.token(['county-admin'], '222426', 'antu-admin');
    const root = t.token(['county-admin'], '000000', 'root');
    for (const [code, name] of [
      ['220000', '吉林省'],
      ['222400', '延边州'],
      ['222426', '安图县'],
      ['222426103', '松江镇'],
    ]) {
      expect((await post('/regions', { code, name }, root)).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('defines a monthly self-check and refuses a bad period, an unknown division and a second definition', async () => {
    expect((await post('/recurring-tasks', series)).status).toBe(201);
    await refused(() => post('/recurring-tasks', series), 409, 'RECURRING_TASK_ALREADY_DEFINED');
    await refused(() => post('/recurring-tasks', { ...series, seriesId: 'x', recurrence: 'quarterly' }), 422, 'INVALID_RECURRING_TASK');
    await refused(() => post('/recurring-tasks', { ...series, seriesId: 'x', firstPeriod: '2026-13' }), 422, 'VALIDATION_FAILED');
    await refused(() => post('/recurring-tasks', { ...series, seriesId: 'x', regionCode: '222426199' }), 409, 'REGION_NOT_REGISTERED');
    await refused(() => post('/recurring-tasks', { ...series, seriesId: 'x', regionCode: '222424' }), 403, 'OUTSIDE_JURISDICTION');
    // Nothing is issued before the first month begins.
    expect(await issued()).toEqual([]);
  });

  it('issues each month’s self-check as a task when the month begins, due ten days after it, and marks a missed one overdue', async () => {
    // Given March and April have begun
    await timeline.advanceTo('2026-04-02T00:00:00.000Z');
    // Then both months' tasks are on the board, each due ten days after its month
    expect(await issued()).toEqual(['songjiang-zicha-2026-03', 'songjiang-zicha-2026-04']);
    const march = (await get('/tasks/songjiang-zicha-2026-03')).body;
    expect(march).toMatchObject({
      title: '松江镇脱贫攻坚月度自查自评（2026年3月）',
      leadUnit: '松江镇人民政府',
      deadline: '2026-04-10T16:00:00.000Z',
    });
    // When March's is reported and verified in time, and April's is never reported
    const town = t.token(['township-reviewer'], '222426103', 'songjiang-clerk');
    expect(
      (await post('/tasks/songjiang-zicha-2026-03/completion', { note: '3月自查报告已报送', evidence: ['自查报告'] }, town)).status,
    ).toBe(201);
    expect((await post('/tasks/songjiang-zicha-2026-03/verification', { approved: true, note: '核验通过' })).status).toBe(201);
    await timeline.advanceTo('2026-05-12T00:00:00.000Z');
    // Then the board counts one on time and one overdue for 松江镇人民政府
    const board = (await get('/regions/222426/task-board')).body;
    expect(board.byUnit.find((u: Answer) => u.name === '松江镇人民政府')).toMatchObject({ tasks: 3, completedOnTime: 1, overdue: 1 });
    const list = (await get('/regions/222426/recurring-tasks')).body.series;
    expect(list).toEqual([
      expect.objectContaining({
        seriesId: 'songjiang-zicha',
        recurrence: 'monthly',
        endedAt: null,
        periods: [
          { period: '2026-03', taskId: 'songjiang-zicha-2026-03' },
          { period: '2026-04', taskId: 'songjiang-zicha-2026-04' },
          { period: '2026-05', taskId: 'songjiang-zicha-2026-05' },
        ],
      }),
    ]);
  });

  it('issues nothing more once ended', async () => {
    expect((await post('/recurring-tasks/songjiang-zicha/end', { reason: '改为季度自查' })).status).toBe(201);
    await refused(() => post('/recurring-tasks/songjiang-zicha/end', { reason: '再次结束' }), 409, 'RECURRING_TASK_ENDED');
    await refused(() => post('/recurring-tasks/nope/end', { reason: '无此项' }), 404, 'RECURRING_TASK_NOT_FOUND');
    await timeline.advanceTo('2026-07-02T00:00:00.000Z');
    expect(await issued()).toEqual(['songjiang-zicha-2026-03', 'songjiang-zicha-2026-04', 'songjiang-zicha-2026-05']);
    const [ended] = (await get('/regions/222426/recurring-tasks')).body.series;
    expect(ended).toMatchObject({ endReason: '改为季度自查', endedAt: expect.any(String) });
  });
});
