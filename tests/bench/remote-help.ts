import { loadavg } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable } from '../support/chromium';
import { startPreview } from '../support/preview-process';
import { startTurnServer, turnUnavailable, type TurnServer } from '../support/turn-server';
import { percentile, type Row } from './stats';

/**
 * Help from afar's numbers (issue 16), in Chromium against the real preview
 * (kiosk core, hub over HTTPS/WSS, the console), the kiosk page sharing its
 * own tab as in tests/e2e-web/remote-help.spec.ts:
 *
 * - "Show my screen" to the first frame in the console: the kiosk's
 *   `tupa:remote-consent` mark to the console's `tupa:remote-first-frame`
 *   (the video's first decoded frame), directly and relay-only through a
 *   real coturn. The two pages are two renderer processes: their
 *   performance.timeOrigin clocks agree within a millisecond in Chromium,
 *   and what they differ by (against Date.now()) is taken off anyway;
 * - an advisor's click on the picture to the marker drawn on the kiosk: the
 *   click event's time in the console to the animation frame in which the
 *   kiosk first has the new marker in its page.
 *
 * One preview per case, `calls` calls one after another after one warm-up
 * call, each with `points` clicks (20 calls: the p95 is the 19th of 20).
 */
export interface RemoteCase {
  firstFrame: number[];
  pointer: number[];
  /** Calls whose selected candidate pair went through the TURN server. */
  relayedCalls: number;
  skipped?: string;
  error?: string;
}

export interface RemoteBenchResult {
  direct: RemoteCase;
  turn: RemoteCase;
}

const TIMEOUT = 20_000;

/** The console's click times and the kiosk's marker frames, on the common clock (anonymous arrows only: tsx's helpers are not in the page). */
const CONSOLE_CLICKS = `document.addEventListener('click', (e) => { if (e.target && e.target.dataset && e.target.dataset.testid === 'remote-video') (window.benchClicks ||= []).push(performance.timeOrigin + e.timeStamp); }, true);`;
const KIOSK_MARKERS = `new MutationObserver((records) => {
  if (records.some((r) => [...r.addedNodes].some((n) => n.dataset && n.dataset.testid === 'remote-pointer')))
    requestAnimationFrame(() => (window.benchMarkers ||= []).push(performance.timeOrigin + performance.now()));
}).observe(document, { childList: true, subtree: true });`;

export async function measureRemoteHelp(calls = 20, points = 3): Promise<RemoteBenchResult> {
  if (!chromiumAvailable) {
    const skipped = `no Chromium at ${CHROMIUM_PATH}`;
    return { direct: { firstFrame: [], pointer: [], relayedCalls: 0, skipped }, turn: { firstFrame: [], pointer: [], relayedCalls: 0, skipped } };
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--auto-accept-this-tab-capture', '--auto-select-tab-capture-source-by-title=Tietokone 1'],
  });
  try {
    const direct = await measureCase(browser, undefined, calls, points);
    const missing = turnUnavailable();
    if (missing) return { direct, turn: { firstFrame: [], pointer: [], relayedCalls: 0, skipped: missing } };
    const turn = await startTurnServer();
    try {
      return { direct, turn: await measureCase(browser, turn, calls, points) };
    } finally {
      await turn.stop();
    }
  } finally {
    await browser.close();
  }
}

async function measureCase(browser: Browser, turn: TurnServer | undefined, calls: number, points: number): Promise<RemoteCase> {
  // The preview's hub reads the TURN server's secret from its environment, as `--turn` documents.
  if (turn) process.env.TUPA_TURN_SECRET = turn.secret;
  const preview = await startPreview({ demo: false, args: ['--hub-port', '0', '--remote-help', ...(turn ? ['--turn', turn.url] : [])] }).finally(() => delete process.env.TUPA_TURN_SECRET);
  const kioskContext = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki', viewport: { width: 1366, height: 768 } });
  const consoleContext = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fi-FI', timezoneId: 'Europe/Helsinki', viewport: { width: 1280, height: 900 } });
  const result: RemoteCase = { firstFrame: [], pointer: [], relayedCalls: 0 };
  try {
    const kiosk = await kioskContext.newPage();
    const advisor = await consoleContext.newPage();
    await kiosk.addInitScript(KIOSK_MARKERS);
    await advisor.addInitScript(CONSOLE_CLICKS);
    if (turn) for (const page of [kiosk, advisor]) await page.addInitScript('window.tupaIceTransportPolicy = "relay";');

    await kiosk.goto(preview.url);
    const english = kiosk.getByRole('button', { name: 'English', exact: true });
    if (!(await english.isVisible())) await kiosk.locator('.language__toggle').click();
    await english.click();
    await kiosk.getByRole('button', { name: 'Start now' }).click();
    await signIn(advisor, preview.output());
    // What the console's clock is ahead of the kiosk's: added to a kiosk time, it is a console time.
    const skew = (await clockOffset(kiosk)) - (await clockOffset(advisor));

    for (let call = 0; call <= calls; call++) {
      const sample = await oneCall(kiosk, advisor, points, turn !== undefined);
      if (call === 0) continue; // the warm-up: the first capture, encoder and decoder start cold
      result.firstFrame.push(sample.drawn - (sample.shown + skew));
      result.pointer.push(...sample.pointer.map(([clicked, marked]) => marked + skew - clicked));
      if (sample.relayed) result.relayedCalls += 1;
    }
  } catch (error) {
    result.error = (error as Error).message.split('\n')[0];
  } finally {
    await consoleContext.close();
    await kioskContext.close();
    await preview.stop();
  }
  return result;
}

