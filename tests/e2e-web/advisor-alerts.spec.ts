import type { BrowserContext, Page } from '@playwright/test';
import { resolve } from 'node:path';
import { expect, screenshot, SCREENSHOT_DIR } from './fixtures';
import { advisorOnDutyAlways, askForHelp, expectNoViolations, openAdvisor, signIn, test } from './advisor-page';

// The console grew (policy, audit log, updates, logs, sources): axe over the whole page takes longer on two shared cores.
test.describe.configure({ timeout: 120_000 });

/**
 * Alerts an advisor cannot miss (tests/e2e-web/advisor-page.ts says how the
 * console is reached): the banner while sound or notifications are off, the
 * reminder until a call is answered, the test, and a PC out of service.
 */

const LOUD = 0.35;
const QUIET = 0.12;

/**
 * Records, in every page of the context, each tone of the chime (its peak
 * loudness) and each notification shown; `blocked` makes the browser's
 * notification permission "denied", as after the advisor once said no.
 *
 * Desktop browsers keep a page's sound off until the page is used (Chrome:
 * an AudioContext stays "suspended" until resume() once the user has
 * clicked or typed on the page); headless Chromium plays at once, so the
 * rule is put back here. Use is a trusted input event, as in the browser
 * (not navigator.userActivation: Playwright's own evaluations set that).
 */
async function listen(context: BrowserContext, options: { blocked?: boolean } = {}) {
  await context.addInitScript((blocked) => {
    let used = false;
    for (const type of ['keydown', 'mousedown', 'pointerdown', 'pointerup', 'touchend']) {
      window.addEventListener(type, (event) => (used ||= event.isTrusted), true);
    }
    const RealAudio = window.AudioContext;
    window.AudioContext = class extends RealAudio {
      #blocked = !used;
      override get state(): AudioContextState {
        return this.#blocked ? 'suspended' : super.state;
      }
      override resume(): Promise<void> {
        if (this.#blocked && used) {
          this.#blocked = false;
          this.dispatchEvent(new Event('statechange'));
        }
        return super.resume();
      }
    };
    const w = window as unknown as { tones: number[]; shownNotifications: string[] };
    w.tones = [];
    w.shownNotifications = [];
    const ramp = AudioParam.prototype.exponentialRampToValueAtTime;
    AudioParam.prototype.exponentialRampToValueAtTime = function (value: number, endTime: number) {
      if (value > 0.01) w.tones.push(value);
      return ramp.call(this, value, endTime);
    };
    const Real = window.Notification;
    window.Notification = class extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        w.shownNotifications.push(`${title}: ${options?.body ?? ''}`);
      }
    } as typeof Notification;
    if (blocked) {
      Object.defineProperty(window.Notification, 'permission', { get: () => 'denied' });
      window.Notification.requestPermission = () => Promise.resolve('denied');
    }
  }, options.blocked ?? false);
}

