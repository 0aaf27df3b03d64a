import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, openKiosk, chooseLanguage, enterCode, type Kiosk } from './fixtures';

async function openKela(page: Page, kiosk: Kiosk) {
  const booking = await kiosk.addBooking(0, 30);
  await openKiosk(page, kiosk);
  await chooseLanguage(page, 'English');
  await enterCode(page, booking.code);
  await page.getByRole('button', { name: /^Kela/ }).click();
  await expect(page.getByTestId('web-area')).toBeVisible();
  return booking;
}

const areas = async (kiosk: Kiosk) => (await kiosk.shellCalls()).filter((c) => c.call === 'setViewArea').map((c) => c.area as null | { width: number; height: number; y: number });

test('the web view is laid over the web area under the bar, and taken away while a dialog covers it', async ({ page, kiosk }) => {
  await openKela(page, kiosk);
  await expect.poll(async () => (await areas(kiosk)).at(-1)).toMatchObject({ width: expect.any(Number) });
  const area = (await areas(kiosk)).at(-1)!;
  const bar = await page.locator('.session-bar').boundingBox();
  expect(area!.y).toBeGreaterThanOrEqual(Math.floor(bar!.y + bar!.height));
  expect(area!.width).toBeGreaterThan(600);
  expect(area!.height).toBeGreaterThan(300);

  await page.getByRole('button', { name: 'End session' }).click();
  await expect.poll(async () => (await areas(kiosk)).at(-1)).toBeNull();
  await page.getByRole('button', { name: 'No, continue' }).click();
  await expect.poll(async () => (await areas(kiosk)).at(-1)).not.toBeNull();

  await page.getByRole('button', { name: 'Start page' }).click();
  await expect.poll(async () => (await areas(kiosk)).at(-1)).toBeNull();
});

test('back and reload act on the web view; back is off until there is somewhere to go back to', async ({ page, kiosk }) => {
  await openKela(page, kiosk);
  const back = page.getByRole('button', { name: 'Back' });
  await expect(back).toBeDisabled();
  await page.getByRole('button', { name: 'Reload page' }).click();
  await expect.poll(async () => (await kiosk.shellCalls()).some((c) => c.call === 'navigate' && c.action === 'reload')).toBe(true);
});

test('a refused address, an app link, a saved and a refused download and a crashed page are each explained', async ({ page, kiosk }) => {
  await openKela(page, kiosk);
  await kiosk.notify({ kind: 'blocked-address', host: 'intranet.local' });
  await expect(page.getByRole('alert')).toHaveText(/intranet\.local cannot be opened on this computer\./);
  expect(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await page.getByRole('button', { name: 'Close message' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await kiosk.notify({ kind: 'external-app', scheme: 'mailto' });
  await expect(page.getByRole('alert')).toContainText('This link would open another program');
  await kiosk.notify({ kind: 'download-saved', name: 'hakemus.pdf' });
  await expect(page.getByRole('status').filter({ hasText: 'Saved: hakemus.pdf' })).toBeVisible();
  await kiosk.notify({ kind: 'download-refused', name: 'setup.exe' });
  await expect(page.getByRole('alert')).toContainText('setup.exe was not saved');
  await kiosk.notify({ kind: 'permission-denied', what: 'camera-microphone' });
  await expect(page.getByRole('alert')).toContainText('cannot use the camera or microphone');
  await kiosk.notify({ kind: 'view-unavailable' });
  await expect(page.getByRole('alert')).toContainText('Web pages cannot be opened on this computer right now');
  await kiosk.notify({ kind: 'page-crashed' });
  await expect(page.getByRole('alert')).toContainText('The page stopped working');
  // A crashed page leaves the resident on the start page.
  await expect(page.getByRole('heading', { name: 'Choose a service' })).toBeVisible();
});

test('a page asking for a file offers only the files saved in this session', async ({ page, kiosk }) => {
  await openKela(page, kiosk);
  await kiosk.askForFile([
    { name: 'hakemus.pdf', bytes: 120_000 },
    { name: 'liite.jpg', bytes: 2_048 },
  ]);
  const dialog = page.getByRole('dialog', { name: 'Choose a file' });
  await expect(dialog).toBeVisible();
  expect(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);
  await expect(dialog.getByRole('button', { name: 'Choose' })).toBeDisabled();
  await dialog.getByRole('radio', { name: /hakemus\.pdf/ }).check();
  await dialog.getByRole('button', { name: 'Choose' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await kiosk.shellCalls()).filter((c) => c.call === 'chooseFiles').at(-1)?.names).toEqual(['hakemus.pdf']);

  await kiosk.askForFile([]);
  await expect(page.getByRole('dialog', { name: 'Choose a file' })).toContainText('You have not saved any files');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(async () => (await kiosk.shellCalls()).filter((c) => c.call === 'chooseFiles').at(-1)?.names).toEqual([]);
});