/** Date.now() less the page's high-resolution clock, the least of many readings (Date.now() ticks in whole milliseconds). */
async function clockOffset(page: Page): Promise<number> {
  return page.evaluate(() => {
    let least = Infinity;
    for (let i = 0; i < 2_000; i++) least = Math.min(least, Date.now() - (performance.timeOrigin + performance.now()));
    return least;
  });
}

async function signIn(advisor: Page, output: string) {
  const url = /^advisor: (\S+)$/m.exec(output)?.[1];
  const account = /^advisor sign-in: (\S+) \/ (\S+)$/m.exec(output);
  if (!url || !account) throw new Error('the preview printed no advisor address and sign-in');
  await advisor.goto(url);
  await advisor.getByLabel('Nimi', { exact: true }).fill(account[1]!);
  await advisor.getByLabel('Salasana', { exact: true }).fill(account[2]!);
  await advisor.getByRole('button', { name: 'Kirjaudu', exact: true }).click();
  await advisor.getByText('Yhteys päällä').waitFor({ timeout: TIMEOUT });
}

/** One call: ask, accept, consent, the first frame, `points` clicks on the picture, the resident stops, both close. */
async function oneCall(kiosk: Page, advisor: Page, points: number, viaTurn: boolean) {
  await kiosk.getByRole('banner', { name: 'Session' }).getByRole('button', { name: 'Ask for help', exact: true }).click();
  await kiosk.getByRole('dialog', { name: 'Help' }).getByRole('button', { name: 'Get help on the screen' }).click();
  await advisor.locator('#help').getByRole('button', { name: 'Ota vastaan' }).first().click({ timeout: TIMEOUT });
  const consent = kiosk.getByRole('dialog', { name: 'Show this page to the advisor?' });
  await consent.waitFor({ timeout: TIMEOUT });
  for (const page of [kiosk, advisor]) await page.evaluate(() => performance.clearMarks());
  await consent.getByRole('button', { name: 'Show my screen' }).click();

  await advisor.waitForFunction(() => performance.getEntriesByName('tupa:remote-first-frame').length > 0, undefined, { timeout: TIMEOUT });
  const shown = await kiosk.evaluate(() => performance.timeOrigin + performance.getEntriesByName('tupa:remote-consent')[0]!.startTime);
  const drawn = await advisor.evaluate(() => performance.timeOrigin + performance.getEntriesByName('tupa:remote-first-frame')[0]!.startTime);
  // The console's statistics say whether the picture came through the relay (read once a second).
  const status = advisor.locator('.remote-view__status');
  await status.and(advisor.locator('[data-relayed="true"], [data-relayed="false"]')).waitFor({ timeout: TIMEOUT });
  const relayed = (await status.getAttribute('data-relayed')) === 'true';
  if (relayed !== viaTurn) throw new Error(viaTurn ? 'the picture did not go through the TURN server' : 'the picture went through a relay though none was given');

  const pointer: Array<[clicked: number, marked: number]> = [];
  const video = advisor.getByTestId('remote-video');
  const box = (await video.boundingBox())!;
  for (let i = 0; i < points; i++) {
    const before = await kiosk.evaluate(() => ((globalThis as { benchMarkers?: number[] }).benchMarkers ?? []).length);
    await video.click({ position: { x: box.width * (0.2 + 0.3 * i), y: box.height * 0.5 } });
    await kiosk.waitForFunction((n) => ((globalThis as { benchMarkers?: number[] }).benchMarkers ?? []).length > n, before, { timeout: TIMEOUT });
    const clicked = await advisor.evaluate(() => (globalThis as unknown as { benchClicks: number[] }).benchClicks.at(-1)!);
    const marked = await kiosk.evaluate(() => (globalThis as unknown as { benchMarkers: number[] }).benchMarkers.at(-1)!);
    pointer.push([clicked, marked]);
    await kiosk.waitForTimeout(300);
  }

  await kiosk.getByRole('region', { name: 'Help on the screen' }).getByRole('button', { name: 'Stop sharing' }).click();
  await advisor.locator('.remote-view__status').getByText('Asukas lopetti jakamisen.').waitFor({ timeout: TIMEOUT });
  await kiosk.getByRole('dialog', { name: 'Help on the screen' }).getByRole('button', { name: 'Close' }).click();
  await advisor.locator('#remote').getByRole('button', { name: 'Sulje' }).click();
  await advisor.locator('#remote').waitFor({ state: 'detached', timeout: TIMEOUT });
  return { shown, drawn, pointer, relayed };
}

