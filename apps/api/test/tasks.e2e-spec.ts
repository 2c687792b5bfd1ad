import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReadStore } from '@bangfu/projections';
import { timerState, VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { expectRefused, runCli, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

const DAY = 86_400_000;

/** 任务 through HTTP on a virtual clock: a task walked to verified completion, overdue ones, the board, 红黑榜, plan import. */
describe('tasks, the task board and 红黑榜', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  let coordinator: string;
  let leader: string;
  const post = (path: string, body: unknown, token = admin) => t.request('POST', `/api/v1${path}`, { token, body });
  const get = async (path: string, token = leader) => {
    await timeline.settle();
    return t.request('GET', `/api/v1${path}`, { token });
  };
  const refused = (request: () => Promise<{ status: number; body: Answer }>, status: number, code: string) =>
    expectRefused(t, request, status, code);
  const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY).toISOString();
  const task = (taskId: string, item: string, leadUnit: string, deadline: string) => ({
    taskId,
    plan: '石景山区2018年精准扶贫工作计划',
    item,
    title: `任务 ${item}`,
    regionCode: '632723',
    leadUnit,
    target: { quantity: 2, unit: '个扶贫项目' },
    amountFen: 100_000_000,
    deadline,
    timing: '2018年底',
  });

  beforeAll(async () => {
    clock = new VirtualClock('2026-03-01T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '632723', 'cd-admin');
    coordinator = t.token(['county-admin'], '632723', 'sjs-coordinator');
    leader = t.token(['leader'], '632723', 'cd-leader');
    const national = t.token(['county-admin'], '000000', 'root');
    for (const [code, name] of [
      ['630000', '青海省'],
      ['632700', '玉树藏族自治州'],
      ['632723', '称多县'],
    ]) {
      expect((await post('/regions', { code, name }, national)).status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('walks a task from issue to verified completion, refusing the submitter as verifier', async () => {
    expect((await post('/tasks', task('t-5', '5', '区教委', inDays(60)))).status).toBe(201);
    await refused(() => post('/tasks', task('t-5', '5', '区教委', inDays(60))), 409, 'TASK_ALREADY_ISSUED');
    await refused(
      () =>
        post('/tasks', { ...task('t-x', '9', '区教委', inDays(60)), regionCode: '632724' }, t.token(['county-admin'], '000000', 'root')),
      409,
      'REGION_NOT_REGISTERED',
    );
    await refused(() => post('/tasks/t-5/verification', { approved: true, note: '核验' }, leader), 409, 'TASK_OUT_OF_ORDER');
    expect(
      (await post('/tasks/t-5/progress', { completed: 1, note: '助学金第一批已发放', evidence: ['发放名册'] }, coordinator)).status,
    ).toBe(201);
    await refused(() => post('/tasks/t-5/progress', { completed: 0, note: '更正' }, coordinator), 422, 'INVALID_TASK');
    expect((await post('/tasks/t-5/completion', { note: '全部发放', evidence: ['发放名册'] }, coordinator)).status).toBe(201);
    await refused(
      () =>
        post('/tasks/t-5/verification', { approved: true, note: '自核' }, t.token(['county-admin', 'leader'], '632723', 'sjs-coordinator')),
      409,
      'VERIFIER_IS_SUBMITTER',
    );
    await refused(
      () => post('/tasks/t-5/verification', { approved: true, note: '核验' }, t.token(['cadre'], '632723', 'c')),
      403,
      'ROLE_NOT_ALLOWED',
    );
    expect((await post('/tasks/t-5/verification', { approved: true, note: '核验通过' }, leader)).status).toBe(201);
    const [done] = (await get('/tasks?status=completed')).body.tasks;
    expect(done).toMatchObject({ taskId: 't-5', status: 'completed', onTime: true, completed: 2, overdue: false });
  });

  it('marks tasks overdue by timer, counts rejections, and ranks units with the formula shown', async () => {
    expect((await post('/tasks', task('t-13', '13', '区发改委', inDays(10)))).status).toBe(201);
    expect((await post('/tasks', task('t-17', '17', '区人保局', inDays(20)))).status).toBe(201);
    expect((await post('/tasks/t-17/completion', { note: '已培训' }, coordinator)).status).toBe(201);
    expect((await post('/tasks/t-17/verification', { approved: false, note: '佐证不足' }, leader)).status).toBe(201);
    await timeline.advanceTo(inDays(11));
    const history = (await get('/tasks?status=overdue')).body.tasks;
    expect(history.map((x: Answer) => x.taskId)).toEqual(['t-13']);
    const timer = timerState(t.app.get(ReadStore), 'task-overdue-t-13');
    expect(timer?.status).toBe('fired');
    const board = (await get('/regions/632723/task-board')).body;
    expect(board.byUnit.find((u: Answer) => u.name === '区发改委')).toMatchObject({ tasks: 1, overdue: 1, due: 1, completedOnTime: 0 });
    const rankings = (await get('/rankings?region=632723&by=unit')).body;
    // The formula is read by the people it ranks: in Chinese, naming each input as the table heads it.
    expect(rankings.formula).toContain('100 × 按期完成 ÷ 应完成');
    expect(rankings.formula).not.toMatch(/[A-Za-z]/);
    expect(rankings.rankings.map((r: Answer) => [r.rank, r.name, r.score, r.list])).toEqual([
      [1, '区教委', 100, '红榜'],
      [2, '区发改委', -50, '黑榜'],
      [null, '区人保局', null, null],
    ]);
    expect(rankings.rankings[2].inputs).toMatchObject({ tasks: 1, rejections: 1, due: 0 });
  });

  it('imports a plan from YAML and CSV, naming each refused item, and issues nothing twice', async () => {
    const yaml = join(t.config.dataDir, 'plan.yaml');
    writeFileSync(
      yaml,
      [
        'plan: 黔江区扶贫攻坚工作方案',
        "region: '632723'",
        'items:',
        '  - item: 1',
        '    title: 扶贫对象精准',
        '    leadOfficial: 林光',
        '    leadUnit: 区扶贫办',
        '    cooperatingUnits: [各乡镇人民政府]',
        '    deadline: 2026-07-01',
        '    timing: 2015年7月初',
        '  - item: 2',
        '    title: 交通建设',
        '    leadUnit: 区交委',
        '    target: { quantity: 25, unit: 个村 }',
        '    deadline: 2026-12-31',
        '  - item: 3',
        '    title: 饮水安全',
        '    leadUnit: 区水务局',
        '    deadline: 明年',
      ].join('\n'),
    );
    const first = await runCli(['import', 'plan', yaml], t.cliEnv);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain('item 3, 截止日期: 明年 is not a date');
    expect(first.stdout).toContain('2 issued');
    const again = await runCli(['import', 'plan', yaml], t.cliEnv);
    expect(again.stdout).toContain('0 issued, 2 already issued');
    const csv = join(t.config.dataDir, 'plan.csv');
    writeFileSync(
      csv,
      [
        '计划,区划代码,序号,任务,目标数量,目标单位,牵头领导,牵头单位,配合单位,金额（元）,截止日期,时间要求',
        '石景山区计划,632723,20,开展慈善捐助,2,个扶贫项目,,民政局,红十字会,70000,2026-12-31,2018年底',
      ].join('\n'),
    );
    expect((await runCli(['import', 'plan', csv], t.cliEnv)).status).toBe(0);
    const imported = (await get('/tasks?unit=民政局')).body.tasks;
    expect(imported).toMatchObject([
      { title: '开展慈善捐助', amountFen: 7_000_000, target: { quantity: 2 }, cooperatingUnits: ['红十字会'] },
    ]);
    expect((await get('/tasks?lead=林光')).body.tasks).toMatchObject([{ leadUnit: '区扶贫办', timing: '2015年7月初' }]);
  });
});
