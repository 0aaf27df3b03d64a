import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startPreview } from '../support/preview-process';
import { ippPrinterMissing, startTestPrinter } from '../support/ipp-printer';
import { test, expect, openKiosk, chooseLanguage, enterCode, screenshot, Kiosk } from './fixtures';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  // The open dialogs (the rest of the page is inert beneath them and has its own checks elsewhere).
  const result = await new AxeBuilder({ page }).include('dialog[open]').withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

const missing = ippPrinterMissing();
test.skip(!!missing, `printing needs a real IPP printer: ${missing}`);

test('a resident opens a PDF of the session in the viewer, prints pages 2-3 of 5, sees "Printed", and the printer gets 2 pages', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const printer = await startTestPrinter();
  const preview = await startPreview({ demo: false, args: ['--printer', printer.uri, '--demo-pdf'] });
  try {
    const kiosk = new Kiosk(preview);
    page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
    const booking = await kiosk.addBooking(0, 30);
    await openKiosk(page, kiosk);
    await chooseLanguage(page, 'English');
    await enterCode(page, booking.code);

    // The session's folder holds hakemus.pdf: the bar offers it.
    await page.getByRole('button', { name: /Files \(1\)/ }).click();
    const files = page.getByRole('dialog', { name: 'Your files' });
    await expect(files).toBeVisible();
    await files.getByRole('button', { name: 'Open hakemus.pdf' }).click();
    const viewer = page.getByRole('dialog', { name: 'hakemus.pdf' });
    // pdf.js and its worker load on first use.
    await expect(viewer.getByTestId('viewer-page')).toHaveText('Page 1 of 5', { timeout: 20_000 });
    await viewer.getByRole('button', { name: 'Next page' }).click();
    await expect(viewer.getByTestId('viewer-page')).toHaveText('Page 2 of 5');
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await expectNoViolations(page, 'the PDF viewer');
    await screenshot(page, 'print-viewer-1366');

    await viewer.getByRole('button', { name: 'Print', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Print' });
    await expect(dialog).toContainText('This prints 5 pages.');
    await expect(dialog).toContainText('You have 50 pages left today.');
    await dialog.getByRole('radio', { name: 'Only some pages' }).check();
    await dialog.getByRole('textbox', { name: 'Pages to print' }).fill('2-7');
    await expect(dialog).toContainText('The document has 5 pages');
    await expect(dialog.getByRole('button', { name: 'Print', exact: true })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Pages to print' }).fill('2-3');
    await expect(dialog).toContainText('This prints 2 pages.');
    await expectNoViolations(page, 'the print dialog');
    await screenshot(page, 'print-dialog-1366');
    await page.setViewportSize({ width: 320, height: 640 });
    await screenshot(page, 'print-dialog-320');
    await page.setViewportSize({ width: 1366, height: 768 });

    const before = printer.received().length;
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(dialog.getByTestId('print-status')).toHaveText(/Printed\./, { timeout: 30_000 });
    await expect.poll(async () => (await printer.receivedPages()).slice(before)).toEqual([2]);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await page.setViewportSize({ width: 320, height: 640 });
    await screenshot(page, 'print-viewer-320');
  } finally {
    await preview.stop();
    await printer.remove();
  }
});
