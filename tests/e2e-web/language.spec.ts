import { test, expect, openKiosk, chooseLanguage, enterCode } from './fixtures';

test('the welcome screen is in Finnish first, and each language is named in itself', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tervetuloa');
  // Where the top bar is short, the languages are behind one button that names the current one.
  const toggle = page.getByRole('button', { name: 'Kieli: Suomi' });
  if (await toggle.isVisible()) {
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }
  const picker = page.getByRole('group', { name: 'Kieli' });
  for (const name of ['Suomi', 'Selkosuomi', 'Svenska', 'English', 'Davvisámegiella', 'Українська', 'Русский', 'العربية', 'Soomaali']) {
    await expect(picker.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(picker.getByRole('button', { name: 'Suomi', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('in English the controls have the names a screen reader user expects', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 30);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  // Every language on show, or (where the top bar is short) one button that names the current one.
  await expect(page.getByRole('group', { name: 'Language', exact: true }).or(page.getByRole('button', { name: 'Language: English', exact: true }))).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Booking code', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check in', exact: true })).toBeVisible();
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer', { name: 'Time left', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'End session', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'End session', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  for (const name of ['Good', 'OK', 'Bad', 'Skip']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
});

test('"Start now" has its English name when a walk-in is possible', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await expect(page.getByRole('button', { name: 'Start now', exact: true })).toBeVisible();
});

test('switching language changes the whole screen, and the next person starts in Finnish at normal size', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'Svenska');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen');
  await chooseLanguage(page, 'Davvisámegiella');
  await expect(page.locator('html')).toHaveAttribute('lang', 'se');
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Largest text' }).click();
  await expect(page.locator('html')).toHaveCSS('font-size', '32px');

  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('heading', { name: 'Choose a service' })).toBeVisible();
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tervetuloa');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.locator('html')).toHaveCSS('font-size', '16px');
  const events = (await kiosk.status()).events.map((e) => e.event);
  expect(events[0]).toEqual({ type: 'session-started', kind: 'walk-in', language: 'en' });
});

test('the right-to-left test locale mirrors the layout', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'RTL pseudo');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const where = await page.locator('.topbar__where').boundingBox();
  const tools = await page.locator('.topbar__tools').boundingBox();
  // In right-to-left the PC's name sits at the right-hand side.
  expect(where!.x).toBeGreaterThan(tools!.x);
});

test('the privacy notice is one tap away and closes again', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Privacy' }).click();
  const notice = page.getByRole('dialog', { name: 'Your privacy' });
  await expect(notice).toContainText('You do not need to give your name');
  // What is counted, for how long (the site's policy: 90 days by default) and what leaves the site.
  await expect(notice).toContainText('the original records are deleted after 90 days');
  await expect(notice).toContainText('any figure under 5 is sent as "fewer than 5"');
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect(notice).toBeHidden();
});
