/**
 * 4-digit booking codes (issue 12 item 3), as Respa/Varaamo gives them: the
 * preview's test route makes the booking at the hub with its own code, the
 * hub sends the PC its hash and length, and the welcome screen asks for the
 * length its bookings have.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openKiosk, chooseLanguage, enterCode, enterWrongCode, screenshot, type AddedBooking, type Kiosk } from './fixtures';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

/** A booking with a code of its own (4 or 6 digits), made at the hub as an imported one would be. */
async function addBookingWithCode(kiosk: Kiosk, startsInMinutes: number, minutes: number, code?: string): Promise<AddedBooking> {
  const response = await fetch(`${kiosk.preview.origin}/__test/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kiosk.preview.origin },
    body: JSON.stringify({ startsInMinutes, minutes, ...(code === undefined ? {} : { code }) }),
  });
  if (!response.ok) throw new Error(`/__test/bookings: ${response.status} ${await response.text()}`);
  return (await response.json()) as AddedBooking;
}

async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

test('a 4-digit code with a leading zero checks in; the welcome screen asks for 4 digits, by keyboard and keypad', async ({ page, kiosk }) => {
  const booking = await addBookingWithCode(kiosk, 0, 60, '0427');
  expect(booking.code).toBe('0427');
  await openKiosk(page, kiosk);
  // Finnish first (the default), then English.
  await expect(page.locator('#booking-code-hint')).toHaveText('Kirjoita 4-numeroinen koodisi. Sait sen varauksen yhteydessä.');
  await chooseLanguage(page, 'English');
  const field = page.getByRole('textbox', { name: 'Booking code' });
  await expect(field).toHaveAccessibleDescription(/Type your 4-digit code/);
  await expect(field).toHaveAttribute('maxlength', '4');
  await expectNoViolations(page, 'welcome, 4-digit codes');
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'four-digit-welcome-1366');

  // The keypad stops at four digits.
  for (const d of ['0', '4', '2', '7', '1']) await page.getByRole('group', { name: 'Number keys' }).getByRole('button', { name: d, exact: true }).click();
  await expect(field).toHaveValue('0427');
  await page.getByRole('button', { name: 'Clear code' }).click();

  // Too short: the screen says how many digits.
  await enterCode(page, '042');
  await expect(page.getByRole('alert')).toHaveText('Enter all 4 digits of the code.');
  // A wrong 4-digit code counts as a wrong 6-digit one does; a 6-digit code where only 4-digit bookings are is cut to 4 and simply wrong.
  await enterWrongCode(page, '9999');
  await expect(page.getByRole('alert')).toContainText('4 tries left');
  await enterWrongCode(page, '123456');
  await expect(page.getByRole('alert')).toContainText('3 tries left');

  // By keyboard alone: the field, the code, Enter.
  await field.focus();
  await page.keyboard.type('0427');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  expect((await kiosk.status()).phase).toBe('active');
});

test('a PC with 4- and 6-digit bookings in their windows asks for 4 or 6 digits, at 320 px too', async ({ page, kiosk }) => {
  await addBookingWithCode(kiosk, -10, 15, '0815');
  const six = await addBookingWithCode(kiosk, 5, 30);
  expect(six.code).toMatch(/^\d{6}$/);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  const field = page.getByRole('textbox', { name: 'Booking code' });
  await expect(page.locator('#booking-code-hint')).toHaveText('Type your code: 4 or 6 digits. You got it when you booked.');
  await expect(field).toHaveAttribute('maxlength', '6');
  await enterCode(page, '08151');
  await expect(page.getByRole('alert')).toHaveText('Your code has 4 or 6 digits. Check the digits and try again.');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'welcome, 4 or 6 digits');

  await page.setViewportSize({ width: 320, height: 640 });
  await expect(page.locator('#booking-code-hint')).toBeVisible();
  // After the resize the layout settles (on a busy machine a frame or two later).
  await expect.poll(() => fitsWidth(page)).toBe(true);
  await screenshot(page, 'four-digit-either-320');
  await expectNoViolations(page, 'welcome, 4 or 6 digits, 320 px');

  await chooseLanguage(page, 'Svenska');
  await expect(page.locator('#booking-code-hint')).toHaveText('Skriv din kod: 4 eller 6 siffror. Du fick den när du bokade.');
  await enterCode(page, '0815');
  await expect(page.getByRole('timer')).toBeVisible();
});

test('the preview refuses a 5-digit code for a booking, saying why', async ({ kiosk }) => {
  await expect(addBookingWithCode(kiosk, 0, 30, '12345')).rejects.toThrow(/400.*4 or 6 digits/);
});
