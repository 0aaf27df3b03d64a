import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectron } from '../support/electron';

const ROOT = resolve(import.meta.dirname, '../..');
const found = findElectron();

test.skip('missing' in found, 'missing' in found ? found.missing : '');

let app: ElectronApplication;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tupa-electron-'));
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ pc: { id: 'e2e-pc', name: 'Test PC' } }));
  app = await electron.launch({
    executablePath: 'path' in found ? found.path : undefined,
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...process.env, TUPA_DATA_DIR: dataDir, TUPA_CONFIG: join(dataDir, 'kiosk.json') },
  });
});

test.afterEach(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the kiosk window opens on the welcome screen from app://kiosk with the typed API over IPC', async () => {
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { level: 1 })).toHaveText('Tervetuloa');
  expect(window.url()).toMatch(/^app:\/\/kiosk\//);
  const exposed = await window.evaluate(() => Object.keys((window as unknown as { tupa: object }).tupa).sort());
  expect(exposed).toEqual(['call', 'onEvent', 'protocol']);
  const nodeVisible = await window.evaluate(() => typeof (globalThis as { require?: unknown }).require);
  expect(nodeVisible).toBe('undefined');
});

test('a walk-in starts through IPC and the time left is shown', async () => {
  const window = await app.firstWindow();
  await window.getByRole('button', { name: 'English', exact: true }).click();
  await window.getByRole('button', { name: 'Start now' }).click();
  await expect(window.getByRole('timer', { name: 'Time left' })).toBeVisible();
});
