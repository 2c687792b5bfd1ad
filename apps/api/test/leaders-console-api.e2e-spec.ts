import ExcelJS from 'exceljs';
import { Application } from '@bangfu/application';
import { expectRefused, startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The query routes the console's leader, discipline and auditor pages stand on, over the demo. */
describe('leaders’ and reviewers’ routes: task history, 考核期, cases, fund lists, workbooks', () => {
  let t: TestApp;
  let chenduoLeader: string;
  let antuLeader: string;
  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    chenduoLeader = t.token(['leader'], '632723', 'demo-chenduo-leader');
    antuLeader = t.token(['leader'], '222426', 'demo-antu-leader');
  });
  afterAll(async () => t.close());

  const get = async (path: string, token: string) => (await t.request('GET', `/api/v1${path}`, { token })).body as Answer;

  /** Given a workbook route, when it is downloaded, then its first sheet's rows (header first) and its notes. */
  async function workbook(path: string, token: string) {
    const response = await fetch(`${t.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z-]+\.xlsx"; filename\*=UTF-8''/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await response.arrayBuffer());
    const values = (sheet: ExcelJS.Worksheet) =>
      sheet
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1));
    return {
      rows: values(book.worksheets[0]),
      notes: values(book.getWorksheet('说明') as ExcelJS.Worksheet),
      title: book.worksheets[0].name,
    };
  }

  it('gives one task with its history: progress, submission, rejection, resubmission and verification, each with who and when', async () => {
    const task = await get('/tasks/sjs-cd-17', chenduoLeader);
    expect(task).toMatchObject({ taskId: 'sjs-cd-17', status: 'completed', rejections: 1 });
    expect(task.history.map((h: Answer) => h.type)).toEqual([
      'TaskIssued',
      'TaskProgressReported',
      'TaskCompletionSubmitted',
      'TaskCompletionRejected',
      'TaskCompletionSubmitted',
      'TaskCompletionVerified',
    ]);
    expect(task.history[3]).toMatchObject({ actor: { id: 'demo-chenduo-leader' }, data: { note: '培训人数佐证不足，退回补充' } });
    expect(task.history.every((h: Answer) => h.eventId && h.occurredAt && h.recordedAt)).toBe(true);
    const outside = await t.request('GET', '/api/v1/tasks/sjs-cd-17', { token: antuLeader });
    expect([outside.status, outside.body.code]).toEqual([404, 'TASK_NOT_FOUND']);
  });

  it('ranks only the tasks due within the 考核期, and refuses a period that ends before it begins', async () => {
    const all = await get('/rankings?by=unit', chenduoLeader);
    expect(all.rankings.map((r: Answer) => r.list)).toEqual(expect.arrayContaining(['红榜', '黑榜']));
    const { tasks } = await get('/tasks?limit=1000', chenduoLeader);
    const deadlines = [...new Set<string>(tasks.map((task: Answer) => task.deadline))].sort();
    const lastDay = new Date(Date.parse(deadlines[0] as string) + 8 * 3600_000).toISOString().slice(0, 10);
    const early = await get(`/rankings?by=unit&dueTo=${lastDay}`, chenduoLeader);
    const counted = early.rankings.reduce((sum: number, r: Answer) => sum + r.inputs.tasks, 0);
    expect(counted).toBe(tasks.filter((task: Answer) => task.deadline === deadlines[0]).length);
    expect(early.period).toEqual({ dueFrom: null, dueTo: lastDay });
    const board = await get(`/regions/632723/task-board?dueFrom=${lastDay}&dueTo=${lastDay}`, chenduoLeader);
    expect(board.byUnit.reduce((sum: number, u: Answer) => sum + u.tasks, 0)).toBe(counted);
    const backwards = await t.request('GET', '/api/v1/rankings?dueFrom=2026-12-01&dueTo=2026-01-01', { token: chenduoLeader });
    expect([backwards.status, backwards.body.errors[0].code]).toEqual([422, 'PERIOD_INVALID']);
  });

  it('lists a division’s cases with their parties, for the discipline reviewer', async () => {
    const reviewer = t.token(['discipline'], '222426', 'demo-antu-jw');
    const { cases } = await get('/cases', reviewer);
    expect(cases.map((c: Answer) => c.caseId)).toContain('demo-case-001');
    expect(cases[0].parties.length).toBeGreaterThan(1);
    expect(cases[0].decided).toBe(1);
    expect((await t.request('GET', '/api/v1/cases', { token: antuLeader })).status).toBe(403);
  });

  it('lists a division’s funds beside the totals, with the production target, and a fund’s own flags', async () => {
    const funds = await get('/regions/222426/funds', antuLeader);
    expect(funds.targets).toEqual({ productionOfIntegrated: 0.6 });
    expect(funds.funds.map((f: Answer) => f.fundId)).toContain('demo-pandao-ludeng');
    const { flags } = await get('/flags?fund=demo-pandao-ludeng', antuLeader);
    expect(flags.map((f: Answer) => f.type)).toEqual(['DUPLICATE_VOUCHER']);
    const idle = await get('/flags?fund=demo-shijingshan-jiuzhu', chenduoLeader);
    expect(idle.flags.map((f: Answer) => f.type)).toEqual(['FUND_IDLE']);
  });

  it('downloads the 红黑榜 as a workbook with Chinese headers, the rows the API ranks, the formula, and an access-log entry', async () => {
    const { rankings, formula } = await get('/rankings?by=unit', chenduoLeader);
    const book = await workbook('/exports/rankings.xlsx?by=unit', chenduoLeader);
    expect(book.title).toBe('红黑榜（牵头单位）');
    expect(book.rows[0]).toEqual([
      '名次',
      '名称',
      '得分',
      '榜单',
      '任务数',
      '应完成',
      '按期完成',
      '逾期完成',
      '逾期未完成',
      '退回次数',
      '未整改问题',
      '未召开联席会议',
    ]);
    expect(book.rows.slice(1).map((row) => [row[1], row[2], row[3] ?? ''])).toEqual(
      rankings.map((r: Answer) => [r.name, r.score, r.list ?? '']),
    );
    expect(book.notes).toContainEqual(['计分办法', formula]);
    const auditor = t.token(['auditor'], '000000', 'au');
    const log = await get('/access-log?outcome=exported', auditor);
    expect(log.entries[0]).toMatchObject({
      actor: { id: 'demo-chenduo-leader' },
      outcome: 'exported',
      detail: { report: 'rankings', rows: rankings.length },
    });
  });

  it('downloads tasks, overdue visits, flags and a fund’s trace, each with the rows its JSON twin answers', async () => {
    const tasks = await get('/tasks?limit=1000', chenduoLeader);
    expect((await workbook('/exports/tasks.xlsx', chenduoLeader)).rows.slice(1).map((r) => r[0])).toEqual(
      tasks.tasks.map((task: Answer) => task.taskId),
    );
    const overdue = await get('/regions/222426/overdue-visits?limit=1000', antuLeader);
    const overdueBook = await workbook('/exports/regions/222426/overdue-visits.xlsx', antuLeader);
    expect(overdueBook.rows.slice(1).map((r) => `${r[0]}@${r[3]}`)).toEqual(
      overdue.overdue.map((o: Answer) => `${o.householdId}@${o.month}`),
    );
    const flags = await get('/flags?limit=1000', antuLeader);
    expect((await workbook('/exports/flags.xlsx', antuLeader)).rows.slice(1).map((r) => r[8])).toEqual(
      flags.flags.map((f: Answer) => f.flagId),
    );
    const trace = await workbook('/exports/funds/demo-pandao-ludeng/trace.xlsx', antuLeader);
    expect(trace.rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual([
      ['demo-ludeng-1', 160000, '安图记字第0977号'],
      ['demo-ludeng-2', 160000, '安图记字第0977号'],
    ]);
    expect(trace.notes).toContainEqual(['下达金额', '320000.00 元']);
  });

  it('refuses a workbook outside the jurisdiction, or of a fund it cannot see, as its JSON twin is refused', async () => {
    const refused = await t.request('GET', '/api/v1/exports/regions/632723/overdue-visits.xlsx', { token: antuLeader });
    expect([refused.status, refused.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
    const hidden = await t.request('GET', '/api/v1/exports/funds/demo-shijingshan-jiuzhu/trace.xlsx', { token: antuLeader });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'FUND_NOT_FOUND']);
  });

  it('reconstructs a cadre’s record for a period — held, done, missed — and what the record said at an earlier time', async () => {
    // Given the cadre who took over a household and never made the 对接 visit (a planted demo case).
    const auditor = t.token(['auditor'], '220000', 'au-trace');
    const [flag] = (await get('/flags?type=HANDOVER_NOT_CONNECTED&limit=10', auditor)).flags;
    const cadreId = flag.cadreId as string;
    const year = `from=${new Date(Date.now() - 400 * 86_400_000).toISOString()}&to=${new Date().toISOString()}`;

    // When the record is read now, then it names the household held, the missed 对接 and the visits made.
    const now = await get(`/cadres/${cadreId}/record?${year}`, auditor);
    expect(now.cadre.cadreId).toBe(cadreId);
    const takeover = now.held.find((h: Answer) => h.householdId === flag.householdId);
    expect(takeover).toBeDefined();
    expect(now.missed.handoversNotConnected.map((f: Answer) => f.flagId)).toEqual([flag.flagId]);
    expect(now.visits.byMonth.reduce((n: number, m: Answer) => n + m.visits, 0)).toBeGreaterThan(0);

    // And read as known just before the takeover was recorded, neither the household nor the missed 对接 is there yet.
    const before = new Date(Date.parse(takeover.recordedFrom) - 1000).toISOString();
    const then = await get(`/cadres/${cadreId}/record?${year}&knownAt=${before}`, auditor);
    expect(then.knownAt).toBe(before);
    expect(then.held.map((h: Answer) => h.householdId)).not.toContain(flag.householdId);
    expect(then.missed.handoversNotConnected).toEqual([]);
    expect(then.visits.list.every((v: Answer) => v.recordedAt <= before)).toBe(true);

    // And an overdue month shows for its cadre once it was marked, not before.
    const overdue = (await get('/regions/222426/overdue-visits?status=all&limit=1000', auditor)).overdue.find((o: Answer) => o.cadreId);
    const missed = await get(`/cadres/${overdue.cadreId}/record?${year}`, auditor);
    expect(missed.missed.overdueMonths.map((o: Answer) => `${o.householdId}@${o.month}`)).toContain(
      `${overdue.householdId}@${overdue.month}`,
    );
    const beforeMarked = new Date(Date.parse(overdue.markedAt) - 1000).toISOString();
    const unmarked = await get(`/cadres/${overdue.cadreId}/record?${year}&knownAt=${beforeMarked}`, auditor);
    expect(unmarked.missed.overdueMonths.map((o: Answer) => `${o.householdId}@${o.month}`)).not.toContain(
      `${overdue.householdId}@${overdue.month}`,
    );

    const backwards = await t.request('GET', `/api/v1/cadres/${cadreId}/record?from=2026-06-01T00:00:00Z&to=2026-01-01T00:00:00Z`, {
      token: auditor,
    });
    expect([backwards.status, backwards.body.errors[0].code]).toEqual([422, 'PERIOD_INVALID']);
  });
  it('reconstructs a village’s record: its unit and the lead official then, its work team, each household’s holder, as known at a time', async () => {
    // Given 德化村, held by 吉林省卫健委 since the demo began, whose lead official changes on a known day.
    const reviewer = t.token(['discipline'], '222426', 'jw-village-trace');
    const admin = t.token(['county-admin'], '222426', 'admin-village-trace');
    const year = `from=${new Date(Date.now() - 400 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;
    const before = await get(`/regions/222426103201/record?${year}`, reviewer);
    expect(before.village).toEqual({ code: '222426103201', name: '德化村' });
    expect(before.units).toMatchObject([
      { unitId: 'jl-wjw', name: '吉林省卫生健康委员会', to: null, leads: [{ leadOfficial: '张义', to: null }] },
    ]);
    expect(before.teams[0].firstSecretary).toEqual({ cadreId: 'jl-wjw-13', name: '金竟超' });
    const changedOn = new Date(Date.parse(before.units[0].from) + 30 * 86_400_000).toISOString();
    await t.app
      .get(Application)
      .router.dispatch(
        { type: 'ChangeUnitLead', data: { unitId: 'jl-wjw', leadOfficial: '李新', from: changedOn, reason: '班子调整' } },
        { actor: { id: 'admin-jl', roles: ['county-admin'], regionCode: '220000' }, now: new Date() },
      );

    // When the county hands the village to another unit.
    const unit = await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { unitId: 'antu-nyj', name: '安图县农业农村局', regionCode: '222426', leadOfficial: '赵平' },
    });
    expect(unit.status).toBe(201);
    const handedOver = await t.request('POST', '/api/v1/villages/222426103201/assignments', {
      token: admin,
      body: { unitId: 'antu-nyj', reason: '包村单位轮换' },
    });
    expect(handedOver.status).toBe(201);
    await t.settle();

    // Then the record names both units, each with its period, and the lead officials of the first in turn.
    const now = await get(`/regions/222426103201/record?${year}`, reviewer);
    expect(now.units.map((u: Answer) => [u.name, u.to === null])).toEqual([
      ['吉林省卫生健康委员会', false],
      ['安图县农业农村局', true],
    ]);
    expect(now.units[0].to).toBe(now.units[1].from);
    expect(now.units[0].leads.map((l: Answer) => [l.leadOfficial, l.to])).toEqual([
      ['张义', changedOn],
      ['李新', null],
    ]);
    expect(now.units[1]).toMatchObject({ reason: '包村单位轮换', leads: [{ leadOfficial: '赵平' }] });
    // And every household of the village appears with the cadre who held it, named.
    const households = (await get('/regions/222426103201/households?limit=1000', reviewer)).households.map((h: Answer) => h.householdId);
    expect(new Set(now.held.map((h: Answer) => h.householdId))).toEqual(new Set(households));
    expect(now.held.every((h: Answer) => h.cadreId && h.cadreName)).toBe(true);
    // And each visit and overdue month names the event it rests on, so that a case can be opened on it.
    expect(now.visits.list.length).toBeGreaterThan(0);
    expect(now.visits.list.every((v: Answer) => typeof v.eventId === 'string')).toBe(true);
    const overdue = now.missed.overdueMonths[0];
    expect(overdue.eventId).toEqual(expect.any(String));
    const opened = await t.request('POST', '/api/v1/cases', {
      token: reviewer,
      body: {
        caseId: 'village-trace-case',
        against: { kind: 'person', id: overdue.cadreId },
        summary: '逾期未走访',
        groundEventIds: [overdue.eventId],
      },
    });
    expect(opened.status).toBe(201);
    await t.settle();
    const theCase = await get('/cases/village-trace-case', reviewer);
    expect(theCase.grounds.map((g: Answer) => g.type)).toEqual(['VisitOverdue']);

    // And read as known before the handover was recorded, the first unit is still holding the village, under 李新.
    const knownAt = new Date(Date.parse(now.units[1].recordedAt) - 1).toISOString();
    const then = await get(`/regions/222426103201/record?${year}&knownAt=${knownAt}`, reviewer);
    expect(then.units.map((u: Answer) => [u.unitId, u.to])).toEqual([['jl-wjw', null]]);
    expect(then.units[0].leads.map((l: Answer) => l.leadOfficial)).toEqual(['张义', '李新']);

    // And a division that is not a village, or one outside the reader's county, is refused.
    const township = await t.request('GET', `/api/v1/regions/222426103/record?${year}`, { token: reviewer });
    expect([township.status, township.body.code]).toEqual([404, 'VILLAGE_NOT_FOUND']);
    const outside = await t.request('GET', `/api/v1/regions/632723100201/record?${year}`, { token: reviewer });
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
  });
  it('refuses a case against a unit never registered (422, naming the field) and a review of a flag that does not exist (404)', async () => {
    const reviewer = t.token(['discipline'], '222426', 'jw-refusals');
    const inspector = t.token(['inspector'], '222426', 'insp-refusals');
    const timeline = await get('/households/2224261032010001/timeline?limit=5', reviewer);
    // When each is asked, then it is refused with its code, and nothing is appended.
    const body = {
      caseId: 'no-unit-case',
      against: { kind: 'unit', id: 'no-such-unit' },
      summary: '核查',
      groundEventIds: [timeline.entries[0].eventId],
    };
    const noUnit = await expectRefused(t, () => t.request('POST', '/api/v1/cases', { token: reviewer, body }), 422, 'UNIT_NOT_FOUND');
    expect(noUnit.body.errors[0].field).toBe('against.id');
    const review = { token: inspector, body: { status: 'confirmed', note: '核实' } };
    await expectRefused(t, () => t.request('POST', '/api/v1/flags/NO_SUCH_FLAG:x/review', review), 404, 'FLAG_NOT_FOUND');
  });
});
