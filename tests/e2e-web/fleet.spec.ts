import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, Kiosk, openKiosk, screenshot, SCREENSHOT_DIR } from './fixtures';
import { expectNoViolations, expectPartClean, signIn, test as base } from './advisor-page';
import { startPreview } from '../support/preview-process';

/**
 * IT's fleet view in the console (issue 15; tests/e2e-web/advisor-page.ts
 * says how the console is reached): out of service with a reason the kiosk
 * page shows, the "Needs attention" filter, back in service, and the Logs
 * page showing and downloading lines. The preview's demo advisor is an administrator.
 */

/** The console's visible part only (the whole page is some 4 600 px tall). */
async function viewShot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

/* eslint-disable no-empty-pattern -- Playwright reads fixture dependencies from the destructuring */
/** The demo site with its second PC, so the filter has a PC that needs attention and one that does not. */
const test = base.extend<{ site: Kiosk }>({
  site: async ({}, use) => {
    const preview = await startPreview({ demo: true, secondPc: true });
    await use(new Kiosk(preview));
    await preview.stop();
  },
});
/* eslint-enable no-empty-pattern */

test('out of service with a reason on the kiosk, the "Needs attention" filter, back in service, and the Logs page', async ({ page, advisor, site }) => {
  test.setTimeout(150_000);
  await openKiosk(page, site);
  await signIn(advisor);
  const console_ = advisor.page;
  await console_.setViewportSize({ width: 1366, height: 768 });
  const card = (name: string) => console_.locator('.pc-card').filter({ has: console_.getByRole('heading', { name, level: 3 }) });
  const first = card('Tietokone 1');
  await expect(console_.locator('.pc-card')).toHaveCount(2);
  const filter = console_.getByRole('button', { name: /^Vaatii huomiota/ });
  await expect(filter).toHaveAttribute('aria-pressed', 'false');

  // Out of service: the reason is required, then shown on the kiosk as written, under a translated heading.
  await first.getByRole('button', { name: 'Poista käytöstä…' }).click();
  const dialog = console_.getByRole('alertdialog', { name: 'Poistetaanko Tietokone 1 käytöstä?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(dialog.getByText('Kirjoita ensin syy.')).toBeVisible();
  await dialog.getByLabel('Tietokoneella näytettävä syy').fill('Näyttö vaihdetaan, palaa klo 14');
  await expectPartClean(console_, ['dialog[open]'], 'out-of-service dialog');
  await dialog.getByRole('button', { name: 'Poista käytöstä' }).click();
  await expect(first.getByText('Poissa käytöstä (käynnissä olevan istunnon jälkeen, jos sellainen on).')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tämä tietokone on huollossa');
  await expect(page.getByText('Näyttö vaihdetaan, palaa klo 14')).toBeVisible();
  await expectNoViolations(page, 'kiosk out of service for maintenance');
  await page.setViewportSize({ width: 1366, height: 768 });
  await screenshot(page, 'fleet-kiosk-maintenance-1366x768');
  await page.setViewportSize({ width: 320, height: 640 });
  await screenshot(page, 'fleet-kiosk-maintenance-320px');

  // The board: why, and the filter shows only the PCs that need attention.
  await expect(first.getByText('Poissa käytöstä: ”Näyttö vaihdetaan, palaa klo 14”')).toBeVisible();
  await expect(first.getByText('Vaatii huomiota: poissa käytöstä')).toBeVisible();
  await expect(filter).toHaveText('Vaatii huomiota (1)');
  await filter.click();
  await expect(filter).toHaveAttribute('aria-pressed', 'true');
  await expect(console_.locator('.pc-card')).toHaveCount(1);
  await expect(card('Tietokone 2')).toHaveCount(0);
  await first.scrollIntoViewIfNeeded();
  await viewShot(console_, 'fleet-console-attention-1366x768');
  await console_.setViewportSize({ width: 320, height: 700 });
  await first.scrollIntoViewIfNeeded();
  await viewShot(console_, 'fleet-console-attention-320px');
  await console_.setViewportSize({ width: 1366, height: 768 });

  // Back in service: the kiosk's welcome again, nothing needs attention.
  await filter.click();
  await expect(console_.locator('.pc-card')).toHaveCount(2);
  await first.getByRole('button', { name: 'Palauta käyttöön' }).click();
  await expect(first.getByText('Palautettu käyttöön.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Tämä tietokone on huollossa');
  await expect(filter).toHaveText('Vaatii huomiota (0)');
  await filter.click();
  await expect(console_.getByText('Mikään tietokone ei vaadi huomiota.').first()).toBeVisible();
  await expect(console_.locator('.pc-card')).toHaveCount(0);

  // Logs: the hub's own, then a PC's, shown and downloaded as text.
  await console_.getByRole('link', { name: 'Lokit' }).click();
  const logs = console_.getByRole('region', { name: 'Lokit' });
  await logs.getByRole('button', { name: 'Näytä loki' }).click();
  const lines = logs.getByRole('region', { name: 'Lokirivit: Keskitin' });
  await expect(lines).toContainText('hub listening');
  await logs.getByLabel('Loki', { exact: true }).selectOption({ label: 'Tietokone 1' });
  await logs.getByRole('button', { name: 'Näytä loki' }).click();
  const pcLines = logs.getByRole('region', { name: 'Lokirivit: Tietokone 1' });
  await expect(pcLines).toContainText('out of service for maintenance');
  await expect(pcLines).not.toContainText('https://');
  // One axe run for the board (filtered, nothing needs attention) and the Logs page.
  await expectPartClean(console_, ['#pcs', '#logs'], 'board filter and logs');
  await logs.scrollIntoViewIfNeeded();
  await viewShot(console_, 'fleet-console-logs-1366x768');
  const download = console_.waitForEvent('download');
  await logs.getByRole('button', { name: 'Lataa tekstitiedostona' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tupa-[a-z0-9-]+-\d{4}-\d\d-\d\dT.*\.txt$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toContain('out of service for maintenance');
  expect(text.split('\n').filter(Boolean).length).toBe(await pcLines.evaluate((el) => (el.textContent ?? '').split('\n').filter(Boolean).length));
  await console_.setViewportSize({ width: 320, height: 700 });
  await logs.scrollIntoViewIfNeeded();
  await viewShot(console_, 'fleet-console-logs-320px');
});
