import { chooseLanguage, enterCode, expect, openKiosk, test } from './fixtures';

test('the preview\'s second demo PC is a PC of the same site: its booking checks in there and not on the first', async ({ twoPcs, page, context }) => {
  const { first, second } = twoPcs;
  const booking = await second.addBooking(0, 30);
  await openKiosk(page, first);
  await chooseLanguage(page, 'English');
  await expect(page.getByText('Tietokone 1').first()).toBeVisible();
  await enterCode(page, booking.code);
  await expect(page.getByRole('alert').filter({ hasText: 'That code did not work' })).toBeVisible();

  const other = await context.newPage();
  await openKiosk(other, second);
  await chooseLanguage(other, 'English');
  await expect(other.getByText('Tietokone 2').first()).toBeVisible();
  await enterCode(other, booking.code);
  await expect(other.getByRole('timer', { name: 'Time left' })).toBeVisible();
  expect((await second.status()).phase).toBe('active');
  expect((await first.status()).phase).toBe('welcome');
});
