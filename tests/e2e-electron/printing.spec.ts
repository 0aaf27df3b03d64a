import { test, expect } from '@playwright/test';
import { findElectron } from '../support/electron';
import { ippPrinterMissing, startTestPrinter, type TestPrinter } from '../support/ipp-printer';
import { startTestSite, type TestSite } from './test-site';
import { launchKiosk, openTestSite, startWalkIn, type Kiosk } from './harness';

// A real page printed through the real shell: printToPDF of the web view, the
// kiosk's count and dialog, and the PDF at a real IPP printer (ippeveprinter).
const found = findElectron();
test.skip('missing' in found, 'missing' in found ? found.missing : '');
const noPrinter = ippPrinterMissing();
test.skip(!!noPrinter, noPrinter ?? '');

let site: TestSite | undefined;
let printer: TestPrinter | undefined;
let kiosk: Kiosk | undefined;

test.beforeAll(async () => {
  const started = await startTestSite();
  if ('missing' in started) test.skip(true, started.missing);
  else site = started;
  printer = await startTestPrinter('Tupa electron');
});
test.afterAll(async () => {
  await site?.close();
  await printer?.remove();
});
test.afterEach(async () => kiosk?.close());

test('a resident prints the web page: Ctrl+P opens the kiosk\'s dialog with the counted pages, and the printer receives exactly them', async () => {
  kiosk = await launchKiosk(site, { printing: { printer: printer!.uri } });
  await startWalkIn(kiosk);
  const page = await openTestSite(kiosk, site!);
  // Ctrl+P in the page: never Chromium's dialog, the kiosk's own.
  await page.keyboard.press('Control+P');
  const dialog = kiosk.ui.getByRole('dialog', { name: 'Print' });
  await expect(dialog).toContainText(/This prints \d+ pages?\./, { timeout: 15_000 });
  const counted = Number(/This prints (\d+)/.exec((await dialog.textContent()) ?? '')![1]);
  const before = printer!.received().length;
  await dialog.getByRole('button', { name: 'Print', exact: true }).click();
  await expect(dialog.getByTestId('print-status')).toHaveText(/Printed\./, { timeout: 30_000 });
  await expect.poll(async () => (await printer!.receivedPages()).slice(before)).toEqual([counted]);
});
