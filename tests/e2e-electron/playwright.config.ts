import { defineConfig } from '@playwright/test';

// The packaged app's main process, preload and kiosk window, driven through
// Playwright's _electron. Runs wherever an Electron binary exists; reports
// itself skipped, with the reason, where none does. One worker: one kiosk.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  outputDir: '../../test-results/e2e-electron',
});
