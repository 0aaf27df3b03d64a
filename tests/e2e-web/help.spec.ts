import { createServer, type Server } from 'node:http';
import { test, expect, chooseLanguage, type Kiosk } from './fixtures';
import { startPreview } from '../support/preview-process';
import { demoAdvisor, signInAdvisor, type HubClient } from '../support/hub-client';
import { Kiosk as KioskHarness } from './fixtures';

interface Webhook {
  url: string;
  bodies: Array<Record<string, unknown>>;
  server: Server;
}

async function webhookReceiver(): Promise<Webhook> {
  const bodies: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, server };
}

async function advisorFor(kiosk: Kiosk): Promise<HubClient> {
  const hub = (await (await fetch(`${kiosk.preview.origin}/__test/hub`)).json()) as { url: string; caPem: string };
  const { name, password } = demoAdvisor(kiosk.preview.output());
  return signInAdvisor(hub.url.replace('localhost', '127.0.0.1'), hub.caPem, name, password);
}

type Board = { help: Array<{ id: string; state: string }>; pcs: Array<{ id: string; online: boolean }> };

test('the resident asks for help from the welcome screen; the advisor acknowledges and resolves; a webhook is told', async ({ page }) => {
  const hook = await webhookReceiver();
  const preview = await startPreview({ demo: false, args: ['--webhook', hook.url] });
  try {
    const kiosk = new KioskHarness(preview);
    await page.goto(kiosk.url);
    await chooseLanguage(page, 'English');
    const button = page.getByRole('button', { name: 'Ask for help', exact: true });
    await expect(button).toBeVisible();
    await button.click();
    const panel = page.getByRole('dialog', { name: 'Help' });
    await expect(panel).toContainText('Your request has reached the advisor. Please wait here.');

    const advisor = await advisorFor(kiosk);
    const board = await advisor.call<Board>('GET', '/api/board');
    expect(board.body.help).toHaveLength(1);
    const call = board.body.help[0]!;
    expect(call.state).toBe('requested');
    await expect.poll(() => hook.bodies.length).toBe(1);
    expect(hook.bodies[0]).toMatchObject({ event: 'help.requested', callId: call.id, pc: { id: 'demo-pc-1', name: 'Tietokone 1' }, room: 'Raatipirtti' });

    await panel.getByRole('button', { name: 'Close' }).click();
    expect((await advisor.call('POST', `/api/help/${call.id}/acknowledge`)).status).toBe(200);
    // The kiosk opens the panel by itself to say so, with the focus on Close (not on "Cancel the request"):
    // Enter closes the message, and the call the advisor accepted stands.
    await expect(page.getByRole('dialog', { name: 'Help' })).toContainText('The advisor is coming.');
    await expect(page.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Close' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Help' })).toBeHidden();
    expect((await advisor.call<Board>('GET', '/api/board')).body.help[0]!.state).toBe('acknowledged');
    expect((await advisor.call('POST', `/api/help/${call.id}/resolve`)).status).toBe(200);
    await button.click();
    await expect(page.getByRole('dialog', { name: 'Help' })).toContainText('Your request has been closed.');
    expect(hook.bodies).toHaveLength(1);
  } finally {
    await preview.stop();
    hook.server.close();
  }
});

test('the help button is in the session bar too, and the resident can cancel a call', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByRole('banner', { name: 'Session' }).getByRole('button', { name: 'Ask for help', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Help' })).toContainText('reached the advisor');
  // The dialog opens on Close: cancelling takes a deliberate press.
  await expect(page.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Close' })).toBeFocused();
  await page.getByRole('button', { name: 'Cancel the request' }).click();
  const advisor = await advisorFor(kiosk);
  await expect.poll(async () => (await advisor.call<Board>('GET', '/api/board')).body.help[0]?.state).toBe('cancelled');
});

test('outside the advisor\'s hours the kiosk shows the hours and a phone number instead of calling', async ({ page, kiosk }) => {
  const none: never[] = [];
  const res = await fetch(`${kiosk.preview.origin}/__test/policy`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: kiosk.preview.origin },
    body: JSON.stringify({ help: { phone: '040 555 0101', hours: { mon: none, tue: none, wed: none, thu: none, fri: none, sat: none, sun: none }, exceptions: [] } }),
  });
  expect(res.status).toBe(200);
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Ask for help', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Help' });
  await expect(panel).toContainText('The advisor is not on duty right now.');
  await expect(panel).toContainText('The advisor is not here today.');
  await expect(panel).toContainText('You can call 040 555 0101.');
  const advisor = await advisorFor(kiosk);
  expect((await advisor.call<Board>('GET', '/api/board')).body.help).toEqual([]);
});

