import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run), headless: the browser a county office would use, not a bundled one. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.BANGFU_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
}

/** Where the tests leave each page's screenshot for a reviewer (README, "The web console"). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'dist', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(1200); // ECharts animates a chart in for about a second: shoot it drawn.
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in by clicking a persona on the sign-in page, as a visitor of the demo does: the role's first, or one by id. */
export async function signInAs(page: Page, baseUrl: string, role: string, personaId?: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.click(personaId ? `[data-testid=persona-${personaId}]` : `[data-role=${role}] >> nth=0`);
  await page.waitForSelector('[data-testid=actor]');
}

/** The navigation's labels, in order. */
export async function navigation(page: Page): Promise<string[]> {
  return page.$$eval('.ant-layout-header .ant-menu-item', (items) => items.map((item) => (item.textContent ?? '').trim()));
}

/** What an ECharts chart was last given (the console keeps it on the element for exactly this). */
export async function chartOption<T>(page: Page, testId: string): Promise<T> {
  await page.waitForFunction((id) => {
    // Runs in the page: its document, typed here without pulling the DOM's types into the node project.
    const { document } = globalThis as unknown as {
      document: { querySelector(s: string): { getAttribute(n: string): string | null } | null };
    };
    return document.querySelector(`[data-testid=${id}]`)?.getAttribute('data-option');
  }, testId);
  return JSON.parse((await page.getAttribute(`[data-testid=${testId}]`, 'data-option')) as string) as T;
}

// The page's document, typed here without pulling the DOM's types into the node project.
interface PageNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
}
/** The cells of a table's rows, as the page shows them. */
export function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page.$$eval(`[data-testid=${testId}] tbody tr.ant-table-row`, (trs) =>
    (trs as unknown as PageNode[]).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
  );
}

/** Waits until the element's text holds `text`. */
export async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => {
      const { document } = globalThis as unknown as { document: { querySelector(q: string): PageNode | null } };
      return document.querySelector(s)?.textContent?.includes(t) ?? false;
    },
    [selector, text] as const,
  );
}

/** Waits until a chart's option holds `text` (the chart has drawn what was picked). */
export async function waitForChart(page: Page, testId: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([id, t]) =>
      (globalThis as unknown as { document: { querySelector(q: string): PageNode | null } }).document
        .querySelector(`[data-testid=${id}]`)
        ?.getAttribute('data-option')
        ?.includes(t) ?? false,
    [testId, text] as const,
  );
}

/** Waits until a table shows `count` rows. */
export async function waitForRows(page: Page, testId: string, count: number): Promise<void> {
  await page.waitForFunction(
    ([id, n]) =>
      (globalThis as unknown as { document: { querySelectorAll(q: string): ArrayLike<unknown> } }).document.querySelectorAll(
        `[data-testid=${id}] tbody tr.ant-table-row`,
      ).length === n,
    [testId, count] as const,
  );
}