/** The bench's rows: first frame p50/p95/max directly and through TURN (≤ 2 s p95), the pointer p50/p95/max (≤ 200 ms p95). */
export async function remoteHelpRows(calls = 20, points = 3): Promise<Row[]> {
  let result: RemoteBenchResult;
  try {
    result = await measureRemoteHelp(calls, points);
  } catch (error) {
    return [{ metric: 'remote help', value: NaN, unit: 'ms', goal: '≤ 2000 ms', met: false, detail: `failed: ${(error as Error).message}` }];
  }
  const rows: Row[] = [];
  const three = (name: string, samples: number[], expected: number, goalMs: number, how: string, problem: string | undefined) => {
    if (problem) {
      rows.push({ metric: `${name} p95`, value: NaN, unit: 'ms', goal: `≤ ${goalMs} ms`, met: problem.startsWith('skipped') ? null : false, detail: problem });
      return;
    }
    const complete = samples.length === expected;
    const detail = `${samples.length} of ${expected} samples; ${how} (machine load ${loadavg()[0]!.toFixed(1)})`;
    const round = (v: number) => Math.round(v);
    rows.push({ metric: `${name} p50`, value: round(percentile(samples, 50)), unit: 'ms', goal: '', met: complete ? null : false, detail });
    const p95 = percentile(samples, 95);
    rows.push({ metric: `${name} p95`, value: round(p95), unit: 'ms', goal: `≤ ${goalMs} ms`, met: complete && p95 <= goalMs, detail });
    rows.push({ metric: `${name} max`, value: round(Math.max(...samples)), unit: 'ms', goal: '', met: complete ? null : false, detail });
  };
  const problem = (c: RemoteCase) => (c.skipped ? `skipped: ${c.skipped}` : c.error ? `failed: ${c.error}` : undefined);
  const frame = `calls one after another on one preview after a warm-up call, kiosk page sharing its own tab (8 fps) to the console in the same Chromium over real WebRTC, signalling through the hub over WSS; the kiosk's tupa:remote-consent mark ("Show my screen") → the console's tupa:remote-first-frame (the video's first frame)`;
  three('remote help: "Show my screen" → first frame in the console (direct)', result.direct.firstFrame, calls, 2000, `${frame}; directly on loopback`, problem(result.direct));
  const turn = result.turn;
  three(
    'remote help: "Show my screen" → first frame in the console (TURN)',
    turn.firstFrame,
    calls,
    2000,
    `${frame}; both pages relay-only through a real coturn on 127.0.0.1 with the hub's short-lived credentials, ${turn.relayedCalls} of ${turn.firstFrame.length} calls seen relayed in the console's stats`,
    problem(turn),
  );
  const pointer = [...result.direct.pointer, ...turn.pointer];
  const expected = calls * points * (turn.skipped ? 1 : 2);
  three(
    'remote help: advisor\'s click → marker drawn on the kiosk',
    pointer,
    expected,
    200,
    `${points} clicks on the picture per call (both cases): the click event in the console → through the hub (HTTPS, then the PC's WSS) → the animation frame in which the kiosk first has the new marker`,
    result.direct.error || turn.error ? `failed: ${result.direct.error ?? turn.error}` : undefined,
  );
  return rows;
}
