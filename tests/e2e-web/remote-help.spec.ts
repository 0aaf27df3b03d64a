import type { Browser, Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import type {} from '../../renderer/ui/webrtc';
import { startPreview } from '../support/preview-process';
import { startTurnServer, turnUnavailable } from '../support/turn-server';
import { expectNoViolations, openAdvisor, signIn, type Advisor } from './advisor-page';
import { chooseLanguage, expect as baseExpect, Kiosk, SCREENSHOT_DIR, test } from './fixtures';

/** Media on two shared cores: a capture, an encoder and a decoder besides the pages; waits are longer than elsewhere. */
const expect = baseExpect.configure({ timeout: 15_000 });

/**
 * Help from afar (issue 16), the kiosk page and the advisor's console side
 * by side in one Chromium started with fake media and automatic tab capture
 * (REAL-PARTS.md): the kiosk shares its own tab, as the preview does.
 */
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-accept-this-tab-capture', '--auto-select-tab-capture-source-by-title=Tietokone 1'],
  },
});

const CONSENT = 'They see the web page you are on, not the rest of the computer. You can stop at any time. Do not type passwords while sharing.';

/** Counts the page's calls of getDisplayMedia: nothing may be captured before "Show my screen". */
const COUNT_CAPTURES = () => {
  const devices = navigator.mediaDevices;
  const original = devices.getDisplayMedia.bind(devices);
  (window as unknown as { captures: number }).captures = 0;
  devices.getDisplayMedia = (options) => {
    (window as unknown as { captures: number }).captures += 1;
    return original(options);
  };
};

async function openSite(browser: Browser, args: string[] = [], relayOnly = false, instrument?: () => void) {
  const preview = await startPreview({ demo: false, args: ['--hub-port', '0', '--remote-help', ...args] });
  const kiosk = new Kiosk(preview);
  const kioskContext = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki', viewport: { width: 1366, height: 768 } });
  const page = await kioskContext.newPage();
  await page.addInitScript(COUNT_CAPTURES);
  const advisor = await openAdvisor(browser, kiosk);
  for (const p of [page, advisor.page]) {
    if (relayOnly) await p.addInitScript(() => (window.tupaIceTransportPolicy = 'relay'));
    if (instrument) await p.addInitScript(instrument);
  }
  await page.goto(kiosk.url);
  await chooseLanguage(page, 'English');
  await page.getByRole('button', { name: 'Start now' }).click();
  await signIn(advisor);
  return {
    page,
    advisor,
    async close() {
      await advisor.context.close();
      await kioskContext.close();
      await preview.stop();
    },
  };
}

/** The resident asks for help on the screen; the advisor accepts the call marked remote. */
async function askAndAccept(page: Page, advisor: Advisor) {
  await page.getByRole('banner', { name: 'Session' }).getByRole('button', { name: 'Ask for help', exact: true }).click();
  const panel = page.getByRole('dialog', { name: 'Help' });
  await expect(panel.getByRole('button', { name: 'Ask the advisor to come' })).toBeVisible();
  await panel.getByRole('button', { name: 'Get help on the screen' }).click();
  await expect(page.getByRole('region', { name: 'Help on the screen' })).toContainText('Waiting for an advisor to answer');
  const queue = advisor.page.locator('#help');
  // The open call, marked remote (closed calls keep their mark below, without a heading).
  await expect(queue.getByRole('heading', { name: /Tietokone 1 · Raatipirtti\s*Näytöllä/ })).toBeVisible();
  await queue.getByRole('button', { name: 'Ota vastaan' }).click();
  await expect(advisor.page.getByRole('heading', { name: /Apu näytöllä: Tietokone 1/ })).toBeVisible();
  const consent = page.getByRole('dialog', { name: 'Show this page to the advisor?' });
  await expect(consent).toContainText(CONSENT);
  return consent;
}

