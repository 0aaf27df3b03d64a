import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test, expect, openKiosk, chooseLanguage, enterCode, enterWrongCode, MINUTE } from './fixtures';

const ROOT = resolve(import.meta.dirname, '../..');

test('resident checks in with a code and sees the time left counting down', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText(/Booked now: \d\d:\d\d–\d\d:\d\d/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Booking code' }).fill(booking.code);
  await page.getByRole('button', { name: 'Check in' }).click();

  const timer = page.getByRole('timer', { name: 'Time left' });
  await expect(timer).toContainText(/59:\d\d|1:00:00/);
  const first = await timer.locator('.time-left__value').textContent();
  await expect.poll(async () => timer.locator('.time-left__value').textContent(), { timeout: 4000 }).not.toBe(first);
  await expect(page.getByRole('heading', { name: 'Choose a service' })).toBeVisible();
  const status = await kiosk.status();
  expect(status.phase).toBe('active');
  expect(status.events.map((e) => e.event.type)).toEqual(['session-started']);
  expect(status.events[0]!.event).toEqual({ type: 'session-started', kind: 'booked', language: 'en' });
});

test('a printed demo code checks in', async ({ page, demoKiosk }) => {
  const now = demoKiosk.preview.codes.find((c) => c.line.includes('(now'));
  expect(now, demoKiosk.preview.output()).toBeDefined();
  await openKiosk(page, demoKiosk);
  await enterCode(page, now!.code);
  // Long enough to be tried: about 20 minutes.
  await expect(page.getByRole('timer', { name: 'Aikaa jäljellä' }).locator('.time-left__value')).toHaveText(/^(19|20):\d\d$/);
});

test('a wrong code says so, clearly, and the resident stays on the welcome screen', async ({ page, kiosk }) => {
  await kiosk.addBooking(0, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, '000000');
  await expect(page.getByRole('alert').filter({ hasText: 'That code did not work' })).toContainText('4 tries left');
  await expect(page.getByRole('textbox', { name: 'Booking code' })).toHaveAttribute('aria-invalid', 'true');
  await enterCode(page, '123');
  await expect(page.getByRole('alert').filter({ hasText: 'Enter all 6 digits' })).toBeVisible();
  expect((await kiosk.status()).phase).toBe('welcome');
});

test('after five wrong codes within a minute the PC refuses codes for a minute and says so', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  for (let i = 0; i < 5; i++) await enterWrongCode(page, `00000${i}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Too many wrong codes' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Booking code' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Check in' })).toBeDisabled();

  // One time on the screen, right (a minute, not "67 seconds"), counting down live.
  const shown = page.locator('#booking-code-message .lockout');
  await expect(shown).toHaveText(/^Too many wrong codes\. Codes can be tried again in \W?(1:00|0:5\d)\W?\.$/);
  await expect(page.locator('#booking-code-message .countdown')).toHaveCount(0);
  const first = await shown.textContent();
  await expect.poll(() => shown.textContent(), { timeout: 3000 }).not.toBe(first);

  // Even the right code is refused while the lock lasts (checked at the core, not just the screen).
  await kiosk.advance(30_000);
  await expect(page.getByRole('button', { name: 'Check in' })).toBeDisabled();

  await kiosk.advance(31_000);
  await expect(page.getByRole('button', { name: 'Check in' })).toBeEnabled();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many wrong codes' })).toHaveCount(0);
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
});

test('a code used before its time says when it can be used', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(30, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await expect(page.getByRole('alert')).toContainText(/Your booking starts at \d\d:\d\d\. You can check in from \d\d:\d\d\./);
  await kiosk.advance(26 * MINUTE);
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
});

test('a code for another day says which day, in the resident\'s language', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(2 * 24 * 60, 60);
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: '2-digit', month: '2-digit', timeZone: 'Europe/Helsinki' }).format(Date.now() + 2 * 24 * 60 * MINUTE);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await expect(page.getByRole('alert')).toContainText(`Your booking is on ${day}, starting at`);
  await expect(page.getByRole('alert')).toContainText(/You can check in from \d\d:\d\d that day\./);
  await chooseLanguage(page, 'Suomi');
  await enterCode(page, booking.code);
  await expect(page.getByRole('alert')).toContainText(/Varauksesi on \S+ \d+\.\d+\. klo \d\d[.:]\d\d\. Voit kirjautua sisään sinä päivänä/);
});

test('a walk-in starts now when the PC is free and ends before the next booking', async ({ page, kiosk }) => {
  await kiosk.addBooking(40, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText(/This computer is free until \d\d:\d\d\./)).toBeVisible();
  await page.getByRole('button', { name: 'Start now' }).click();
  // The next booking's code works 5 minutes before it starts; the walk-in ends then.
  await expect(page.getByRole('timer', { name: 'Time left' })).toContainText(/3[45]:\d\d/);
  const status = await kiosk.status();
  expect(status.events.at(-1)!.event).toEqual({ type: 'session-started', kind: 'walk-in', language: 'en' });
});

test('no walk-in is offered while the PC is booked', async ({ page, kiosk }) => {
  await kiosk.addBooking(2, 60);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText('Sessions without a booking are not possible right now.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start now' })).toHaveCount(0);
});

test('a booking added with the command line appears on the welcome screen within a second', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByText('No other bookings coming up')).toBeVisible();
  const result = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/cli/main.ts',
      '--data-dir',
      kiosk.preview.dataDir,
      '--json',
      'bookings',
      'add',
      '--pc',
      'demo-pc-1',
      '--start',
      new Date(Date.now() + 3 * 60 * MINUTE).toISOString(),
      '--end',
      new Date(Date.now() + 4 * 60 * MINUTE).toISOString(),
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  const added = JSON.parse(result.stdout) as { code: string; start: string };
  expect(added.code).toMatch(/^\d{6}$/);
  const shown = Date.now();
  await expect(page.getByText(/Next booking: \d\d:\d\d–\d\d:\d\d/)).toBeVisible({ timeout: 1000 });
  expect(Date.now() - shown).toBeLessThan(1000);
  await expect(page.getByText(`Next booking: ${added.start.slice(11, 16)}`, { exact: false })).toBeVisible();
});
