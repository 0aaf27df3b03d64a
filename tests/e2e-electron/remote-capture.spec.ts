import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findElectron } from '../support/electron';
import { signInAdvisor } from '../support/hub-client';
import { freePort } from '../support/ipp-printer';
import { pointerOverlayBounds } from '../../main/core/pointer-geometry';
import { POINTER_SHOWN_MS } from '../../preload/protocol';
import { startTestSite, type TestSite } from './test-site';
import { launchKiosk, openTestSite, startWalkIn, type Kiosk } from './harness';

// Help from afar (issue 16) in the real shell: the kiosk UI's getDisplayMedia is answered by
// main/shell/remote-capture.ts with the residents' web view's frame during a remote call only,
// and never with the desktop; the advisor's pointer is drawn by main/shell/pointer-overlay.ts
// in a view of the kiosk's own above the web view. Runs where an Electron binary exists
// (ELECTRON_OVERRIDE_DIST_PATH).
const found = findElectron();
test.skip('missing' in found, 'missing' in found ? found.missing : '');

let site: TestSite | undefined;
let kiosk: Kiosk | undefined;

test.beforeAll(async () => {
  const started = await startTestSite();
  if ('missing' in started) test.skip(true, started.missing);
  else site = started;
});
test.afterAll(async () => site?.close());
test.afterEach(async () => kiosk?.close());

test('with no remote call under way, the kiosk UI captures nothing: neither the web view nor the desktop', async () => {
  kiosk = await launchKiosk(site);
  await startWalkIn(kiosk);
  await openTestSite(kiosk, site!);
  const answer = await kiosk.ui.evaluate(async () => {
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
      for (const track of stream.getTracks()) track.stop();
      return 'captured';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(answer).not.toBe('captured');
  // Nor the microphone or the camera.
  const media = await kiosk.ui.evaluate(async () => {
    try {
      await navigator.mediaDevices.getUserMedia({ audio: true });
      return 'granted';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(media).not.toBe('granted');
});

const ROOT = resolve(import.meta.dirname, '../..');
const ALL_DAY = [{ from: '00:00', to: '24:00' }];
const ADVISOR = { name: 'neuvoja', password: 'oikea-salasana-123' };

/** The IT command line against the kiosk's embedded hub (`tupa hub …`); the password, if any, on its standard input. */
function tupa(dataDir: string, args: string[], input = ''): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', '--data-dir', dataDir, ...args], { cwd: ROOT, encoding: 'utf8', input });
  if (result.status !== 0) throw new Error(`tupa ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The kiosk window's views, bottom to top, as Electron has them (the web view, the marker). */
function views(kiosk: Kiosk) {
  return kiosk.app.evaluate(({ BrowserWindow, webContents }) => {
    const window = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://'))!;
    const focused = webContents.getFocusedWebContents();
    return window.contentView.children.map((child) => {
      const contents = (child as Electron.WebContentsView).webContents;
      return { url: contents.getURL(), bounds: child.getBounds(), visible: child.getVisible(), focused: focused?.id === contents.id };
    });
  });
}

test("the advisor points: a marker of the kiosk's own lies over the web view at the point, on top and unfocused, fades, and goes at \"Stop sharing\"", async () => {
  const port = await freePort();
  kiosk = await launchKiosk(site, {
    hub: { embedded: true, listen: { host: '127.0.0.1', port } },
    remoteHelp: { enabled: true, hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY } },
  });
  tupa(kiosk.dataDir, ['hub', 'advisor', 'set', ADVISOR.name], `${ADVISOR.password}\n`);
  const advisor = await signInAdvisor(`https://127.0.0.1:${port}`, tupa(kiosk.dataDir, ['hub', 'ca']), ADVISOR.name, ADVISOR.password);
  await startWalkIn(kiosk);
  const page = await openTestSite(kiosk, site!);
  const ui = kiosk.ui;

  // The resident asks; the advisor accepts (through the hub's API, as the console does); the resident shows the page.
  await ui.getByRole('banner', { name: 'Session' }).getByRole('button', { name: 'Ask for help', exact: true }).click();
  await ui.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Get help on the screen' }).click();
  await expect(ui.getByRole('region', { name: 'Help on the screen' })).toContainText('Waiting for an advisor to answer');
  let callId = '';
  await expect
    .poll(async () => {
      const board = await advisor.call<{ help: Array<{ id: string; remote?: boolean; state: string }> }>('GET', '/api/board');
      callId = board.body.help.find((c) => c.remote && c.state === 'requested')?.id ?? '';
      return callId;
    })
    .not.toBe('');
  expect((await advisor.call('POST', `/api/remote/${callId}/accept`, {})).status).toBe(200);
  // The question is a dialog: the web view steps aside for it.
  const consent = ui.getByRole('dialog', { name: 'Show this page to the advisor?' });
  await expect(consent).toBeVisible();
  await expect.poll(async () => (await views(kiosk!)).find((v) => v.url.startsWith(site!.origin))?.visible).toBe(false);
  await consent.getByRole('button', { name: 'Show my screen' }).click();
  await expect(ui.getByRole('region', { name: 'Help on the screen' })).toContainText('The advisor sees this page');

  // The advisor points a quarter across and three quarters down the shared page.
  expect((await advisor.call('POST', `/api/remote/${callId}/pointer`, { x: 0.25, y: 0.75 })).status).toBe(200);
  await expect.poll(async () => (await views(kiosk!)).at(-1)?.url.startsWith('data:text/html')).toBe(true);
  const [web, marker] = await views(kiosk);
  expect(web!.url.startsWith(site!.origin)).toBe(true);
  expect(web!.visible).toBe(true);
  expect(marker!.bounds).toEqual(pointerOverlayBounds({ x: 0.25, y: 0.75 }, web!.bounds)!.bounds);
  // The keyboard stays with the page, and the page's DOM has nothing of the marker.
  expect(marker!.focused).toBe(false);
  expect(await page.evaluate(() => document.body.innerHTML.includes('d9480f'))).toBe(false);
  // Said to screen readers in the kiosk's own page, which draws no second ring under the web view.
  await expect(ui.getByText('The advisor is pointing at a place on the page.')).toBeAttached();
  await expect(ui.getByTestId('remote-pointer')).toHaveCount(0);

  // A second point moves it; after the fade it is gone.
  expect((await advisor.call('POST', `/api/remote/${callId}/pointer`, { x: 1, y: 0 })).status).toBe(200);
  await expect.poll(async () => (await views(kiosk!)).at(-1)?.bounds).toEqual(pointerOverlayBounds({ x: 1, y: 0 }, web!.bounds)!.bounds);
  await expect.poll(async () => (await views(kiosk!)).length, { timeout: POINTER_SHOWN_MS + 3_000 }).toBe(1);

  // Pointing again, then "Stop sharing": it goes at once.
  expect((await advisor.call('POST', `/api/remote/${callId}/pointer`, { x: 0.5, y: 0.5 })).status).toBe(200);
  await expect.poll(async () => (await views(kiosk!)).length).toBe(2);
  await ui.getByRole('button', { name: 'Stop sharing' }).click();
  await expect.poll(async () => (await views(kiosk!)).map((v) => v.url.slice(0, 5)), { timeout: 1_000 }).toEqual([site!.origin.slice(0, 5)]);
});
