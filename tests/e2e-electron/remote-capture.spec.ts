import { test, expect } from '@playwright/test';
import { findElectron } from '../support/electron';
import { startTestSite, type TestSite } from './test-site';
import { launchKiosk, openTestSite, startWalkIn, type Kiosk } from './harness';

// Help from afar (issue 16) in the real shell: the kiosk UI's getDisplayMedia is answered by
// main/shell/remote-capture.ts with the residents' web view's frame during a remote call only,
// and never with the desktop. Runs where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH).
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
