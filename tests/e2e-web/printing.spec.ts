import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startPreview } from '../support/preview-process';
import { ippPrinterMissing, startTestPrinter } from '../support/ipp-printer';
import { test, expect, openKiosk, chooseLanguage, enterCode, screenshot, Kiosk, SCREENSHOT_DIR } from './fixtures';
import { expectPartClean, openAdvisor, signIn } from './advisor-page';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

async function expectNoViolations(page: Page, screen: string) {
  // The open dialogs (the rest of the page is inert beneath them and has its own checks elsewhere).
  const result = await new AxeBuilder({ page }).include('dialog[open]').withTags(WCAG_TAGS).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${screen}`).toEqual([]);
}

const missing = ippPrinterMissing();
test.skip(!!missing, `printing needs a real IPP printer: ${missing}`);

test('a resident opens a PDF of the session in the viewer, prints pages 2-3 of 5, sees "Printed", and the printer gets 2 pages; all 5 wait for the advisor, who sees the printer and releases them', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const printer = await startTestPrinter();
  const preview = await startPreview({ demo: false, args: ['--hub-port', '0', '--printer', printer.uri, '--demo-pdf', '--release-over', '3'] });
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
    await page.setViewportSize({ width: 1366, height: 768 });

    // All 5 pages: over the site's releaseOver (3), so the job waits for the advisor.
    await viewer.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(dialog).toContainText('This prints 5 pages.');
    await expect(dialog).toContainText('A job this long waits until the advisor releases it.');
    await dialog.getByRole('button', { name: 'Print', exact: true }).click();
    await expect(dialog.getByTestId('print-status')).toHaveText(/Waiting for the advisor to release the job/);

    // The console: the printer's line over the computers, the job on the PC's card; "Hyväksy" (Release) prints it.
    const advisor = await openAdvisor(browser, kiosk, { width: 1366, height: 768 });
    try {
      await signIn(advisor);
      const printers = advisor.page.getByRole('group', { name: 'Tulostimet' });
      await expect(printers).toContainText(`127.0.0.1:${printer.port}/ipp/print`);
      await expect(printers).toContainText(/Valmis|Tulostaa/);
      const held = advisor.page.locator('.held-print');
      await expect(held).toContainText('5 sivun tulostustyö odottaa hyväksyntääsi.');
      await held.scrollIntoViewIfNeeded();
      await advisor.page.screenshot({ path: `${SCREENSHOT_DIR}/print-console-held-1366.png` });
      await expectPartClean(advisor.page, ['.printers', '.held-print'], 'the printers line and a held job');
      await held.getByRole('button', { name: 'Hyväksy' }).click();
      await expect(held).toContainText('Hyväksytty: työ lähtee tulostimelle.');
    } finally {
      await advisor.context.close();
    }
    await expect(dialog.getByTestId('print-status')).toHaveText(/Printed\./, { timeout: 30_000 });
    await expect.poll(async () => (await printer.receivedPages()).slice(before)).toEqual([2, 5]);
  } finally {
    await preview.stop();
    await printer.remove();
  }
});
