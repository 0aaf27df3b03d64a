import type { Page } from '@playwright/test';
import { WIPE_PLAN } from '../../main/core/wipe-plan';
import { test, expect, openKiosk, chooseLanguage, enterCode, MINUTE, type Kiosk } from './fixtures';

async function checkInEnglish(page: Page, kiosk: Kiosk, minutes = 30) {
  const booking = await kiosk.addBooking(0, minutes);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  return booking;
}

test('warnings come at 10, 5 and 1 minutes and each is announced to screen readers', async ({ page, kiosk }) => {
  const booking = await checkInEnglish(page, kiosk, 12);
  const announcer = page.getByTestId('announcer');
  await expect(announcer).toHaveText('');
  const until = (minutesBefore: number) => kiosk.useUntil(booking.endsAt, minutesBefore);

  await until(10);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading', { name: '10 minutes left' })).toBeVisible();
  await expect(announcer).toHaveText(/^10 minutes left\. Your session ends at \d\d:\d\d\.$/);
  await expect(announcer).toHaveAttribute('role', 'status');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toBeHidden();

  await until(5);
  await expect(page.getByRole('alertdialog').getByRole('heading', { name: '5 minutes left' })).toBeVisible();
  await expect(announcer).toHaveText(/^5 minutes left\./);
  await page.getByRole('button', { name: 'Continue' }).click();

  await until(1);
  await expect(page.getByRole('alertdialog').getByRole('heading', { name: '1 minute left' })).toBeVisible();
  await expect(page.getByRole('alertdialog')).toContainText('When the time ends, everything on this computer is cleared.');
  await expect(announcer).toHaveText(/^1 minute left\./);
});

test('the session ends at the slot\'s end, the wipe runs and the welcome screen returns', async ({ page, kiosk }) => {
  const booking = await checkInEnglish(page, kiosk, 15);
  await kiosk.slowWipe(150);
  await kiosk.useUntil(booking.endsAt, 0);
  await expect(page.getByRole('heading', { name: 'Your time is up' })).toBeVisible();
  await expect(page.getByText('Clearing your information from this computer…')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'How did it go?' })).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();

  const status = await kiosk.status();
  const session = status.sessions[0]!;
  expect(session.endReason).toBe('time-up');
  expect(session.receipt?.ok).toBe(true);
  expect(session.receipt?.steps.map((s) => s.step)).toEqual([...WIPE_PLAN]);
  const ended = status.events.find((e) => e.event.type === 'session-ended')!;
  expect(ended.event).toEqual({ type: 'session-ended', kind: 'booked', language: 'en', minutes: 15, reason: 'time-up' });
});

test('the resident ends the session, after confirming', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk);
  await page.getByRole('button', { name: 'End session' }).click();
  const confirm = page.getByRole('dialog', { name: 'End the session?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'No, continue' }).click();
  await expect(confirm).toBeHidden();
  expect((await kiosk.status()).phase).toBe('active');

  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('heading', { name: 'How did it go?' })).toBeVisible();
  await expect(page.getByText('Session ended. Everything has been cleared.')).toBeVisible();
  expect((await kiosk.status()).sessions[0]!.endReason).toBe('resident');
});

test('an idle session asks "Are you still there?" and ends when nobody answers', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk, 60);
  await kiosk.advance(5 * MINUTE);
  const prompt = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText(/The session ends in (29|30) seconds/);
  await prompt.getByRole('button', { name: "I'm still here" }).click();
  await expect(prompt).toBeHidden();
  expect((await kiosk.status()).phase).toBe('active');

  await kiosk.advance(5 * MINUTE);
  await expect(prompt).toBeVisible();
  await kiosk.advance(31_000);
  await expect(page.getByRole('heading', { name: 'The session ended because the computer was not used' }).or(page.getByRole('heading', { name: 'How did it go?' }))).toBeVisible();
  await expect.poll(async () => (await kiosk.status()).sessions[0]?.endReason).toBe('idle');
});

test('a video call pauses the idle timer', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk, 60);
  await kiosk.media(true);
  await kiosk.advance(20 * MINUTE);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toHaveCount(0);
  expect((await kiosk.status()).phase).toBe('active');
  await kiosk.media(false);
  await kiosk.advance(5 * MINUTE);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
});

test('one tap of feedback is recorded without anything else, and thanked', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk);
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('button', { name: 'Good' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'OK', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Bad' })).toBeVisible();
  await page.getByRole('button', { name: 'Good' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kiitos vastauksestasi!' })).toBeVisible();
  const events = (await kiosk.status()).events.map((e) => e.event);
  expect(events.at(-1)).toEqual({ type: 'feedback', score: 'good' });
});

test('the feedback question goes away by itself', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk);
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('heading', { name: 'How did it go?' })).toBeVisible();
  await kiosk.advance(31_000);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
});

test('more time can be added at a warning when the next slot is free', async ({ page, kiosk }) => {
  const booking = await checkInEnglish(page, kiosk, 12);
  await kiosk.useUntil(booking.endsAt, 10);
  await page.getByRole('button', { name: 'Add 15 minutes' }).click();
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page.getByRole('timer', { name: 'Time left' })).toContainText(/2[45]:\d\d/);
  await expect(page.getByTestId('announcer')).toHaveText(/More time added\. Your session now ends at \d\d:\d\d\./);
});

test('no more time is offered when the PC is booked after the session', async ({ page, kiosk }) => {
  const booking = await checkInEnglish(page, kiosk, 12);
  await kiosk.addBooking(12, 30);
  await kiosk.useUntil(booking.endsAt, 10);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expect(page.getByRole('button', { name: /Add \d+ minutes/ })).toHaveCount(0);
});

test('service tiles open, the Start page button returns, and the page zoom changes', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk);
  await page.getByRole('button', { name: /^Kela/ }).click();
  await expect(page.getByRole('heading', { name: 'Kela is open' })).toBeVisible();
  await page.getByRole('button', { name: 'Start page' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a service' })).toBeVisible();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByRole('group', { name: 'Page zoom' })).toContainText('125 %');
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect(page.getByRole('group', { name: 'Page zoom' })).toContainText('75 %');
});

test('a wipe that fails takes the PC out of service', async ({ page, kiosk }) => {
  await checkInEnglish(page, kiosk);
  await kiosk.failWipe('clear-cache');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('heading', { name: 'Tämä tietokone on poissa käytöstä' }).or(page.getByRole('heading', { name: 'This computer is out of service' }))).toBeVisible();
  const receipt = (await kiosk.status()).sessions[0]!.receipt!;
  expect(receipt.ok).toBe(false);
  expect(receipt.steps.find((s) => s.step === 'clear-cache')!.ok).toBe(false);
  expect(receipt.steps).toHaveLength(11);
});

test('a wall clock moved back does not make the session longer', async ({ page, kiosk }) => {
  const booking = await checkInEnglish(page, kiosk, 10);
  await kiosk.jumpWall(-60 * MINUTE);
  await expect(page.getByRole('timer', { name: 'Time left' })).toContainText(/^.*(9|10):\d\d/);
  await kiosk.use(booking.endsAt - booking.startsAt);
  await expect(page.getByRole('heading', { name: 'How did it go?' }).or(page.getByRole('heading', { name: 'Your time is up' }))).toBeVisible();
});