const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number[] }).tones);
const notifications = (page: Page) => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
const originOf = (url: string) => new URL(url).origin;
/** What the advisor sees without scrolling (the whole page too, with the shared helper). */
const screenTop = (page: Page, name: string) => page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}-top.png`) });

test('after a fresh load the console asks for one press to turn sound and notifications on', async ({ browser, site }) => {
  test.slow();
  const advisor = await openAdvisor(browser, site, { width: 1366, height: 768 });
  try {
    await listen(advisor.context);
    await signIn(advisor);
    // The next morning: the console is opened again and nobody has touched it yet.
    const page = await advisor.context.newPage();
    await page.goto(advisor.access.url);
    const banner = page.getByRole('region', { name: 'Äänet ja ilmoitukset' });
    await expect(banner).toContainText('Äänet ja ilmoitukset ovat pois päältä — Ilman niitä avunpyyntö voi jäädä huomaamatta.');
    await expect(page.locator('.alert-settings')).toContainText('Äänet ovat pois päältä, kunnes napsautat tätä sivua. Ilmoitukset ovat pois päältä.');
    await expectNoViolations(page, 'the banner: sound and notifications off');
    await screenshot(page, 'advisor-alerts-off-1366x768');
    await screenTop(page, 'advisor-alerts-off-1366x768');

    // One press: the browser asks, the advisor allows.
    await advisor.context.grantPermissions(['notifications'], { origin: originOf(advisor.access.url) });
    await banner.getByRole('button', { name: 'Ota käyttöön' }).click();
    await expect(banner).toContainText('Äänet ja ilmoitukset ovat käytössä.');
    await expect(banner.getByRole('button', { name: 'Kokeile hälytystä' })).toBeFocused();
    await expect(page.locator('.alert-settings')).toContainText('Äänet ovat käytössä. Ilmoitukset ovat käytössä. Vastaamaton hälytys soi uudelleen 30 sekunnin välein.');
    await expectNoViolations(page, 'the banner: all on');
    // Going on elsewhere, the banner goes.
    await page.keyboard.press('Tab');
    await expect(banner).toHaveCount(0);
    await page.close();
  } finally {
    await advisor.context.close();
  }
});

test('notifications blocked in the browser: the banner says so and how to allow them, and stays', async ({ browser, site }) => {
  const advisor = await openAdvisor(browser, site, { width: 360, height: 740 });
  try {
    await listen(advisor.context, { blocked: true });
    await signIn(advisor);
    await advisor.page.reload();
    const banner = advisor.page.getByRole('region', { name: 'Äänet ja ilmoitukset' });
    await expect(banner).toContainText('Äänet ovat pois päältä, ja ilmoitukset on estetty tässä selaimessa — Ilman niitä avunpyyntö voi jäädä huomaamatta.');
    await expect(banner).toContainText('Salli ne näin: napsauta verkko-osoitteen vieressä olevaa kuvaketta');
    await banner.getByRole('button', { name: 'Ota käyttöön' }).click();
    // Sound is on; notifications only the advisor can allow, in the browser.
    await expect(banner).toContainText('Ilmoitukset on estetty tässä selaimessa');
    await expect(banner).toContainText('lataa sivu uudelleen.');
    await expect(banner.getByRole('button')).toHaveCount(0);
    await expect(advisor.page.locator('.alert-settings')).toContainText('Äänet ovat käytössä.');
    expect(await advisor.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await expectNoViolations(advisor.page, 'the banner: notifications blocked');
    await screenshot(advisor.page, 'advisor-alerts-blocked-360px');
    await screenTop(advisor.page, 'advisor-alerts-blocked-360px');
  } finally {
    await advisor.context.close();
  }
});

test('a help call rings until it is acknowledged: once aloud, then quieter every 30 s', async ({ page, site, advisor }) => {
  await advisor.context.grantPermissions(['notifications'], { origin: originOf(advisor.access.url) });
  await listen(advisor.context);
  await advisor.page.clock.install();
  await signIn(advisor);
  const console_ = advisor.page;
  await advisorOnDutyAlways(console_);

  await askForHelp(page, site);
  const call = console_.locator('.help-call--requested');
  await expect(call).toBeVisible();
  await expect(console_.locator('#help')).toHaveClass(/help-queue--ringing/);
  await expect.poll(() => tones(console_)).toEqual([LOUD, LOUD]);
  // The queue's border pulses, unless the advisor's device asks for less motion.
  const animation = () => console_.locator('#help').evaluate((element) => getComputedStyle(element).animationName);
  expect(await animation()).toBe('help-queue-ring');
  await console_.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');

  await console_.clock.fastForward(30_000);
  await expect.poll(() => tones(console_)).toEqual([LOUD, LOUD, QUIET, QUIET]);
  await console_.clock.fastForward(30_000);
  await expect.poll(() => tones(console_)).toEqual([LOUD, LOUD, QUIET, QUIET, QUIET, QUIET]);
  // The reminders are sound only: one notification for the call.
  expect(await notifications(console_)).toEqual(['Apua pyydetty: Asiakas pyytää apua: Tietokone 1 · Raatipirtti.']);

  await call.getByRole('button', { name: 'Olen tulossa' }).click();
  await expect(console_.locator('.help-call--acknowledged')).toBeVisible();
  await expect(console_.locator('#help')).not.toHaveClass(/help-queue--ringing/);
  await console_.clock.fastForward(90_000);
  expect(await tones(console_)).toHaveLength(6);
});

test('"Test the alert" plays the chime and shows a notification', async ({ advisor }) => {
  await advisor.context.grantPermissions(['notifications'], { origin: originOf(advisor.access.url) });
  await listen(advisor.context);
  await signIn(advisor);
  const settings = advisor.page.locator('.alert-settings');
  await settings.getByRole('button', { name: 'Kokeile hälytystä' }).click();
  await expect(settings.getByRole('status')).toHaveText(
    'Äänimerkki soi ja ilmoitus näytettiin. Jos jompikumpi jäi huomaamatta, tarkista äänenvoimakkuus ja selaimen ilmoitusasetukset.',
  );
  expect(await tones(advisor.page)).toEqual([LOUD, LOUD]);
  expect(await notifications(advisor.page)).toEqual(['Tupan testihälytys: Hälytykset toimivat: avunpyyntö tulee näin.']);
});

test('a PC whose wipe fails alerts like a help call, in plain words with what to do', async ({ browser, page, emptySite }) => {
  test.slow();
  const advisor = await openAdvisor(browser, emptySite, { width: 1366, height: 768 });
  const phone = await openAdvisor(browser, emptySite, { width: 360, height: 740 });
  try {
    await advisor.context.grantPermissions(['notifications'], { origin: originOf(advisor.access.url) });
    await listen(advisor.context);
    await signIn(advisor);
    await signIn(phone);
    const console_ = advisor.page;

    // A resident's walk-in on the kiosk page; the check after clearing fails.
    await emptySite.failWipe('probe');
    await page.goto(emptySite.url);
    await page.getByRole('button', { name: 'Aloita nyt' }).click();
    await expect(page.getByRole('timer')).toBeVisible();
    await page.getByRole('button', { name: 'Lopeta istunto' }).click();
    await page.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
    await expect(page.getByRole('heading', { name: 'Tämä tietokone on poissa käytöstä' })).toBeVisible();

    const alert = console_.locator('.help-call--alert');
    await expect(alert).toBeVisible();
    const where = (await alert.getByRole('heading', { level: 3 }).innerText()).trim();
    expect(where).toMatch(/^Tietokone 1 · .+/);
    await expect(alert.getByRole('heading', { level: 3 })).toBeFocused();
    await expect(alert).toContainText(/Poissa käytöstä klo \d\d\.\d\d alkaen\. Tyhjennyksen jälkeinen tarkistus ei mennyt läpi/);
    await expect(alert).toContainText('Toimi näin: käynnistä tietokone uudelleen. Jos vika toistuu, soita IT-tukeen.');
    await expect(console_.locator('#help .count-badge')).toHaveText('1');
    await expect(console_.locator('#help')).toHaveClass(/help-queue--ringing/);
    await expect.poll(() => tones(console_)).toEqual([LOUD, LOUD]);
    expect(await notifications(console_)).toEqual([`Tietokone poissa käytöstä: ${where}: käynnistä tietokone uudelleen. Jos vika toistuu, soita IT-tukeen.`]);
    await expect(console_.locator('[aria-live="assertive"]').last()).toHaveText(`Tietokone poissa käytöstä: ${where}.`);
    // The PC's card says the same in plain words; its own words are for IT, one tap away.
    const card = console_.locator('.pc-card');
    await expect(card).toContainText('Poissa käytöstä');
    await expect(card).toContainText('Toimi näin: käynnistä tietokone uudelleen.');
    await expect(alert.getByText('probe: simulated failure')).toBeHidden();
    await alert.getByText('Tiedot IT-tuelle').click();
    await expect(alert.getByText('probe: simulated failure')).toBeVisible();
    await expectNoViolations(console_, 'a PC out of service');
    await screenshot(console_, 'advisor-out-of-service-1366x768');
    await screenTop(console_, 'advisor-out-of-service-1366x768');

    // The other console, on a phone, has it too.
    await expect(phone.page.locator('.help-call--alert')).toContainText('Toimi näin: käynnistä tietokone uudelleen.');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'advisor-out-of-service-360px');
    await phone.page.locator('#help').scrollIntoViewIfNeeded();
    await screenTop(phone.page, 'advisor-out-of-service-360px');

    await alert.getByRole('button', { name: 'Hoidan tämän' }).click();
    await expect(alert).toContainText(/neuvoja hoitaa tätä \(klo \d\d\.\d\d alkaen\)\./);
    await expect(console_.locator('#help')).not.toHaveClass(/help-queue--ringing/);
    await expect(phone.page.locator('.help-call--alert')).toContainText('neuvoja hoitaa tätä');
  } finally {
    await advisor.context.close();
    await phone.context.close();
  }
});
