import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { encodeGbk, registerDivisions, runCli, SONGJIANG_DIVISIONS, startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The acceptance test of onboarding (issue 17): a county's last nine months, once recorded live as they
 * happened, and once brought in afterwards — divisions registered as of a past time, households through the
 * API, assignments and visits through `bangfu import`, an exit with a 公示 objection through the API with past
 * business times, then the go-live declared. From the go-live on, both records give the same overdue months,
 * flags and exit; before it, the one brought in flags nothing.
 */
const GO_LIVE = '2026-01-01';
const GO_LIVE_AT = '2025-12-31T16:00:00.000Z';
const NOW = '2026-06-10T02:00:00.000Z';
const VILLAGE = '222426103201';
const [HH1, HH2, HH3] = ['2224261032010001', '2224261032010002', '2224261032010003'];
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
const t8 = (local: string) => new Date(`${local}+08:00`).toISOString();

const ID_NUMBERS: Record<string, string> = { [HH1]: '11010519491231002X', [HH2]: '110105195001010012', [HH3]: '110105195102020033' };
const household = (householdId: string, identifiedAt: string) => ({
  householdId,
  villageCode: VILLAGE,
  members: [{ name: `户主${householdId.slice(-1)}`, idNumber: ID_NUMBERS[householdId], relation: '户主' }],
  category: '一般贫困户',
  causes: ['因病'],
  identifiedAt,
});

interface Assignment {
  householdId: string;
  cadreId: string;
  from: string;
}
interface Visit {
  householdId: string;
  cadreId: string;
  at: string;
  kind: '走访' | '对接';
}

const HOUSEHOLDS: [string, string][] = [
  [HH1, t8('2025-10-05T09:00:00')],
  [HH2, t8('2025-10-05T09:00:00')],
  [HH3, t8('2026-02-10T09:00:00')],
];
const ASSIGNMENTS: Assignment[] = [
  { householdId: HH1, cadreId: 'c1', from: t8('2025-10-05T10:00:00') },
  { householdId: HH2, cadreId: 'c1', from: t8('2025-10-05T10:00:00') },
  // Ten days without a cadre: ASSIGNMENT_GAP.
  { householdId: HH3, cadreId: 'c2', from: t8('2026-02-20T10:00:00') },
  // A handover whose new cadre never makes the 对接 visit: HANDOVER_NOT_CONNECTED.
  { householdId: HH2, cadreId: 'c2', from: t8('2026-03-01T10:00:00') },
];
const visit = (householdId: string, cadreId: string, local: string, kind: Visit['kind'] = '走访'): Visit => ({
  householdId,
  cadreId,
  at: t8(local),
  kind,
});
const VISITS: Visit[] = [
  // Before go-live: HH1 misses November, and neither initial 结对 has its 对接 visit.
  visit(HH1, 'c1', '2025-10-20T10:00:00'),
  visit(HH1, 'c1', '2025-12-10T10:00:00'),
  visit(HH2, 'c1', '2025-10-20T11:00:00'),
  visit(HH2, 'c1', '2025-11-10T11:00:00'),
  visit(HH2, 'c1', '2025-12-10T11:00:00'),
  // After go-live: HH1 misses March.
  visit(HH1, 'c1', '2026-01-12T10:00:00'),
  visit(HH1, 'c1', '2026-02-12T10:00:00'),
  visit(HH1, 'c1', '2026-04-28T10:00:00'),
  visit(HH1, 'c1', '2026-05-12T10:00:00'),
  visit(HH2, 'c1', '2026-01-12T11:00:00'),
  visit(HH2, 'c1', '2026-02-12T11:00:00'),
  visit(HH2, 'c2', '2026-03-15T11:00:00'),
  visit(HH2, 'c2', '2026-04-15T11:00:00'),
  visit(HH2, 'c2', '2026-05-15T11:00:00'),
  visit(HH3, 'c2', '2026-03-01T14:00:00', '对接'),
  visit(HH3, 'c2', '2026-04-16T14:00:00'),
  visit(HH3, 'c2', '2026-05-16T14:00:00'),
];

const CHECK = { result: 'met', evidence: '入户查看' };
const CHECKLIST = { food: CHECK, clothing: CHECK, education: CHECK, medical: CHECK, housing: CHECK, water: CHECK };
const verification = {
  action: 'approve',
  verification: {
    incomeItems: [{ source: '工资性收入', amountFen: 1_500_000 }],
    expensesFen: 100_000,
    checklist: CHECKLIST,
    interviewed: ['户主1'],
  },
};
const vote = { action: 'approve', vote: { for: 21, against: 2, abstain: 1, minutes: '村民代表大会' } };
const review = { action: 'approve', review: { opinion: '符合退出标准' } };
type Actor = 'team' | 'township' | 'county';
/** HH1's exit: 公示 objected to on its third day, verified again, 公示 a full seven days, then through. */
const EXIT: [step: string | null, body: Record<string, unknown>, actor: Actor, local: string][] = [
  [null, { householdId: HH1, reason: '人均纯收入稳定超过标准' }, 'team', '2026-04-01T10:00:00'],
  ['verification', verification, 'team', '2026-04-03T10:00:00'],
  ['review', vote, 'team', '2026-04-06T10:00:00'],
  ['notice', { action: 'object', objection: { raisedBy: '村民', content: '收入未如实申报' } }, 'township', '2026-04-08T10:00:00'],
  ['verification', verification, 'team', '2026-04-09T10:00:00'],
  ['review', vote, 'team', '2026-04-10T10:00:00'],
  ['notice', { action: 'approve', notice: { location: '村务公开栏' } }, 'team', '2026-04-17T10:00:00'],
  ['township', review, 'township', '2026-04-20T10:00:00'],
  ['county', review, 'county', '2026-04-22T10:00:00'],
  [
    'announcement',
    { action: 'approve', announcement: { number: '安扶〔2026〕3号', householdAgreement: { agreed: true, signedBy: '户主1' } } },
    'county',
    '2026-04-25T10:00:00',
  ],
];
const EXIT_ID = `${HH1}-1`;

const task = (taskId: string, deadline: string) => ({
  taskId,
  plan: '安图县2026年脱贫攻坚工作计划',
  item: taskId.slice(-1),
  title: taskId.endsWith('1') ? '完成危房改造' : '完成饮水安全巩固',
  regionCode: '222426',
  leadUnit: '县住建局',
  target: { quantity: 1, unit: '项' },
  deadline,
});
/** Two plan items: one completed on time (March), one never completed and overdue at the end of May. */
const TASKS: [when: string, path: string, body: Record<string, unknown>, actor: 'county' | 'team'][] = [
  ['2026-01-05T09:00:00', '/tasks', task('antu-2026-1', t8('2026-03-31T23:59:00')), 'county'],
  ['2026-01-05T09:30:00', '/tasks', task('antu-2026-2', t8('2026-05-31T23:59:00')), 'county'],
  ['2026-03-20T15:00:00', '/tasks/antu-2026-1/completion', { note: '已完成改造', evidence: ['验收单'] }, 'team'],
  ['2026-03-25T15:00:00', '/tasks/antu-2026-1/verification', { approved: true, note: '验收合格' }, 'county'],
];

/** What both records are compared on: every overdue month, every flag, and the exit, without record times. */
async function outcome(t: TestApp, admin: string) {
  const get = async (path: string) => (await t.request('GET', `/api/v1${path}`, { token: admin })).body as Answer;
  const overdue = [];
  for (const month of MONTHS) {
    for (const o of (await get(`/regions/222426/overdue-visits?month=${month}&status=all`)).overdue) {
      overdue.push({
        month: o.month,
        householdId: o.householdId,
        cadreId: o.cadreId,
        made: o.made,
        remindedAt: o.remindedAt,
        escalatedAt: o.escalatedAt,
      });
    }
  }
  const flags = ((await get('/flags?region=222426')).flags as Answer[])
    .map((f) => ({
      type: f.type,
      householdId: f.householdId,
      cadreId: f.cadreId,
      occurredAt: f.occurredAt,
      until: f.until,
      details: f.details,
    }))
    .sort((a, b) => `${a.type}${a.householdId}${a.occurredAt}`.localeCompare(`${b.type}${b.householdId}${b.occurredAt}`));
  const exit = await get(`/exits/${EXIT_ID}`);
  const steps = (exit.steps as Answer[]).map((s) => ({ step: s.step, action: s.action, at: s.at, durationDays: s.durationDays }));
  const exited = (await get(`/households/${HH1}`)).exited as boolean;
  const tasks = ((await get('/tasks?region=222426')).tasks as Answer[]).map((task) => ({
    taskId: task.taskId,
    status: task.status,
    overdue: task.overdue,
    onTime: task.onTime,
    completedAt: task.completedAt,
  }));
  return { overdue, flags, exit: { status: exit.status, completedAt: exit.completedAt, steps }, exited, tasks };
}

async function setUp(t: TestApp, admin: string): Promise<void> {
  const post = (path: string, body: unknown) => t.request('POST', `/api/v1${path}`, { token: admin, body });
  expect((await post('/units', { unitId: 'jl-wjw', name: '吉林省卫生健康委', regionCode: '220000', leadOfficial: '张义' })).status).toBe(
    201,
  );
  for (const [cadreId, name] of [
    ['c1', '禹露'],
    ['c2', '金哲'],
  ]) {
    expect((await post('/cadres', { cadreId, name, unitId: 'jl-wjw', position: '科员' })).status).toBe(201);
  }
}

const FINDINGS = {
  food: { result: 'met' },
  clothing: { result: 'met' },
  education: { result: 'met' },
  medical: { result: 'met' },
  housing: { result: 'met' },
  water: { result: 'met' },
};

describe('a county brought in afterwards is judged as if it had been recorded live', () => {
  let live: Awaited<ReturnType<typeof outcome>>;
  let brought: Awaited<ReturnType<typeof outcome>>;
  let history: TestApp;
  let historyAdmin: string;

  beforeAll(async () => {
    live = await recordLive();
    ({ app: history, admin: historyAdmin, outcome: brought } = await bringIn());
  }, 240_000);
  afterAll(async () => history?.close());

  it('gives the same overdue months from the go-live on, and none before it', () => {
    const fromGoLive = live.overdue.filter((o) => o.month >= '2026-01');
    expect(fromGoLive.map((o) => `${o.month} ${o.householdId}`)).toEqual([`2026-03 ${HH1}`]);
    expect(live.overdue.some((o) => o.month < '2026-01')).toBe(true);
    expect(brought.overdue).toEqual(fromGoLive);
  });

  it('raises the same flags from the go-live on, and none for anything before it', () => {
    const fromGoLive = live.flags.filter((f) => f.occurredAt >= GO_LIVE_AT);
    expect(fromGoLive.map((f) => `${f.type} ${f.householdId}`).sort()).toEqual(
      [
        `ASSIGNMENT_GAP ${HH3}`,
        `HANDOVER_NOT_CONNECTED ${HH2}`,
        `MONTHLY_VISIT_MISSED ${HH1}`,
        // Identified after the go-live with no help plan a month later (the others' month ended before it).
        `HOUSEHOLD_WITHOUT_PLAN ${HH3}`,
      ].sort(),
    );
    // Recorded live, the autumn's missed month and unconnected 结对 are on the record; brought in, they are history.
    expect(live.flags.filter((f) => f.occurredAt < GO_LIVE_AT).map((f) => f.type)).toEqual(
      expect.arrayContaining(['HANDOVER_NOT_CONNECTED', 'MONTHLY_VISIT_MISSED']),
    );
    expect(brought.flags).toEqual(fromGoLive);
  });

  it('walks the same exit, with the objection and a seven-day 公示 measured in business time', () => {
    expect(live.exit.status).toBe('passed');
    expect(live.exit.steps.map((s) => `${s.step}:${s.action}`)).toContain('notice:object');
    expect(brought.exit).toEqual(live.exit);
    expect([live.exited, brought.exited]).toEqual([true, true]);
  });

  it('keeps the same plan tasks: one completed on time, one overdue since the end of May', () => {
    expect(live.tasks).toEqual([
      { taskId: 'antu-2026-1', status: 'completed', overdue: false, onTime: true, completedAt: t8('2026-03-25T15:00:00') },
      { taskId: 'antu-2026-2', status: 'issued', overdue: true, onTime: null, completedAt: null },
    ]);
    expect(brought.tasks).toEqual(live.tasks);
  });

  it('shows the facts before go-live as migrated history', async () => {
    const timeline = (await history.request('GET', `/api/v1/households/${HH1}/timeline?limit=500`, { token: historyAdmin })).body as Answer;
    expect(timeline.judgedFrom).toBe(GO_LIVE_AT);
    const visits = (timeline.entries as Answer[]).filter((e) => e.type === 'VisitRecorded');
    expect(visits.filter((e) => e.migrated).map((e) => e.occurredAt)).toEqual([t8('2025-10-20T10:00:00'), t8('2025-12-10T10:00:00')]);
    expect(visits.filter((e) => !e.migrated)).toHaveLength(4);
    const region = (await history.request('GET', `/api/v1/regions/${VILLAGE}`, { token: historyAdmin })).body;
    expect(region).toMatchObject({ onboarding: false, judgedFrom: GO_LIVE_AT });
  });

  it('reports every refused history row by row and column, in Chinese with the stable code, and records none of them', async () => {
    await history.settle();
    const before = await history.domainEventCount();
    const checks = '不愁吃,不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,饮水安全';
    const file = join(history.config.dataDir, '走访-有误.csv');
    writeFileSync(
      file,
      [
        `户编号,走访人,走访时间,走访类型,${checks}`,
        `2224261032019999,c1,2026-05-20 10:00,走访,达标,达标,达标,达标,达标,达标`,
        `${HH3},c2,2026-05-32 10:00,走访,达标,达标,达标,达标,达标,达标`,
        `${HH3},c2,2026-05-20 10:00,走访,达标,好,达标,达标,达标,达标`,
        `${HH3},c2,2099-05-20 10:00,走访,达标,达标,达标,达标,达标,达标`,
        `${HH3},nobody,2026-05-20 10:00,走访,达标,达标,达标,达标,达标,达标`,
      ].join('\n'),
    );
    const report = join(history.config.dataDir, 'report.csv');
    const run = await runCli(['import', 'visits', file, '--report', report], history.cliEnv);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('共 5 行 — 导入 0 行，此前已导入 0 行，拒绝 5 行');
    expect(run.stderr.trim().split('\n')).toEqual([
      '第 2 行，户编号：该户未登记（先导入建档立卡数据）（HOUSEHOLD_NOT_FOUND）',
      '第 3 行，走访时间：「2026-05-32 10:00」不是时间（YYYY-MM-DD HH:mm）或日期',
      '第 4 行，不愁穿：「好」须为 达标、未达标 或 不适用',
      '第 5 行，走访时间：时间晚于当前时间（TIME_IN_FUTURE）',
      '第 6 行，走访人：帮扶责任人未登记（CADRE_NOT_FOUND）',
    ]);
    expect(readFileSync(report, 'utf8').split('\n')[0]).toBe('行号,列,原因');
    await history.settle();
    expect(await history.domainEventCount()).toBe(before);
    const missing = await runCli(['import', 'assignments', file], history.cliEnv);
    expect([missing.status, missing.stderr.trim()]).toEqual([
      2,
      `bangfu: ${file}：缺少列 帮扶责任人、开始时间（见 README「导入历史数据」）`,
    ]);
  });

  it('refuses a second go-live, and an import run again records nothing', async () => {
    const again = await history.request('POST', '/api/v1/regions/222426/go-live', {
      token: historyAdmin,
      body: { goLiveOn: '2026-03-01', reason: '改期' },
    });
    expect([again.status, again.body.code]).toEqual([409, 'GO_LIVE_ALREADY_DECLARED']);
    await history.settle();
    const before = await history.domainEventCount();
    const rerun = await runCli(['import', 'visits', join(history.config.dataDir, '走访.csv')], history.cliEnv);
    expect(rerun.stdout).toContain(`导入 0 行，此前已导入 ${VISITS.length} 行，拒绝 0 行`);
    await history.settle();
    expect(await history.domainEventCount()).toBe(before);
  });
});

/** The county as it would be had bangfu been there since October: every fact recorded when it happened. */
async function recordLive() {
  const clock = new VirtualClock('2025-10-01T00:00:00.000Z');
  const t = await startTestApp({ clock });
  try {
    const timeline = new DemoTimeline(t.app, clock);
    const admin = t.token(['county-admin'], '220000', 'live-clerk');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    await setUp(t, admin);
    const actors: Record<Actor, string> = {
      team: t.token(['work-team'], '222426', 't1'),
      township: t.token(['township-reviewer'], '222426103', 'r1'),
      county: t.token(['county-admin'], '222426', 'a1'),
    };
    const facts: [string, () => Promise<{ status: number }>][] = [
      ...HOUSEHOLDS.map(([id, at]): [string, () => Promise<{ status: number }>] => [
        at,
        () => t.request('POST', '/api/v1/households', { token: admin, body: household(id, at) }),
      ]),
      ...ASSIGNMENTS.map((a): [string, () => Promise<{ status: number }>] => [
        a.from,
        () =>
          t.request('POST', `/api/v1/households/${a.householdId}/assignments`, {
            token: admin,
            body: { cadreId: a.cadreId, from: a.from },
          }),
      ]),
      ...VISITS.map((v): [string, () => Promise<{ status: number }>] => [
        v.at,
        () =>
          t.request('POST', `/api/v1/households/${v.householdId}/visits`, {
            token: t.token(['cadre'], '220000', v.cadreId),
            body: { cadreId: v.cadreId, kind: v.kind, occurredAt: v.at, findings: FINDINGS },
          }),
      ]),
      ...TASKS.map(([local, path, body, actor]): [string, () => Promise<{ status: number }>] => [
        t8(local),
        () => t.request('POST', `/api/v1${path}`, { token: actors[actor], body }),
      ]),
      ...EXIT.map(([step, body, actor, local]): [string, () => Promise<{ status: number }>] => [
        t8(local),
        () => t.request('POST', step ? `/api/v1/exits/${EXIT_ID}/steps/${step}` : '/api/v1/exits', { token: actors[actor], body }),
      ]),
    ];
    for (const [at, record] of facts.sort((a, b) => a[0].localeCompare(b[0]))) {
      await timeline.advanceTo(at);
      const { status } = await record();
      expect([at, status]).toEqual([at, 201]);
    }
    await timeline.advanceTo(NOW);
    return await outcome(t, admin);
  } finally {
    await t.close();
  }
}

/** The same county entered on 10 June: history first (nothing judged while onboarding), then the go-live. */
async function bringIn() {
  const clock = new VirtualClock(NOW);
  const t = await startTestApp({ clock });
  const timeline = new DemoTimeline(t.app, clock);
  const admin = t.token(['county-admin'], '220000', 'onboarding-clerk');
  const post = async (path: string, body: unknown, token = admin) => {
    const answer = await t.request('POST', `/api/v1${path}`, { token, body });
    expect([path, answer.status]).toEqual([path, 201]);
  };
  await registerDivisions(t, admin, SONGJIANG_DIVISIONS, { registeredAt: '2025-10-01T00:00:00+08:00' });
  expect((await t.request('GET', `/api/v1/regions/${VILLAGE}`, { token: admin })).body).toMatchObject({
    onboarding: true,
    judgedFrom: null,
  });
  await setUp(t, admin);
  for (const [id, at] of HOUSEHOLDS) await post('/households', household(id, at));

  const assignments = join(t.config.dataDir, '包保.csv');
  writeFileSync(
    assignments,
    ['户编号,帮扶责任人,开始时间', ...ASSIGNMENTS.map((a) => `${a.householdId},${a.cadreId},${a.from}`)].join('\r\n'),
  );
  const assigned = await runCli(['import', 'assignments', assignments, '--actor', 'antu-clerk'], t.cliEnv);
  expect([assigned.status, assigned.stderr]).toEqual([0, '']);
  const checks = '不愁吃,不愁穿,义务教育有保障,基本医疗有保障,住房安全有保障,饮水安全';
  const visits = join(t.config.dataDir, '走访.csv');
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const rows = VISITS.map((v) => `${v.householdId},${v.cadreId},${local(v.at)},${v.kind},达标,达标,达标,达标,达标,达标`);
  writeFileSync(visits, encodeGbk([`户编号,走访人,走访时间,走访类型,${checks}`, ...rows].join('\r\n')));
  const visited = await runCli(['import', 'visits', visits, '--actor', 'antu-clerk'], t.cliEnv);
  expect([visited.status, visited.stderr]).toEqual([0, '']);
  expect(visited.stdout).toContain(`(gb18030)：共 ${VISITS.length} 行 — 导入 ${VISITS.length} 行`);

  const actors: Record<Actor, string> = {
    team: t.token(['work-team'], '222426', 't1'),
    township: t.token(['township-reviewer'], '222426103', 'r1'),
    county: t.token(['county-admin'], '222426', 'a1'),
  };
  for (const [step, body, actor, at] of EXIT) {
    await t.settle();
    await post(step ? `/exits/${EXIT_ID}/steps/${step}` : '/exits', { ...body, at: t8(at) }, actors[actor]);
  }
  for (const [local, path, body, actor] of TASKS) {
    await post(path, path === '/tasks' ? body : { ...body, at: t8(local) }, actors[actor]);
  }
  await t.settle();
  // Nothing is judged while the county is onboarding, even with every month and deadline long past.
  expect((await t.request('GET', '/api/v1/flags?region=222426', { token: admin })).body.flags).toEqual([]);

  await post('/regions/222426/go-live', { goLiveOn: GO_LIVE, reason: '历史数据录入完毕，系统上线' });
  await timeline.advanceTo(NOW);
  return { app: t, admin, outcome: await outcome(t, admin) };
}
