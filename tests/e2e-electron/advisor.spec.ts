import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findElectron } from '../support/electron';

// The advisor's own PC (role "advisor"): the site hub runs in the app and
// its console opens in a window that trusts the hub's certificate without
// any switch, may show notifications, and opens nothing else.

const ROOT = resolve(import.meta.dirname, '../..');
const found = findElectron();
test.skip('missing' in found, 'missing' in found ? found.missing : '');

let app: ElectronApplication | undefined;
let dataDir: string | undefined;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: p } = server.address() as { port: number };
      server.close(() => resolvePort(p));
    });
    server.on('error', reject);
  });
}

test.beforeEach(async () => {
  if ('missing' in found) return;
  dataDir = mkdtempSync(join(tmpdir(), 'tupa-advisor-app-'));
  port = await freePort();
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ role: 'advisor', hub: { siteName: 'Testitupa', listen: { host: '127.0.0.1', port } } }));
  // No --ignore-certificate-errors here: the window must trust the hub by itself.
  app = await electron.launch({
    executablePath: found.path,
    args: [join(ROOT, 'out/main/index.js')],
    env: { ...process.env, TUPA_DATA_DIR: dataDir, TUPA_CONFIG: join(dataDir, 'kiosk.json') },
  });
});

test.afterEach(async () => {
  // Closing asks first (the hub stops); the test closes the app itself.
  await app?.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
  await app?.close().catch(() => undefined);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the console opens from the hub in the app, over HTTPS the window trusts, in Finnish', async () => {
  const page = await app!.firstWindow();
  await expect(page).toHaveURL(`https://localhost:${port}/advisor/`);
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  expect(await page.evaluate(() => Notification.permission)).toBe('granted');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
});

test('the window goes nowhere but the console', async () => {
  const page = await app!.firstWindow();
  await expect(page.getByRole('heading', { name: 'Kirjaudu sisään' })).toBeVisible();
  expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(`https://localhost:${port}/advisor/`);
  expect(app!.windows()).toHaveLength(1);
});
