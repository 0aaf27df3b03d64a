/**
 * The soak run's flood checks (issue 10): a real hub in its own process
 * (tests/bench/hub-process.ts, default limits, TLS, SQLite on disk) under
 * (a) a flood of idle TCP connections from loopback addresses, many from
 * one, and (b) one paired PC's token sending messages as fast as it can.
 * During each, a paired PC's round trip and a console's request are timed;
 * a check passes when both stay under 1 s. Loopback only (127.0.0.0/8),
 * bounded in connections, messages and time.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, type HubToKiosk } from '../../preload/hub-contract';
import { HubChild } from '../bench/hub';
import { floodMessages, idleFlood } from './flood-tools';

export interface FloodResult {
  name: string;
  ok: boolean;
  /** The slowest paired PC's round trip during the flood (ms). */
  pcLatencyMs: number;
  /** The slowest console request during the flood (ms). */
  consoleLatencyMs: number;
  detail: string;
}

/** Each check must answer within this. */
const LIMIT_MS = 1_000;
/** Probes per check, this far apart. */
const PROBES = 5;
const PROBE_GAP_MS = 200;
/** No check runs longer than this. */
const CHECK_LIMIT_MS = 60_000;

interface Site {
  port: number;
  caPem: string;
  advisorToken: string;
  pcs: Array<{ pcId: string; deviceToken: string }>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms);

/** A paired PC's socket, greeted (hello → welcome); its messages are kept for `next`. */
async function pcLink(site: Site, pc: { pcId: string; deviceToken: string }, localAddress: string) {
  const socket = new WebSocket(`wss://127.0.0.1:${site.port}/kiosk`, {
    ca: site.caPem,
    checkServerIdentity: (() => undefined) as never,
    headers: { authorization: `Bearer ${pc.deviceToken}` },
    handshakeTimeout: 5_000,
    localAddress,
  });
  const messages: HubToKiosk[] = [];
  const waiters: Array<{ match: (m: HubToKiosk) => boolean; resolve: () => void }> = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as HubToKiosk;
    messages.push(message);
    for (const waiter of waiters.splice(0)) {
      if (waiter.match(message)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('error', () => undefined);
  const next = (what: string, match: (m: HubToKiosk) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${pc.pcId}: no ${what} within 5 s`)), 5_000);
      waiters.push({ match, resolve: () => (clearTimeout(timer), resolve()) });
    });
  const welcome = next('welcome', (m) => m.type === 'welcome');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`${pc.pcId}: HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: pc.pcId, clock: Date.now(), release: 'soak' }));
  await welcome;
  return { socket, messages, next, closed };
}

