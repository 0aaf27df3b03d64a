import AxeBuilder from '@axe-core/playwright';
import { request as apiRequest, type Browser, type Page } from '@playwright/test';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { BOARD_FEED_VERSION, type BoardPc, type BoardView } from '../../preload/board-contract';
import { chooseLanguage, expect, openKiosk, screenshot, test, type Kiosk } from './fixtures';
import { advisorAccess, WCAG_TAGS, ZONE } from './advisor-page';

/**
 * The lobby's status board (https://<hub>/board/) in Chromium against the
 * real preview: its hub, its two demo PCs, the feed over the hub's
 * WebSocket. Read from across a room, so: no scrolling at the room
 * screens' sizes, and axe on it.
 */

// Each test starts a preview with two PCs and its hub (10-25 s on a loaded machine) before the board does anything.
test.describe.configure({ timeout: 120_000 });

function boardUrl(kiosk: Kiosk): string {
  const url = /^status board: (\S+)/m.exec(kiosk.preview.output())?.[1];
  if (!url) throw new Error(`the preview printed no status board address:\n${kiosk.preview.output()}`);
  return url;
}

async function openBoard(browser: Browser, kiosk: Kiosk, viewport = { width: 1366, height: 768 }): Promise<Page> {
  // The hub's certificate is signed by the site's own CA, which this browser does not know (docs/site-hub.md).
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE, viewport });
  const page = await context.newPage();
  await page.goto(boardUrl(kiosk));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Raatipirtti');
  return page;
}

/** A PC's card in the list of PCs (Finnish: "Tietokoneet"); "Tietokone 1" is not "Tietokone 10". */
const pcCards = (page: Page) => page.getByRole('region', { name: 'Tietokoneet' }).getByRole('listitem');
const pcCard = (page: Page, name: string) => pcCards(page).filter({ hasText: new RegExp(`${name}(?!\\d)`) });

async function noScrolling(page: Page) {
  const size = await page.evaluate(() => ({ height: document.documentElement.scrollHeight, width: document.documentElement.scrollWidth, inner: [innerWidth, innerHeight] }));
  expect(size.height).toBeLessThanOrEqual(size.inner[1]!);
  expect(size.width).toBeLessThanOrEqual(size.inner[0]!);
}

