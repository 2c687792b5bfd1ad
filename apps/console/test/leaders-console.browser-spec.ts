import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { runCli, startTestApp, type TestApp } from '../../api/test/test-app';
import { chartOption, launchBrowser, navigation, screenshot, signInAs, tableRows, waitForChart, waitForRows, waitForText } from './browser';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

jest.setTimeout(120_000);

/**
 * The leaders', discipline reviewers' and auditors' pages in Debian's chromium on the demo: what each page shows
 * is checked against what the API answers the same persona, and each workbook is read back.
 */
describe('the console for leaders, discipline reviewers and auditors, in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const as = (roles: string[], region: string, sub: string) => t.token(roles as never, region, sub);
  const api = async (path: string, token: string) => (await t.request('GET', `/api/v1${path}`, { token })).body as Answer;
  const chenduo = () => as(['leader'], '632723', 'demo-chenduo-leader');
  const antu = () => as(['leader'], '222426', 'demo-antu-leader');

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
  });
  afterEach(async () => page.close());

  /** Clicks a download button and reads the workbook the browser saved: the first sheet's rows, header first. */
  async function downloaded(selector = '[data-testid=download]') {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    return {
      name: download.suggestedFilename(),
      rows: book.worksheets[0]
        .getSheetValues()
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1)),
    };
  }

  it('shows 称多县’s leader the task board by unit and a task’s history, and downloads the tasks it lists', async () => {
    await signInAs(page, t.baseUrl, 'leader', 'demo-chenduo-leader');
    expect(await navigation(page)).toEqual(expect.arrayContaining(['任务看板', '红黑榜', '识别与退出', '资金去向']));
    await page.goto(`${t.baseUrl}/tasks`);
    await page.waitForSelector('[data-testid=board-unit] tbody tr.ant-table-row');
    const board = await api('/regions/632723/task-board', chenduo());
    expect((await tableRows(page, 'board-unit')).map((r) => [r[0], Number(r[1]), Number(r[5])])).toEqual(
      board.byUnit.map((u: Answer) => [u.name, u.tasks, u.overdue]),
    );
    await page.waitForSelector('[data-testid=task-list] tbody tr.ant-table-row');
    await page.click('[data-testid=task-list] tbody tr.ant-table-row >> text=就业技能培训');
    await page.waitForSelector('[data-testid=history-entry]');
    const shown = await page.$$eval('[data-testid=history-entry]', (entries) => entries.map((e) => e.textContent ?? ''));
    expect(shown.some((text) => text.includes('核验退回') && text.includes('培训人数佐证不足'))).toBe(true);
    await screenshot(page, 'tasks');
    await page.keyboard.press('Escape');
    const book = await downloaded();
    const { tasks } = await api('/tasks?region=632723&limit=1000', chenduo());
    expect(book.name).toMatch(/^任务清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(book.rows.slice(1).map((r) => r[0])).toEqual(tasks.map((task: Answer) => task.taskId));
  });

  it('shows the 红黑榜 with the API’s ranks, scores, lists and formula, by unit and by lead official, and downloads it', async () => {
    await signInAs(page, t.baseUrl, 'leader', 'demo-chenduo-leader');
    await page.goto(`${t.baseUrl}/rankings`);
    await page.waitForSelector('[data-testid=rankings] tbody tr.ant-table-row');
    const byUnit = await api('/rankings?region=632723&by=unit', chenduo());
    const shown = (await tableRows(page, 'rankings')).map((r) => [r[0], r[1], r[2], r[3]]);
    expect(shown).toEqual(byUnit.rankings.map((r: Answer) => [String(r.rank ?? '未排名'), r.name, String(r.score ?? '—'), r.list ?? '—']));
    expect(shown.map((r) => r[3])).toEqual(expect.arrayContaining(['红榜', '黑榜']));
    expect(await page.textContent('[data-testid=formula]')).toContain(byUnit.formula);
    await screenshot(page, 'rankings');
    const book = await downloaded();
    expect(book.rows.slice(1).map((r) => [r[1], r[2]])).toEqual(byUnit.rankings.map((r: Answer) => [r.name, r.score]));
    // 称多县's plan names no lead officials; 安图县's names 张义.
    await signInAs(page, t.baseUrl, 'leader', 'demo-antu-leader');
    await page.goto(`${t.baseUrl}/rankings`);
    await page.waitForSelector('[data-testid=rankings] tbody tr.ant-table-row');
    await page.click('[data-testid=ranking-by] >> text=牵头领导');
    const byLead = await api('/rankings?region=222426&by=lead', antu());
    expect(byLead.rankings.length).toBeGreaterThan(0);
    await waitForText(page, '[data-testid=rankings] tbody tr.ant-table-row td:nth-child(2)', byLead.rankings[0].name);
    expect((await tableRows(page, 'rankings')).map((r) => r[1])).toEqual(byLead.rankings.map((r: Answer) => r.name));
  });

  it('draws a fund’s trace as a Sankey balanced to the fen, with the duplicate voucher and the idle balance marked', async () => {
    await signInAs(page, t.baseUrl, 'leader', 'demo-antu-leader');
    await page.goto(`${t.baseUrl}/funds`);
    await page.waitForSelector('[data-testid=fund-list] tbody tr.ant-table-row');
    await page.click('[data-testid=fund-list] tbody tr.ant-table-row >> text=安财农〔2019〕31号');
    await waitForChart(page, 'fund-sankey', '安财农');
    type Sankey = {
      series: {
        data: { name: string; label?: { formatter: string }; itemStyle?: { color: string } }[];
        links: { source: string; fen: number }[];
      }[];
    };
    const lamps = (await chartOption<Sankey>(page, 'fund-sankey')).series[0];
    const trace = await api('/funds/demo-pandao-ludeng/trace', antu());
    const fundNode = lamps.links[0].source === trace.source ? (lamps.links[0] as unknown as { target: string }).target : '';
    expect(lamps.links[0].fen).toBe(trace.allocatedFen);
    expect(lamps.links.filter((link) => link.source === fundNode).reduce((sum, link) => sum + link.fen, 0)).toBe(trace.allocatedFen);
    const village = lamps.data.find((node) => node.name === '村集体 222426103202');
    expect([village?.label?.formatter, village?.itemStyle?.color]).toEqual([expect.stringContaining('凭证重复'), '#f5222d']);
    await screenshot(page, 'funds');
    const book = await downloaded();
    expect(book.rows.slice(1).map((r) => [r[0], r[3]])).toEqual(
      trace.disbursements.map((d: Answer) => [d.disbursementId, d.amountFen / 100]),
    );

    await signInAs(page, t.baseUrl, 'leader', 'demo-chenduo-leader');
    await page.goto(`${t.baseUrl}/funds`);
    await page.waitForSelector('[data-testid=fund-list] tbody tr.ant-table-row');
    const funds = await api('/regions/632723/funds', chenduo());
    const idle = funds.funds.find((f: Answer) => f.fundId === 'demo-shijingshan-jiuzhu');
    await page.click(`[data-testid=fund-list] tbody tr.ant-table-row:has-text("${idle.purpose}")`);
    await waitForChart(page, 'fund-sankey', '社会保障');
    const jiuzhu = (await chartOption<Sankey>(page, 'fund-sankey')).series[0];
    const balance = jiuzhu.data.find((node) => node.name === '结余');
    expect([balance?.label?.formatter, balance?.itemStyle?.color]).toEqual([expect.stringContaining('资金滞留'), '#f5222d']);
    expect(jiuzhu.links.find((link) => (link as unknown as { target: string }).target === '结余')?.fen).toBe(idle.balanceFen);
  });

  it('shows the exit funnel, the 摘帽 indicators beside their thresholds, and one case’s every step', async () => {
    await signInAs(page, t.baseUrl, 'leader', 'demo-antu-leader');
    await page.goto(`${t.baseUrl}/exits`);
    type Funnel = { series: { data: { name: string; value: number }[] }[] };
    const funnel = await chartOption<Funnel>(page, 'funnel-household-exit');
    const pipeline = await api('/regions/222426/exit-pipeline', antu());
    const steps = pipeline.definitions.find((d: Answer) => d.id === 'household-exit').steps;
    expect(funnel.series[0].data).toEqual(steps.map((s: Answer) => ({ name: s.title, value: s.reached })));
    const indicators = await api('/regions/222426/exit-indicators', antu());
    type Gauge = { series: { data: { value: number; name: string }[] }[] };
    for (const key of ['incidence', 'wrongExitRate', 'missedRate', 'approval']) {
      const gauge = (await chartOption<Gauge>(page, `gauge-${key}`)).series[0].data[0];
      const indicator = indicators.indicators[key];
      expect([key, gauge.value]).toEqual([key, indicator.percent]);
      expect(gauge.name).toContain(`${indicator.limitPercent ?? indicator.minimumPercent}%`);
    }
    await page.click('[data-testid=exit-cases] tbody tr.ant-table-row >> text=2224261032010019-1');
    await page.waitForSelector('[data-testid=exit-step]');
    const exit = await api('/exits/2224261032010019-1', antu());
    const shown = await page.$$eval('[data-testid=exit-step]', (entries) => entries.map((e) => e.textContent ?? ''));
    expect(shown).toHaveLength(exit.steps.length);
    expect(shown[0]).toContain(`用时 ${exit.steps[0].durationDays} 天`);
    expect(shown[0]).toContain(`人均纯收入¥${(exit.steps[0].computed.perCapitaIncomeFen / 100).toLocaleString('zh-CN')}.00`);
    expect(shown[0]).toMatch(/不愁吃依据[^结]+结果达标/);
    await screenshot(page, 'exits');
  });

  it('lists 精准识别 and 剔除 beside the exits, shows an identification’s objection and 九不纳入, and how a household came on the register', async () => {
    await signInAs(page, t.baseUrl, 'inspector', 'demo-yanbian-inspector');
    await page.goto(`${t.baseUrl}/exits`);
    // Each procedure's funnel is drawn when its tab is opened.
    await page.click('.ant-tabs-tab >> text=精准识别');
    await waitForChart(page, 'funnel-household-identification', '入户走访');
    await waitForText(page, '[data-testid=exit-cases]', '2224261032010029-1');
    const rows = await tableRows(page, 'exit-cases');
    expect(rows.find((row) => row[0] === '2224241042030016-1')?.slice(1, 2)).toEqual(['精准识别']);
    expect(rows.find((row) => row[0] === '2224241042030016-1')?.at(-1)).toContain('已纳入');
    expect(rows.find((row) => row[0] === '2224261032010029-1')?.at(-1)).toContain('已剔除');
    await page.click('[data-testid=exit-cases] tbody tr.ant-table-row >> text=2224241042030016-1');
    await page.waitForSelector('[data-testid=exit-step]');
    const shown = await page.$$eval('[data-testid=exit-step]', (entries) => entries.map((e) => e.textContent ?? ''));
    expect(shown[0]).toContain('九不纳入');
    expect(shown[0]).toMatch(/家庭拥有机动车或大型农机无/);
    expect(shown[0]).toMatch(/住房安全有保障依据[^结]+结果未达标/);
    expect(shown.some((step) => step.includes('公示异议'))).toBe(true);
    // The evidence names the members; their ID numbers stay masked.
    expect(shown.join('')).not.toMatch(/\d{17}[\dX]/);
    await page.goto(`${t.baseUrl}/households/2224241042030016`);
    await waitForText(page, '[data-testid=registration]', '精准识别（案件 2224241042030016-1）');
  });

  it('shows a discipline reviewer a case’s grounds and derived parties, opens cases from events picked on a household’s and a cadre’s record, and traces a village', async () => {
    await signInAs(page, t.baseUrl, 'discipline');
    await page.goto(`${t.baseUrl}/cases`);
    await page.click('[data-testid=cases] tbody tr.ant-table-row >> text=demo-case-001');
    await page.waitForSelector('[data-testid=case-parties] tbody tr.ant-table-row');
    const reviewer = as(['discipline'], '222426', 'demo-antu-jw');
    const kase = await api('/cases/demo-case-001', reviewer);
    expect((await tableRows(page, 'case-parties')).map((r) => [r[0], r[1]])).toEqual([
      ['立案对象', kase.parties[0].name],
      ['帮扶单位', kase.parties[1].name],
      ['时任牵头领导', kase.parties[2].name],
    ]);
    await screenshot(page, 'cases');
    await page.click('[data-testid=case-grounds] >> text=在时间线中查看');
    await page.waitForURL(/\/households\/\d{16}\?event=/);
    const household = /households\/(\d{16})/.exec(page.url())?.[1] as string;
    await page.waitForSelector('[data-testid=cited]');

    // Given two visits picked on the household's timeline, when the reviewer opens a case on them, then the record
    // derives the parties: the cadre, the cadre's unit, and the unit's lead official at the time.
    const timeline = await api(`/households/${household}/timeline?limit=500`, reviewer);
    const visits = timeline.entries.filter((e: Answer) => e.type === 'VisitRecorded').slice(-2);
    for (const visit of visits) {
      await page.click(`tr[data-row-key="${visit.position}"] .ant-checkbox-input`);
    }
    await page.click('[data-testid=open-case]');
    await page.waitForURL(/\/cases\?grounds=/);
    await page.fill('[data-testid=case-summary]', '走访记录与实际不符，需核查');
    await page.click('.ant-modal-footer >> text=立案');
    await page.waitForSelector('[data-testid=case-parties] tbody tr.ant-table-row');
    const parties = await tableRows(page, 'case-parties');
    expect(parties.map((r) => r[0])).toEqual(['立案对象', '帮扶单位', '时任牵头领导']);
    expect(parties[0][1]).not.toBe('');

    // And the cadre's name leads to the 责任回溯 of what they held, did and missed.
    await page.click('[data-testid=case-parties] tbody tr.ant-table-row >> nth=0 >> a');
    await page.waitForSelector('[data-testid=trace-summary]');
    const cadreId = new URL(page.url()).searchParams.get('cadre') as string;
    const from = new Date(Date.now() - 400 * 86_400_000).toISOString();
    const record = await api(`/cadres/${cadreId}/record?from=${from}&to=${new Date().toISOString()}`, reviewer);
    expect(await page.textContent('[data-testid=trace-summary]')).toContain(record.cadre.name);
    expect((await tableRows(page, 'trace-held')).length).toBeGreaterThan(0);
    await screenshot(page, 'trace');

    // Given the cadre's record, when the reviewer picks the latest visit on it and opens a case, then the case rests on
    // that visit's event and is against that cadre.
    await page.click('[data-testid=trace-visit-list] tbody tr.ant-table-row >> nth=0 >> .ant-checkbox-input');
    await page.click('[data-testid=trace-open-case]');
    await page.waitForURL(/\/cases\?grounds=/);
    const proposal = new URL(page.url()).searchParams;
    expect([proposal.get('grounds'), proposal.get('person')]).toEqual([record.visits.list[0].eventId, cadreId]);
    await page.fill('[data-testid=case-summary]', '走访真实性存疑');
    await page.click('.ant-modal-footer >> text=立案');
    await page.waitForSelector('[data-testid=case-grounds] tbody tr.ant-table-row');
    expect((await tableRows(page, 'case-grounds')).length).toBe(1);

    // And a village's record names its 包村 unit with the lead official then, its work team, and each household's holder.
    await page.goto(`${t.baseUrl}/trace?village=222426103201`);
    await waitForText(page, '[data-testid=trace-summary]', '德化村');
    const village = await api(`/regions/222426103201/record?from=${from}&to=${new Date().toISOString()}`, reviewer);
    const [unit] = await tableRows(page, 'trace-units');
    expect(unit[0]).toBe(village.units[0].name);
    expect(unit[3]).toContain(village.units[0].leads[0].leadOfficial);
    expect((await tableRows(page, 'trace-teams'))[0][0]).toBe(village.teams[0].firstSecretary.name);
    const holders = await tableRows(page, 'trace-held');
    expect(holders[0].slice(0, 2)).toEqual([village.held[0].householdId, village.held[0].cadreName]);
    await screenshot(page, 'trace-village');
  });

  it('shows an auditor the refusals the test provoked, and the ledger’s verification and checkpoints, and signs one', async () => {
    const refused = await t.request('GET', '/api/v1/cases', { token: antu() });
    expect(refused.status).toBe(403);
    await signInAs(page, t.baseUrl, 'auditor');
    expect(await navigation(page)).toEqual(expect.arrayContaining(['访问日志', '账本与卷宗', '问责案件']));
    await page.goto(`${t.baseUrl}/access-log`);
    await page.click('[data-testid=outcome]');
    await page.click('.ant-select-item-option >> text=拒绝');
    await waitForText(page, '[data-testid=access-log] tbody', 'GET /api/v1/cases');
    const line = (await tableRows(page, 'access-log')).find((r) => r[3] === 'GET /api/v1/cases') as string[];
    expect(line[1]).toBe('拒绝');
    expect(line[2]).toContain('demo-antu-leader');
    expect(line[5]).toContain('ROLE_NOT_ALLOWED');
    await screenshot(page, 'access-log');

    await page.goto(`${t.baseUrl}/ledger`);
    await page.waitForSelector('[data-testid=ledger-verify]');
    expect(await page.textContent('[data-testid=ledger-verify]')).toContain('账本完整');
    const auditor = as(['auditor'], '220000', 'demo-jilin-auditor');
    const before = await api('/ledger/checkpoints', auditor);
    expect(await page.textContent('[data-testid=public-key]')).toBe(before.publicKey);
    await page.fill('input[placeholder^=签署事由]', '浏览器测试：导出卷宗前封存');
    await page.click('button:has-text("签署检查点")');
    await waitForRows(page, 'checkpoints', before.checkpoints.length + 1);
    const after = await api('/ledger/checkpoints', auditor);
    expect((await tableRows(page, 'checkpoints'))[0][2]).toBe(after.checkpoints.at(-1).root);
    await screenshot(page, 'ledger');
  });

  it('checks a dossier in the browser from a saved copy with the network off, agreeing with `bangfu verify-dossier` on every file', async () => {
    // Given a dossier exported by the discipline reviewer, the checkpoint key, and three spoiled copies.
    const dir = mkdtempSync(join(tmpdir(), 'bangfu-dossier-'));
    const reviewer = as(['discipline'], '222426', 'demo-antu-jw');
    const dossier = await api('/dossiers/household/2224261032010005', reviewer);
    expect(dossier.events.length).toBeGreaterThan(3);
    const file = (name: string, content: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      return path;
    };
    const key = file('key.pem', (await api('/ledger/checkpoints', reviewer)).publicKey);
    const otherKey = file('other.pem', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const changed = structuredClone(dossier);
    const visit = changed.events.find((entry: Answer) => entry.event.type === 'VisitRecorded');
    visit.event.data.notes = `${visit.event.data.notes}改`; // one character more
    const dropped = structuredClone(dossier);
    dropped.events.splice(1, 1);
    const cases: [name: string, dossierFile: string, keyFile: string][] = [
      ['untouched', file('dossier.json', dossier), key],
      ['one character changed', file('changed.json', changed), key],
      ['an event dropped', file('dropped.json', dropped), key],
      ['another key', file('dossier.json', dossier), otherKey],
    ];

    // When the console's verify page is saved and opened from disk, offline, and each file is checked there and by the CLI.
    const saved = join(dir, '卷宗校验（离线）.html');
    copyFileSync(join(__dirname, '..', '..', '..', 'dist', 'console', 'verify.html'), saved);
    const context = await browser.newContext({ locale: 'zh-CN', offline: true });
    const offline = await context.newPage();
    const requests: string[] = [];
    offline.on('request', (request) => requests.push(request.url()));
    const key_ = (finding: Answer) => `${finding.code}:${finding.event?.id ?? finding.leafIndex ?? ''}`;
    const verdicts: Record<string, [boolean, string[], string]> = {};
    for (const [name, dossierFile, keyFile] of cases) {
      await offline.goto(`file://${saved}`);
      await offline.setInputFiles('#dossier', dossierFile);
      await offline.setInputFiles('#key', keyFile);
      await offline.click('#check');
      await offline.waitForSelector('#verdict[data-verdict]');
      const browserVerdict = JSON.parse((await offline.getAttribute('#verdict', 'data-verdict')) as string);
      const cli = await runCli(['verify-dossier', dossierFile, '--key', keyFile, '--json'], t.cliEnv);
      const cliVerdict = JSON.parse(cli.stdout);
      expect([name, browserVerdict.ok, browserVerdict.findings.map(key_)]).toEqual([name, cliVerdict.ok, cliVerdict.findings.map(key_)]);
      expect([name, cli.status]).toEqual([name, cliVerdict.ok ? 0 : 1]);
      verdicts[name] = [
        browserVerdict.ok,
        browserVerdict.findings.map((f: Answer) => f.code),
        (await offline.textContent('#verdict')) ?? '',
      ];
    }
    await context.close();

    // Then the untouched export passes, each spoiled copy fails naming the event or signature, and nothing left the page.
    expect(verdicts.untouched.slice(0, 2)).toEqual([true, []]);
    expect(verdicts.untouched[2]).toContain('校验通过');
    expect(verdicts['one character changed'][1]).toContain('EVENT_CHANGED');
    expect(verdicts['one character changed'][2]).toContain(`记录 ${visit.event.id}`);
    expect(verdicts['one character changed'][2]).toContain('已被改动');
    expect(verdicts['an event dropped'][1]).toEqual(['EVENT_MISSING']);
    expect(verdicts['another key'][1]).toEqual(['KEY_MISMATCH', 'CHECKPOINT_SIGNATURE', 'MANIFEST_SIGNATURE']);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);

    // And served by the API, the page runs under a policy that allows its one inline script and no connection.
    const served = await t.request('GET', '/verify.html');
    expect(served.headers.get('content-security-policy')).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'; .*connect-src 'none'/);
    await page.goto(`${t.baseUrl}/verify.html`);
    await page.setInputFiles('#dossier', cases[0][1]);
    await page.setInputFiles('#key', key);
    await page.click('#check');
    await waitForText(page, '#verdict', '校验通过');
    await screenshot(page, 'verify-dossier');
  });
});
