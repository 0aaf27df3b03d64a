import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DateTime } from 'luxon';
import { test, expect, openKiosk, chooseLanguage, enterCode, screenshot, MINUTE, type Kiosk } from './fixtures';

const ZONE = 'Europe/Helsinki';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** The same hours every day of the week. */
const daily = (ranges: Array<{ from: string; to: string }>) => ({ hours: Object.fromEntries(DAYS.map((d) => [d, ranges])), exceptions: [] as unknown[] });

/** Sets the site policy at the preview's embedded hub, which pushes it to the PC (the advisor's PUT /api/policy does the same). */
async function setPolicy(kiosk: Kiosk, patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${kiosk.preview.origin}/__test/policy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kiosk.preview.origin },
    body: JSON.stringify(patch),
  });
  expect(response.ok, await response.text()).toBe(true);
}

const clock = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).toFormat('HH:mm');

/** Closed today and every day, open tomorrow 09:00–17:00 (a dated exception): the same whatever the hour the test runs. */
async function closeUntilTomorrow(kiosk: Kiosk): Promise<number> {
  const tomorrow = DateTime.fromMillis((await kiosk.status()).now, { zone: ZONE }).plus({ days: 1 }).startOf('day');
  await setPolicy(kiosk, {
    openingHours: { ...daily([]), exceptions: [{ date: tomorrow.toFormat('yyyy-MM-dd'), hours: [{ from: '09:00', to: '17:00' }] }] },
    help: { phone: '029 123 4567', hours: daily([]).hours },
  });
  return tomorrow.set({ hour: 9 }).toMillis();
}

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

test('a walk-in ends at closing time, after warnings at 10, 5 and 1 minutes; then the PC says Closed', async ({ page, kiosk }) => {
  let now = (await kiosk.status()).now;
  // Closing must fall later today in the site's zone: past 23:00 the day is moved on first.
  if (DateTime.fromMillis(now, { zone: ZONE }).hour >= 23) now = (await kiosk.advance(DateTime.fromMillis(now, { zone: ZONE }).endOf('day').toMillis() - now + MINUTE)).now;
  const closesAt = DateTime.fromMillis(now, { zone: ZONE }).plus({ minutes: 31 }).startOf('minute').toMillis();
  await setPolicy(kiosk, { openingHours: daily([{ from: '00:00', to: clock(closesAt) }]) });

  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText(`Open today until ${clock(closesAt)}.`)).toBeVisible();
  // The walk-in (60 minutes at most) is cut to closing time.
  await expect(page.getByText(`This computer is free until ${clock(closesAt)}.`)).toBeVisible();
  await screenshot(page, 'opening-open-until-1366');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();

  for (const minutesBefore of [10, 5]) {
    await kiosk.useUntil(closesAt, minutesBefore);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.getByRole('heading', { name: `${minutesBefore} minutes left` })).toBeVisible();
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await expect(dialog).toBeHidden();
  }
  await kiosk.useUntil(closesAt, 1);
  await expect(page.getByRole('alertdialog').getByRole('heading', { name: '1 minute left' })).toBeVisible();
  await kiosk.useUntil(closesAt, 0);
  await expect(page.getByText('Your time is up. Everything has been cleared.')).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Skip' }).click();

  // Back at the welcome screen in Finnish: closed, opening again tomorrow at 00:00, nothing to start.
  await expect(page.getByRole('heading', { name: 'Suljettu' })).toBeVisible();
  await expect(page.locator('#booking-code')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Aloita nyt' })).toHaveCount(0);
  const status = await kiosk.status();
  const ended = status.events.find((e) => e.event.type === 'session-ended')!;
  expect(ended.event).toMatchObject({ kind: 'walk-in', reason: 'time-up' });
});

test('the Closed screen: when it opens, the phone number and help; keyboard, axe, 320 px and 200 % text', async ({ page, kiosk }) => {
  const opensAt = await closeUntilTomorrow(kiosk);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: '2-digit', month: '2-digit', timeZone: ZONE }).format(opensAt);
  await expect(page.getByRole('heading', { name: 'Closed' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Opens on ${day} at 09:00.` })).toBeVisible();
  await expect(page.getByText('You can call 029 123 4567.')).toBeVisible();
  await expect(page.getByText('The computer cannot be used while the centre is closed.')).toBeVisible();
  await expect(page.locator('#booking-code')).toHaveCount(0);
  await expectNoViolations(page, 'Closed (en)');
  await screenshot(page, 'opening-closed-1366');

  // Keyboard only: help is reached and opens.
  const help = page.getByRole('button', { name: 'Ask for help' });
  for (let i = 0; i < 30 && !(await help.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(help).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');

  // 320 px wide with the largest text: nothing scrolls sideways, the message stays whole.
  await page.getByRole('button', { name: 'Largest text' }).click();
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(page.getByRole('heading', { name: 'Closed' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoViolations(page, 'Closed at 320 px, largest text');
  await screenshot(page, 'opening-closed-320-largest');
});

test('a booking not checked in within the hold time frees the PC: "Free until …" and a walk-in starts', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText(/^Booked now: /)).toBeVisible();
  await expect(page.getByText('Sessions without a booking are not possible right now.')).toBeVisible();

  await kiosk.advance(10 * MINUTE);
  // Nothing else is booked: the walk-in may run its full hour.
  const until = (await kiosk.status()).now + 60 * MINUTE;
  await expect(page.getByText(/^This computer is free until \d\d:\d\d\.$/)).toBeVisible();
  await expect(page.getByText(/^Booked now: /)).toHaveCount(0);
  const shown = (await page.getByText(/^This computer is free until/).textContent())!.match(/(\d\d:\d\d)/)![1]!;
  expect([clock(until), clock(until - MINUTE)]).toContain(shown);
  expect(booking.endsAt).toBeGreaterThan((await kiosk.status()).now);
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  const started = (await kiosk.status()).events.find((e) => e.event.type === 'session-started')!;
  expect(started.event).toMatchObject({ kind: 'walk-in' });
});

test('the rest of a booking ended early is offered as a walk-in', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  await kiosk.use(3 * MINUTE);
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  await chooseLanguage(page, 'English');
  await expect(page.getByText(/^This computer is free until \d\d:\d\d\.$/)).toBeVisible();
  await expect(page.getByText(/^Booked now: /)).toHaveCount(0);
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  const kinds = (await kiosk.status()).events.filter((e) => e.event.type === 'session-started').map((e) => e.event.kind);
  expect(kinds).toEqual(['booked', 'walk-in']);
});

test('a change of opening hours at the hub closes both PCs of the site', async ({ twoPcs, page, context }) => {
  const { first, second } = twoPcs;
  await openKiosk(page, first);
  const other = await context.newPage();
  await openKiosk(other, second);
  await expect(page.getByRole('button', { name: 'Aloita nyt' })).toBeVisible();
  await closeUntilTomorrow(first);
  for (const p of [page, other]) {
    await expect(p.getByRole('heading', { name: 'Suljettu' })).toBeVisible();
    await expect(p.getByRole('button', { name: 'Aloita nyt' })).toHaveCount(0);
  }
});