test('the board is live as a demo PC\'s session starts and ends, in Finnish, with nothing on it but PCs and times', async ({ twoPcs, browser, page }) => {
  const { first } = twoPcs;
  const board = await openBoard(browser, first);
  await expect(pcCard(board, 'Tietokone 1')).toContainText('Vapaa');
  await expect(pcCard(board, 'Tietokone 2')).toContainText('Vapaa');
  await expect(board.getByText('Avoinna', { exact: true })).toBeVisible();
  await expect(board.locator('time')).toHaveText(/^\d\d:\d\d$/);
  expect(await board.evaluate(() => document.documentElement.lang)).toBe('fi');

  // A walk-in on the first PC: in use until its end, at once.
  await openKiosk(page, first);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  await expect(pcCard(board, 'Tietokone 1')).toContainText(/Käytössä\s*klo \d\d:\d\d asti/);
  await expect(pcCard(board, 'Tietokone 2')).toContainText('Vapaa');
  await expect(board.getByRole('region', { name: 'Seuraavat vapaat ajat' })).toContainText(/Tietokone 1\s*klo \d\d:\d\d/);
  await screenshot(board, 'board-1366x768-in-use');
  const results = await new AxeBuilder({ page: board }).withTags(WCAG_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // It ends: free again once the PC is back on its welcome screen.
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(pcCard(board, 'Tietokone 1')).toContainText('Käytössä');
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(pcCard(board, 'Tietokone 1')).toContainText('Vapaa');

  // What reached the page: PC names and times, no codes, ids or addresses.
  const text = await board.locator('body').innerText();
  expect(text).not.toMatch(/\b\d{6}\b/);
  expect(text).not.toContain('demo-pc');
  await board.context().close();
});

test('ten PCs fit on the screen without scrolling at 1366x768 and 1920x1080, and the board flows at 320 px', async ({ twoPcs, browser }) => {
  const { first } = twoPcs;
  // Eight more PCs, paired the way IT pairs one (a code from the console); never connected, so out of service.
  const access = advisorAccess(first.preview.output());
  const hub = new URL(access.url).origin;
  const api = await apiRequest.newContext({ baseURL: hub, ignoreHTTPSErrors: true });
  const signIn = await api.post('/api/session', { data: { name: access.name, password: access.password } });
  expect(signIn.status()).toBe(200);
  const token = signIn.headers()['x-tupa-token']!;
  for (let n = 3; n <= 10; n++) {
    const code = (await (await api.post('/api/pairing-codes', { headers: { authorization: `Bearer ${token}` }, data: {} })).json()) as { code: string };
    const paired = await api.post('/api/pair', { data: { code: code.code, pcId: `lobby-pc-${n}`, name: `Tietokone ${n}`, room: n % 2 ? 'Olohuone' : 'Pikkuhuone', protocol: HUB_PROTOCOL_VERSION } });
    expect(paired.status()).toBe(200);
  }
  await api.dispose();

  const board = await openBoard(browser, first);
  await expect(pcCards(board)).toHaveCount(10);
  await expect(pcCard(board, 'Tietokone 10')).toContainText('Poissa käytöstä');
  await noScrolling(board);
  await screenshot(board, 'board-1366x768-ten-pcs');
  const results = await new AxeBuilder({ page: board }).withTags(WCAG_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await board.setViewportSize({ width: 1920, height: 1080 });
  await noScrolling(board);
  await screenshot(board, 'board-1920x1080-ten-pcs');

  // A phone's width: one column that scrolls down, never sideways, every PC there.
  await board.setViewportSize({ width: 320, height: 640 });
  const width = await board.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
  await expect(pcCard(board, 'Tietokone 10')).toBeVisible();
  await screenshot(board, 'board-320-ten-pcs');
  await board.context().close();
});

test('the board says plainly when the hub goes away, and comes back by itself', async ({ twoPcs, browser }) => {
  const { first } = twoPcs;
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE, viewport: { width: 1366, height: 768 } });
  const board = await context.newPage();
  // The feed passes through the test, which can cut it as a network would.
  let cut: (() => Promise<void>) | undefined;
  await board.routeWebSocket(/\/board\/events$/, (ws) => {
    const server = ws.connectToServer();
    cut = () => server.close();
  });
  await board.goto(boardUrl(first));
  await expect(pcCard(board, 'Tietokone 1')).toContainText('Vapaa');
  const lost = board.getByText('Yhteys katkesi. Yritetään uudelleen… Tiedot voivat olla vanhentuneita.');
  await expect(lost).toBeHidden();

  await cut!();
  await expect(lost).toBeVisible();
  // The page connects again by itself (after a second or so) and the notice goes.
  await expect(lost).toBeHidden({ timeout: 10_000 });
  await expect(pcCard(board, 'Tietokone 1')).toContainText('Vapaa');

  // The hub really stops: the notice stays while it is away.
  await first.preview.stop();
  await expect(lost).toBeVisible();
  await screenshot(board, 'board-1366x768-connection-lost');
  await context.close();
});

