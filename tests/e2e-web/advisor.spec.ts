import type { Page } from '@playwright/test';
import { expect, screenshot, MINUTE } from './fixtures';
import { advisorOnDutyAlways, askForHelp, expectNoViolations, expectPartClean, openAdvisor, signIn, siteDay, test, ZONE } from './advisor-page';

// The console grew (policy, audit log, updates, logs, sources): axe over the whole page takes longer on two shared cores.
test.describe.configure({ timeout: 120_000 });

/**
 * The advisor console against the real preview (tests/e2e-web/advisor-page.ts
 * says how the console is reached and signed in to, with a preview of its own per test).
 */

/** A wall-clock time 'HH:MM' at the site. */
function siteTime(at: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

async function fillBooking(page: Page, day: string, time: string, minutes = 60) {
  const form = page.locator('.new-booking');
  await form.getByLabel('Päivä').fill(day);
  await form.getByLabel('Alkamisaika').fill(time);
  await form.getByLabel('Kesto').selectOption(String(minutes));
  await form.getByRole('button', { name: 'Tee varaus' }).click();
}

test('sign-in: a wrong password is refused plainly, the right one shows the live board with the demo PC', async ({ advisor }) => {
  const { page, access } = advisor;
  await page.goto(access.url);
  await expect(page).toHaveTitle('Kirjaudu – Tupa-neuvojan näkymä');
  await page.getByLabel('Nimi', { exact: true }).fill(access.name);
  await page.getByLabel('Salasana', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByText('Nimi tai salasana on väärin. Tarkista ne ja yritä uudelleen.')).toBeVisible();
  await expect(page.getByLabel('Salasana', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Salasana', { exact: true })).toBeFocused();

  await page.getByLabel('Salasana', { exact: true }).fill(access.password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByText('Kirjautuneena: neuvoja')).toBeVisible();
  const card = page.locator('.pc-card').filter({ has: page.getByRole('heading', { name: 'Tietokone 1', level: 3 }) });
  await expect(card).toContainText('Raatipirtti');
  await expect(card).toContainText(/Vapaa|Käytössä/);
  await expect(page).toHaveTitle('Raatipirtti – Tupa-neuvoja');
  await expect(page.getByText('Kukaan ei odota apua juuri nyt.')).toBeVisible();
  // The demo bookings of today are in the day view.
  await expect(page.locator('.day-view')).toContainText(/\d\d\.\d\d–\d\d\.\d\d/);

  // Reloading keeps the advisor signed in (the HttpOnly cookie); signing out ends it.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tietokoneet', level: 2, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
  await expect(page.getByText('Olet kirjautunut ulos.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
});

test('repeated wrong passwords make the hub ask for a pause, and the console says how long', async ({ advisor }) => {
  const { page, access } = advisor;
  await page.goto(access.url);
  await page.getByLabel('Nimi', { exact: true }).fill(access.name);
  const password = page.getByLabel('Salasana', { exact: true });
  const slowDown = page.locator('#sign-in-message .lockout');
  // The hub lets three wrong tries go, then asks for a pause that doubles with every further one.
  for (let i = 0; i < 8 && !(await slowDown.isVisible()); i++) {
    await password.fill(`wrong-${i}`);
    await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
    await expect(password).toHaveValue('');
  }
  await expect(slowDown).toBeVisible();
  await expect(page.getByRole('button', { name: 'Kirjaudu', exact: true })).toHaveAttribute('aria-disabled', 'true');
  // One time on the screen, in the sentence (not "Wait 32 s" beside a countdown); the pause here is a second or two.
  await expect(slowDown).toHaveText(/^Liian monta epäonnistunutta kirjautumista tältä laitteelta\. Odota \W?\d+:\d\d\W? ennen kuin yrität uudelleen\.$/);
  await expect(page.locator('#sign-in-message .countdown')).toHaveCount(0);

  // Once the wait is over the console says so, and the right password works.
  await expect(page.getByText('Voit yrittää kirjautua uudelleen nyt.')).toBeVisible({ timeout: 20_000 });
  await password.fill(access.password);
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tietokoneet', level: 2, exact: true })).toBeVisible();
});

test('keyboard only: sign in, skip to the content, open and cancel a confirmation', async ({ advisor }) => {
  const { page, access } = advisor;
  await page.goto(access.url);
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  for (let i = 0; i < 12 && (await page.evaluate(() => document.activeElement?.id)) !== 'sign-in-name'; i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel('Nimi', { exact: true })).toBeFocused();
  await page.keyboard.type(access.name);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Salasana', { exact: true })).toBeFocused();
  await page.keyboard.type(access.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tietokoneet', level: 2, exact: true })).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Siirry sisältöön' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();

  // Tab to the PC's "Reset now", open its confirmation, and leave it with Escape: focus comes back.
  const reset = page.getByRole('button', { name: 'Nollaa nyt' });
  for (let i = 0; i < 30 && !(await reset.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(reset).toBeFocused();
  const outline = await reset.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog', { name: 'Nollataanko Tietokone 1 nyt?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Peruuta' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reset).toBeFocused();
});

test('a booking made in the console shows its code in large print with a printable slip; an overlap is refused next to the field', async ({ advisor }) => {
  const { page } = advisor;
  await signIn(advisor);
  const tomorrow = siteDay(Date.now() + 24 * 60 * MINUTE);
  await fillBooking(page, tomorrow, '12:00');

  const dialog = page.getByRole('dialog', { name: 'Varaus tehty' });
  await expect(dialog).toBeVisible();
  const digits = dialog.locator('.booking-code__digits');
  await expect(digits).toHaveText(/^\d{3} \d{3}$/);
  const fontPx = await digits.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(fontPx).toBeGreaterThanOrEqual(40);
  await expect(dialog).toContainText('Tietokone 1 (Raatipirtti)');
  await expect(dialog).toContainText('12.00–13.00');
  const code = (await digits.textContent())!.replace(' ', '');

  // Printing shows the slip alone: PC, room, day, times and the code.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  const slip = page.locator('.print-slip');
  await expect(slip).toBeVisible();
  await expect(slip).toContainText('Tietokone 1');
  await expect(slip).toContainText('Raatipirtti');
  await expect(slip).toContainText('12.00–13.00');
  await expect(slip.locator('.print-slip__code')).toHaveText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.emulateMedia({ media: 'screen' });

  await expectNoViolations(page, 'the new booking\'s code');
  await dialog.getByRole('button', { name: 'Valmis' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.day-view')).toContainText('12.00–13.00');

  await fillBooking(page, tomorrow, '12:30');
  const start = page.locator('.new-booking').getByLabel('Alkamisaika');
  const refusal = page.locator('.new-booking').getByRole('alert');
  await expect(refusal).toHaveText('Tietokone 1 on jo varattu 12.00–13.00. Valitse toinen aika tai tietokone.');
  await expect(start).toHaveAttribute('aria-invalid', 'true');
  await expect(start).toHaveAttribute('aria-describedby', new RegExp(`${await refusal.getAttribute('id')}`));
  await expectPartClean(page, ['.new-booking'], 'bookings with an overlap refused');
});

test('a booking can be moved (an overlap refused in the dialog) and cancelled', async ({ advisor }) => {
  const { page } = advisor;
  await signIn(advisor);
  const tomorrow = siteDay(Date.now() + 24 * 60 * MINUTE);
  await fillBooking(page, tomorrow, '14:00', 30);
  await page.getByRole('dialog', { name: 'Varaus tehty' }).getByRole('button', { name: 'Valmis' }).click();

  await page.getByRole('button', { name: /^Siirrä Tietokone 1 14\.00–14\.30$/ }).click();
  const move = page.getByRole('dialog', { name: 'Siirrä varaus' });
  await expect(move).toBeVisible();
  // Onto the demo booking at 10.00–11.00: refused, in the dialog, next to the start time.
  await move.getByLabel('Alkamisaika').fill('10:30');
  await move.getByRole('button', { name: 'Tallenna uusi aika' }).click();
  await expect(move.getByRole('alert')).toHaveText(/on jo varattu 10\.00–11\.00/);
  await expectPartClean(page, ['dialog[open]'], 'moving a booking');
  await move.getByLabel('Alkamisaika').fill('15:00');
  await move.getByRole('button', { name: 'Tallenna uusi aika' }).click();
  await expect(move).toBeHidden();
  await expect(page.getByText(/Varaus on nyt tietokoneella Tietokone 1 .* klo 15\.00–15\.30/)).toBeVisible();

  await page.getByRole('button', { name: /^Peru Tietokone 1 15\.00–15\.30$/ }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Perutaanko varaus?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Kyllä, peru varaus' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Varaus tietokoneelle Tietokone 1 klo 15.00–15.30 peruttiin.')).toBeVisible();
  await expect(page.locator('.day-view')).not.toContainText('15.00–15.30');
});

test('a code made in the console checks in on the kiosk; the console follows the session and ends it remotely', async ({ browser, page, emptySite }) => {
  const advisor = await openAdvisor(browser, emptySite);
  try {
    await signIn(advisor);
    const now = Date.now();
    await fillBooking(advisor.page, siteDay(now), siteTime(now), 30);
    const digits = advisor.page.locator('.booking-code__digits');
    await expect(digits).toHaveText(/^\d{3} \d{3}$/);
    const code = (await digits.textContent())!.replace(' ', '');
    await advisor.page.getByRole('button', { name: 'Valmis' }).click();

    await page.goto(emptySite.url);
    await page.locator('#booking-code').fill(code);
    await page.locator('#booking-code').press('Enter');
    await expect(page.getByRole('timer')).toBeVisible();

    const card = advisor.page.locator('.pc-card');
    await expect(card).toContainText('Käytössä (varaus)');
    await expect(card.getByRole('timer')).toHaveText(/^(2\d|30):\d\d jäljellä$/);

    // More time: "Sending…" until the PC's answer comes back, then what it did, in the console's language; focus stays put.
    // The card's last live line: the outcome of its commands (the maintenance dialog's own line comes before it).
    const result = card.locator('.pc-card__result').last();
    let letThrough: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (letThrough = resolve));
    await advisor.page.route('**/api/pcs/*/extend', async (route) => {
      await held;
      await route.continue();
    });
    const extend = card.getByRole('button', { name: 'Jatka aikaa' });
    await extend.click();
    await expect(result).toHaveText('Tietokone 1: Lähetetään…');
    letThrough();
    await expect(result).toHaveText('Tietokone 1: Lisäaikaa annettiin 15 minuuttia.');
    await expect(result.locator('.message--success')).toBeVisible();
    await expect(extend).toBeFocused();
    await expect(card.getByRole('timer')).toHaveText(/^(4\d):\d\d jäljellä$/);

    await card.getByRole('button', { name: 'Lopeta istunto' }).click();
    const confirm = advisor.page.getByRole('alertdialog', { name: 'Lopetetaanko istunto tietokoneella Tietokone 1?' });
    await expectPartClean(advisor.page, ['dialog[open]'], 'ending a session');
    await confirm.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
    await expect(confirm).toBeHidden();
    await expect(result).toHaveText('Tietokone 1: Istunto lopetettiin. Tietokonetta tyhjennetään.');
    await expect.poll(async () => (await emptySite.status()).sessions[0]?.endReason, { timeout: 10_000 }).toBe('advisor');
    await expect(card).not.toContainText('Käytössä');
    // The "End session" button went with the session: focus stays on this PC's card, not lost to the page.
    await expect(card.getByRole('heading', { name: 'Tietokone 1', level: 3 })).toBeFocused();
    await expectPartClean(advisor.page, ['#pcs'], 'a command\'s outcome');
  } finally {
    await advisor.context.close();
  }
});

test('a help call rings at once: queue, title, announcement, notification; acknowledged and resolved', async ({ page, site, advisor }) => {
  await advisor.context.grantPermissions(['notifications'], { origin: new URL(advisor.access.url).origin });
  await advisor.page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
    } as typeof Notification;
  });
  await signIn(advisor);
  const console_ = advisor.page;
  await expect(console_.getByText('Ilmoitukset ovat käytössä.')).toBeVisible();
  await advisorOnDutyAlways(console_);

  await askForHelp(page, site);
  const call = console_.locator('.help-call--requested');
  await expect(call).toBeVisible();
  await expect(call.getByRole('heading', { name: 'Tietokone 1 · Raatipirtti' })).toBeFocused();
  await expect(call).toContainText(/Pyysi apua juuri äsken, klo \d\d\.\d\d\./);
  await expect(console_).toHaveTitle('(1) Apua pyydetty – Raatipirtti');
  await expect(console_.locator('[aria-live="assertive"]').last()).toHaveText('Uusi avunpyyntö: Tietokone 1 · Raatipirtti.');
  expect(await console_.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications)).toEqual([
    'Apua pyydetty: Asiakas pyytää apua: Tietokone 1 · Raatipirtti.',
  ]);
  await expect(console_.locator('.pc-card')).toContainText('Apua pyydetty');
  await expectPartClean(console_, ['#help', '#pcs'], 'an open help call');

  await call.getByRole('button', { name: 'Olen tulossa' }).click();
  await expect(console_.locator('.help-call--acknowledged')).toContainText('neuvoja on tulossa');
  await console_.locator('.help-call--acknowledged').getByRole('button', { name: 'Hoidettu' }).click();
  await expect(console_.getByText('Kukaan ei odota apua juuri nyt.')).toBeVisible();
  await expect(console_.locator('.help-call--closed')).toContainText('hoiti neuvoja');
  await expect(console_).toHaveTitle('Raatipirtti – Tupa-neuvoja');
  await expect(console_.locator('.counts')).toContainText('Avunpyynnöt1');
});

test('a PC the hub cannot reach now: its 409 "pc-offline" answer is shown plainly', async ({ advisor }) => {
  const { page } = advisor;
  await signIn(advisor);
  // The demo PC runs in the hub's own process and is always connected: answer as the hub does for a PC that is not.
  await page.route('**/api/pcs/*/reset', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'pc-offline', message: 'Tietokone 1 is not connected to the hub now; try again when it is online' }),
    }),
  );
  await page.getByRole('button', { name: 'Nollaa nyt' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Nollataanko Tietokone 1 nyt?' });
  await dialog.getByRole('button', { name: 'Kyllä, nollaa nyt' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Tietokone 1 ei ole nyt yhteydessä palvelimeen, joten pyyntö ei mennyt perille. Yritä uudelleen, kun tietokone on taas yhteydessä.',
  );
  await expect(dialog).toBeVisible();
  await expectPartClean(page, ['dialog[open]'], 'a refused reset');
});

test('pairing: an 8-digit code with its expiry, the site fingerprint and IT\'s steps; axe on every screen', async ({ advisor, site }) => {
  const { page, access } = advisor;
  await page.goto(access.url);
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  await expectNoViolations(page, 'sign-in');
  await page.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await expect(page.getByText('Kirjoita nimesi.')).toBeVisible();
  await expectNoViolations(page, 'sign-in with a missing name');

  await signIn(advisor);
  await expectNoViolations(page, 'board');

  await page.getByRole('button', { name: 'Luo parinmuodostuskoodi' }).click();
  await expect(page.locator('.pairing-code__digits [aria-hidden="true"]')).toHaveText(/^\d{4} \d{4}$/);
  await expect(page.locator('.pairing-code')).toContainText(/Voimassa klo \d\d\.\d\d asti \((9|10):\d\d\)/);
  const fingerprint = /^site CA fingerprint: (\S+)$/m.exec(site.preview.output())![1]!;
  // In groups of four whole bytes, the same groups the PC shows.
  await expect(page.locator('.fingerprint-groups__group')).toHaveText(fingerprint.match(/(?:[0-9A-F]{2}:?){4}/g)!.map((group) => group.replace(/:$/, '')));
  await expect(page.locator('.steps')).toContainText('Ctrl+Alt+M');
  await expectNoViolations(page, 'pairing');

  await page.getByRole('button', { name: 'Poista liitos: Tietokone 1' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Poistetaanko tietokoneen Tietokone 1 liitos?' })).toBeVisible();
  await expectPartClean(page, ['dialog[open]'], 'revoking a pairing');
  await page.getByRole('button', { name: 'Peruuta' }).click();

  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('heading', { name: 'Datorer', level: 2, exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'Davvisámegiella' }).click();
  await expect(page.getByRole('heading', { name: 'Dihtorat', level: 2, exact: true })).toBeVisible();
  await expectNoViolations(page, 'board in Northern Sámi');
});

test('when the hub goes away the console says so plainly', async ({ advisor, site }) => {
  await signIn(advisor);
  await site.preview.stop();
  await expect(advisor.page.getByRole('alert').filter({ hasText: 'Yhteys palvelimeen katkesi.' })).toBeVisible();
  await expect(advisor.page.getByText('Ei yhteyttä')).toBeVisible();
});

test('the console fits a 360 px phone, at 200 % text too (screenshots)', async ({ browser, site }) => {
  const desktop = await openAdvisor(browser, site);
  const phone = await openAdvisor(browser, site, { width: 360, height: 740 });
  try {
    await signIn(desktop);
    await expect(desktop.page.locator('.day-view .booking').first()).toBeVisible();
    await screenshot(desktop.page, 'advisor-board');

    await signIn(phone);
    const overflow = () => phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'advisor-360px');
    await phone.page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'advisor-360px-200-percent-text');
  } finally {
    await desktop.context.close();
    await phone.context.close();
  }
});
