import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectron } from '../support/electron';
import type { TestSite } from './test-site';

const ROOT = resolve(import.meta.dirname, '../..');

export interface Kiosk {
  app: ElectronApplication;
  ui: Page;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts the built kiosk (out/main/index.js) in Electron with a PC configured for the test site. */
export async function launchKiosk(site: TestSite | undefined, extraConfig: Record<string, unknown> = {}): Promise<Kiosk> {
  const found = findElectron();
  if ('missing' in found) throw new Error(found.missing);
  const dataDir = mkdtempSync(join(tmpdir(), 'tupa-electron-'));
  const config = {
    pc: { id: 'e2e-pc', name: 'Test PC' },
    locales: { default: 'en', available: ['fi', 'en'] },
    web: { allowPrivateHosts: ['127.0.0.1'], mediaOrigins: [] },
    tiles: site ? [{ id: 'test-site', url: `${site.origin}/`, label: { en: 'Test site', fi: 'Testisivu' } }] : undefined,
    shell: { relaunchAfterSessions: 0 },
    // These tests are about the shell; the hub in an Electron app has its own (advisor.spec.ts).
    hub: { embedded: false },
    ...extraConfig,
  };
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify(config));
  const app = await electron.launch({
    executablePath: found.path,
    // The test site's certificate is self-signed; the production app never gets this switch.
    args: ['--ignore-certificate-errors', join(ROOT, 'out/main/index.js')],
    env: { ...process.env, TUPA_DATA_DIR: dataDir, TUPA_CONFIG: join(dataDir, 'kiosk.json') },
  });
  const ui = await app.firstWindow();
  await expect(ui.getByRole('heading', { level: 1 })).toHaveText('Welcome');
  return {
    app,
    ui,
    dataDir,
    close: async () => {
      await app.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startWalkIn(kiosk: Kiosk): Promise<void> {
  await kiosk.ui.getByRole('button', { name: 'Start now' }).click();
  await expect(kiosk.ui.getByRole('timer', { name: 'Time left' })).toBeVisible();
}

/** Opens the test site's tile and returns the web view's page (a CDP target of its own). */
export async function openTestSite(kiosk: Kiosk, site: TestSite): Promise<Page> {
  const pagePromise = kiosk.app.context().waitForEvent('page', { predicate: (p) => p.url().startsWith(site.origin), timeout: 15_000 });
  await kiosk.ui.getByRole('button', { name: /Test site/ }).click();
  const existing = kiosk.app.context().pages().find((p) => p.url().startsWith(site.origin));
  const page = existing ?? (await pagePromise);
  await expect(page.getByRole('heading', { name: 'Test site' })).toBeVisible();
  return page;
}

export async function endSession(kiosk: Kiosk): Promise<void> {
  await kiosk.ui.getByRole('button', { name: 'End session' }).click();
  await kiosk.ui.getByRole('button', { name: 'Yes, end now' }).click();
  await expect(kiosk.ui.getByRole('heading', { name: 'How did it go?' })).toBeVisible({ timeout: 20_000 });
}

export function receipts(dataDir: string): Array<{ id: string; receipt: { ok: boolean; steps: Array<{ step: string; ok: boolean }>; probe?: Record<string, number> } }> {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT id, receipt FROM sessions WHERE receipt IS NOT NULL ORDER BY started_at').all() as Array<{ id: string; receipt: string }>).map((r) => ({
      id: r.id,
      receipt: JSON.parse(r.receipt),
    }));
  } finally {
    db.close();
  }
}
