import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../api/test/test-app';
import { chartOption, launchBrowser, navigation, screenshot, signInAs } from './browser';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

jest.setTimeout(120_000);

/**
 * The console in Debian's chromium against a real server on the demo: each persona signs in and sees its
 * own navigation; the cadre records visits on a phone-sized screen; the inspector works the flags.
 */
describe('the web console in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  const admin = () => t.token(['county-admin'], '220000', 'browser-admin');
  const api = async (path: string) => (await t.request('GET', `/api/v1${path}`, { token: admin() })).body as Answer;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });
  afterEach(async () => page.close());

  /** Types a date into an Ant Design date picker and waits until the picker holds it. */
  async function pickDate(selector: string, date: string) {
    const input = page.locator(selector).locator('xpath=descendant-or-self::input').first();
    await input.click();
    await input.fill(date);
    await input.press('Enter');
    // The picker's own input holds the date once it took it (a keystroke lost under load would show here).
    await page.waitForFunction(
      ([css, value]) => {
        type Element = { tagName: string; value?: string; querySelector(s: string): Element | null };
        const found = (globalThis as unknown as { document: { querySelector(s: string): Element | null } }).document.querySelector(css);
        return (found?.tagName === 'INPUT' ? found : found?.querySelector('input'))?.value === value;
      },
      [selector, date] as const,
    );
  }

  it('shows a Chinese sign-in page with the demo’s people, and each sees only the navigation its role allows', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.waitForSelector('[data-testid=personas]');
    expect(await page.textContent('h2')).toBe('帮扶 · 包保与问责台账');
    expect(await page.$$eval('[data-testid^=persona-]', (cards) => cards.length)).toBe(9);
    await screenshot(page, 'signin');
    const expected: Record<string, string[]> = {
      cadre: ['工作台', '我的包保户'],
      'work-team': ['工作台', '我的包保户'],
      'township-reviewer': ['工作台', '走访覆盖', '户籍与包保', '问题线索', '任务看板', '红黑榜', '识别与退出', '资金去向'],
      inspector: ['工作台', '走访覆盖', '随机抽查', '问题线索', '任务看板', '红黑榜', '识别与退出', '资金去向', '账本与卷宗'],
      auditor: [
        '工作台',
        '走访覆盖',
        '随机抽查',
        '问题线索',
        '任务看板',
        '红黑榜',
        '识别与退出',
        '资金去向',
        '问责案件',
        '责任回溯',
        '访问日志',
        '账本与卷宗',
      ],
    };
    for (const [role, labels] of Object.entries(expected)) {
      await signInAs(page, t.baseUrl, role);
      expect([role, await navigation(page)]).toEqual([role, labels]);
    }
    expect(await page.textContent('[data-testid=actor]')).toContain('审计');
  });

  it('returns to sign-in with the reason when a token is refused', async () => {
    await page.goto(`${t.baseUrl}/signin`);
    await page.fill('textarea', 'not-a-token');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=signin-error]');
    expect(await page.textContent('[data-testid=signin-error]')).toMatch(/（[A-Z_]+）/);
  });

  describe('the cadre, on a phone', () => {
    beforeEach(async () => {
      await page.setViewportSize({ width: 375, height: 812 });
      await signInAs(page, t.baseUrl, 'cadre');
    });

    it('lists the households held with this month’s status, and records a visit through the form that appears in the timeline', async () => {
      await page.goto(`${t.baseUrl}/my-households`);
      await page.waitForSelector('[data-testid=month-summary]');
      const held = (await api('/cadres/jl-wjw-01/households')).households as Answer[];
      expect(await page.$$eval('[data-testid^=held-]', (rows) => rows.length)).toBe(held.length);
      await screenshot(page, 'cadre-my-households');
      const householdId = held[0].householdId as string;
      const before = (await api(`/households/${householdId}/timeline?limit=500`)).entries.filter(
        (e: Answer) => e.type === 'VisitRecorded',
      ).length;
      await page.click(`[data-testid=held-${householdId}] button`);
      await page.waitForSelector('[data-testid=submit-visit]');
      await screenshot(page, 'cadre-visit-form');
      await page.fill('textarea#notes', '入户了解产业和务工情况');
      await page.click('[data-testid=submit-visit]');
      await page.waitForURL(`**/households/${householdId}`);
      await page.waitForSelector('text=入户了解产业和务工情况', { state: 'detached' }).catch(() => undefined);
      await t.settle();
      const after = (await api(`/households/${householdId}/timeline?limit=500`)).entries as Answer[];
      const visits = after.filter((e) => e.type === 'VisitRecorded');
      expect(visits.length).toBe(before + 1);
      expect(visits.at(-1)?.data.notes).toBe('入户了解产业和务工情况');
      await page.reload();
      await page.waitForSelector('text=走访');
      expect(await page.textContent('[data-testid=timeline] .ant-table-tbody tr.ant-table-row >> nth=0')).toContain('走访');
      // Retracting one's own visit asks for the reason and keeps both on the record.
      await page.click('[data-testid=timeline] .ant-table-tbody tr.ant-table-row >> nth=0 >> [data-testid=retract]');
      await page.fill('[data-testid=retract-reason]', '误录，走访对象有误');
      await page.click('.ant-modal-footer .ant-btn-primary');
      await page.waitForSelector('[data-testid=timeline] .ant-table-tbody tr.ant-table-row >> nth=0 >> text=撤回走访');
      await t.settle();
      const retraction = ((await api(`/households/${householdId}/timeline?limit=500`)).entries as Answer[]).at(-1);
      expect(retraction).toMatchObject({ type: 'VisitRetracted', data: { reason: '误录，走访对象有误' } });
    });

    it('records one visit for a double tap on submit', async () => {
      const householdId = ((await api('/cadres/jl-wjw-01/households')).households as Answer[])[1].householdId as string;
      const count = async () =>
        ((await api(`/households/${householdId}/timeline?limit=500`)).entries as Answer[]).filter((e) => e.type === 'VisitRecorded').length;
      const before = await count();
      await page.goto(`${t.baseUrl}/households/${householdId}/visit`);
      await page.waitForSelector('[data-testid=submit-visit]');
      // Two clicks before React can disable the button: two requests, one Idempotency-Key.
      const posts: string[] = [];
      const readsAfter: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST') posts.push(request.headers()['idempotency-key'] ?? '');
        else if (posts.length > 0 && request.url().includes('/api/v1/')) readsAfter.push(request.url());
      });
      await page.$eval('[data-testid=submit-visit]', (button) => {
        const target = button as unknown as { click(): void };
        target.click();
        target.click();
      });
      await page.waitForURL(`**/households/${householdId}`);
      await t.settle();
      expect(posts.length).toBeGreaterThanOrEqual(1);
      expect(new Set(posts).size).toBe(1);
      expect(await count()).toBe(before + 1);
      // The household's file, read after the visit, asks for views that hold it (read your writes).
      await page.waitForSelector('[data-testid=timeline-chart][data-option]');
      expect(readsAfter.filter((url) => url.includes(`/households/${householdId}/timeline`))).toEqual([
        expect.stringMatching(/[?&]minPosition=\d+/),
      ]);
    });

    it('warns that a visit 20 days ago will be flagged 补录, and plots it off the diagonal', async () => {
      const householdId = ((await api('/cadres/jl-wjw-01/households')).households as Answer[])[2].householdId as string;
      await page.goto(`${t.baseUrl}/households/${householdId}/visit`);
      await page.waitForSelector('[data-testid=submit-visit]');
      const twentyDaysAgo = new Date(Date.now() - 20 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
      await page.fill('input[type=datetime-local]', twentyDaysAgo);
      await page.waitForSelector('[data-testid=backfill-warning]');
      expect(await page.textContent('[data-testid=backfill-warning]')).toContain('补录');
      await page.click('[data-testid=submit-visit]');
      await page.waitForURL(`**/households/${householdId}`);
      await t.settle();
      const flags = (await api(`/flags?type=BACKFILLED_VISIT&limit=500`)).flags as Answer[];
      expect(flags.some((f) => f.householdId === householdId)).toBe(true);
      await page.reload();
      const option = await chartOption<{ series: { name: string; data: { value: number[] }[] }[] }>(page, 'timeline-chart');
      const late = option.series.find((s) => s.name.startsWith('补录'))?.data ?? [];
      expect(late.some((p) => p.value[1] - p.value[0] > 19 * 86_400_000)).toBe(true);
      await screenshot(page, 'household');
    });

    it('shows a refusal in Chinese with its code: a visit in the future (422) and a page the role may not read (403)', async () => {
      const householdId = ((await api('/cadres/jl-wjw-01/households')).households as Answer[])[0].householdId as string;
      await page.goto(`${t.baseUrl}/households/${householdId}/visit`);
      await page.waitForSelector('[data-testid=submit-visit]');
      await page.fill('input[type=datetime-local]', new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16));
      await page.click('[data-testid=submit-visit]');
      await page.waitForSelector('[data-testid=visit-error]');
      expect(await page.textContent('[data-testid=visit-error]')).toContain('时间不能晚于现在（TIME_IN_FUTURE）');
      await page.goto(`${t.baseUrl}/flags`);
      await page.waitForSelector('.ant-alert-error');
      expect(await page.textContent('.ant-alert-error')).toContain('您的角色无权进行此操作（ROLE_NOT_ALLOWED）');
    });
  });

  it('lists the demo’s 对接-missed and backfilled-visit flags for the inspector, who reviews one through to 办结', async () => {
    await signInAs(page, t.baseUrl, 'inspector');
    await page.goto(`${t.baseUrl}/flags`);
    await page.waitForSelector('[data-testid=flag-count]:has-text("共")');
    const all = (await (
      await t.request('GET', '/api/v1/flags?limit=500', { token: t.token(['inspector'], '222400', 'demo-yanbian-inspector') })
    ).body) as Answer;
    expect(await page.textContent('[data-testid=flag-count]')).toBe(`共 ${all.flags.length} 条`);
    const types = new Set((all.flags as Answer[]).map((f) => f.type));
    expect([...types]).toEqual(expect.arrayContaining(['HANDOVER_NOT_CONNECTED', 'BACKFILLED_VISIT']));
    expect(await page.textContent('.ant-table-tbody')).toContain('调整后未按期对接');
    // The responsible cadre is shown by name, as the inspector knows them.
    const named = (all.flags as Answer[]).slice(0, 10).find((f) => f.cadreName);
    expect(named).toBeDefined();
    expect(await page.textContent('.ant-table-tbody')).toContain(named!.cadreName);
    await screenshot(page, 'inspector-flags');
    // A flag's cited events are one click away, in the household's file.
    const cited = page.locator('[data-testid=cited-event]').first();
    const href = (await cited.getAttribute('href')) as string;
    await cited.click();
    await page.waitForSelector('[data-testid=cited] .ant-table-row');
    expect(await page.textContent('[data-testid=cited]')).toContain(href.split('event=')[1]);
    await page.goto(`${t.baseUrl}/flags`);
    await page.waitForSelector('[data-testid=flag-count]:has-text("共")');
    const row = page.locator('.ant-table-tbody tr', { hasText: '待处理' }).first();
    await row.locator('[data-testid=review-confirmed]').click();
    await page.fill('[data-testid=review-note]', '经核实属实');
    await page.click('.ant-modal-footer .ant-btn-primary');
    const confirmed = page.locator('.ant-table-tbody tr.ant-table-row', { has: page.locator('.ant-tag', { hasText: /^属实$/ }) }).first();
    await confirmed.waitFor();
    await confirmed.locator('[data-testid=review-closed]').click();
    await page.fill('[data-testid=review-note]', '已整改，办结');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page
      .locator('.ant-table-tbody .ant-tag', { hasText: /^办结$/ })
      .first()
      .waitFor();
    await t.settle();
    const closed = ((await api('/flags?status=closed&limit=500')).flags as Answer[]).filter((f) => f.handling.length >= 2);
    expect(closed.length).toBeGreaterThanOrEqual(1);
  });

  it('draws the heat map of the demo’s villages by month, with the months the demo left unvisited below 100%', async () => {
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/coverage`);
    const option = await chartOption<{
      yAxis: { data: string[] };
      xAxis: { data: string[] };
      series: { data: [number, number, number | null][] }[];
    }>(page, 'coverage-heatmap');
    expect(option.yAxis.data).toEqual(['德化村', '盘道村']);
    expect(option.xAxis.data).toHaveLength(12);
    const from = option.xAxis.data[0];
    const to = option.xAxis.data[11];
    const year = (await api(`/regions/222426/visit-coverage?from=${from}&to=${to}`)).months as Answer[];
    const expected = year.flatMap((m, x) =>
      (m.villages as Answer[]).map((v) => [x, ['222426103201', '222426103202'].indexOf(v.villageCode), Math.round(v.coverage * 100)]),
    );
    // The months that ended on the red-to-green scale; the month under way (the last) apart, in grey.
    expect(option.series[0].data).toEqual(expected.filter(([x]) => x !== 11));
    expect(option.series[1].data).toEqual(expected.filter(([x]) => x === 11));
    expect(option.series[0].data.some(([, , value]) => value !== null && value < 100)).toBe(true);
    await page.waitForSelector('.ant-table-tbody tr.ant-table-row');
    expect(await page.textContent('.ant-table-tbody')).toMatch(/已上报乡镇|已提醒|逾期|已补访/);
    await screenshot(page, 'coverage');
    // 区划搜索: a village found by name narrows the map to it.
    await page.click('[data-testid=region-picker]');
    await page.keyboard.type('盘道');
    await page.click('.ant-select-tree-title:has-text("盘道村")');
    await page.waitForFunction(() => {
      const { document } = globalThis as unknown as {
        document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
      };
      const option = document.querySelector('[data-testid=coverage-heatmap]')?.getAttribute('data-option');
      return option !== null && option !== undefined && JSON.parse(option).yAxis.data.join() === '盘道村';
    });
  });

  it('draws an inspection sample, records a finding citing an event, and carries it through 整改 to 销号', async () => {
    await signInAs(page, t.baseUrl, 'inspector');
    await page.goto(`${t.baseUrl}/inspections`);
    await page.waitForSelector('[data-testid=draw]');
    // Draw in 安图县 (the prefecture team's county), picked from the region tree.
    await page.click('[data-testid=region-picker]');
    await page.click('.ant-select-tree-switcher');
    await page.click('.ant-select-tree-title:text-is("安图县")');
    await page.fill('[data-testid=draw-seed]', 'browser-seed-1');
    await page.click('[data-testid=draw]');
    await page.waitForSelector('[data-testid=seed]:has-text("browser-seed-1")');
    const inspectionId = ((await page.textContent('[data-testid=inspection] .ant-card-head-title')) ?? '').replace('抽查 ', '').trim();
    const drawn = await api(`/inspections/${inspectionId}`);
    expect(drawn).toMatchObject({ seed: 'browser-seed-1', kind: 'household', regionCode: '222426' });
    expect(await page.$$eval('[data-testid^=sampled-]', (rows) => rows.length)).toBe(drawn.sample.length);
    const subject = drawn.sample[0] as string;
    await page.click(`[data-testid=sampled-${subject}] button`);
    await page.fill('[data-testid=finding-description]', '入户核实发现走访记录与实际不符');
    await page.locator('.ant-modal .ant-checkbox-wrapper').first().click();
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('[data-testid=order]');
    await screenshot(page, 'inspector-inspection');
    await page.fill('[data-testid=order-requirement]', '限期30日内补齐走访');
    await page.click('[data-testid=order]');
    await page.waitForSelector('.ant-tag:has-text("整改中")');

    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/inspections`);
    await page.click(`.ant-table-row:has-text("${inspectionId}")`);
    await page.fill('[data-testid=report-measures]', '已补齐走访并更正记录');
    await page.click('[data-testid=report]');
    await page.waitForSelector('.ant-tag:has-text("待核验")');

    await signInAs(page, t.baseUrl, 'inspector');
    await page.goto(`${t.baseUrl}/inspections`);
    await page.click(`.ant-table-row:has-text("${inspectionId}")`);
    await page.click('[data-testid=verify-pass]');
    await page.waitForSelector('.ant-tag:has-text("已销号")');
    await t.settle();
    const [finding] = (await api(`/findings?inspection=${inspectionId}`)).findings as Answer[];
    expect(finding).toMatchObject({ status: 'closed', target: { id: subject } });
    expect(finding.eventIds).toHaveLength(1);
    expect(finding.history.map((h: Answer) => h.type)).toEqual(
      expect.arrayContaining([
        'FindingRecorded',
        'RectificationOrdered',
        'RectificationReported',
        'RectificationVerified',
        'FindingClosed',
      ]),
    );
  });

  it('lets a county office register a household and assign its cadre, with the API’s refusal shown at the field', async () => {
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/office`);
    await page.fill('[data-testid=householdId]', '2224261032019001');
    await page.fill('[data-testid=headName]', '朴顺姬');
    await page.fill('[data-testid=headIdNumber]', '222426196503120018');
    await page.click('[data-testid=register]');
    await page.waitForSelector('[data-testid=register-error]');
    expect(await page.textContent('[data-testid=register-error]')).toContain('（INVALID_ID_NUMBER）');
    expect(await page.textContent('.ant-form-item-has-error')).toContain('身份证号无效');
    await page.fill('[data-testid=headIdNumber]', '222426196503120019');
    await page.click('[data-testid=register]');
    await page.waitForSelector('.ant-alert-success');
    await screenshot(page, 'office');
    await page.fill('[data-testid=assign-householdId]', '2224261032019001');
    await page.click('[data-testid=assign-cadre]');
    await page.keyboard.type('禹露');
    await page.keyboard.press('Enter');
    await page.click('[data-testid=assign]');
    await page.waitForSelector('.ant-message-success:has-text("已结对"), [data-testid=assign-error]');
    expect(await page.$('[data-testid=assign-error]')).toBeNull();
    await t.settle();
    const household = await api('/households/2224261032019001');
    expect(household).toMatchObject({ headName: '朴顺姬', responsibleCadre: { cadreId: 'jl-wjw-01' } });
  });

  it('shows a household’s help plan (一户一策), and lets a county office add a measure and record it delivered', async () => {
    // Given 德化村's second household, whose cattle came through the 产业到户 fund
    await signInAs(page, t.baseUrl, 'county-admin');
    const householdId = '2224261032010002';
    await page.goto(`${t.baseUrl}/households/${householdId}`);
    await page.waitForSelector('[data-testid=help-plan] tbody tr.ant-table-row');
    const plan = page.locator('[data-testid=help-plan]');
    expect(await plan.textContent()).toContain('已按期落实');
    expect(await plan.textContent()).toContain('资金 demo-antu-chanye-daohu');
    await screenshot(page, 'household-help-plan');
    // When the office adds an employment measure and then records it delivered
    await page.click('[data-testid=add-measure]');
    await page.click('[data-testid=measure-kind]');
    await page.click('.ant-select-item-option[title="就业"]');
    await page.fill('[data-testid=measure-promise]', '推荐到县城扶贫车间务工');
    await pickDate('[data-testid=measure-due]', '2099-12-31');
    await page.click('.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    // The form closes once the API took the measure; the plan then reloads with it.
    await page.waitForSelector('.ant-modal:visible', { state: 'detached' });
    await page.waitForSelector('[data-testid=help-plan] tbody tr.ant-table-row:has-text("推荐到县城扶贫车间务工")');
    await page.click('[data-testid=help-plan] tbody tr.ant-table-row:has-text("推荐到县城扶贫车间务工") [data-testid=deliver-measure]');
    await pickDate('[data-testid=delivered-on]', new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await page.fill('[data-testid=delivery-evidence]', '车间用工合同');
    await page.click('.ant-modal:visible .ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('.ant-modal:visible', { state: 'detached' });
    await page.waitForSelector('[data-testid=help-plan] tbody tr.ant-table-row:has-text("推荐到县城扶贫车间务工") >> text=已按期落实');
    // Then the plan on the record holds it, delivered with its evidence
    await t.settle();
    const measures = (await api(`/households/${householdId}/plan`)).measures as Answer[];
    expect(measures.find((m) => m.promise === '推荐到县城扶贫车间务工')).toMatchObject({ kind: '就业', status: 'delivered', onTime: true });
  });

  it('lists 松江镇’s monthly self-checks (自查自评) on the task board, each period one click from its task’s history', async () => {
    // Given the demo's 松江镇 self-check, issued every month by its timer
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/tasks`);
    await page.waitForSelector('[data-testid=self-checks] tbody tr.ant-table-row');
    const [series] = (await api('/regions/222426/recurring-tasks')).series as Answer[];
    const card = page.locator('[data-testid=self-checks]');
    expect(await card.textContent()).toContain('松江镇脱贫攻坚月度自查自评');
    expect(await card.locator('.ant-tag').count()).toBeGreaterThanOrEqual(series.periods.length);
    await screenshot(page, 'tasks-self-checks');
    // And 安图县's 帮扶体系 beside them, every quarter's joint meeting held
    const [system] = (await api('/regions/222426/support-systems')).systems as Answer[];
    const systems = page.locator('[data-testid=support-systems]');
    await systems.waitFor();
    expect(await systems.textContent()).toContain(system.leadUnit.name);
    expect(await systems.locator('.ant-tag', { hasText: '已召开' }).count()).toBe(system.quarters.length);
    // When a period is clicked, its task's history opens
    await card.locator('.ant-tag', { hasText: series.periods[0].period }).click();
    await page.waitForSelector('[data-testid=task-history]');
    expect(await page.textContent('[data-testid=task-history]')).toContain('安图县脱贫攻坚工作自查自评办法');
  });

  it('shows the 红黑榜 of cadres and of villages with the formula and every input, as the API ranks them', async () => {
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/rankings`);
    await page.waitForSelector('[data-testid=ranking-by]');
    // Given the county office of 安图县, when it picks the cadres' ranking
    await page.click('[data-testid=ranking-by] >> text=帮扶责任人');
    await page.waitForSelector('[data-testid=people-rankings] tbody tr.ant-table-row');
    const cadres = (await api('/rankings/cadres?region=222426')).rankings as Answer[];
    // Then every cadre the API ranks is listed in its order, with the formula above
    const names = await page.$$eval('[data-testid=people-rankings] tbody tr.ant-table-row td:nth-child(2)', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(names).toEqual(cadres.map((c) => c.name));
    expect(await page.textContent('[data-testid=people-formula]')).toContain('走访覆盖率');
    await screenshot(page, 'rankings-cadres');
    // And the villages' ranking likewise
    await page.click('[data-testid=ranking-by] >> text=村');
    await page.waitForSelector('[data-testid=people-rankings] tbody tr.ant-table-row >> text=德化村');
    const villages = (await api('/rankings/villages?region=222426')).rankings as Answer[];
    const shown = await page.$$eval('[data-testid=people-rankings] tbody tr.ant-table-row td:nth-child(2)', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(shown).toEqual(villages.map((v) => v.name));
  });

  it('shows 盘道村’s work-team reports month by month, the one its team let pass marked 未报 and 已上报乡镇', async () => {
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/regions/222426103202/households`);
    await page.waitForSelector('[data-testid=team-reports] tbody tr.ant-table-row');
    const months = (await api('/villages/222426103202/work-team-reports')).months as Answer[];
    const missed = months.find((m) => m.status === 'missed') as Answer;
    const row = page.locator('[data-testid=team-reports] tbody tr.ant-table-row', { hasText: missed.month });
    await page
      .locator('[data-testid=team-reports] .ant-pagination-item', { hasText: String(Math.floor(months.indexOf(missed) / 12) + 1) })
      .click();
    expect(await row.textContent()).toContain('未报');
    expect(await row.textContent()).toContain('已上报乡镇');
    await screenshot(page, 'village-team-reports');
  });

  it('shows the ID number masked, and a county admin sees it whole only after giving a reason, which is logged', async () => {
    await signInAs(page, t.baseUrl, 'county-admin');
    await page.goto(`${t.baseUrl}/households/2224261032010001`);
    await page.waitForSelector('[data-testid=reveal]');
    const masked = (await page.textContent('[data-testid=id-number]')) as string;
    expect(masked).toMatch(/\*/);
    await page.click('[data-testid=reveal]');
    expect(await page.isDisabled('.ant-modal-footer .ant-btn-primary')).toBe(true);
    await page.fill('[data-testid=reveal-reason]', '核实户主身份');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForFunction(
      () =>
        !/\*/.test(
          (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector(
            '[data-testid=id-number]',
          )?.textContent ?? '*',
        ),
    );
    expect(await page.textContent('[data-testid=id-number]')).toMatch(/^\d{17}[\dX]$/);
    await t.settle();
    const log = (await t.request('GET', '/api/v1/access-log?outcome=revealed', { token: t.token(['auditor'], '000000', 'au') }))
      .body as Answer;
    expect(log.entries.some((e: Answer) => e.actor.id === 'demo-antu-county')).toBe(true);
  });
});
