import type { Page } from '@playwright/test';
import { chooseLanguage, enterCode, expect, MINUTE, openKiosk, screenshot, test } from './fixtures';
// axe with the WCAG 2.2 AA tags, as for the console (the kiosk's screens are checked the same way).
import { expectNoViolations, openAdvisor, signIn } from './advisor-page';

/** Counts the resident's taps (clicks and Enter/Space on a control) from now on. */
async function countTaps(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { taps: number };
    w.taps = 0;
    window.addEventListener('click', (e) => {
      if ((e.target as Element).closest('button')) w.taps++;
    }, { capture: true });
  });
  return () => page.evaluate(() => (window as unknown as { taps: number }).taps);
}

const freeTimeOn = (page: Page, pc: string) => page.locator('.free-time').filter({ hasText: pc }).first();

test('a resident books a time at one kiosk in three taps and checks in with the code at the other PC', async ({ twoPcs, page, context }) => {
  const { first, second } = twoPcs;
  await openKiosk(page, first);
  await chooseLanguage(page, 'English');
  const taps = await countTaps(page);

  await page.getByRole('button', { name: 'Book a time' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Book a time' })).toBeFocused();
  await expect(page.getByRole('button', { name: 'Today' })).toHaveAttribute('aria-pressed', 'true');
  const time = freeTimeOn(page, 'Tietokone 2');
  const label = (await time.textContent())!;
  expect(label).toMatch(/^\d\d:\d\d–\d\d:\d\d, 30 min, Tietokone 2, /);
  await time.click();
  await expect(page.getByRole('heading', { name: 'Check your booking' })).toBeFocused();
  await page.getByRole('button', { name: 'Book this time' }).click();

  await expect(page.getByRole('heading', { name: 'Your time is booked' })).toBeVisible();
  await expect(page.getByText('Write this code down.')).toBeVisible();
  const code = (await page.locator('.booked__code [aria-hidden="true"]').textContent())!;
  expect(code).toMatch(/^\d{6}$/);
  expect(await taps()).toBeLessThanOrEqual(4);
  await expect(page.locator('.booking-details')).toContainText('Tietokone 2');

  // The other PC: its welcome screen shows the booking; at its start the code opens a session there.
  const other = await context.newPage();
  await openKiosk(other, second);
  await chooseLanguage(other, 'English');
  const startsAt = label.slice(0, 5);
  await expect(other.getByRole('region', { name: 'Bookings for this computer' })).toContainText(startsAt);
  const { now } = await second.status();
  const [h, m] = startsAt.split(':').map(Number) as [number, number];
  const wall = new Date(now);
  const helsinki = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(wall);
  const [nh, nm] = helsinki.split(':').map(Number) as [number, number];
  const ahead = (((h * 60 + m - (nh * 60 + nm)) % 1440) + 1440) % 1440;
  if (ahead > 5) await second.advance((ahead - 4) * MINUTE);
  await enterCode(other, code);
  await expect(other.getByRole('timer', { name: 'Time left' })).toBeVisible();
  expect((await second.status()).phase).toBe('active');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
});

test('two residents take the same time: the second hears it was just taken and gets the list back without it', async ({ twoPcs, page, context }) => {
  const { first, second } = twoPcs;
  const other = await context.newPage();
  for (const [p, k] of [[page, first], [other, second]] as const) {
    await openKiosk(p, k);
    await chooseLanguage(p, 'English');
    await p.getByRole('button', { name: 'Book a time' }).click();
  }
  // The same list on both kiosks: each resident picks its first time.
  const wanted = (await page.locator('.free-time').first().textContent())!;
  expect(await other.locator('.free-time').first().textContent()).toBe(wanted);
  await page.locator('.free-time').first().click();
  await other.locator('.free-time').first().click();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('heading', { name: 'Your time is booked' })).toBeVisible();
  await other.getByRole('button', { name: 'Book this time' }).click();
  await expect(other.getByRole('alert')).toHaveText('That time was just taken. Pick another time.');
  await expect(other.getByRole('heading', { level: 1, name: 'Book a time' })).toBeVisible();
  await expect(other.locator('.free-time').first()).toBeVisible();
  expect(await other.locator('.free-time').allTextContents()).not.toContain(wanted);
  await expectNoViolations(other, 'the list after "taken"');
});

test('keyboard only: every booking screen is reached, named and passes axe; cancel and back work everywhere', async ({ twoPcs, page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openKiosk(page, twoPcs.first);
  await chooseLanguage(page, 'English');
  await screenshot(page, 'self-booking-welcome-1366');
  await page.getByRole('button', { name: 'Book a time' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.free-time').first()).toBeVisible();
  await expectNoViolations(page, 'free times');
  await screenshot(page, 'self-booking-list-1366');

  // Tab from the heading to the first free time, through the day and length choices.
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.classList.contains('free-time') ?? false);
  }
  expect(reached).toBe(true);
  await expect(page.locator(':focus')).toHaveCSS('outline-style', /solid|auto/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Check your booking' })).toBeFocused();
  await expectNoViolations(page, 'confirm');
  await page.getByRole('button', { name: 'Back' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Book a time' })).toBeFocused();

  // Another day, the other length.
  await page.getByRole('button', { name: 'Tomorrow' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Free times: Tomorrow' })).toBeVisible();
  await page.getByRole('button', { name: '60 min' }).press('Enter');
  await expect(page.locator('.free-time').first()).toContainText('60 min');
  await page.locator('.free-time').first().press('Enter');
  await page.getByRole('button', { name: 'Book this time' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Your time is booked' })).toBeFocused();
  await expectNoViolations(page, 'the code');
  await screenshot(page, 'self-booking-code-1366');
  await page.getByRole('button', { name: 'Done' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();

  await page.getByRole('button', { name: 'Book a time' }).click();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
});

test('at 320 px with 200 % text the list, the confirmation and the code fit without sideways scrolling', async ({ twoPcs, page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openKiosk(page, twoPcs.first);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Largest text' }).click();
  const noSideways = async (screen: string) => {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll, `${screen} scrolls sideways`).toBeLessThanOrEqual(client);
  };
  await page.getByRole('button', { name: 'Book a time' }).click();
  await expect(page.locator('.free-time').first()).toBeVisible();
  await noSideways('list');
  await screenshot(page, 'self-booking-list-320-200');
  await page.locator('.free-time').first().click();
  await noSideways('confirm');
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('heading', { name: 'Your time is booked' })).toBeVisible();
  await noSideways('code');
  await expectNoViolations(page, 'the code at 320 px and 200 %');
  await screenshot(page, 'self-booking-code-320-200');
});

test('"Book your next time" after a session, and the Finnish screen says it in Finnish', async ({ twoPcs, page }) => {
  const { first } = twoPcs;
  await openKiosk(page, first);
  const booking = await first.addBooking(0, 30);
  await enterCode(page, booking.code);
  await expect(page.getByRole('timer')).toBeVisible();
  await page.getByRole('button', { name: 'Lopeta istunto' }).click();
  await page.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
  await expect(page.getByRole('heading', { name: 'Miten meni?' })).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Varaa seuraava aikasi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Varaa aika' })).toBeVisible();
  await expectNoViolations(page, 'free times after a session (fi)');
  await page.locator('.free-time').first().click();
  await page.getByRole('button', { name: 'Varaa tämä aika' }).click();
  await expect(page.getByText('Kirjoita tämä koodi muistiin.')).toBeVisible();
  // The feedback screen's time runs out meanwhile: the code stays until "Valmis".
  await first.advance(60_000);
  await expect(page.getByRole('heading', { name: 'Aikasi on varattu' })).toBeVisible();
  await page.getByRole('button', { name: 'Valmis' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tervetuloa' })).toBeVisible();
});

test('the advisor\'s console marks a self-booking as such and cancels it like any other', async ({ twoPcs, page, browser }) => {
  const { first } = twoPcs;
  await openKiosk(page, first);
  await page.getByRole('button', { name: 'Varaa aika' }).click();
  await freeTimeOn(page, 'Tietokone 2').click();
  await page.getByRole('button', { name: 'Varaa tämä aika' }).click();
  await expect(page.getByRole('heading', { name: 'Aikasi on varattu' })).toBeVisible();

  const advisor = await openAdvisor(browser, first);
  try {
    await signIn(advisor);
    const booking = advisor.page.locator('.booking').filter({ hasText: 'Asukkaan oma varaus' });
    await expect(booking).toHaveCount(1);
    await expectNoViolations(advisor.page, 'bookings with a self-booking');
    await booking.getByRole('button', { name: /^Peru Tietokone 2 .* \(Asukkaan oma varaus\)$/ }).click();
    await advisor.page.getByRole('alertdialog', { name: 'Perutaanko varaus?' }).getByRole('button', { name: 'Kyllä, peru varaus' }).click();
    await expect(advisor.page.locator('.booking').filter({ hasText: 'Asukkaan oma varaus' })).toHaveCount(0);
  } finally {
    await advisor.context.close();
  }
});
