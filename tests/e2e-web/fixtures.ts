import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumAvailable, CHROMIUM_PATH } from '../support/chromium';
import { startPreview, type PreviewProcess } from '../support/preview-process';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');
export const MINUTE = 60_000;

export interface AddedBooking {
  id: string;
  code: string;
  startsAt: number;
  endsAt: number;
}

/** The preview as a test drives it: its URL, its data folder and its test-mode controls. */
export class Kiosk {
  constructor(readonly preview: PreviewProcess) {}

  get url() {
    return this.preview.url;
  }

  private async post<T>(path: string, body: unknown = {}): Promise<T> {
    const response = await fetch(`${this.preview.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.preview.origin },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  addBooking(startsInMinutes: number, minutes: number): Promise<AddedBooking> {
    return this.post('/__test/bookings', { startsInMinutes, minutes });
  }

  advance(ms: number) {
    return this.post<{ now: number; phase: string }>('/__test/advance', { ms });
  }

  /** The resident keeps using the web view for `ms` (so the idle timer never fires). */
  async use(ms: number) {
    let left = ms;
    let last = { now: 0, phase: '' };
    while (left > 0) {
      const chunk = Math.min(left, 4 * MINUTE);
      await this.post('/__test/web-activity');
      last = await this.advance(chunk);
      left -= chunk;
    }
    return last;
  }

  /** Use the kiosk until `minutesBefore` minutes before `endsAt`. */
  async useUntil(endsAt: number, minutesBefore: number) {
    return this.use(endsAt - minutesBefore * MINUTE - (await this.status()).now);
  }

  jumpWall(ms: number) {
    return this.post('/__test/jump', { ms });
  }

  media(inUse: boolean) {
    return this.post('/__test/media', { inUse });
  }

  failWipe(step: string) {
    return this.post('/__test/fail-wipe', { step });
  }

  notify(notice: Record<string, unknown>) {
    return this.post('/__test/notice', { notice: { seq: 0, ...notice } });
  }

  askForFile(files: Array<{ name: string; bytes: number }>, multiple = false) {
    return this.post('/__test/ask-file', { files, multiple });
  }

  async shellCalls(): Promise<Array<Record<string, unknown> & { call: string }>> {
    const response = await fetch(`${this.preview.origin}/__test/shell-calls`);
    return response.json() as never;
  }

  slowWipe(ms: number) {
    return this.post('/__test/slow-wipe', { ms });
  }

  async status(): Promise<{
    now: number;
    phase: string;
    events: Array<{ id: string; event: Record<string, unknown> }>;
    sessions: Array<{ id: string; endReason: string | null; receipt: { ok: boolean; steps: Array<{ step: string; ok: boolean }> } | null }>;
  }> {
    const response = await fetch(`${this.preview.origin}/__test/status`);
    return response.json() as never;
  }
}

/* eslint-disable no-empty-pattern -- Playwright reads fixture dependencies from the destructuring */
export const test = base.extend<{ kiosk: Kiosk; demoKiosk: Kiosk; twoPcs: { first: Kiosk; second: Kiosk } }>({
  kiosk: async ({}, use) => {
    const preview = await startPreview({ demo: false });
    await use(new Kiosk(preview));
    await preview.stop();
  },
  demoKiosk: async ({}, use) => {
    const preview = await startPreview({ demo: true });
    await use(new Kiosk(preview));
    await preview.stop();
  },
  /** A site of two demo PCs on one hub and one test clock: the first as `kiosk`, the second on its own port. */
  twoPcs: async ({}, use) => {
    const preview = await startPreview({ demo: false, secondPc: true });
    if (!preview.url2) throw new Error(`the preview printed no second kiosk:\n${preview.output()}`);
    const second = { ...preview, url: preview.url2, origin: new URL(preview.url2).origin, dataDir: `${preview.dataDir}/pc-2` };
    await use({ first: new Kiosk(preview), second: new Kiosk(second) });
    await preview.stop();
  },
});
/* eslint-enable no-empty-pattern */

test.skip(!chromiumAvailable, `Debian's Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`);

export { expect };

/** Opens the kiosk and waits for the welcome screen (in Finnish, the default). */
export async function openKiosk(page: Page, kiosk: Kiosk): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/**
 * Chooses a language on the welcome screen: where the top bar is short the
 * languages are behind one button (its name starts with the word for
 * "Language" in the current language), which is opened first.
 */
export async function chooseLanguage(page: Page, name: string): Promise<void> {
  const choice = page.getByRole('button', { name, exact: true });
  if (!(await choice.isVisible())) await page.locator('.language__toggle').click();
  await choice.click();
}

export async function enterCode(page: Page, code: string): Promise<void> {
  const input = page.locator('#booking-code');
  await input.fill(code);
  await input.press('Enter');
}

/** Types a code that is wrong and waits for the kiosk's answer (the field is emptied). */
export async function enterWrongCode(page: Page, code: string): Promise<void> {
  await enterCode(page, code);
  await expect(page.locator('#booking-code')).toHaveValue('');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