const status = (advisor: Advisor) => advisor.page.locator('.remote-view__status');
const framesDecoded = async (advisor: Advisor) => Number(await status(advisor).getAttribute('data-frames'));

test('a resident shows their page to an advisor elsewhere, who sees it live, points and chats; the resident stops', async ({ browser }) => {
  test.setTimeout(240_000);
  const site = await openSite(browser);
  const { page, advisor } = site;
  try {
    const consent = await askAndAccept(page, advisor);
    await expect(status(advisor)).toHaveText('Odotetaan, että asukas sallii jakamisen…');
    expect(await page.evaluate(() => (window as unknown as { captures: number }).captures)).toBe(0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'remote-consent-1366.png') });
    await expectNoViolations(page, 'the consent question');
    // The console's view, checked before the live picture starts (axe stalls beside a playing WebRTC video on two cores).
    await expectNoViolations(advisor.page, 'the console\'s remote-help view');

    await consent.getByRole('button', { name: 'Show my screen' }).click();
    const bar = page.getByRole('region', { name: 'Help on the screen' });
    await expect(bar).toContainText('The advisor sees this page');
    await expect(bar.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
    // The console's video decodes frames (WebRTC stats), directly on one network.
    await expect.poll(() => framesDecoded(advisor), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(status(advisor)).toHaveText('Näet asukkaan sivun. Suora yhteys.');
    await expect(status(advisor)).toHaveAttribute('data-relayed', 'false');

    // The chat, both ways.
    await advisor.page.getByLabel('Kirjoita asukkaalle').fill('Hei! Näen sivusi.');
    await advisor.page.getByRole('button', { name: 'Lähetä' }).click();
    await expect(bar.getByRole('log')).toContainText('Advisor: Hei! Näen sivusi.');
    await bar.getByLabel('Write to the advisor').fill('Where do I click?');
    await bar.getByRole('button', { name: 'Send' }).click();
    await expect(advisor.page.getByRole('log')).toContainText('Asukas: Where do I click?');

    // A click on the picture points there on the kiosk: the marker is drawn near the same place of the page.
    const video = advisor.page.getByTestId('remote-video');
    const box = (await video.boundingBox())!;
    await video.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
    const marker = page.getByTestId('remote-pointer');
    // Its centre, read as soon as it is drawn (it fades within seconds).
    const centre = await page.waitForFunction(() => {
      const box = document.querySelector('[data-testid="remote-pointer"]')?.getBoundingClientRect();
      return box ? box.x + box.width / 2 : undefined;
    });
    expect(Math.abs((await centre.jsonValue())! - 1366 * 0.75)).toBeLessThan(60);
    await expect(marker).toBeHidden({ timeout: 10_000 });
    // The keyboard points too: the crosshair, moved with the arrows, Enter.
    await advisor.page.getByRole('group', { name: 'Asukkaan sivu' }).focus();
    await advisor.page.keyboard.press('ArrowLeft');
    await advisor.page.keyboard.press('Enter');
    await expect(marker).toBeVisible();

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'remote-sharing-1366.png') });
    await advisor.page.screenshot({ path: join(SCREENSHOT_DIR, 'remote-console-1366.png'), fullPage: false });
    await expectNoViolations(page, 'the sharing bar');
    await page.setViewportSize({ width: 320, height: 640 });
    await expect(bar.getByRole('button', { name: 'Stop sharing' })).toBeInViewport();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'remote-sharing-320.png') });
    await advisor.page.setViewportSize({ width: 320, height: 700 });
    await advisor.page.screenshot({ path: join(SCREENSHOT_DIR, 'remote-console-320.png') });
    await page.setViewportSize({ width: 1366, height: 768 });

    await bar.getByRole('button', { name: 'Stop sharing' }).click();
    await expect(page.getByRole('dialog', { name: 'Help on the screen' })).toContainText('You stopped sharing. The advisor no longer sees your page.');
    await expect(status(advisor)).toHaveText('Asukas lopetti jakamisen.');
    await expectNoViolations(page, 'the end message');
    await page.getByRole('dialog', { name: 'Help on the screen' }).getByRole('button', { name: 'Close' }).click();
    await expect(bar).toBeHidden();
  } finally {
    await site.close();
  }
});

