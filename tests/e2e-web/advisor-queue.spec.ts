import { expect, openKiosk, screenshot, test } from './fixtures';
import { expectNoViolations, openAdvisor, signIn } from './advisor-page';

/**
 * The advisor's queue panel on the preview's two demo PCs: the numbers
 * waiting, the one called with its PC and time left, skip and clear (each
 * asked first); axe on the panel and its confirmation.
 */
test('the advisor sees the queue, skips a number and clears the queue, each after confirming', async ({ twoPcs, page, context, browser }) => {
  test.slow();
  const { first, second } = twoPcs;
  await second.addBooking(0, 60);
  await openKiosk(page, first);
  await page.getByRole('button', { name: 'Aloita nyt' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  const other = await context.newPage();
  await openKiosk(other, second);
  for (const number of ['A-1', 'A-2']) {
    await other.getByRole('button', { name: 'Ota vuoronumero' }).click();
    await expect(other.getByText(number, { exact: true })).toBeVisible();
    await other.getByRole('button', { name: 'OK' }).click();
  }

  const advisor = await openAdvisor(browser, first);
  await signIn(advisor);
  const panel = advisor.page.locator('#queue');
  await expect(panel.getByRole('heading', { name: /Vuoronumerot/ })).toBeVisible();
  await expect(panel.getByText('Yksikään tietokone ei ole nyt vapaana', { exact: false })).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expectNoViolations(advisor.page, 'the queue panel');

  // PC 1 frees: A-1 is called there, live on the console.
  await page.getByRole('button', { name: 'Lopeta istunto' }).click();
  await page.getByRole('button', { name: 'Kyllä, lopeta nyt' }).click();
  await page.getByRole('button', { name: 'Ohita' }).click();
  await expect(panel.getByText(/koneelle Tietokone 1, aikaa aloittaa [23]:\d\d/)).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await screenshot(advisor.page, 'queue-console');

  await panel.getByRole('button', { name: 'Ohita A-2' }).click();
  const confirm = advisor.page.getByRole('alertdialog', { name: 'Ohitetaanko numero A-2?' });
  await expect(confirm).toBeVisible();
  await expectNoViolations(advisor.page, 'skip confirmation');
  await confirm.getByRole('button', { name: 'Ohita' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByText('Jonossa ei ole numeroita.')).toBeVisible();

  await panel.getByRole('button', { name: 'Tyhjennä jono' }).click();
  const clear = advisor.page.getByRole('alertdialog', { name: 'Tyhjennetäänkö koko jono?' });
  await clear.getByRole('button', { name: 'Säilytä' }).click();
  await expect(panel.getByText(/koneelle Tietokone 1/)).toBeVisible();
  await panel.getByRole('button', { name: 'Tyhjennä jono' }).click();
  await clear.getByRole('button', { name: 'Tyhjennä jono' }).click();
  await expect(panel.getByText('Yhtään numeroa ei ole kutsuttu.')).toBeVisible();
  // PC 1 is no longer held for A-1: walk-ins are possible there again.
  await expect(page.getByRole('button', { name: 'Aloita nyt' })).toBeVisible();
});
