import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { chooseLanguage, enterCode, expect, openKiosk, SCREENSHOT_DIR } from './fixtures';
import { expectNoViolations, openAdvisor, signIn, test } from './advisor-page';

/**
 * The site policy in the console (issue 15): an administrator changes a tile
 * and the kiosk shows it within a second; an invalid address is refused at
 * its field; an earlier version comes back; the audit log shows it all; an
 * advisor who is not an administrator sees none of it and is refused by the hub.
 */

/** What the administrator sees around `where`, at this window size. */
async function shoot(page: Page, name: string, width: number, height: number, where: Locator) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.setViewportSize({ width, height });
  await where.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

test('an administrator edits, saves, is refused a bad address, and restores; an advisor sees none of it', async ({ page, emptySite: site, browser }) => {
  // Long: one preview, two consoles, two axe runs on a long page, on a machine that may be busy.
  test.setTimeout(360_000);
  const advisor = await openAdvisor(browser, site);
  // The resident's session, on the start page with its tiles.
  const booking = await site.addBooking(0, 60);
  await openKiosk(page, site);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await expect(page.getByRole('heading', { name: 'Choose a service' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kela\b/ })).toBeVisible();

  await signIn(advisor);
  const console_ = advisor.page;
  await console_.getByRole('link', { name: 'Site policy', exact: true }).click();
  const editor = console_.locator('#policy');
  await expect(editor.getByRole('heading', { name: 'Toimipisteen asetukset', level: 2 })).toBeVisible();
  await expect(editor.getByText('Versio 1', { exact: true }).first()).toBeVisible();

  // Tile 2 (Kela): a new English name; the summary says what changes before anything is saved.
  const kela = editor.getByRole('group', { name: 'Laatta 2: Kela' });
  await kela.getByLabel('Nimi (English)', { exact: true }).fill('Kela services');
  await editor.getByRole('button', { name: 'Tarkista muutokset' }).click();
  const review = editor.getByRole('list', { name: '1 muutos' });
  await expect(review).toContainText('tiles[1].label.en');
  await expect(review).toContainText('"Kela"');
  await expect(review).toContainText('"Kela services"');
  await editor.getByRole('button', { name: 'Tallenna ja lähetä koneille' }).click();
  const savedAt = Date.now();
  await expect(page.getByRole('button', { name: /^Kela services/ })).toBeVisible({ timeout: 1000 });
  expect(Date.now() - savedAt).toBeLessThan(1000);
  await expect(editor.getByText('Tallennettu versioksi 2 ja lähetetty koneille.')).toBeVisible();

  // An address without https: refused at its field, named in the summary, nothing saved.
  const url = editor.getByRole('group', { name: 'Laatta 1: Suomi.fi' }).getByLabel('Osoite (https)');
  await url.fill('http://www.suomi.fi/');
  await editor.getByRole('button', { name: 'Tarkista muutokset' }).click();
  const problems = editor.getByRole('alert').filter({ hasText: 'pitää korjata' });
  await expect(problems).toContainText('1 kenttä pitää korjata; mitään ei tallennettu:');
  await expect(problems.getByRole('link', { name: 'tiles[0].url' })).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/Kirjoita koko osoite, joka alkaa https:\/\//);
  await expect(editor.getByRole('button', { name: 'Tallenna ja lähetä koneille' })).toHaveCount(0);
  await expectNoViolations(console_, 'the site policy editor with a refused field');
  await shoot(console_, 'policy-editor-refused-1366', 1366, 768, url);
  await shoot(console_, 'policy-editor-refused-320', 320, 800, url);
  await console_.setViewportSize({ width: 1280, height: 900 });
  await editor.getByRole('button', { name: 'Peru omat muutokseni' }).click();
  await expect(url).toHaveValue('https://www.suomi.fi/');

  // Back to version 1: after a confirmation, a new version 3, and the kiosk has "Kela" again.
  const history = editor.getByRole('region', { name: 'Tallennetut versiot' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('button', { name: 'Palauta tämä versio Versio 1' }).click();
  const dialog = console_.getByRole('alertdialog', { name: 'Palautetaanko versio 1?' });
  await dialog.getByRole('button', { name: 'Palauta tämä versio' }).click();
  await expect(editor.getByText('Versio 1 palautettiin versioksi 3 ja lähetettiin koneille.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Kela\b/ })).toBeVisible({ timeout: 1000 });
  await expect(page.getByRole('button', { name: /^Kela services/ })).toHaveCount(0);
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('restored version 1');

  // The audit log: newest first, filtered by action.
  await console_.getByRole('link', { name: 'Tapahtumaloki', exact: true }).click();
  const audit = console_.locator('#audit');
  await audit.getByRole('button', { name: 'Päivitä loki' }).click();
  await audit.getByLabel('Toiminto').selectOption('policy restored');
  await expect(audit.getByRole('row')).toHaveCount(2);
  await expect(audit.getByRole('row').nth(1)).toContainText('neuvoja');
  await expect(audit.getByRole('row').nth(1)).toContainText('version 3');
  await expectNoViolations(console_, 'the audit log');
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await audit.screenshot({ path: resolve(SCREENSHOT_DIR, 'audit-log-1366.png') });

  // An advisor who is not an administrator: no policy, no audit log, and the hub refuses the routes.
  const added = await fetch(`${site.preview.origin}/__test/advisor`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: site.preview.origin },
    body: JSON.stringify({ name: 'vuoro', password: 'vuoron-salasana-1' }),
  });
  expect(added.status).toBe(200);
  const other = await openAdvisor(browser, site);
  try {
    await signIn({ ...other, access: { ...other.access, name: 'vuoro', password: 'vuoron-salasana-1' } });
    await expect(other.page.getByRole('link', { name: 'Site policy' })).toHaveCount(0);
    await expect(other.page.getByRole('link', { name: 'Tapahtumaloki' })).toHaveCount(0);
    await expect(other.page.locator('#policy, #audit')).toHaveCount(0);
    const statuses = await other.page.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      return Promise.all([
        fetch('/api/policy/current').then((r) => r.status),
        fetch('/api/policy/versions/before/latest').then((r) => r.status),
        fetch('/api/policy/versions', { method: 'POST', headers: json, body: JSON.stringify({ policy: {}, baseVersion: 3 }) }).then((r) => r.status),
        fetch('/api/policy/versions/1/restore', { method: 'POST', headers: json, body: JSON.stringify({ baseVersion: 3 }) }).then((r) => r.status),
        fetch('/api/audit/query', { method: 'POST', headers: json, body: '{}' }).then((r) => r.status),
      ]);
    });
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
  } finally {
    await other.context.close();
    await advisor.context.close();
  }
});
