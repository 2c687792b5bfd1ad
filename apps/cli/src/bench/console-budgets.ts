import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadConfig } from '@bangfu/application';
import { createApp, loadDemoIfEmpty } from '../../../api/src';

/** What `bench --console` measured, kept as JSON beside BENCHMARKS.md for the report to show. */
export interface ConsoleRun {
  date: string;
  browser: string;
  runs: number;
  firstScreen: { scripts: number; gzipBytes: number; budgetBytes: number };
  pages: { page: string; path: string; p50Ms: number; p95Ms: number; budgetMs: number }[];
}

const FIRST_SCREEN_BUDGET = 500 * 1024;
const PAGE_BUDGET_MS = 1500;

/** Each page, who opens it, and what on it says its data has arrived. */
const PAGES: { page: string; role: string; path: string; ready: string }[] = [
  { page: '我的包保户', role: 'cadre', path: '/my-households', ready: '[data-testid=month-summary]' },
  { page: '户档案', role: 'cadre', path: '/households/2224261032010001', ready: '[data-testid=timeline-chart][data-option]' },
  { page: '走访覆盖', role: 'county-admin', path: '/coverage', ready: '[data-testid=coverage-heatmap][data-option]' },
  { page: '问题线索', role: 'inspector', path: '/flags', ready: '[data-testid=flag-count]:has-text("共")' },
  { page: '随机抽查', role: 'inspector', path: '/inspections', ready: '.ant-table-tbody tr.ant-table-row' },
  { page: '户籍与包保', role: 'county-admin', path: '/office', ready: '[data-testid=register]' },
  { page: '任务看板', role: 'demo-chenduo-leader', path: '/tasks', ready: '[data-testid=task-list] tbody tr.ant-table-row' },
  { page: '红黑榜', role: 'demo-chenduo-leader', path: '/rankings', ready: '[data-testid=rankings] tbody tr.ant-table-row' },
  { page: '退出进度', role: 'leader', path: '/exits', ready: '[data-testid=funnel-household-exit][data-option]' },
  { page: '资金去向', role: 'leader', path: '/funds', ready: '[data-testid=fund-sankey][data-option]' },
  { page: '问责案件', role: 'discipline', path: '/cases', ready: '[data-testid=cases] tbody tr.ant-table-row' },
  { page: '责任回溯（帮扶责任人）', role: 'discipline', path: '/trace?cadre=jl-wjw-01', ready: '[data-testid=trace-visits][data-option]' },
  { page: '责任回溯（行政村）', role: 'discipline', path: '/trace?village=222426103201', ready: '[data-testid=trace-visits][data-option]' },
  { page: '访问日志', role: 'auditor', path: '/access-log', ready: '[data-testid=access-log] tbody tr.ant-table-row' },
  { page: '账本与卷宗', role: 'auditor', path: '/ledger', ready: '[data-testid=ledger-verify]' },
];

/**
 * The console's budgets on the demo, in headless Debian chromium: the JavaScript the sign-in page loads before it
 * is usable (gzipped, as served), and for each page the time from navigation until its data is on the screen.
 */
export async function measureConsole(runs: number, log: (line: string) => void): Promise<ConsoleRun> {
  const { chromium } = await import('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-console-bench-'));
  const config = { ...loadConfig({ ...process.env, BANGFU_DATA_DIR: dataDir, BANGFU_LOG: 'false' }), host: '127.0.0.1', port: 0 };
  await loadDemoIfEmpty(config);
  const app = await createApp(config);
  await app.init();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.BANGFU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const scripts: Buffer[] = [];
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(await response.body());
    });
    await page.goto(`${base}/signin`, { waitUntil: 'networkidle' });
    await page.waitForSelector('[data-testid=personas]');
    const gzipBytes = scripts.reduce((sum, body) => sum + gzipSync(body).length, 0);
    log(`console first screen: ${scripts.length} scripts, ${(gzipBytes / 1024).toFixed(0)} KB gzipped`);
    page.removeAllListeners('response');

    const pages: ConsoleRun['pages'] = [];
    for (const target of PAGES) {
      await page.goto(`${base}/signin`);
      // A role's first persona, or one persona by id (the demo has two leaders).
      await page.click(target.role.startsWith('demo-') ? `[data-testid=persona-${target.role}]` : `[data-role=${target.role}] >> nth=0`);
      await page.waitForSelector('[data-testid=actor]');
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await page.goto(`${base}/`);
        await page.waitForSelector('[data-testid=actor]');
        const started = Date.now();
        await page.goto(`${base}${target.path}`);
        await page.waitForSelector(target.ready, { timeout: 30_000 });
        times.push(Date.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
      pages.push({ page: target.page, path: target.path, p50Ms: at(0.5), p95Ms: at(0.95), budgetMs: PAGE_BUDGET_MS });
      log(`console ${target.page}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${runs} navigations`);
    }
    return {
      date: new Date().toISOString().slice(0, 10),
      browser: `${browser.version()} (Debian chromium, headless)`,
      runs,
      firstScreen: { scripts: scripts.length, gzipBytes, budgetBytes: FIRST_SCREEN_BUDGET },
      pages,
    };
  } finally {
    await browser.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The report's section on the console, from the kept measurement. */
export function consoleSection(run: ConsoleRun | undefined): string {
  if (!run) return '## Web console\n\nNot measured yet: `npm run bench:console` measures it and keeps `BENCHMARKS.console.json`.\n';
  const met = (ok: boolean) => (ok ? 'met' : '**missed**');
  const rows = run.pages.map(
    (p) => `| ${p.page} (\`${p.path}\`) | ${p.p50Ms} ms | ${p.p95Ms} ms | ≤ ${p.budgetMs} ms: ${met(p.p95Ms <= p.budgetMs)} |`,
  );
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  return `## Web console

Measured by \`npm run bench:console\` on ${run.date} on the machine above, in Chromium ${run.browser}, against a server on the
demo: the JavaScript the sign-in page loads before it is usable, gzipped as served, and for each page the time from
navigation until its data is on the screen (p50 and p95 of ${run.runs} navigations each).

- First screen: ${run.firstScreen.scripts} scripts, ${kb(run.firstScreen.gzipBytes)} gzipped — budget ≤ ${kb(run.firstScreen.budgetBytes)}: ${met(run.firstScreen.gzipBytes <= run.firstScreen.budgetBytes)}. ECharts is not among them: it loads with the first page that draws a chart.

| page | p50 | p95 | budget |
|---|---|---|---|
${rows.join('\n')}
`;
}