test('"Not now" shares nothing, and a session that ends mid-share ends the sharing', async ({ browser }) => {
  test.setTimeout(240_000);
  const site = await openSite(browser);
  const { page, advisor } = site;
  try {
    const consent = await askAndAccept(page, advisor);
    await consent.getByRole('button', { name: 'Not now' }).click();
    await expect(page.getByRole('dialog', { name: 'Help on the screen' })).toContainText('Nothing was shared.');
    await expect(status(advisor)).toHaveText('Asukas ei halunnut jakaa. Mitään ei jaettu.');
    expect(await page.evaluate(() => (window as unknown as { captures: number }).captures)).toBe(0);
    expect(await framesDecoded(advisor)).toBe(0);
    await page.getByRole('dialog', { name: 'Help on the screen' }).getByRole('button', { name: 'Close' }).click();
    await advisor.page.locator('#remote').getByRole('button', { name: 'Sulje' }).click();

    const again = await askAndAccept(page, advisor);
    await again.getByRole('button', { name: 'Show my screen' }).click();
    await expect.poll(() => framesDecoded(advisor), { timeout: 15_000 }).toBeGreaterThan(0);
    // The session ends mid-share: the sharing ends before the wipe, and the advisor is told.
    await page.getByRole('banner', { name: 'Session' }).getByRole('button', { name: 'End session' }).click();
    await page.getByRole('button', { name: 'Yes, end now' }).click();
    await expect(status(advisor)).toHaveText('Asukkaan istunto päättyi, joten jakaminen loppui.');
    await expect(page.getByRole('dialog', { name: 'Help on the screen' })).toContainText('Your session ended, so sharing stopped.');
    await expect(page.getByText('The advisor sees this page')).toBeHidden();
  } finally {
    await site.close();
  }
});

/** Keeps the page's peer connections where the relay test can read their configuration and statistics. */
const KEEP_PEERS = () => {
  const Original = window.RTCPeerConnection;
  const peers: RTCPeerConnection[] = [];
  (window as unknown as { peers: RTCPeerConnection[] }).peers = peers;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      peers.push(this);
    }
  } as typeof RTCPeerConnection;
};

/** The page's latest peer connection: the TURN server it was given, and its selected candidate pair and frames (WebRTC stats). */
async function peerStats(page: Page) {
  return page.evaluate(async () => {
    const pc = (window as unknown as { peers: RTCPeerConnection[] }).peers.at(-1)!;
    const byId = new Map<string, Record<string, unknown>>();
    (await pc.getStats()).forEach((entry: Record<string, unknown>) => byId.set(String(entry.id), entry));
    const entries = [...byId.values()];
    const transport = entries.find((e) => e.type === 'transport' && typeof e.selectedCandidatePairId === 'string');
    const pair = transport && byId.get(String(transport.selectedCandidatePairId));
    const candidate = (id: unknown) => byId.get(String(id));
    const video = (type: string) => entries.find((e) => e.type === type && e.kind === 'video');
    return {
      iceServers: pc.getConfiguration().iceServers ?? [],
      policy: pc.getConfiguration().iceTransportPolicy,
      local: pair ? candidate(pair.localCandidateId)?.candidateType : undefined,
      remote: pair ? candidate(pair.remoteCandidateId)?.candidateType : undefined,
      candidateTypes: [...new Set(entries.filter((e) => e.type === 'local-candidate' || e.type === 'remote-candidate').map((e) => String(e.candidateType)))],
      framesDecoded: Number(video('inbound-rtp')?.framesDecoded ?? 0),
      framesEncoded: Number(video('outbound-rtp')?.framesEncoded ?? 0),
    };
  });
}