/** The console's request: the board, on a new TLS connection, with the advisor's session. */
function consoleBoard(site: Site): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: site.port, path: '/api/board', ca: site.caPem, checkServerIdentity: () => undefined, agent: false, headers: { authorization: `Bearer ${site.advisorToken}` } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`the board answered ${res.statusCode}`))));
      },
    );
    req.setTimeout(5_000, () => req.destroy(new Error('the board did not answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

interface Probed {
  ms: number;
  failures: string[];
}

/** The slowest of `PROBES` tries, `PROBE_GAP_MS` apart; a failed try counts as Infinity. */
async function slowest(probe: () => Promise<number>): Promise<Probed> {
  let ms = 0;
  const failures: string[] = [];
  for (let i = 0; i < PROBES; i++) {
    try {
      ms = Math.max(ms, await probe());
    } catch (error) {
      ms = Infinity;
      failures.push((error as Error).message);
    }
    await sleep(PROBE_GAP_MS);
  }
  return { ms, failures };
}

const CONSOLE_PROBE = `console: the slowest of ${PROBES} GET /api/board on new connections`;

/** A check's result: ok when the flood was really on and the PC and the console were both answered within LIMIT_MS. */
function result(name: string, flooded: boolean, pc: Probed, console_: Probed, detail: string): FloodResult {
  const failures = [...pc.failures, ...console_.failures];
  return {
    name,
    ok: flooded && pc.ms < LIMIT_MS && console_.ms < LIMIT_MS,
    pcLatencyMs: round(pc.ms),
    consoleLatencyMs: round(console_.ms),
    detail: `${detail}; ${CONSOLE_PROBE}${failures.length ? `; failed: ${failures.join('; ')}` : ''}`,
  };
}

/** (a) 1,200 idle TCP connections: 600 from one address, 600 from 40 others; a PC connects anew, a console asks for the board. */
async function connectionFlood(site: Site): Promise<FloodResult> {
  const name = 'connection flood: 1,200 idle TCP connections (600 from one address, 15 each from 40 others)';
  const sources = [{ address: '127.2.0.1', count: 600 }, ...Array.from({ length: 40 }, (_, i) => ({ address: `127.2.1.${i + 1}`, count: 15 }))];
  const flood = await idleFlood(site.port, sources);
  try {
    const heldAtStart = flood.held();
    const pc = site.pcs[0]!;
    // The PC's round trip: a new connection, TLS, the upgrade, hello → welcome.
    const pcProbe = await slowest(async () => {
      const started = performance.now();
      const link = await pcLink(site, pc, '127.3.0.1');
      const ms = performance.now() - started;
      link.socket.close();
      await link.closed;
      return ms;
    });
    const consoleProbe = await slowest(() => consoleBoard(site));
    const detail = `${flood.attempted} opened; the hub held ${heldAtStart} (refused the rest at once) and ${flood.held()} after the probes; PC: the slowest of ${PROBES} new connections to "welcome"`;
    return result(name, heldAtStart > 0, pcProbe, consoleProbe, detail);
  } finally {
    flood.stop();
  }
}

/** (b) One PC's token sends status messages as fast as it can; another PC's help call and a console are timed meanwhile. */
async function messageFlood(site: Site): Promise<FloodResult> {
  const name = 'message flood: one paired PC sending status messages without pause';
  const [floodPc, probePc] = [site.pcs[1]!, site.pcs[2]!];
  const flooder = await pcLink(site, floodPc, '127.3.0.2');
  const other = await pcLink(site, probePc, '127.3.0.3');
  const started = performance.now();
  const flood = floodMessages(flooder.socket, JSON.stringify({ type: 'status', status: { phase: 'active' }, clock: Date.now() }));
  let cutOff: { code: number; afterMs: number } | undefined;
  void flooder.closed.then((code) => (cutOff = { code, afterMs: round(performance.now() - started) }));
  try {
    await sleep(300);
    // The PC's round trip: a help request (the same call each time) → the hub's answer.
    const callId = randomUUID();
    const pcProbe = await slowest(async () => {
      const sent = performance.now();
      const answered = other.next('help answer', (m) => m.type === 'help' && m.callId === callId);
      other.socket.send(JSON.stringify({ type: 'help', callId, action: 'request', at: Date.now() }));
      await answered;
      return performance.now() - sent;
    });
    const consoleProbe = await slowest(() => consoleBoard(site));
    // Long enough for the hub to cut a PC that keeps on (10 s by default), bounded.
    const deadline = started + 15_000;
    while (!cutOff && performance.now() < deadline) await sleep(100);
    const sent = await flood.stop();
    const seconds = (performance.now() - started) / 1000;
    other.socket.send(JSON.stringify({ type: 'help', callId, action: 'cancel', at: Date.now() }));
    const closed = cutOff ? `the flooding PC saw its link closed with code ${cutOff.code} ${(cutOff.afterMs / 1000).toFixed(1)} s after it began` : 'the hub did not close the flooding PC\'s link';
    const detail = `${sent} messages sent in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s); ${closed}; PC: the slowest of ${PROBES} help requests → the hub's answer on another PC's link`;
    return result(name, sent / seconds > 1_000, pcProbe, consoleProbe, detail);
  } finally {
    await flood.stop();
    flooder.socket.terminate();
    other.socket.close();
  }
}

/** A webhook receiver that takes every POST (the hub needs one to send help calls to). */
async function webhookSink(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { connection: 'close' }).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const failed = (name: string, error: unknown): FloodResult => ({ name, ok: false, pcLatencyMs: NaN, consoleLatencyMs: NaN, detail: `the check failed: ${(error as Error).message}` });

const bounded = <T>(what: Promise<T>, ms: number): Promise<T> =>
  Promise.race([what, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not done within ${ms / 1000} s`)), ms).unref())]);

/** Runs both flood checks against one fresh hub; a check that cannot run is reported as failed, with why. */
export async function runFloodChecks(): Promise<FloodResult[]> {
  const root = mkdtempSync(join(tmpdir(), 'tupa-flood-'));
  const sink = await webhookSink();
  const child = new HubChild();
  const checks: Array<[string, (site: Site) => Promise<FloodResult>]> = [
    ['connection flood', connectionFlood],
    ['message flood', messageFlood],
  ];
  try {
    let site: Site;
    try {
      const started = await child.ask({ type: 'start', dataDir: join(root, 'hub'), kiosks: 3, webhookUrl: sink.url }, 'started', 60_000);
      site = { port: started.port, caPem: started.caPem, advisorToken: started.advisorToken, pcs: started.pcs };
    } catch (error) {
      return checks.map(([name]) => failed(name, error));
    }
    const results: FloodResult[] = [];
    for (const [name, check] of checks) {
      results.push(await bounded(check(site), CHECK_LIMIT_MS).catch((error: unknown) => failed(name, error)));
      // The refused connections and the flooding PC's link are gone before the next check.
      await sleep(1_000);
    }
    return results;
  } finally {
    await child.stop();
    await sink.close();
    rmSync(root, { recursive: true, force: true });
  }
}
