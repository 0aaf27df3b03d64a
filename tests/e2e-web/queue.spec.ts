import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { chooseLanguage, expect, openKiosk, screenshot, test } from './fixtures';

/**
 * "Take a number" across the preview's two demo PCs on one hub: the second
 * PC booked now and the first in use, so no PC is free; a resident takes a
 * number at the second, the first frees, the number is called there (and
 * shown on the second) and started. Keyboard only, axe on each new screen,
 * 320 px and 200 % text.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

/** Presses Tab until the focused element is the button named `name`, then Enter: keyboard only. */
async function pressByKeyboard(page: Page, name: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.tagName === 'BUTTON' ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
    });
    if (focused === name) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`no button "${name}" reached with Tab`);
}

const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('a resident takes a number while no PC is free; a PC frees, the number is called there and started', async ({ twoPcs, page, context }) => {
  // Two kiosk pages and four axe scans on a small machine.
  test.slow();
  const { first, second } = twoPcs;
  await second.addBooking(0, 60);
  const other = await context.newPage();
  await openKiosk(other, second);
  await chooseLanguage(other, 'English');
  // The first PC is free: nobody is offered a number.
  await expect(other.getByRole('button', { name: 'Take a number' })).toHaveCount(0);

  await openKiosk(page, first);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();

  // No PC free: the second PC's welcome screen offers a number.
  await expect(other.getByRole('heading', { name: 'All computers are in use' })).toBeVisible();
  await expectNoViolations(other, 'welcome with "Take a number"');
  await pressByKeyboard(other, 'Take a number');
  await expect(other.getByRole('heading', { name: 'Your number' })).toBeFocused();
  await expect(other.getByText('A-1', { exact: true })).toBeVisible();
  await expect(other.getByText('You are next.')).toBeVisible();
  await expectNoViolations(other, 'the number taken');
  await screenshot(other, 'queue-ticket-1366');
  await pressByKeyboard(other, 'OK');
  await expect(other.getByRole('heading', { name: 'Your number' })).toHaveCount(0);
  await expect(other.getByText('1 number waiting')).toBeVisible();

  // The first PC's resident ends; its wipe done, the number is called there.
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  // The welcome screen is back in the site's language; this resident reads English.
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('heading', { name: 'Number A-1: this computer is yours' })).toBeVisible();
  await expect(page.getByText(/Time left to start: [23]:\d\d/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(0);
  await expectNoViolations(page, 'a number called to this PC');
  await screenshot(page, 'queue-called-here-1366');
  // Every other kiosk shows the call, in a polite live region.
  const banner = other.getByRole('status').filter({ hasText: 'Number A-1: go to' });
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('aria-live', 'polite');
  await expectNoViolations(other, 'a call shown on another kiosk');

  await pressByKeyboard(page, 'Start');
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  expect((await first.status()).phase).toBe('active');
  await expect(banner).toHaveCount(0);
});

test('the queue screens reflow at 320 px with 200 % text', async ({ twoPcs, page, context }) => {
  const { first, second } = twoPcs;
  await second.addBooking(0, 60);
  await openKiosk(page, first);
  await page.getByRole('button', { name: 'Aloita nyt' }).click();
  await expect(page.getByRole('timer')).toBeVisible();

  const other = await context.newPage();
  await other.setViewportSize({ width: 320, height: 640 });
  await openKiosk(other, second);
  await other.getByRole('button', { name: 'Suurin teksti' }).click();
  await expect(other.getByRole('button', { name: 'Ota vuoronumero' })).toBeVisible();
  expect(await noSideways(other), 'the offer reflows').toBe(true);
  await screenshot(other, 'queue-offer-320-200');
  await other.getByRole('button', { name: 'Ota vuoronumero' }).click();
  await expect(other.getByText('A-1', { exact: true })).toBeVisible();
  expect(await noSideways(other), 'the number reflows').toBe(true);
  await screenshot(other, 'queue-ticket-320-200');
  await other.getByRole('button', { name: 'OK' }).click();

  await page.setViewportSize({ width: 320, height: 640 });
  // At 320 px the session's tools are behind the bar's menu.
  await page.getByRole('button', { name: 'Valikko' }).click();
  await page.getByRole('button', { name: 'Lopeta istunto' }).click();
  await page.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
  await page.getByRole('button', { name: 'Ohita' }).click();
  await page.getByRole('button', { name: 'Suurin teksti' }).click();
  await expect(page.getByRole('heading', { name: 'Numero A-1: tämä tietokone on sinun' })).toBeVisible();
  expect(await noSideways(page), 'the call reflows').toBe(true);
  await screenshot(page, 'queue-called-here-320-200');
  await expect(other.getByText('Numero A-1: mene koneelle')).toBeVisible();
  expect(await noSideways(other), 'the banner reflows').toBe(true);
  await screenshot(other, 'queue-banner-320-200');
});
