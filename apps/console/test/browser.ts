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
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in by clicking the persona on the sign-in page, as a visitor of the demo does. */
export async function signInAs(page: Page, baseUrl: string, role: string): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.click(`[data-testid=persona-${role}]`);
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