test('the board rotates through the policy\'s languages, the rotation can be stopped, and only the call list is live', async ({ twoPcs, browser }) => {
  const { first } = twoPcs;
  const access = advisorAccess(first.preview.output());
  const api = await apiRequest.newContext({ baseURL: new URL(access.url).origin, ignoreHTTPSErrors: true });
  const token = (await api.post('/api/session', { data: { name: access.name, password: access.password } })).headers()['x-tupa-token']!;
  const auth = { authorization: `Bearer ${token}` };
  const policy = (await (await api.get('/api/policy', { headers: auth })).json()) as Record<string, unknown>;
  const set = await api.put('/api/policy', { headers: auth, data: { ...policy, board: { languages: ['en', 'se'], rotateSeconds: 5 } } });
  expect(set.status()).toBe(200);
  await api.dispose();

  const board = await openBoard(browser, first);
  await expect(board.getByRole('heading', { name: 'Tietokoneet' })).toBeVisible();
  await expect(board.getByRole('heading', { name: 'Computers' })).toBeVisible({ timeout: 8_000 });
  expect(await board.evaluate(() => document.documentElement.lang)).toBe('en');
  await expect(board.getByRole('heading', { name: 'Dihtorat' })).toBeVisible({ timeout: 8_000 });
  expect(await board.evaluate(() => document.documentElement.lang)).toBe('se');

  // Nothing rotating is a live region; the call list is, politely.
  const live = await board.evaluate(() => [...document.querySelectorAll('[aria-live]')].map((e) => `${e.tagName.toLowerCase()}:${e.getAttribute('aria-live')}:${e.getAttribute('aria-relevant')}`));
  expect(live.sort()).toEqual(['div:polite:additions', 'ol:polite:additions']);
  await expect(board.locator('section.calls').getByRole('list')).toHaveAttribute('aria-live', 'polite');

  // Stopped by keyboard: it stays in the language it shows.
  // The one control on the page, reached with Tab, with a visible focus ring; stopped, the language stays.
  const control = board.getByRole('contentinfo').getByRole('button');
  await board.keyboard.press('Tab');
  await expect(control).toBeFocused();
  expect(await control.evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('solid');
  await expect(control).toHaveAttribute('aria-pressed', 'false');
  await board.keyboard.press('Enter');
  await expect(control).toHaveAttribute('aria-pressed', 'true');
  const stoppedIn = await board.evaluate(() => document.documentElement.lang);
  const heading = await board.getByRole('heading', { level: 2 }).first().innerText();
  await expect(control).toHaveText({ fi: 'Vaihda kieltä taas', en: 'Change language again', se: 'Molsso giela fas' }[stoppedIn]!);
  await board.waitForTimeout(6_000);
  expect(await board.evaluate(() => document.documentElement.lang)).toBe(stoppedIn);
  await expect(board.getByRole('heading', { level: 2 }).first()).toHaveText(heading);
  await board.context().close();
});

test('numbers called show in the largest type, each new one announced politely; every state fits at 1366x768', async ({ twoPcs, browser }) => {
  const { first } = twoPcs;
  // The queue is not part of the hub yet: the page gets a board with calls from the test, in the feed's own shape
  // (the feed itself, from a real hub, is the other tests' and tests/integration/hub-board.test.ts's).
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE, viewport: { width: 1366, height: 768 } });
  const board = await context.newPage();
  const now = Date.now();
  const MIN = 60_000;
  const states: BoardPc[] = [
    { name: 'Tietokone 1', room: 'Olohuone', state: 'free', until: now + 95 * MIN, nextFree: { from: now, until: now + 95 * MIN } },
    { name: 'Tietokone 2', room: 'Olohuone', state: 'in-use', until: now + 25 * MIN, nextFree: { from: now + 25 * MIN, until: now + 70 * MIN } },
    { name: 'Tietokone 3', room: 'Olohuone', state: 'booked', from: now + 10 * MIN, until: now + 70 * MIN, nextFree: { from: now + 70 * MIN } },
    { name: 'Tietokone 4', room: 'Pikkuhuone', state: 'out-of-service' },
    { name: 'Tietokone 5', room: 'Pikkuhuone', state: 'in-use', until: now + 50 * MIN, nextFree: { from: now + 50 * MIN, until: now + 24 * 60 * MIN } },
  ];
  const pcs = [...states, ...states.map((pc, i) => ({ ...pc, name: `Tietokone ${i + 6}` }))];
  const view = (calls: BoardView['calls']): BoardView => ({
    site: { name: 'Raatipirtti', timeZone: ZONE },
    languages: ['fi'],
    rotateSeconds: 15,
    now,
    opening: { open: true, closesAt: now + 8 * 60 * MIN },
    pcs,
    calls,
  });
  let send: ((board: BoardView) => void) | undefined;
  await board.routeWebSocket(/\/board\/events$/, (ws) => {
    send = (b) => ws.send(JSON.stringify({ type: 'board', version: BOARD_FEED_VERSION, board: b }));
  });
  await board.goto(boardUrl(first));
  await expect.poll(() => send !== undefined).toBe(true);
  send!(view([{ number: 'A-12', pcName: 'Tietokone 1', until: now + 3 * MIN }]));
  const calls = board.getByRole('region', { name: 'Vuoronumerot' }).getByRole('list');
  await expect(calls.getByRole('listitem')).toHaveText([/A-12\s*mene koneelle\s*Tietokone 1\s*\d\d:\d\d asti/]);
  await expect(calls).toHaveAttribute('aria-live', 'polite');
  send!(view([{ number: 'A-12', pcName: 'Tietokone 1', until: now + 3 * MIN }, { number: 'A-13', pcName: 'Tietokone 4', until: now + 3 * MIN }]));
  await expect(calls.getByRole('listitem')).toHaveCount(2);
  await expect(pcCard(board, 'Tietokone 3')).toContainText(/Varattu\s*klo \d\d:\d\d alkaen/);
  await expect(board.getByRole('region', { name: 'Seuraavat vapaat ajat' }).getByRole('listitem')).toHaveCount(5);
  await noScrolling(board);
  await screenshot(board, 'board-1366x768-every-state');
  const results = await new AxeBuilder({ page: board }).withTags(WCAG_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A message that is not the contract's is dropped; the page keeps what it had.
  send!({ ...view([]), pcs: [{ name: 'x', room: 'y', state: 'exploded' } as unknown as BoardPc] });
  await board.waitForTimeout(300);
  await expect(calls.getByRole('listitem')).toHaveCount(2);
  await context.close();
});
