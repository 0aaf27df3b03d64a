import { expect, screenshot, SCREENSHOT_DIR } from './fixtures';
import { expectNoViolations, signIn, test } from './advisor-page';

/**
 * The console's Updates page on the preview's site, which holds a demo
 * release (main/preview/demo-updates.ts, added with the hub's own checks):
 * the administrator sees it with no first computer yet, picks the demo PC
 * as the first, then releases it to every computer after confirming; axe on
 * the page and the confirmation; screenshots at 1366x768 and 320 px.
 */
test('an administrator stages the demo release: first computer, then every computer after confirming', async ({ advisor }) => {
  test.slow();
  const { page } = advisor;
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(advisor);
  await page.getByRole('navigation').getByRole('link', { name: 'Päivitykset' }).click();
  const section = page.locator('#updates');
  await expect(section.getByRole('heading', { name: 'Versio 0.99.0', level: 3 })).toBeVisible();
  await expect(section.getByText('Ensimmäistä konetta ei ole valittu', { exact: false })).toBeVisible();
  await expect(section.getByRole('table', { name: 'Koneet' }).getByRole('rowheader').first()).toBeVisible();
  await expectNoViolations(page, 'the Updates page');

  await section.getByLabel('Ensimmäinen kone').selectOption({ index: 0 });
  await section.getByRole('button', { name: 'Valitse ensimmäiseksi koneeksi' }).click();
  await expect(section.getByText(/saa version 0\.99\.0 ensimmäisenä/)).toBeVisible();
  await expect(section.getByText(/^Ensimmäinen kone: /)).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(page, 'updates-console');
  await section.screenshot({ path: `${SCREENSHOT_DIR}/updates-section.png` });

  await section.getByRole('button', { name: 'Julkaise kaikille koneille' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Julkaistaanko versio 0.99.0 kaikille koneille?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByText('Ensimmäinen kone ei ole vielä asentanut sitä', { exact: false })).toBeVisible();
  await expectNoViolations(page, 'the release confirmation');
  await confirm.getByRole('button', { name: 'Julkaise kaikille koneille' }).click();
  await expect(confirm).toBeHidden();
  await expect(section.getByText('Versio 0.99.0 menee nyt kaikille koneille.')).toBeVisible();
  await expect(section.getByText(/^Kaikki koneet saavat sen/)).toBeVisible();
  await expect(section.getByRole('button', { name: 'Julkaise kaikille koneille' })).toHaveCount(0);

  // A phone-wide screen: nothing cut off, the table scrolls in its own region.
  await page.setViewportSize({ width: 320, height: 700 });
  await section.scrollIntoViewIfNeeded();
  await expectNoViolations(page, 'the Updates page at 320 px');
  await screenshot(page, 'updates-console-320');
  await section.screenshot({ path: `${SCREENSHOT_DIR}/updates-section-320.png` });
});
