import { monthStart, nextMonth, shanghaiMonth } from '@bangfu/domain';
import { startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** Seed 000's year of work, as the demo loads it on a first start: every view has real content. */
describe('demo: a year of seed 000 work', () => {
  let t: TestApp;
  let leader: string;
  const now = new Date();
  // The demo starts twelve months back; month k of it begins at monthAt(k).
  const firstMonth = shanghaiMonth(new Date(now.getTime() - 365 * 86_400_000));
  const month = (k: number) => Array.from({ length: k }).reduce<string>((m) => nextMonth(m), firstMonth);
  const monthAt = (k: number) => monthStart(month(k));
  const get = (path: string, token = leader) => t.request('GET', `/api/v1${path}`, { token });

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    leader = t.token(['leader'], '220000');
  });
  afterAll(async () => t.close());

  it('registers the three villages with their real household and people counts', async () => {
    const counts: Record<string, [number, number]> = {};
    for (const [code, name] of [
      ['222426103201', '德化村'],
      ['222426103202', '盘道村'],
      ['222424104203', '永兴村'],
    ]) {
      const page = await get(`/regions/${code}/households?limit=1000`);
      // As first registered: households identified on the first day (永兴村's 新识别 came later; one 德化村 household was removed).
      const first = page.body.households.filter((h: { identifiedAt: string }) => h.identifiedAt < monthAt(1));
      counts[name] = [first.length, first.reduce((sum: number, h: { population: number }) => sum + h.population, 0)];
    }
    expect(counts).toEqual({ 德化村: [29, 66], 盘道村: [16, 35], 永兴村: [15, 20] });
  });

  it('answers who held a household at a past instant, and what the record said at an earlier record time', async () => {
    const household = '2224261032010001'; // handed over from 禹露 to 林天慕 in the demo's sixth month
    const before = await get(`/households/${household}/responsibility?at=${monthAt(3)}`);
    expect(before.body.responsible).toMatchObject({ cadreId: 'jl-wjw-01', cadreName: '禹露' });
    const after = await get(`/households/${household}/responsibility?at=${monthAt(7)}`);
    expect(after.body.responsible).toMatchObject({ cadreId: 'jl-wjw-02', cadreName: '林天慕' });
    // Asked as of the demo's fifth month, the record did not yet know of the handover.
    const known = await get(`/households/${household}/responsibility?at=${monthAt(7)}&knownAt=${monthAt(4)}`);
    expect(known.body.responsible).toMatchObject({ cadreId: 'jl-wjw-01', to: null });
  });

  it('lists the planted backfilled and missed visits among the flags', async () => {
    const flags = (await get('/flags?region=220000&limit=1000')).body.flags as {
      type: string;
      householdId: string;
      details: Record<string, unknown>;
    }[];
    const of = (type: string) => flags.filter((f) => f.type === type);
    expect(of('BACKFILLED_VISIT').map((f) => f.householdId)).toEqual(expect.arrayContaining(['2224261032020002', '2224261032010014']));
    expect(of('MONTHLY_VISIT_MISSED').map((f) => `${f.householdId}@${f.details.month}`)).toEqual(
      expect.arrayContaining([`2224261032010003@${month(3)}`, `2224261032020009@${month(6)}`, `2224241042030006@${month(9)}`]),
    );
    expect(of('HANDOVER_NOT_CONNECTED').map((f) => f.householdId)).toContain('2224241042030004');
    expect(of('SIMULTANEOUS_VISITS')).toHaveLength(1);
    expect(of('ASSIGNMENT_GAP').map((f) => f.householdId)).toEqual(['2224241042030016']);
    expect(of('VISIT_BY_UNASSIGNED_CADRE').length).toBeGreaterThan(0);
  });

  it('answers a filter by type with exactly that type’s flags of the whole inbox, stored or judged when asked', async () => {
    // Given the whole inbox, when each type present is asked for alone, then the answer is that type's part of it:
    // judging only what can match the filter drops nothing.
    const all = (await get('/flags?region=220000&limit=1000')).body.flags as { flagId: string; type: string }[];
    expect(all.length).toBeLessThan(1000);
    const types = [...new Set(all.map((flag) => flag.type))].sort();
    expect(types).toEqual(
      expect.arrayContaining(['UNCONFIRMED_DISBURSEMENT', 'MEASURE_OVERDUE', 'HOUSEHOLD_WITHOUT_PLAN', 'MONTHLY_VISIT_MISSED']),
    );
    for (const type of types) {
      const filtered = (await get(`/flags?region=220000&limit=1000&type=${type}`)).body.flags as { flagId: string }[];
      expect([type, filtered.map((flag) => flag.flagId).sort()]).toEqual([
        type,
        all
          .filter((flag) => flag.type === type)
          .map((flag) => flag.flagId)
          .sort(),
      ]);
    }
  });

  it('answers a page of the inbox with the head of the whole inbox, for any division, time window and size', async () => {
    // Given the whole inbox in its order (newest first, then by id), when a page is asked for a size, a village, a
    // township or a time window, then it is exactly that part of the whole: each source read only as far as the page
    // loses nothing and reorders nothing.
    type Listed = { flagId: string; type: string; villageCode: string; occurredAt: string };
    const list = async (query: string) => (await get(`/flags?${query}`)).body.flags as Listed[];
    const ids = (flags: Listed[]) => flags.map((flag) => flag.flagId);
    const all = await list('region=220000&limit=1000');
    const ordered = [...all].sort((a, b) =>
      a.occurredAt === b.occurredAt ? (a.flagId < b.flagId ? -1 : 1) : a.occurredAt < b.occurredAt ? 1 : -1,
    );
    expect(ids(all)).toEqual(ids(ordered));
    for (const limit of [1, 7, 50]) expect(ids(await list(`region=220000&limit=${limit}`))).toEqual(ids(all.slice(0, limit)));
    for (const division of ['222426103201', '222426103', '222426']) {
      const part = all.filter((flag) => flag.villageCode.startsWith(division));
      expect([division, ids(await list(`region=${division}&limit=1000`))]).toEqual([division, ids(part)]);
    }
    const [from, to] = [all[Math.floor(all.length * 0.6)].occurredAt, all[Math.floor(all.length * 0.2)].occurredAt];
    const window = all.filter((flag) => flag.occurredAt >= from && flag.occurredAt < to);
    expect(window.length).toBeGreaterThan(3);
    expect(ids(await list(`region=220000&limit=1000&from=${from}&to=${to}`))).toEqual(ids(window));
    expect(ids(await list(`region=220000&limit=3&from=${from}&to=${to}&status=open`))).toEqual(ids(window.slice(0, 3)));
  });

  it('shows coverage, overdue months with escalation, timelines and cadre activity', async () => {
    const coverage = await get(`/regions/220000/visit-coverage?month=${month(4)}`);
    expect(coverage.body.households).toBe(60);
    expect(coverage.body.visited).toBeGreaterThan(50);
    const overdue = (await get('/regions/220000/overdue-visits?status=all&limit=1000')).body.overdue as Answer[];
    expect(overdue.find((o) => o.householdId === '2224261032010003' && o.month === month(3))).toMatchObject({ required: 1, made: 0 });
    // Some overdue months were answered by a catch-up visit before the escalation; the rest went to the township.
    expect(overdue.some((o) => o.escalatedTo?.length === 9 && o.remindedAt)).toBe(true);
    expect(overdue.some((o) => o.caughtUpAt && !o.escalatedAt)).toBe(true);
    const timeline = (await get('/households/2224261032010001/timeline?limit=1000')).body.entries as { type: string; recordedAt: string }[];
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(['HouseholdRegistered', 'CadreAssigned', 'VisitRecorded', 'TimerFired']),
    );
    expect(timeline.every((e, i) => i === 0 || e.recordedAt >= timeline[i - 1].recordedAt)).toBe(true);
    const activity = (await get('/cadres/jl-wjw-03/activity')).body;
    expect(activity.householdsHeld).toBe(5);
    expect(activity.visitsPerMonth.length).toBeGreaterThanOrEqual(12);
    const recalled = (await get('/cadres/jl-wjw-12')).body;
    expect(recalled.recalledAt).not.toBeNull();
    expect((await get('/cadres/jl-wjw-12/households')).body.households).toEqual([]);
  });

  it('traces the demo funds to the fen and flags the planted idle fund and duplicate voucher', async () => {
    const token = t.token(['county-admin'], '000000');
    for (const fundId of [
      'demo-yongxing-nuanyufang',
      'demo-pandao-ludeng',
      'demo-shijingshan-zhuxue',
      'demo-shijingshan-jiuzhu',
      'demo-antu-chanye-daohu',
    ]) {
      const trace = (await get(`/funds/${fundId}/trace`, token)).body;
      const paidOut = trace.disbursements.reduce((sum: number, d: Answer) => sum + d.amountFen - d.recoveredFen, 0);
      expect([fundId, paidOut + trace.balanceFen]).toEqual([fundId, trace.allocatedFen]);
    }
    const flags = (await get('/flags?limit=1000', token)).body.flags as Answer[];
    expect(flags.filter((f) => f.type === 'FUND_IDLE').map((f) => f.details.fundId)).toEqual(['demo-shijingshan-jiuzhu']);
    expect(flags.filter((f) => f.type === 'DUPLICATE_VOUCHER').map((f) => f.details.voucherNumber)).toEqual(['安图记字第0977号']);
    const youfang = (await get('/projects/demo-pandao-benzha-youfang', token)).body;
    expect(youfang).toMatchObject({ acceptance: { passed: true }, notice: { content: expect.stringContaining('公示') } });
    expect(youfang.beneficiaries).toHaveLength(16);
    expect((await get('/projects/demo-pandao-lengku', token)).body).toMatchObject({ completedOn: null, budgetFen: 6_000_000 });
    const shares = (await get('/regions/220000/funds', token)).body;
    // 永兴村's 暖育房, 盘道村's lamps, and 德化村's 产业到户 cattle (the rest is 称多县's, outside 吉林).
    expect(shares.totals.allocatedFen).toBe(4_800_000 + 32_000_000 + 1_600_000);
  });

  it('identified 永兴村’s 新识别 household through 精准识别, sent back once by an objection, and removed one 德化村 household by 剔除', async () => {
    const identified = (await get('/households/2224241042030016')).body;
    expect(identified.registration).toEqual({ source: 'identification', identificationId: '2224241042030016-1' });
    const identification = (await get('/exits/2224241042030016-1')).body;
    expect(identification).toMatchObject({ definition: { id: 'household-identification' }, status: 'passed' });
    expect(identification.steps.map((s: Answer) => s.action)).toContain('object');
    expect(identified.identifiedAt).toBe(identification.completedAt);
    const removed = (await get('/households/2224261032010029')).body;
    expect(removed).toMatchObject({ status: 'removed', removalId: '2224261032010029-1', registration: { source: 'import' } });
    expect((await get('/exits/2224261032010029-1')).body.steps[0]).toMatchObject({
      step: 'verification',
      evidence: { removal: { reason: 'VEHICLE' } },
    });
  });

  it('keeps each household’s help plan (一户一策): a measure delivered through a fund, one overdue, and a household without a plan', async () => {
    const cattle = (await get('/households/2224261032010002/plan')).body;
    expect(cattle.measures.find((m: Answer) => m.measureId === '2224261032010002-2')).toMatchObject({
      kind: '产业',
      status: 'delivered',
      onTime: true,
      via: { kind: 'fund', fundId: 'demo-antu-chanye-daohu', disbursementId: 'demo-chanye-daohu-1' },
    });
    const flags = (await get('/flags?region=220000&limit=1000')).body.flags as Answer[];
    const of = (type: string) => flags.filter((f) => f.type === type).map((f) => f.householdId);
    expect(of('MEASURE_OVERDUE')).toEqual(['2224261032020003']);
    // 永兴村's household identified mid-year has no plan yet.
    expect(of('HOUSEHOLD_WITHOUT_PLAN')).toEqual(['2224241042030016']);
    // 永兴村's third household's water was found unsafe and no measure answered it; 德化村's fifth household's unsafe house was.
    expect(of('PROBLEM_WITHOUT_MEASURE')).toEqual(['2224241042030003']);
    const overdue = (await get('/households/2224261032020003/plan')).body.measures[0];
    expect(overdue).toMatchObject({ kind: '住房', status: 'open', revisions: 1, cadreId: 'jl-wjw-16' });
  });

  it('issues 松江镇’s monthly self-check (自查自评) as tasks: each reported and verified but the sixth month’s, overdue', async () => {
    const token = t.token(['county-admin'], '222426');
    const [series] = (await get('/regions/222426/recurring-tasks', token)).body.series as Answer[];
    expect(series).toMatchObject({ seriesId: 'songjiang-zicha', recurrence: 'monthly', firstPeriod: month(2), endedAt: null });
    expect(series.periods[0]).toEqual({ period: month(2), taskId: `songjiang-zicha-${month(2)}` });
    const missed = (await get(`/tasks/songjiang-zicha-${month(5)}`, token)).body;
    expect(missed).toMatchObject({ status: 'issued', overdue: true });
    expect((await get(`/tasks/songjiang-zicha-${month(4)}`, token)).body).toMatchObject({ status: 'completed', onTime: true });
  });

  it('ranks cadres and villages on their record, with the formula and every input shown', async () => {
    const range = `from=${month(1)}&to=${month(11)}`;
    const cadres = (await get(`/rankings/cadres?region=220000&${range}`)).body;
    expect(cadres.formula).toContain('走访覆盖率');
    // 张诚 (jl-wjw-03) let 德化村's third household go unvisited in the demo's fourth month.
    const zhang = cadres.rankings.find((r: Answer) => r.cadreId === 'jl-wjw-03');
    expect(zhang.name).toBe('张诚');
    expect(zhang.inputs.missed).toBeGreaterThanOrEqual(1);
    expect(zhang.inputs.owed).toBeGreaterThan(zhang.inputs.missed);
    expect(zhang.rates.coverage).toBeCloseTo((zhang.inputs.owed - zhang.inputs.missed) / zhang.inputs.owed, 10);
    const ranks = cadres.rankings.filter((r: Answer) => r.rank !== null).map((r: Answer) => r.score);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => b - a));
    const villages = (await get(`/rankings/villages?region=220000&${range}`)).body;
    expect(villages.rankings.map((r: Answer) => r.name).sort()).toEqual(['德化村', '永兴村', '盘道村'].sort());
    // 盘道村's housing measure was never delivered, and its work team let the eighth month's report pass.
    expect(villages.rankings.find((r: Answer) => r.name === '盘道村').inputs).toMatchObject({ measuresOverdue: 1, teamReportsMissed: 1 });
    const missed = (await get('/flags?region=220000&type=WORK_TEAM_REPORT_MISSED')).body.flags as Answer[];
    expect(missed.map((f: Answer) => [f.villageCode, f.details.month])).toEqual([['222426103202', month(7)]]);
    // 安图县's 帮扶体系 met every quarter.
    const [system] = (await get('/regions/222426/support-systems')).body.systems as Answer[];
    expect(system.quarters.length).toBeGreaterThanOrEqual(4);
    expect(system.quarters.every((q: Answer) => q.status === 'held' && q.meetings.length === 1)).toBe(true);
    // A county's staff rank only their county's villages.
    const wangqing = (await get(`/rankings/villages?${range}`, t.token(['leader'], '222424'))).body.rankings;
    expect(wangqing.map((r: Answer) => r.name)).toEqual(['永兴村']);
    const refused = await t.request('GET', `/api/v1/rankings/villages?from=${month(5)}&to=${month(2)}`, { token: leader });
    expect([refused.status, refused.body.code]).toEqual([422, 'VALIDATION_FAILED']);
  });

  it('shows the exits: passed cases, one returned by an objection during 公示, one in 公示, an escalated one, a village exit', async () => {
    const returned = (await get('/exits/2224261032010019-1')).body;
    expect(returned.status).toBe('passed');
    expect(returned.steps.map((s: Answer) => `${s.step}:${s.action}`)).toEqual([
      'verification:approve',
      'review:approve',
      'notice:object',
      'verification:approve',
      'review:approve',
      'notice:approve',
      'township:approve',
      'county:approve',
      'announcement:approve',
    ]);
    expect((await get('/households/2224261032010019')).body.exited).toBe(true);
    const pipeline = (await get('/regions/220000/exit-pipeline')).body;
    const households = pipeline.definitions.find((d: Answer) => d.id === 'household-exit');
    expect(households).toMatchObject({ passed: 3, open: 2 });
    expect(households.steps.find((s: Answer) => s.step === 'notice').open).toBe(1);
    expect(pipeline.overdue).toMatchObject([{ exitId: '2224241042030008-1', step: 'verification', escalated: true }]);
    expect(pipeline.definitions.find((d: Answer) => d.id === 'village-exit')).toMatchObject({ passed: 1, open: 0 });
    const village = (await get('/exits/222424104203-1')).body;
    // 15 households of 20 people, and the 新识别 household of 2: 22 of 1,260 is 1.75%, under the 2% line.
    expect(village.steps[0].computed).toMatchObject({
      poorPopulation: 22,
      ruralPopulation: 1260,
      incidenceBp: 175,
      checklistRegion: '220000',
    });
  });

  it('shows the inspection draw and its findings: one closed (销号), one overdue and escalated', async () => {
    const inspector = t.token(['inspector'], '222426', 'demo-reader');
    const inspection = (await get('/inspections/demo-antu-q3', inspector)).body;
    expect(inspection).toMatchObject({ seed: 'demo-antu-2026-q3', kind: 'household' });
    expect(inspection.sample).toHaveLength(8);
    const listed = (await get('/inspections?region=222426', inspector)).body;
    expect(listed.inspections).toEqual([
      expect.objectContaining({ inspectionId: 'demo-antu-q3', sampleSize: 8, findings: 2, openFindings: 1 }),
    ]);
    expect((await get('/inspections?region=610000', inspector)).status).toBe(403);
    // A prefecture's inspection team draws from every county under it (延边州: 安图 and 汪清).
    const prefecture = t.token(['inspector'], '222400', 'demo-yanbian-inspector');
    const draw = {
      inspectionId: 'yanbian-check',
      regionCode: '222400',
      kind: 'household',
      size: 5,
      seed: 's',
      purpose: '州级抽查',
      team: '州督查组',
    };
    const drawn = await t.request('POST', '/api/v1/inspections', { token: prefecture, body: draw });
    expect([drawn.status, drawn.body.populationSize]).toEqual([201, expect.any(Number)]);
    expect(drawn.body.populationSize).toBeGreaterThan(inspection.populationSize);
    const underIt = (await get('/findings?inspection=demo-antu-q3', inspector)).body.findings;
    expect(underIt.map((f: Answer) => f.findingId).sort()).toEqual(['demo-fd-001', 'demo-fd-002']);
    const findings = (await get('/findings?region=222426&limit=10', inspector)).body.findings;
    expect(findings.find((f: Answer) => f.findingId === 'demo-fd-001')).toMatchObject({
      status: 'closed',
      target: { id: '2224261032020002' },
    });
    expect(findings.find((f: Answer) => f.findingId === 'demo-fd-002')).toMatchObject({
      status: 'ordered',
      overdue: true,
      escalated: true,
    });
    // The finding cites the planted backfilled visit: the flag and the finding rest on the same event.
    const flags = (await get('/flags?region=222426103202&type=BACKFILLED_VISIT')).body.flags;
    const cited = findings.find((f: Answer) => f.findingId === 'demo-fd-001').eventIds[0];
    expect(flags.some((flag: Answer) => flag.eventIds.includes(cited))).toBe(true);
    const reviewer = t.token(['discipline'], '222426', 'demo-jw');
    const opened = (await get('/cases/demo-case-001', reviewer)).body;
    expect(opened.groundEventIds).toEqual([cited]);
    expect(opened.parties.map((p: Answer) => p.role)).toEqual(['subject', 'unit', 'lead-official']);
    expect(opened.decisions).toMatchObject([{ partyId: 'jl-wjw-08', decision: '谈话提醒' }]);
  });

  it('tracks the seed plans as tasks: the board and the 红黑榜 with its inputs', async () => {
    const reader = t.token(['leader'], '632723', 'demo-reader');
    const tasks = (await get('/tasks?region=632723&limit=100', reader)).body.tasks;
    expect(tasks).toHaveLength(20);
    expect(tasks.find((x: Answer) => x.item === '13')).toMatchObject({ status: 'completed', onTime: false, amountFen: 100_000_000 });
    expect(tasks.filter((x: Answer) => x.overdue).map((x: Answer) => x.item)).toEqual(['18', '19', '20']);
    const board = (await get('/regions/632723/task-board', reader)).body;
    expect(board.byUnit.find((u: Answer) => u.name === '区人保局')).toMatchObject({ tasks: 3, overdue: 1, rejections: 1 });
    const rankings = (await get('/rankings?region=632723', reader)).body.rankings;
    expect(rankings.find((r: Answer) => r.name === '区教委')).toMatchObject({ score: 100, list: '红榜' });
    expect(rankings[0]).toMatchObject({ rank: 1, score: 100 });
    expect(rankings.find((r: Answer) => r.name === '民政局')).toMatchObject({ list: '黑榜', inputs: { overdue: 1 } });
    const qianjiang = (await get('/rankings?region=500114&by=lead', t.token(['leader'], '500114', 'qj'))).body.rankings;
    expect(qianjiang.map((r: Answer) => r.name)).toEqual(expect.arrayContaining(['林光', '刘仪', '姚登惠', '夏于峰']));
    // Seed 000's village works (吉林's other tasks are 松江镇's monthly self-checks).
    const jilin = ((await get('/tasks?region=220000')).body.tasks as Answer[]).filter((x) => x.taskId.startsWith('jl-2019'));
    expect(jilin.map((x: Answer) => [x.taskId, x.status, x.overdue])).toEqual([
      ['jl-2019-3', 'in_progress', false],
      ['jl-2019-1', 'completed', false],
      ['jl-2019-2', 'in_progress', true],
    ]);
  });

  it('signs in as a demo persona with one click on a loopback server, and logs each token issued', async () => {
    const personas = (await t.request('GET', '/api/v1/demo/personas')).body.personas as Answer[];
    expect(personas.map((p) => p.role)).toEqual([
      'cadre',
      'work-team',
      'township-reviewer',
      'county-admin',
      'leader',
      'leader',
      'inspector',
      'discipline',
      'auditor',
    ]);
    const issued = await t.request('POST', '/api/v1/demo/sign-in', { body: { personaId: 'jl-wjw-01' } });
    expect(issued.status).toBe(200);
    const me = (await t.request('GET', '/api/v1/me', { token: issued.body.token })).body;
    expect(me).toMatchObject({ id: 'jl-wjw-01', name: '禹露', roles: ['cadre'], unitName: '吉林省卫生健康委员会' });
    const held = (await t.request('GET', '/api/v1/cadres/jl-wjw-01/households', { token: issued.body.token })).body;
    expect(held.households.length).toBeGreaterThan(0);
    expect(held.households[0]).toEqual(expect.objectContaining({ status: expect.stringMatching(/^(done|due|overdue)$/) }));
    const unknown = await t.request('POST', '/api/v1/demo/sign-in', { body: { personaId: 'system' } });
    expect([unknown.status, unknown.body.errors[0].field]).toEqual([422, 'personaId']);
    const log = await get('/access-log?outcome=issued', t.token(['auditor'], '000000', 'au'));
    expect(log.body.entries).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: 'jl-wjw-01' }), action: 'demo.sign-in' }),
    ]);
  });

  it('answers a year of visit coverage in one request, each month as the single month answers, and refuses a bad range', async () => {
    const year = await get(`/regions/222426/visit-coverage?from=${month(0)}&to=${month(11)}`);
    expect(year.status).toBe(200);
    expect(year.body.months.map((m: Answer) => m.month)).toEqual(Array.from({ length: 12 }, (_, k) => month(k)));
    const single = await get(`/regions/222426/visit-coverage?month=${month(3)}`);
    expect(year.body.months[3]).toEqual(single.body);
    for (const [query, field] of [
      [`from=${month(3)}&to=${month(1)}`, 'to'],
      [`from=${month(0)}`, 'to'],
      [`month=${month(0)}&from=${month(0)}&to=${month(1)}`, 'month'],
      ['from=2020-01&to=2026-12', 'to'],
    ]) {
      const refused = await get(`/regions/222426/visit-coverage?${query}`);
      expect([query, refused.status, refused.body.errors]).toEqual([
        query,
        422,
        [expect.objectContaining({ field, code: 'MONTH_RANGE_INVALID' })],
      ]);
    }
  });

  it('lists a unit’s cadres with phones masked, paged, recalled ones only when asked', async () => {
    const first = (await get('/cadres?unit=jl-wjw&limit=10')).body;
    expect(first.cadres).toHaveLength(10);
    expect(first.cadres[0]).toMatchObject({ cadreId: 'jl-wjw-01', unitName: '吉林省卫生健康委员会' });
    const rest = (await get(`/cadres?unit=jl-wjw&limit=100&after=${first.next}`)).body.cadres;
    const all = (await get('/cadres?unit=jl-wjw&status=all&limit=100')).body.cadres;
    expect(first.cadres.length + rest.length).toBeLessThan(all.length); // the demo's recalled cadre
    expect(all.some((c: Answer) => c.recalledAt !== null)).toBe(true);
    expect((await get('/cadres?region=610000')).status).toBe(403);
    // A county office sees the provincial commission's cadres who work in its villages.
    const county = (await get('/cadres?limit=100', t.token(['county-admin'], '222426', 'antu'))).body.cadres;
    expect(county.map((c: Answer) => c.cadreId)).toContain('jl-wjw-01');
    const elsewhere = (await get('/cadres?limit=100', t.token(['county-admin'], '610728', 'other'))).body.cadres;
    expect(elsewhere).toEqual([]);
  });

  it('finds divisions by name within the jurisdiction (区划搜索)', async () => {
    const found = (await get('/regions?q=' + encodeURIComponent('德化'))).body as Answer[];
    expect(found.map((r) => [r.code, r.name])).toEqual([['222426103201', '德化村']]);
    const outside = (await get('/regions?q=' + encodeURIComponent('德化'), t.token(['leader'], '610000', 'sx'))).body as Answer[];
    expect(outside).toEqual([]);
  });
});