test('a booking made by the advisor checks in on the kiosk, and the advisor can end the session', async ({ page, kiosk }) => {
  const advisor = await advisorFor(kiosk);
  const now = Date.now();
  const made = await advisor.call<{ code: string }>('POST', '/api/bookings', {
    pcId: 'demo-pc-1',
    start: new Date(now - 60_000).toISOString(),
    end: new Date(now + 30 * 60_000).toISOString(),
  });
  expect(made.status).toBe(200);
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.locator('#booking-code').fill(made.body.code);
  await page.locator('#booking-code').press('Enter');
  await expect(page.getByRole('timer', { name: 'Time left' })).toBeVisible();
  const ended = await advisor.call<{ commandId: string }>('POST', '/api/pcs/demo-pc-1/end');
  expect(ended.status).toBe(200);
  // The hub answers with the command's id; its outcome reaches the consoles as an event.
  expect(ended.body).toEqual({ commandId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  await expect(page.getByRole('heading', { name: 'The session was ended by staff' }).or(page.getByRole('heading', { name: 'How did it go?' }))).toBeVisible();
});

test('IT opens the maintenance screen with the admin PIN', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.keyboard.press('Control+Alt+KeyM');
  await expect(page.getByRole('heading', { name: 'Maintenance' })).toBeVisible();
  await page.getByLabel('Admin PIN').fill('0000');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong PIN.');
  await page.getByLabel('Admin PIN').fill('123456');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByText('This PC runs the site hub itself.')).toBeVisible();
  await expect(page.getByText('Connection: online')).toBeVisible();
  await page.getByRole('button', { name: 'Close maintenance' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
});

test('five wrong PINs pause the maintenance screen with one live countdown of five minutes', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.keyboard.press('Control+Alt+KeyM');
  const pin = page.getByLabel('Admin PIN');
  for (let i = 0; i < 4; i++) {
    await pin.fill(`000${i}`);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong PIN.');
    await expect(pin).toHaveValue('');
  }
  await pin.fill('0009');
  await page.getByRole('button', { name: 'Open' }).click();
  // 300 seconds read as 5:00 (not "308 seconds"), and count down live.
  const shown = page.locator('.lockout');
  await expect(shown).toHaveText(/^Too many wrong PINs\. Try again in \W?(5:00|4:5\d)\W?\.$/);
  const first = await shown.textContent();
  await expect.poll(() => shown.textContent(), { timeout: 3000 }).not.toBe(first);
  await expect(page.getByRole('button', { name: 'Open' })).toBeDisabled();
});

test('IT checks a hub that cannot be reached: the Finnish screen says so in Finnish, with the raw detail beneath for IT', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: 'Tervetuloa' })).toBeVisible();
  await page.keyboard.press('Control+Alt+KeyM');
  await page.getByLabel('Ylläpidon PIN-koodi').fill('123456');
  await page.getByRole('button', { name: 'Avaa' }).click();
  await page.getByLabel('Palvelimen osoite').fill('127.0.0.1:1');
  await page.getByRole('button', { name: 'Tarkista palvelin' }).click();
  await expect(page.getByRole('alert')).toHaveText('Palvelimeen ei saada yhteyttä tästä osoitteesta. Tarkista osoite ja että palvelin on käynnissä samassa verkossa.');
  await expect(page.locator('.message__detail')).toContainText('Tiedot IT-tuelle:');
  await expect(page.locator('.message__detail [lang="en"]')).toContainText('ECONNREFUSED');
});

test('IT compares one fingerprint, in groups of whole bytes, the same groups as the console', async ({ page, kiosk }) => {
  const hub = (await (await fetch(`${kiosk.preview.origin}/__test/hub`)).json()) as { url: string };
  const fingerprint = /^site CA fingerprint: (\S+)$/m.exec(kiosk.preview.output())![1]!;
  const groups = fingerprint.match(/(?:[0-9A-F]{2}:?){4}/g)!.map((group) => group.replace(/:$/, ''));
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.keyboard.press('Control+Alt+KeyM');
  await page.getByLabel('Admin PIN').fill('123456');
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.locator('.fingerprint-groups__group')).toHaveText(groups);
  // Checking a hub shows the fingerprint to compare, instead of (not beside) the one already pinned.
  await page.getByLabel('Hub address').fill(new URL(hub.url).host.replace('localhost', '127.0.0.1'));
  await page.getByRole('button', { name: 'Check the hub' }).click();
  await expect(page.getByText('Compare this fingerprint')).toBeVisible();
  await expect(page.locator('.fingerprint-groups')).toHaveCount(1);
  await expect(page.locator('.fingerprint-groups__group')).toHaveText(groups);
  // No group breaks across lines, even on a narrow screen.
  for (const width of [1366, 320]) {
    await page.setViewportSize({ width, height: 768 });
    for (const group of await page.locator('.fingerprint-groups__group').all()) {
      const box = await group.evaluate((el) => ({ lines: el.getClientRects().length }));
      expect(box.lines).toBe(1);
    }
  }
});
