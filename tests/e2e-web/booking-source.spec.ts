/**
 * A booking from Varaamo, the whole way (issue 12): a reservation added to
 * the preview's demo Respa source → "Sync now" in the console's Booking
 * sources → 1 new → the kiosk's welcome screen shows the booking → the
 * resident checks in with the Respa code (4 digits, a leading zero) → the
 * session runs. The console marks imported bookings, offers no move for
 * them, and its "Check in for them" answer is announced.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, openAdvisor, signIn, siteDay, WCAG_TAGS } from './advisor-page';
import { enterCode, expect, Kiosk, openKiosk, SCREENSHOT_DIR } from './fixtures';
import { startPreview } from '../support/preview-process';
import { helsinkiIso } from '../support/fake-respa';

const MIN = 60_000;

async function addReservation(base: string, r: { id: number; from: number; minutes: number; code: string | null }) {
  const response = await fetch(`${base.replace(/\/v1$/, '')}/__test/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: r.id, resource: 'demo-resource', begin: helsinkiIso(Date.now() + r.from), end: helsinkiIso(Date.now() + r.from + r.minutes * MIN), state: 'confirmed', access_code: r.code }),
  });
  expect(response.status).toBe(200);
}

/** Axe on one part of the console (the whole console has specs of its own). */
async function expectNoViolationsIn(page: Page, selector: string, screen: string) {
  const result = await new AxeBuilder({ page }).include(selector).withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

async function shoot(part: Locator, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await part.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) });
}

async function fitsWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

test('a Varaamo reservation: Sync now → 1 new → the kiosk shows it → the resident checks in with its 4-digit code; the console marks it and answers "Check in for them"', async ({ browser, page }) => {
  test.setTimeout(120_000);
  const preview = await startPreview({ demo: false, args: ['--hub-port', '0', '--demo-source'] });
  try {
    const kiosk = new Kiosk(preview);
    await expect.poll(() => /^demo booking source: (\S+) /m.exec(preview.output())?.[1]).toBeTruthy();
    const base = /^demo booking source: (\S+) /m.exec(preview.output())![1]!;
    const advisor = await openAdvisor(browser, kiosk, { width: 1366, height: 768 });
    const console = advisor.page;
    await signIn(advisor);
    await console.getByRole('link', { name: 'Varauslähteet' }).click();
    const panel = console.locator('#sources');
    const card = panel.getByRole('listitem').filter({ has: console.getByRole('heading', { name: 'Varaamo respa-demo' }) });
    await expect(card.getByText('Toimii', { exact: true })).toBeVisible();

    // The source fails three times in a row (the policy's alertAfterFailures): a banner no advisor can miss, the error for IT.
    const faults = await fetch(`${base.replace(/\/v1$/, '')}/__test/faults`, { method: 'POST', body: JSON.stringify({ faults: ['status-500', 'status-500', 'status-500'] }) });
    expect(faults.status).toBe(200);
    const syncNow = card.getByRole('button', { name: 'Hae nyt: Varaamo respa-demo' });
    for (let i = 0; i < 3; i++) {
      await syncNow.click();
      await expect(card.getByRole('status')).toHaveText(/^Lähdettä Varaamo respa-demo ei saatu haettua: http \(HTTP 500\)/);
      await expect(syncNow).toBeEnabled();
    }
    await expect(console.getByRole('alert').filter({ hasText: 'Varauslähteen Varaamo respa-demo haku on epäonnistunut 3 kertaa peräkkäin.' })).toBeVisible();
    await expect(card.getByText('Ei toimi: vaatii huomiota')).toBeVisible();
    await expect(card.locator('.source__error code')).toHaveText('http (HTTP 500): HTTP 500 (an HTML error page)');
    await expectNoViolationsIn(console, '#sources', 'a failing booking source');
    await shoot(card, 'booking-sources-failing-1366');

    // A Varaamo user books: now, with a 4-digit code that starts with 0; and a code-less one right after.
    await addReservation(base, { id: 7001, from: -2 * MIN, minutes: 20, code: '0427' });
    await addReservation(base, { id: 7002, from: 25 * MIN, minutes: 20, code: null });
    await syncNow.click();
    await expect(card.getByRole('status')).toHaveText('Varaamo respa-demo haettu.');
    // Synced again: the banner goes.
    await expect(console.locator('.status-banner--source')).toBeHidden();
    await expect(card.getByText(/^Viimeisin muutos: 2 uutta, 0 siirrettyä, 0 peruttua/)).toBeVisible();
    await shoot(panel, 'booking-sources-1366');
    await console.setViewportSize({ width: 320, height: 700 });
    await expect.poll(() => fitsWidth(console)).toBe(true);
    await shoot(panel, 'booking-sources-320');
    await console.setViewportSize({ width: 1366, height: 768 });

    // The kiosk's welcome screen: booked now, and it asks for 4 digits.
    await openKiosk(page, kiosk);
    await expect(page.getByText(/^Varattu nyt:/)).toBeVisible();
    await expect(page.locator('#booking-code-hint')).toHaveText('Kirjoita 4-numeroinen koodisi. Sait sen varauksen yhteydessä.');
    await enterCode(page, '0427');
    await expect(page.getByRole('timer')).toBeVisible();
    expect((await kiosk.status()).phase).toBe('active');

    // The console: both marked "from Varaamo", the code-less one "no code"; no move offered; "Check in for them" while the PC is in use.
    await console.getByRole('link', { name: 'Varaukset', exact: true }).click();
    const later = Date.now() + 25 * MIN;
    if (siteDay(later) !== siteDay(Date.now())) await console.getByRole('button', { name: 'Seuraava päivä' }).click();
    const bookings = console.locator('#bookings');
    // The first code-less one of the day is 7002 (the demo's own code-less reservation comes hours later).
    const codeless = bookings.locator('.booking').filter({ hasText: 'Ei koodia' }).first();
    await expect(codeless.getByText('Varaamosta')).toBeVisible();
    await expect(codeless.getByRole('button', { name: /^Siirrä/ })).toHaveCount(0);
    await expect(codeless.getByText('Siirrä tai peru se palvelussa Varaamo.')).toBeVisible();
    await codeless.getByRole('button', { name: /^Kirjaa asiakas sisään/ }).click();
    await expect(codeless.getByRole('status')).toHaveText('Ei kirjattu: kone on käytössä tai sitä tyhjennetään.');
    await expectNoViolationsIn(console, '#bookings', 'the bookings list with imported bookings');
    await shoot(bookings, 'booking-sources-bookings-1366');
    await advisor.context.close();
  } finally {
    await preview.stop();
  }
});
