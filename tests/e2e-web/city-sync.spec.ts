import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { chooseLanguage, expect, MINUTE, openKiosk, screenshot, test } from './fixtures';

/**
 * The whole way of the figures, as a new user tries it: a scripted morning
 * of walk-in sessions on the kiosk page (the real preview: kiosk core, the
 * site hub embedded in it, and the city receiver it starts), the hub counts
 * them and sends the site's totals to the city, and the coordinator's
 * dashboard and its CSV show exactly those sessions.
 */

const ZONE = 'Europe/Helsinki';

/** One walk-in of `minutes` in English, ended by the resident with a "Good" face. */
async function walkIn(page: Page, kiosk: Parameters<Parameters<typeof test>[2]>[0]['kiosk'], minutes: number): Promise<void> {
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Start now' }).click();
  await expect(page.getByRole('button', { name: 'End session' })).toBeVisible();
  await kiosk.use(minutes * MINUTE);
  await page.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('button', { name: 'Yes, end now' }).click();
  await page.getByRole('button', { name: 'Good' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a scripted morning on the kiosk reaches the coordinator\'s dashboard and CSV, exactly', async ({ page, kiosk, browser }) => {
  test.setTimeout(120_000);
  const out = kiosk.preview.output();
  const cityUrl = /^city: (\S+)$/m.exec(out)?.[1];
  const password = /^city sign-in: koordinaattori \/ (\S+)$/m.exec(out)?.[1];
  expect(cityUrl, out).toBeTruthy();
  expect(password, out).toBeTruthy();

  await openKiosk(page, kiosk);
  for (const minutes of [10, 25, 40]) await walkIn(page, kiosk, minutes);
  const started = (await kiosk.status()).events.filter((e) => e.event.type === 'session-started');
  expect(started).toHaveLength(3);

  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: ZONE });
  const city = await context.newPage();
  await city.goto(cityUrl!);
  await city.getByLabel('Nimi', { exact: true }).fill('koordinaattori');
  await city.getByLabel('Salasana', { exact: true }).fill(password!);
  await city.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(city.getByRole('heading', { name: 'Käyttöluvut', level: 1 })).toBeVisible();

  // The hub sends a few seconds after the last session ended: reload until this month has all of it.
  const row = city.locator('#table tr', { has: city.getByRole('rowheader', { name: /Raatipirtti/ }) }).getByRole('cell');
  const minutes = city.getByRole('button', { name: 'Käytetyt minuutit', exact: true });
  await expect(async () => {
    await city.reload();
    await minutes.click({ timeout: 2_000 });
    await expect(row.nth(11)).toHaveText('75', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await city.getByRole('button', { name: 'Istunnot', exact: true }).click();
  await expect(row.nth(11)).toHaveText('3');
  await screenshot(city, 'city-after-kiosk-sessions');

  const [file] = await Promise.all([city.waitForEvent('download'), city.getByRole('link', { name: 'Lataa CSV' }).click()]);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).format(Date.now()).slice(0, 7);
  // Three sessions of 10, 25 and 40 minutes (75, 25,0 on average), three "Good" faces sent as "<5".
  expect(csv.slice(1).split('\r\n')).toContain(`demo-site;Raatipirtti;${month};3;75;0;0;0;0;;0,0;25,0;<5;;`);
  await context.close();
});
