import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openKiosk, chooseLanguage, enterCode, enterWrongCode, screenshot, MINUTE, type Kiosk } from './fixtures';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

async function startSession(page: Page, kiosk: Kiosk, minutes = 30) {
  const booking = await kiosk.addBooking(0, minutes);
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer')).toBeVisible();
  return booking;
}

test('every kiosk screen has no WCAG 2.2 AA violations (axe-core)', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await expectNoViolations(page, 'welcome (fi)');
  await enterCode(page, '111111');
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoViolations(page, 'welcome with a wrong code');
  await page.getByRole('button', { name: 'Yksityisyys' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoViolations(page, 'privacy notice');
  await page.getByRole('button', { name: 'Sulje' }).click();

  const booking = await startSession(page, kiosk, 12);
  await expectNoViolations(page, 'session start page');
  await page.locator('.tile').first().click();
  await expectNoViolations(page, 'session with a service open');
  await page.getByRole('button', { name: 'Lopeta istunto' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoViolations(page, 'end confirmation');
  await page.getByRole('button', { name: 'Ei, jatka' }).click();

  await kiosk.useUntil(booking.endsAt, 10);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await expectNoViolations(page, 'warning');
  await page.getByRole('button', { name: 'Jatka' }).click();

  await kiosk.slowWipe(300);
  await page.getByRole('button', { name: 'Lopeta istunto' }).click();
  await page.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
  await expect(page.getByText('Tietojasi poistetaan tältä tietokoneelta…')).toBeVisible();
  await expectNoViolations(page, 'ending and wiping');
  await expect(page.getByRole('heading', { name: 'Miten meni?' })).toBeVisible({ timeout: 10_000 });
  await expectNoViolations(page, 'feedback');
});

test('"Are you still there?", the throttled welcome and the out-of-service screen pass axe too', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  for (let i = 0; i < 5; i++) await enterWrongCode(page, `99999${i}`);
  await expect(page.getByRole('alert').filter({ hasText: 'Too many wrong codes' })).toBeVisible();
  await expectNoViolations(page, 'throttled welcome');
  await kiosk.advance(61_000);

  await startSession(page, kiosk, 60);
  await kiosk.advance(5 * MINUTE);
  await expect(page.getByRole('alertdialog', { name: 'Are you still there?' })).toBeVisible();
  await expectNoViolations(page, 'are you still there');
  await page.getByRole('button', { name: "I'm still here" }).click();

  await kiosk.failWipe('probe');
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/out of service|poissa käytöstä/);
  await expectNoViolations(page, 'out of service');
});

test('the right-to-left and long-string test locales pass axe', async ({ page, kiosk }) => {
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'RTL pseudo');
  await expectNoViolations(page, 'welcome (ar-XB)');
  await screenshot(page, 'welcome-rtl');
  await startSession(page, kiosk);
  await expectNoViolations(page, 'session (ar-XB)');
  await screenshot(page, 'session-rtl');
});

test('keyboard only: check in, use the session, end it and skip the feedback', async ({ page, kiosk }) => {
  const booking = await kiosk.addBooking(0, 30);
  await openKiosk(page, kiosk);
  const tabTo = async (describe: string, matches: () => Promise<boolean>) => {
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await matches()) return;
    }
    throw new Error(`Tab never reached ${describe}`);
  };
  const focusedName = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  await tabTo('the language button', async () => (await focusedName()).startsWith('Kieli: Suomi'));
  await page.keyboard.press('Enter');
  await tabTo('English', async () => (await focusedName()) === 'English');
  await page.keyboard.press('Enter');
  await tabTo('the code field', async () => (await focusedId()) === 'booking-code');
  await page.keyboard.type(booking.code);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();

  await tabTo('a service tile', async () => (await focusedName()).startsWith('Kela'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Kela is open' })).toBeVisible();
  await tabTo('End session', async () => (await focusedName()) === 'End session');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'End the session?' })).toBeVisible();
  await expect.poll(focusedName).toBe('No, continue');
  await page.keyboard.press('Tab');
  await expect.poll(focusedName).toBe('Yes, end now');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'How did it go?' })).toBeVisible();
  await tabTo('Skip', async () => (await focusedName()) === 'Skip');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
});

for (const { name, width, height, size } of [
  { name: '320px', width: 320, height: 640, size: 'Normaali teksti' },
  { name: '200-percent-text', width: 1280, height: 900, size: 'Suurin teksti' },
  { name: '320px-200-percent-text', width: 320, height: 640, size: 'Suurin teksti' },
]) {
  test(`at ${name} nothing needs sideways scrolling and focus is never hidden behind the session bar`, async ({ page, kiosk }) => {
    await page.setViewportSize({ width, height });
    await openKiosk(page, kiosk);
    await page.getByRole('button', { name: size }).click();
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
    expect(await noSideways(), 'welcome reflows').toBe(true);
    await screenshot(page, `welcome-${name}`);

    await startSession(page, kiosk);
    expect(await noSideways(), 'session reflows').toBe(true);
    await screenshot(page, `session-${name}`);

    // Walk the whole session screen with Tab: nothing focused may sit under the bar.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const check = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const bar = document.querySelector('.session-bar');
        if (!el || !bar || el === document.body) return { key: 'body', hidden: false };
        if (bar.contains(el)) return { key: el.outerHTML.slice(0, 80), hidden: false };
        const r = el.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return { key: el.outerHTML.slice(0, 80), hidden: r.top < b.bottom - 1 && r.bottom > b.top };
      });
      expect(check.hidden, `focused element under the bar: ${check.key}`).toBe(false);
      if (seen.has(check.key) && seen.size > 3) break;
      seen.add(check.key);
    }
    expect(seen.size).toBeGreaterThan(5);
  });
}
