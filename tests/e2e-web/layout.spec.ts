import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openKiosk, chooseLanguage, enterCode, screenshot, MINUTE, type Kiosk } from './fixtures';

/*
 * The kiosk's layout at the sizes it is used at: room PCs' screens
 * (1920×1080, 1366×768, 1280×720) at normal and at the largest text, and a
 * phone-sized 320 px window for reflow. The promises tested: the check-in
 * button and the other ways to get the PC are in view without scrolling on
 * a room PC; the session bar is one line of at most a stated share of the
 * screen, with the time left and "Ask for help" always in view; nothing
 * scrolls sideways and no word breaks in the middle; and "Ask for help"
 * works while any dialog is up.
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** The session bar's height at most this share of the window's: one line of controls. */
const BAR_SHARE = { roomPc: 0.15, narrow: 0.2, narrowLargest: 0.3 };
/** With its menu open (the page tools as a second row, with their words) the bar may take up to this share, until it is closed. */
const OPEN_MENU_SHARE = 0.45;

const ROOM_PCS = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

async function expectInView(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const view = page.viewportSize()!;
  expect(box, `${what} is drawn`).not.toBeNull();
  expect(
    { top: box!.y >= 0, bottom: box!.y + box!.height <= view.height, start: box!.x >= 0, end: box!.x + box!.width <= view.width },
    `${what} at ${JSON.stringify(box)} inside ${view.width}×${view.height}`,
  ).toEqual({ top: true, bottom: true, start: true, end: true });
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

/** Every word on screen split over two lines (wider than its box, or hyphenated by the browser); a break after a written hyphen is a break between words. */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // Text kept for screen readers only sits in a 1 px box: not on screen.
      if (!parent || parent.getBoundingClientRect().width <= 2 || getComputedStyle(parent).visibility === 'hidden') continue;
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[^\s\-‐]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = [...range.getClientRects()].filter((r) => r.width > 0).sort((a, b) => a.top - b.top);
        if (lines.some((r, i) => i > 0 && r.top >= lines[i - 1]!.bottom - 2)) broken.push(match[0]);
      }
    }
    return broken;
  });
}

async function startSession(page: Page, kiosk: Kiosk, minutes = 30) {
  const booking = await kiosk.addBooking(0, minutes);
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer')).toBeVisible();
  return booking;
}

async function expectBar(page: Page, share: number, what: string) {
  const bar = page.getByRole('banner', { name: 'Istunto' });
  const box = (await bar.boundingBox())!;
  const view = page.viewportSize()!;
  expect(box.height / view.height, `${what}: the bar is ${box.height} px of ${view.height}`).toBeLessThanOrEqual(share);
  await expectInView(page, page.getByRole('timer'), `${what}: the time left`);
  await expectInView(page, bar.getByRole('button', { name: 'Pyydä apua', exact: true }), `${what}: "Ask for help"`);
}

