import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startCityReceiver, type CityProcess } from '../support/city-process';
import { test as base, expect, screenshot } from './fixtures';

/**
 * The city coordinators' dashboard against the real city receiver
 * (createCityReceiver, in its own process: tests/support/city-process.ts):
 * it serves the built page (out/renderer/city) and its JSON API over HTTPS
 * with a self-signed CA the browser does not know (hence ignoreHTTPSErrors
 * in the page's own context). Figures reach it as a site's hub sends them:
 * a batch with the site's token, over HTTPS with the receiver's CA pinned.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const ZONE = 'Europe/Helsinki';
const COORDINATOR = { name: 'koordinaattori', password: 'vahva-salasana-2026' };
const SITES = [
  { id: 'kallio', name: 'Kallion kirjasto' },
  { id: 'malmi', name: 'Malmitalo' },
  { id: 'vuosaari', name: 'Vuosaaren talo' },
];

/** 'YYYY-MM' in Helsinki, `back` months before the current one. */
function helsinkiMonth(back = 0): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(Date.now()).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How the page names a month in Finnish ("toukokuu 2026"). */
function finnishMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('fi', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

const THIS_MONTH = helsinkiMonth(0);
const LAST_MONTH = helsinkiMonth(1);

/* eslint-disable no-empty-pattern -- Playwright reads fixture dependencies from the destructuring */
const test = base.extend<{ city: CityProcess }>({
  city: async ({}, use) => {
    const city = await startCityReceiver({ coordinator: COORDINATOR, sites: SITES });
    await use(city);
    await city.stop();
  },
});
/* eslint-enable no-empty-pattern */

const day = (month: string, dayOfMonth: number, metric: string, value: number) => ({ period: `${month}-${String(dayOfMonth).padStart(2, '0')}`, metric, value, revision: 1 });
const cell = (month: string, metric: string, value: number | '<5') => ({ period: month, metric, value, revision: 1 });

/** Two sites send figures for last month (and one day of this month); the third has never sent any. */
async function withFigures(city: CityProcess): Promise<void> {
  const first = await city.send('kallio', [
    day(LAST_MONTH, 1, 'sessions', 12),
    day(LAST_MONTH, 2, 'sessions', 8),
    day(LAST_MONTH, 1, 'minutes', 500),
    day(LAST_MONTH, 2, 'minutes', 400),
    day(LAST_MONTH, 2, 'help-calls', 3),
    day(LAST_MONTH, 2, 'no-shows', 1),
    day(THIS_MONTH, 1, 'sessions', 5),
    // Help on the screen: 6 calls, all answered (720 s of waiting in all), the page shown 3000 s.
    day(LAST_MONTH, 2, 'remote-calls', 6),
    cell(LAST_MONTH, 'remote-answered', 6),
    cell(LAST_MONTH, 'remote-wait-seconds', 720),
    cell(LAST_MONTH, 'remote-shared-seconds', 3000),
    cell(LAST_MONTH, 'remote-wait.60', 6),
    cell(LAST_MONTH, 'remote-outcome.resident-stopped', '<5'),
    cell(LAST_MONTH, 'feedback.good', 11),
    cell(LAST_MONTH, 'feedback.ok', '<5'),
    cell(LAST_MONTH, 'language.fi', 15),
    cell(LAST_MONTH, 'language.so', '<5'),
    cell(LAST_MONTH, 'end.time-up', 12),
    cell(LAST_MONTH, 'hour.10', 6),
  ]);
  expect(first.status, first.body).toBe(200);
  const second = await city.send('malmi', [day(LAST_MONTH, 3, 'sessions', 7), day(LAST_MONTH, 3, 'minutes', 210), cell(LAST_MONTH, 'feedback.bad', 5)]);
  expect(second.status, second.body).toBe(200);
}

async function openDashboard(browser: Browser, city: CityProcess, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE, viewport });
  const page = await context.newPage();
  await page.goto(`${city.url}/`);
  return { context, page };
}

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

