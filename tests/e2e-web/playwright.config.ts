import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

// The kiosk UI in Debian's Chromium, against the real preview (kiosk core,
// SQLite, WebSocket transport) started afresh for every test.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  workers: 2,
  fullyParallel: true,
  // In CI a test that fails is run once more, and one that then passes is
  // reported as flaky by name under the totals (tests/run-all.mjs): on two
  // shared cores a timing can slip; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  outputDir: '../../test-results/e2e-web',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    timezoneId: 'Europe/Helsinki',
    locale: 'fi-FI',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
