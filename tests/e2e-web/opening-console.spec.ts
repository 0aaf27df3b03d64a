import { expect, MINUTE } from './fixtures';
import { expectNoViolations, signIn, siteDay, test } from './advisor-page';

/**
 * The advisor's booking dialog under the site's opening hours (set the way
 * the console's own API does, PUT /api/policy): a time outside them is
 * refused next to the field it concerns, in the advisor's language, with the
 * day's hours.
 */
test('a booking outside opening hours is refused in the console, next to the start or the length, with the day\'s hours', async ({ advisor }) => {
  const { page } = advisor;
  await signIn(advisor);
  const status = await page.evaluate(async () => {
    const policy = await (await fetch('/api/policy', { credentials: 'same-origin' })).json();
    const day = [{ from: '08:00', to: '16:00' }];
    policy.openingHours = { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, exceptions: [] };
    const answer = await fetch('/api/policy', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(policy) });
    return answer.status;
  });
  expect(status).toBe(200);

  const form = page.locator('.new-booking');
  const book = async (time: string, minutes: number) => {
    await form.getByLabel('Päivä').fill(siteDay(Date.now() + 24 * 60 * MINUTE));
    await form.getByLabel('Alkamisaika').fill(time);
    await form.getByLabel('Kesto').selectOption(String(minutes));
    await form.getByRole('button', { name: 'Tee varaus' }).click();
  };
  const refusal = form.getByRole('alert');
  const text = 'Paikka ei ole auki siihen aikaan. Sinä päivänä se on auki 08:00–16:00. Valitse aika aukioloajan sisältä.';

  // Runs past closing: the length is what to change.
  await book('15:30', 60);
  await expect(refusal).toHaveText(text);
  await expect(form.getByLabel('Kesto')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'a booking past closing refused');

  // Starts before opening: the start is.
  await book('06:00', 60);
  await expect(refusal).toHaveText(text);
  await expect(form.getByLabel('Alkamisaika')).toHaveAttribute('aria-invalid', 'true');

  // Inside the hours: made.
  await book('12:00', 60);
  await expect(page.getByRole('dialog', { name: 'Varaus tehty' })).toBeVisible();
});