for (const { width, height } of ROOM_PCS) {
  for (const size of ['Normaali teksti', 'Suurin teksti'] as const) {
    const name = `${width}x${height}${size === 'Suurin teksti' ? '-200-percent-text' : ''}`;
    test(`on a ${name} room PC the check-in button, "Start now" and the time left are in view without scrolling`, async ({ page, kiosk }) => {
      await page.setViewportSize({ width, height });
      await openKiosk(page, kiosk);
      await page.getByRole('button', { name: size }).click();
      if (size === 'Suurin teksti') await expect(page.locator('html')).toHaveCSS('font-size', '32px');
      await expectInView(page, page.getByRole('button', { name: 'Kirjaudu sisään', exact: true }), 'Check in');
      await expectInView(page, page.locator('#booking-code'), 'the code field');
      await expectInView(page, page.getByRole('button', { name: 'Aloita nyt', exact: true }), 'Start now');
      await expectInView(page, page.getByRole('button', { name: 'Pyydä apua', exact: true }), 'Ask for help');
      expect(await noSideways(page), 'welcome needs no sideways scrolling').toBe(true);
      expect(await brokenWords(page), 'words broken on the welcome screen').toEqual([]);
      await screenshot(page, `layout-welcome-${name}`);

      await startSession(page, kiosk);
      await expectBar(page, BAR_SHARE.roomPc, 'start page');
      await page.locator('.tile').first().click();
      await expect(page.getByTestId('web-area')).toBeVisible();
      await expectBar(page, BAR_SHARE.roomPc, 'a service open');
      expect(await noSideways(page), 'session needs no sideways scrolling').toBe(true);
      await screenshot(page, `layout-session-${name}`);
      // "End session" is on the bar, or behind its menu where the line is short.
      const end = page.getByRole('button', { name: 'Lopeta istunto' });
      if (!(await end.isVisible())) {
        await page.getByRole('button', { name: 'Valikko' }).click();
        await expectBar(page, OPEN_MENU_SHARE, 'the menu open');
        await screenshot(page, `layout-session-menu-${name}`);
      }
      await end.click();
      await expect(page.getByRole('dialog', { name: 'Lopetetaanko istunto?' })).toBeVisible();
    });
  }
}

for (const { name, size, share } of [
  { name: '320px', size: 'Normaali teksti', share: BAR_SHARE.narrow },
  { name: '320px-200-percent-text', size: 'Suurin teksti', share: BAR_SHARE.narrowLargest },
]) {
  test(`at ${name} nothing scrolls sideways, no word breaks in the middle and the time left stays in view`, async ({ page, kiosk }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await openKiosk(page, kiosk);
    await page.getByRole('button', { name: size }).click();
    expect(await noSideways(page), 'welcome').toBe(true);
    expect(await brokenWords(page), 'words broken on the welcome screen').toEqual([]);
    await screenshot(page, `layout-welcome-${name}`);
    await page.locator('.language__toggle').click();
    await expect(page.getByRole('button', { name: 'Davvisámegiella', exact: true })).toBeVisible();
    expect(await noSideways(page), 'the language list').toBe(true);
    expect(await brokenWords(page), 'words broken in the language list').toEqual([]);
    await screenshot(page, `layout-languages-${name}`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Davvisámegiella', exact: true })).toBeHidden();
    await expect(page.locator('.language__toggle')).toBeFocused();

    await startSession(page, kiosk);
    expect(await noSideways(page), 'session').toBe(true);
    expect(await brokenWords(page), 'words broken on the start page').toEqual([]);
    await expectBar(page, share, 'start page');
    // The page scrolls beneath the bar; the time left does not scroll away.
    await page.locator('#main').evaluate((main) => main.scrollTo(0, main.scrollHeight));
    await page.locator('.tile').last().scrollIntoViewIfNeeded();
    await expectBar(page, share, 'start page scrolled to its end');
    await screenshot(page, `layout-session-${name}`);
    await page.getByRole('button', { name: 'Valikko' }).click();
    await expect(page.getByRole('button', { name: 'Lopeta istunto' })).toBeVisible();
    expect(await noSideways(page), 'the session menu').toBe(true);
    expect(await brokenWords(page), 'words broken in the session menu').toEqual([]);
    await screenshot(page, `layout-session-menu-${name}`);
  });
}

/** Presses the help button inside `dialog`; the help panel opens above it with the call sent, and is closed again. */
async function askForHelpFrom(page: Page, dialog: Locator, what: string, cancel = true) {
  await dialog.getByRole('button', { name: 'Ask for help', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Help' });
  await expect(panel, `help from ${what}`).toContainText('Your request has reached the advisor. Please wait here.');
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  if (cancel) {
    // Cancelled, so the next dialog's press has to make a call of its own.
    await panel.getByRole('button', { name: 'Cancel the request' }).click();
    await expect(panel).toBeHidden();
  }
}

test('"Ask for help" works while each dialog is up: "Are you still there?", the end confirmation, the warning and the feedback question', async ({ page, kiosk }) => {
  test.slow(); // four dialogs, two axe runs and the help calls: a long walk on a busy machine
  await page.setViewportSize({ width: 1366, height: 768 });
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  const booking = await startSession(page, kiosk, 30);

  await kiosk.advance(5 * MINUTE);
  const idle = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await expect(idle).toBeVisible();
  // Asking for help answers "Are you still there?": somebody is.
  await askForHelpFrom(page, idle, '"Are you still there?"');
  await expect(idle).toBeHidden();
  expect((await kiosk.status()).phase).toBe('active');

  await page.getByRole('button', { name: 'End session' }).click();
  const confirm = page.getByRole('dialog', { name: 'End the session?' });
  await expect(confirm).toBeVisible();
  await askForHelpFrom(page, confirm, 'the end confirmation');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'No, continue' }).click();

  await kiosk.useUntil(booking.endsAt, 10);
  const warning = page.getByRole('alertdialog', { name: '10 minutes left' });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: 'Ask for help', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Help' });
  await expect(panel).toContainText('Your request has reached the advisor. Please wait here.');
  await expectNoViolations(page, 'the help panel over the warning');
  await screenshot(page, 'layout-help-over-warning');
  // Closing the panel goes back to the warning, to the button that opened it; the call stands.
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Ask for help', exact: true })).toBeFocused();
  await expect(warning).toContainText('Help requested');
  await askForHelpFrom(page, warning, 'the warning, with the call already sent');
  await warning.getByRole('button', { name: 'Continue' }).click();

  await page.getByRole('button', { name: 'End session' }).click();
  await confirm.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('heading', { name: 'How did it go?' })).toBeVisible({ timeout: 10_000 });
  await askForHelpFrom(page, page.locator('body'), 'the feedback question', false);
  await expectNoViolations(page, 'the help panel over the feedback question');
});

