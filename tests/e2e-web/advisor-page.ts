import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { test as base, expect, Kiosk } from './fixtures';
import { startPreview } from '../support/preview-process';

/**
 * The advisor console as the specs drive it (advisor*.spec.ts): the real
 * preview's site hub serves the console over HTTPS (a site CA the browser
 * does not know, hence ignoreHTTPSErrors in the console's own context) and
 * shares the demo PC with the kiosk page.
 */

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
export const ZONE = 'Europe/Helsinki';

export interface AdvisorAccess {
  url: string;
  name: string;
  password: string;
}

/** The console's address and the demo sign-in, as the preview prints them. */
export function advisorAccess(output: string): AdvisorAccess {
  const url = /^advisor: (\S+)$/m.exec(output)?.[1];
  const signIn = /^advisor sign-in: (\S+) \/ (\S+)$/m.exec(output);
  if (!url || !signIn) throw new Error(`the preview printed no advisor address and sign-in:\n${output}`);
  return { url, name: signIn[1]!, password: signIn[2]! };
}

export interface Advisor {
  page: Page;
  context: BrowserContext;
  access: AdvisorAccess;
}

export async function openAdvisor(browser: Browser, kiosk: Kiosk, viewport = { width: 1280, height: 900 }): Promise<Advisor> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE, viewport });
  return { page: await context.newPage(), context, access: advisorAccess(kiosk.preview.output()) };
}

/**
 * Each test gets its own preview whose hub listens on a free port (the
 * shared fixtures start the hub on the fixed port 4781, which two tests
 * running side by side cannot both have): `site` with the demo's bookings
 * and some 60 days of history, `emptySite` with neither; `advisor` is a
 * console page (not yet signed in) on `site`.
 */
/* eslint-disable no-empty-pattern -- Playwright reads fixture dependencies from the destructuring */
export const test = base.extend<{ site: Kiosk; emptySite: Kiosk; advisor: Advisor }>({
  site: async ({}, use) => {
    const preview = await startPreview({ demo: true, args: ['--hub-port', '0'] });
    await use(new Kiosk(preview));
    await preview.stop();
  },
  emptySite: async ({}, use) => {
    const preview = await startPreview({ demo: false, args: ['--hub-port', '0'] });
    await use(new Kiosk(preview));
    await preview.stop();
  },
  advisor: async ({ browser, site }, use) => {
    const advisor = await openAdvisor(browser, site);
    await use(advisor);
    await advisor.context.close();
  },
});
/* eslint-enable no-empty-pattern */

export async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

/** Axe on parts of the console only (the whole page, with its figures, takes minutes on a small machine). */
export async function expectPartClean(page: Page, selectors: string[], screen: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of selectors) builder.include(selector);
  const result = await builder.analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

export async function signIn({ page, access }: Advisor) {
  await page.goto(access.url);
  await page.getByLabel('Nimi', { exact: true }).fill(access.name);
  await page.getByLabel('Salasana', { exact: true }).fill(access.password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tietokoneet', level: 2, exact: true })).toBeVisible();
  await expect(page.getByText('Yhteys päällä')).toBeVisible();
}

/** A site day as 'YYYY-MM-DD'. */
export function siteDay(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Advisor hours around the clock, so a help call is not answered "off duty"
 * whatever the time of the test; `help` sets other fields of the help
 * policy too (such as alertRepeatSeconds).
 */
export async function advisorOnDutyAlways(page: Page, help: Record<string, unknown> = {}) {
  const status = await page.evaluate(async (extra) => {
    const policy = await (await fetch('/api/policy', { credentials: 'same-origin' })).json();
    const all = [{ from: '00:00', to: '24:00' }];
    policy.help = { ...policy.help, hours: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all }, exceptions: [], ...extra };
    const answer = await fetch('/api/policy', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(policy) });
    return answer.status;
  }, help);
  expect(status).toBe(200);
}

/** The resident's "Ask for help", through the kiosk page's own WebSocket to its core. */
export async function askForHelp(kioskPage: Page, kiosk: Kiosk) {
  await kioskPage.goto(kiosk.url);
  const reply = await kioskPage.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ v: 1, id: 1, method: 'kiosk.requestHelp', params: {} }));
        ws.onmessage = (message) => {
          const data = JSON.parse(String(message.data)) as { id?: number };
          if (data.id === 1) {
            ws.close();
            resolve(data);
          }
        };
        ws.onerror = () => reject(new Error('the kiosk WebSocket failed'));
      }),
  );
  expect(reply).toMatchObject({ ok: true, result: { result: 'sending' } });
}