test('relay only: the media go through a real coturn with the hub\'s short-lived credentials', async ({ browser }) => {
  const missing = turnUnavailable();
  test.skip(missing !== undefined, missing);
  test.setTimeout(120_000);
  // The site as a real one: the TURN address in the policy, coturn's shared secret in the hub's configuration
  // only (TUPA_TURN_SECRET), each party given its own credentials when the call is accepted. Both pages send
  // media only through the relay (iceTransportPolicy "relay"), so nothing can go directly.
  const turn = await startTurnServer();
  process.env.TUPA_TURN_SECRET = turn.secret;
  const site = await openSite(browser, ['--turn', turn.url], true, KEEP_PEERS);
  const { page, advisor } = site;
  try {
    const consent = await askAndAccept(page, advisor);
    await consent.getByRole('button', { name: 'Show my screen' }).click();
    await expect.poll(() => framesDecoded(advisor), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect(status(advisor)).toHaveAttribute('data-relayed', 'true');
    await expect(status(advisor)).toHaveText('Näet asukkaan sivun. Yhteys kaupungin välityspalvelimen kautta.');

    const now = Date.now() / 1000;
    for (const [side, who] of [
      [advisor.page, /^advisor-\d+$/],
      [page, /^demo-pc-1$/],
    ] as const) {
      const stats = await peerStats(side);
      expect(stats.policy).toBe('relay');
      // Only the TURN server, with credentials in coturn's shared-secret scheme: "<expiry>:<who>", good for two hours at most.
      expect(stats.iceServers).toHaveLength(1);
      const server = stats.iceServers[0]!;
      expect(server.urls).toEqual([turn.url]);
      const [expiry, user] = String(server.username).split(':');
      expect(user).toMatch(who);
      expect(Number(expiry)).toBeGreaterThan(now);
      expect(Number(expiry)).toBeLessThanOrEqual(now + 2 * 3600 + 60);
      expect(server.credential).toBe(createHmac('sha1', turn.secret).update(String(server.username)).digest('base64'));
      // The selected pair is relay at both ends, and no other kind of candidate was even exchanged.
      expect([stats.local, stats.remote]).toEqual(['relay', 'relay']);
      expect(stats.candidateTypes).toEqual(['relay']);
    }
    expect((await peerStats(advisor.page)).framesDecoded).toBeGreaterThan(0);
    expect((await peerStats(page)).framesEncoded).toBeGreaterThan(0);
    // coturn itself: both parties allocated with the hub's credentials…
    const users = turn.users().map((u) => u.split(':')[1]);
    expect(users).toContain('demo-pc-1');
    expect(users.some((u) => /^advisor-\d+$/.test(u ?? ''))).toBe(true);

    // …and, once the resident stops and both close their connections, coturn reports what it relayed: the
    // kiosk's allocation sent the picture on to its peer, the console's received it (some 100 KB here; the
    // connection's own checks and reports alone are a few KB).
    await page.getByRole('region', { name: 'Help on the screen' }).getByRole('button', { name: 'Stop sharing' }).click();
    await expect(status(advisor)).toHaveText('Asukas lopetti jakamisen.');
    const relayed = (who: RegExp, field: 'sb' | 'rb') => turn.peerUsage().filter((u) => who.test(u.username.split(':')[1] ?? '')).reduce((t, u) => t + u[field], 0);
    await expect.poll(() => relayed(/^demo-pc-1$/, 'sb'), { timeout: 15_000 }).toBeGreaterThan(20_000);
    await expect.poll(() => relayed(/^advisor-\d+$/, 'rb'), { timeout: 15_000 }).toBeGreaterThan(20_000);
  } catch (error) {
    console.log(`coturn's log:\n${turn.output().slice(-6_000)}`);
    throw error;
  } finally {
    await site.close();
    delete process.env.TUPA_TURN_SECRET;
    await turn.stop();
  }
});