/** Signs in with the keyboard alone: type the name, Tab to the password, Enter. */
async function signIn(page: Page, password = COORDINATOR.password) {
  const name = page.getByLabel('Nimi', { exact: true });
  await name.fill('');
  await name.focus();
  await page.keyboard.type(COORDINATOR.name);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Salasana', { exact: true })).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** A site's row in the sites × months table: its cells are the 12 months, the total and the last sync. */
function siteCells(page: Page, site: string) {
  return page.locator('#table tr', { has: page.getByRole('rowheader', { name: site }) }).getByRole('cell');
}

test('the coordinator signs in with the keyboard and reads the sites × months table, with "<5" never shown as 0', async ({ browser, city }) => {
  await withFigures(city);
  const { context, page } = await openDashboard(browser, city);

  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään', level: 1 })).toBeVisible();
  await expectNoViolations(page, 'sign-in');
  await signIn(page, 'väärä-salasana-1');
  await expect(page.getByText('Nimi tai salasana on väärin. Tarkista ne ja yritä uudelleen.')).toBeVisible();
  await expectNoViolations(page, 'sign-in with a wrong password');

  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Käyttöluvut', level: 1 })).toBeVisible();
  await expect(page.getByText(`Kirjautuneena: ${COORDINATOR.name}`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Luvut: ${finnishMonth(helsinkiMonth(11))} – ${finnishMonth(THIS_MONTH)}` })).toBeVisible();

  // Sessions: the last two of the twelve months, the site's total, and the sum over all sites.
  const kallio = siteCells(page, 'Kallion kirjasto');
  await expect(kallio.nth(10)).toHaveText('20');
  await expect(kallio.nth(11)).toHaveText('5');
  await expect(kallio.nth(12)).toHaveText('25');
  await expect(kallio.nth(0)).toHaveText('–ei lukuja');
  await expect(siteCells(page, 'Malmitalo').nth(10)).toHaveText('7');
  await expect(siteCells(page, 'Vuosaaren talo').nth(13)).toHaveText('Ei vielä synkronoitu');
  const totals = page.locator('#table tfoot tr').getByRole('cell');
  await expect(totals.nth(10)).toHaveText('27');
  await expect(totals.nth(12)).toHaveText('32');

  // The share of good faces: a range where a count arrived as "<5" (11 good, "<5" OK: 73–100 %).
  const satisfaction = page.getByRole('button', { name: 'Hyvä palaute (%)' });
  await satisfaction.focus();
  await page.keyboard.press('Space');
  await expect(satisfaction).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#table caption')).toHaveText('Hyvä palaute (%) toimipisteittäin ja kuukausittain');
  await expect(kallio.nth(10)).toContainText(/^73–100\s%/);
  await expect(kallio.nth(10).locator('.sr-only')).toHaveText(/^vähintään 73\s%, enintään 100\s%$/);
  await expect(siteCells(page, 'Malmitalo').nth(10)).toHaveText(/^0\s%$/);
  await expect(totals.nth(10)).toContainText(/^55–69\s%/);

  // Help on the screen: the calls, a daily total like help calls.
  await page.getByRole('button', { name: 'Apu näytöllä', exact: true }).click();
  await expect(page.locator('#table caption')).toHaveText('Apu näytöllä toimipisteittäin ja kuukausittain');
  await expect(kallio.nth(10)).toHaveText('6');
  await expect(siteCells(page, 'Malmitalo').nth(10)).toHaveText('0');
  await expect(totals.nth(12)).toHaveText('6');
  await expectNoViolations(page, 'dashboard');
  await screenshot(page, 'city-dashboard');
  await context.close();
});

test('the charts say their figures in words and as tables, "<5" shown as such', async ({ browser, city }) => {
  await withFigures(city);
  const { context, page } = await openDashboard(browser, city);
  await signIn(page);

  const sessions = page.getByRole('figure', { name: 'Istunnot kuukausittain' });
  await expect(sessions.getByRole('img', { name: `Istunnot kuukausittain Yhteensä 32. Suurin kuukausi: ${finnishMonth(LAST_MONTH)} (27).` })).toBeVisible();
  const summary = sessions.getByText('Näytä luvut taulukkona');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(sessions.getByRole('row', { name: `${finnishMonth(LAST_MONTH)} 27` })).toBeVisible();
  await expect(sessions.getByRole('row', { name: `${finnishMonth(helsinkiMonth(2))} ei lukuja` })).toBeVisible();

  const feedback = page.getByRole('figure', { name: 'Palaute kuukausittain' });
  await expect(feedback.getByText('Näinä kuukausina: hyvä 11; kohtalainen alle 5; huono 5.')).toBeVisible();
  await feedback.getByText('Näytä luvut taulukkona').click();
  await expect(feedback.getByRole('row', { name: `${finnishMonth(LAST_MONTH)} 11 alle 5 5` })).toBeVisible();

  // One site in the charts: Malmitalo's month has one answer count, 5 bad faces.
  await page.getByLabel('Kaavioiden toimipisteet').selectOption({ label: 'Malmitalo' });
  await expect(sessions.getByRole('row', { name: `${finnishMonth(LAST_MONTH)} 7` })).toBeVisible();
  await expect(feedback.getByRole('row', { name: `${finnishMonth(LAST_MONTH)} 0 0 5` })).toBeVisible();
  await expectNoViolations(page, 'charts with their tables open');
  await context.close();
});

test('one site\'s month in detail reads "fewer than 5" aloud where the count arrived as "<5"', async ({ browser, city }) => {
  await withFigures(city);
  const { context, page } = await openDashboard(browser, city, { width: 1366, height: 768 });
  await signIn(page);

  const breakdown = page.locator('#breakdown');
  await expect(breakdown.getByLabel('Toimipiste')).toHaveValue('kallio');
  // The latest month with figures first: this month has sessions but no breakdown yet.
  await expect(breakdown.getByRole('heading', { name: `Kallion kirjasto, ${finnishMonth(THIS_MONTH)}`, level: 3 })).toBeVisible();
  await expect(breakdown.getByText('Ei kirjauksia.').first()).toBeVisible();

  const month = breakdown.getByLabel('Kuukausi', { exact: true });
  await month.focus();
  await page.keyboard.press('ArrowDown');
  await expect(breakdown.getByRole('heading', { name: `Kallion kirjasto, ${finnishMonth(LAST_MONTH)}`, level: 3 })).toBeVisible();
  await expect(breakdown.getByRole('table', { name: 'Valitut kielet' }).getByRole('row', { name: 'Suomi 15' })).toBeVisible();
  const somali = breakdown.getByRole('table', { name: 'Valitut kielet' }).getByRole('row', { name: 'Somali alle 5' });
  await expect(somali).toBeVisible();
  await expect(somali.getByRole('cell')).toContainText('<5');
  await expect(breakdown.getByRole('table', { name: 'Miten istunnot päättyivät' }).getByRole('row', { name: 'Aika loppui 12' })).toBeVisible();
  await expect(breakdown.getByRole('table', { name: 'Palaute' }).getByRole('row', { name: 'Kohtalainen alle 5' })).toBeVisible();
  await expect(breakdown.getByRole('term').filter({ hasText: 'Käytetyt minuutit' })).toBeVisible();
  await expect(breakdown.getByRole('definition').filter({ hasText: '900' })).toBeVisible();
  // Help on the screen: the average wait, the minutes shown, and how the calls ended ("<5" read aloud as such).
  await expect(breakdown.locator('.counts__item', { hasText: 'Apu näytöllä: odotus vastaukseen keskimäärin' }).getByRole('definition')).toHaveText('2,0 min');
  await expect(breakdown.locator('.counts__item', { hasText: 'Apu näytöllä: sivua näytetty yhteensä' }).getByRole('definition')).toHaveText('50,0 min');
  await expect(breakdown.getByRole('table', { name: 'Aika avunpyynnöstä näytölle neuvojan vastaukseen' }).getByRole('row', { name: '1–2 min 6' })).toBeVisible();
  await expect(breakdown.getByRole('table', { name: 'Miten apu näytöllä päättyi' }).getByRole('row', { name: 'Asukas lopetti jakamisen alle 5' })).toBeVisible();
  await expectNoViolations(page, 'breakdown');
  await screenshot(page, 'city-breakdown');
  await page.setViewportSize({ width: 320, height: 800 });
  await breakdown.locator('.counts').scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await screenshot(page, 'city-breakdown-320');
  await context.close();
});

test('the CSV download has the figures, with a BOM and the separators of the chosen decimal mark', async ({ browser, city }) => {
  await withFigures(city);
  const { context, page } = await openDashboard(browser, city);
  await signIn(page);

  const download = async () => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lataa CSV' }).click()]);
    return readFileSync(await file.path(), 'utf8');
  };

  await expect(page.getByRole('radio', { name: 'Desimaalipilkku (suomenkielinen Excel)' })).toBeChecked();
  const comma = await download();
  expect(comma.startsWith('\uFEFF')).toBe(true);
  const commaLines = comma.slice(1).trimEnd().split('\r\n');
  expect(commaLines[0]!.split(';').length).toBeGreaterThan(5);
  expect(commaLines).toContain(`kallio;Kallion kirjasto;${LAST_MONTH};20;900;3;1;0;6;2,0;50,0;45,0;11;<5;`);
  expect(commaLines).toContain(`malmi;Malmitalo;${LAST_MONTH};7;210;0;0;0;0;;0,0;30,0;;;5`);

  await page.getByRole('radio', { name: 'Desimaalipiste (englanninkielinen Excel ja muut ohjelmat)' }).check();
  const point = await download();
  expect(point.startsWith('\uFEFF')).toBe(true);
  expect(point.slice(1).split('\r\n')).toContain(`kallio,Kallion kirjasto,${LAST_MONTH},20,900,3,1,0,6,2.0,50.0,45.0,11,<5,`);
  await context.close();
});

test('a city with no figures yet says so; keyboard users skip to the content, and on a phone the table scrolls in its own box', async ({ browser, city }) => {
  const { context, page } = await openDashboard(browser, city, { width: 360, height: 780 });
  await signIn(page);
  await expect(page.getByText('Lukuja ei ole vielä: toimipisteet lähettävät ne ensimmäisen synkronoinnin jälkeen.')).toBeVisible();
  await expectNoViolations(page, 'empty dashboard');

  await withFigures(city);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Käyttöluvut', level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Siirry sisältöön' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // The page itself never scrolls sideways; the table does, and can be reached with Tab to scroll it.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const region = page.getByRole('region', { name: 'Istunnot toimipisteittäin ja kuukausittain' });
  await region.focus();
  await expect(region).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => region.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  await expectNoViolations(page, 'dashboard on a phone');

  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page.getByText('Olet kirjautunut ulos.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään', level: 1 })).toBeVisible();
  await context.close();
});