test('keyboard order: the top bar, then the code, "Check in", the keypad and the other actions; in a session the bar, then the page', async ({ page, kiosk }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  const stops: string[] = [];
  const name = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.id === 'booking-code' ? 'code' : (el?.getAttribute('aria-label') ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 11; i++) {
    await page.keyboard.press('Tab');
    stops.push(await name());
  }
  // (Each name as its text reads, the icon's glyph first.)
  expect(stops).toEqual(['Language: English▾', 'ANormal text', 'A+Larger text', 'A++Largest text', '?Ask for help', 'code', 'Check in', '1', '2', '3', '4']);
  for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Start now' })).toBeFocused();

  await startSession(page, kiosk);
  await page.locator('.tile').first().click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const bar: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    bar.push(await name());
  }
  // "Back" is disabled on a fresh page, so it is skipped.
  expect(bar).toEqual(['↻Reload page', '⌂Start page', 'Zoom out', 'Zoom in', 'End session', '?Ask for help']);
});

test('at the largest text on 1280×720 the session menu and the language list pass axe and close with Escape', async ({ page, kiosk }) => {
  test.slow();
  await page.setViewportSize({ width: 1280, height: 720 });
  await openKiosk(page, kiosk);
  await page.getByRole('button', { name: 'Suurin teksti' }).click();
  await page.locator('.language__toggle').click();
  await expect(page.locator('.language__toggle')).toHaveAttribute('aria-expanded', 'true');
  await expectNoViolations(page, 'the language list open');
  await page.keyboard.press('Escape');
  await expect(page.locator('.language__toggle')).toHaveAttribute('aria-expanded', 'false');

  await startSession(page, kiosk);
  await page.locator('.tile').first().click();
  const menu = page.getByRole('button', { name: 'Valikko' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Aloitussivu' })).toBeVisible();
  await expectNoViolations(page, 'the session menu open');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(menu).toBeFocused();
  await expect(page.getByRole('button', { name: 'Aloitussivu' })).toBeHidden();
});
