import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Agent, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type HubToKiosk, type KioskToHub } from '../../preload/hub-contract';
import type { HubChildReply, HubChildRequest, HubStatsReply } from './hub-process';

/**
 * The site hub under load: a real hub (its own process, real SQLite on disk,
 * TLS) and N simulated room PCs, each a raw WebSocket speaking the PC's
 * protocol (hello, a heartbeat every 5 s as main/kiosk/hub-link.ts sends,
 * a status, help calls), one advisor console on the event socket, and a
 * plain-HTTP webhook receiver. Everything on 127.0.0.1; each simulated PC
 * connects from an address of its own (127.1.x.y), as PCs on a LAN do.
 */

const ROOT = resolve(import.meta.dirname, '../..');

/** As main/kiosk/hub-link.ts: heartbeatMs defaults to 5 s. */
const HEARTBEAT_MS = 5_000;
/** As main/kiosk/hub-link.ts: the WebSocket handshake gives up after 8 s. */
const HANDSHAKE_TIMEOUT_MS = 8_000;
/** How long one awaited message may take before it counts as lost. */
const MESSAGE_TIMEOUT_MS = 5_000;
const STORM_LIMIT_MS = 30_000;
const CONNECT_LIMIT_MS = 60_000;
/** No new help call is made after this (each call waits at most 2 × MESSAGE_TIMEOUT_MS: its arrivals, its close). */
const HELP_PHASE_LIMIT_MS = 60_000;

export interface HubLevelResult {
  kiosks: number;
  /** Help calls meant to be made; `calls` were made (fewer if the phase ran out of time). */
  callsPlanned: number;
  /** Connecting all N PCs (in batches of 50) until each had its welcome and schedule. */
  connect: { ms: number; retries: number; failed: number };
  calls: number;
  /** Calls in flight at once (different PCs). */
  inFlight: number;
  /** Help request sent at a PC → the advisor's event socket has the call (ms; Infinity: never came). */
  toAdvisor: number[];
  /** Help request sent at a PC → the PC has the hub's confirmation (ms; Infinity: never came). */
  toKiosk: number[];
  /** Help request sent at a PC → the webhook receiver has the POST (ms; Infinity: never came). */
  webhook: number[];
  /** Calls whose resolve (advisor) or cancel (PC) was not confirmed to the PC. */
  closeFailures: number;
  /** The hub's event-loop delay during the help calls (ms). */
  eventLoop: { p50: number; p99: number; max: number } | undefined;
  memory?: { connected: number; rssMb: number; heapUsedMb: number; gc: boolean; idleRssMb: number; idleHeapUsedMb: number };
  storm?: {
    ms: number;
    /** When the last socket was open (TLS and upgrade done; the rest is hello → welcome + schedule). */
    openMs: number;
    reconnected: number;
    retries: number;
    timedOut: boolean;
    limitMs: number;
    connectedAtHub: number;
    hubEventLoop: { p50: number; p99: number; max: number };
  };
  /** This (the simulated PCs') process's own event-loop delay during the help calls: it adds to the latencies. */
  benchEventLoop: { p99: number; max: number } | undefined;
  /** Sockets the hub closed on its own, and "refused" messages, over the level. */
  closedByHub: number;
  refused: number;
  hubStartMs: number;
  hubLog: { warnings: number; errors: number; messages: string[] };
  error?: string;
}

export interface HubBenchResult {
  levels: HubLevelResult[];
  durationMs: number;
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
let began = performance.now();
const progress = (text: string) => process.stderr.write(`hub bench [${((performance.now() - began) / 1000).toFixed(1)} s]: ${text}\n`);
/** A loop-delay histogram's value in ms, less its 10 ms sampling interval. */
const loopMs = (ns: number) => Math.max(0, Math.round(ns / 1e5 - 100) / 10);
const mb = (bytes: number) => Math.round(bytes / 104_857.6) / 10;

// ---- when things arrive ------------------------------------------------------------------

/** Arrival times by key ("advisor:<call>:<state>", "kiosk:<call>:<state>", "webhook:<call>"). */
class Arrivals {
  private readonly seen = new Map<string, number>();
  private readonly waiting = new Map<string, (at: number) => void>();

  mark(key: string, at = now()): void {
    const waiter = this.waiting.get(key);
    if (waiter) {
      this.waiting.delete(key);
      waiter(at);
    } else if (!this.seen.has(key)) {
      this.seen.set(key, at);
    }
  }

  /** When the key arrived (or arrives within timeoutMs); undefined if it did not. */
  wait(key: string, timeoutMs: number): Promise<number | undefined> {
    const at = this.seen.get(key);
    if (at !== undefined) {
      this.seen.delete(key);
      return Promise.resolve(at);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(key, (arrived) => {
        clearTimeout(timer);
        resolve(arrived);
      });
    });
  }
}

// ---- the hub's process -----------------------------------------------------------------------

/** The site hub in a process of its own (hub-process.ts), driven over IPC; the soak's flood checks use it too. */
export class HubChild {
  private readonly child: ChildProcess;
  private readonly pending: Array<{ type: string; resolve: (m: HubChildReply) => void; reject: (e: Error) => void }> = [];
  private exitError: Error | undefined;
  readonly exited: Promise<void>;

  constructor() {
    this.child = fork(join(import.meta.dirname, 'hub-process.ts'), [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: HubChildReply) => {
      if (message.type === 'error') {
        this.failAll(new Error(`the hub process failed: ${message.message}`));
        return;
      }
      const index = this.pending.findIndex((p) => p.type === message.type);
      if (index >= 0) this.pending.splice(index, 1)[0]!.resolve(message);
    });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exitError ??= new Error(`the hub process exited (code ${code}, signal ${signal})`);
        this.failAll(this.exitError);
        resolve();
      });
    });
  }

  /** The process has exited (or was never started). */
  get gone(): boolean {
    return this.exitError !== undefined;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.splice(0)) p.reject(error);
  }

  ask<T extends HubChildReply['type']>(message: HubChildRequest, replyType: T, timeoutMs: number): Promise<Extract<HubChildReply, { type: T }>> {
    if (this.exitError) return Promise.reject(this.exitError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.pending.indexOf(entry);
        if (index >= 0) this.pending.splice(index, 1);
        reject(new Error(`the hub process did not answer "${message.type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const entry = {
        type: replyType as string,
        resolve: (m: HubChildReply) => {
          clearTimeout(timer);
          resolve(m as Extract<HubChildReply, { type: T }>);
        },
        reject: (e: Error) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.pending.push(entry);
      this.child.send(message);
    });
  }

  stats(gc: boolean): Promise<HubStatsReply> {
    return this.ask({ type: 'stats', gc }, 'stats', 30_000);
  }

  /** Asks the hub to stop; kills it when it does not within 10 s. */
  async stop(): Promise<void> {
    if (!this.exitError && this.child.connected) {
      await this.ask({ type: 'stop' }, 'stopped', 10_000).catch(() => undefined);
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    if (this.child.exitCode === null && this.child.signalCode === null && !this.child.connected) this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(killer);
  }
}

// ---- a simulated room PC -----------------------------------------------------------------------

interface Site {
  port: number;
  caPem: string;
  arrivals: Arrivals;
  counters: { closedByHub: number; refused: number };
}

class SimKiosk {
  private socket: WebSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** When the latest connection's socket opened. */
  openedAt = NaN;

  constructor(
    readonly pcId: string,
    private readonly token: string,
    private readonly localAddress: string,
    private readonly site: Site,
  ) {}

  /** Opens the socket and says hello; resolves once the hub sent welcome and schedule. */
  connect(): Promise<void> {
    this.drop();
    this.openedAt = NaN;
    const { site } = this;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`wss://127.0.0.1:${site.port}/kiosk`, {
        ca: site.caPem,
        checkServerIdentity: (() => undefined) as never,
        headers: { authorization: `Bearer ${this.token}` },
        handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
        maxPayload: 1024 * 1024,
        localAddress: this.localAddress,
      });
      this.socket = socket;
      let welcome = false;
      let schedule = false;
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      socket.on('unexpected-response', (_req, res) => {
        res.resume();
        socket.terminate();
        settle(new Error(`HTTP ${res.statusCode}`));
      });
      socket.on('error', (error) => settle(error));
      socket.on('open', () => {
        this.openedAt = now();
        this.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: this.pcId, clock: Date.now(), release: 'bench' });
      });
      socket.on('close', (code) => {
        if (this.socket === socket) {
          // Not dropped by the bench: the hub (or the network) closed it.
          this.stopHeartbeat();
          this.socket = undefined;
          if (welcome) site.counters.closedByHub++;
        }
        settle(new Error(`closed (${code}) before the welcome`));
      });
      socket.on('message', (data: Buffer) => {
        const at = now();
        let message: HubToKiosk;
        try {
          message = JSON.parse(data.toString('utf8')) as HubToKiosk;
        } catch {
          return;
        }
        switch (message.type) {
          case 'welcome':
            welcome = true;
            // As hub-link: heartbeats from the welcome on, then the latest status.
            this.stopHeartbeat();
            this.heartbeat = setInterval(() => this.send({ type: 'heartbeat', clock: Date.now() }), HEARTBEAT_MS);
            this.send({ type: 'status', status: { phase: 'welcome' }, clock: Date.now() });
            break;
          case 'schedule':
            schedule = true;
            break;
          case 'help':
            site.arrivals.mark(`kiosk:${message.callId}:${message.state}`, at);
            break;
          case 'refused':
            site.counters.refused++;
            break;
          default:
            break;
        }
        if (welcome && schedule) settle();
      });
    });
  }

  send(message: KioskToHub): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Drops the connection at once, as a network outage or a pulled cable would (no close frame). */
  drop(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = undefined;
    socket?.terminate();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

/**
 * Connects the PCs, `concurrency` at a time; a failed attempt is retried with
 * hub-link's backoff (1 s doubling, ±25 % jitter) until `limitMs` has passed.
 */
async function connectAll(
  kiosks: SimKiosk[],
  concurrency: number,
  limitMs: number,
  hubGone: () => boolean,
): Promise<{ ms: number; openMs: number; retries: number; failed: number; timedOut: boolean }> {
  const started = now();
  const deadline = started + limitMs;
  let retries = 0;
  let failed = 0;
  let next = 0;
  const one = async (kiosk: SimKiosk) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await kiosk.connect();
        return;
      } catch {
        const delay = Math.round(Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5)) * (0.75 + Math.random() * 0.5));
        if (now() + delay > deadline || hubGone()) {
          kiosk.drop();
          failed++;
          return;
        }
        retries++;
        await sleep(delay);
      }
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, kiosks.length) }, async () => {
    while (next < kiosks.length) await one(kiosks[next++]!);
  });
  await Promise.all(workers);
  const opened = kiosks.map((k) => k.openedAt).filter((at) => Number.isFinite(at));
  const openMs = opened.length ? Math.max(...opened) - started : NaN;
  return { ms: now() - started, openMs, retries, failed, timedOut: failed > 0 };
}

// ---- the advisor -------------------------------------------------------------------------------

async function openAdvisorSocket(site: Site, token: string): Promise<WebSocket> {
  const socket = new WebSocket(`wss://127.0.0.1:${site.port}/api/events`, {
    ca: site.caPem,
    checkServerIdentity: (() => undefined) as never,
    headers: { authorization: `Bearer ${token}` },
  });
  const board = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the advisor socket got no board within 10 s')), 10_000);
    socket.on('message', (data: Buffer) => {
      const at = now();
      const event = JSON.parse(data.toString('utf8')) as AdvisorEvent;
      if (event.type === 'board') {
        clearTimeout(timer);
        resolve();
      } else if (event.type === 'help') {
        site.arrivals.mark(`advisor:${event.call.id}:${event.call.state}`, at);
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the advisor socket closed (${code})`));
    });
  });
  await board;
  socket.on('error', () => undefined);
  return socket;
}

function advisorPost(site: Site, agent: Agent, token: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: site.port, path, method: 'POST', agent, ca: site.caPem, checkServerIdentity: () => undefined, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(MESSAGE_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

// ---- the webhook receiver ------------------------------------------------------------------

async function startReceiver(arrivals: Arrivals): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const at = now();
      try {
        const notice = JSON.parse(body) as { callId?: string };
        if (notice.callId) arrivals.mark(`webhook:${notice.callId}`, at);
      } catch {
        // Not the hub's notice: answered all the same.
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

// ---- help calls ------------------------------------------------------------------------------

async function helpCalls(
  kiosks: SimKiosk[],
  site: Site,
  advisor: { token: string; agent: Agent },
  count: number,
  inFlight: number,
  hubGone: () => boolean,
): Promise<Pick<HubLevelResult, 'calls' | 'toAdvisor' | 'toKiosk' | 'webhook' | 'closeFailures'>> {
  const { arrivals } = site;
  const toAdvisor: number[] = [];
  const toKiosk: number[] = [];
  const webhook: number[] = [];
  let closeFailures = 0;
  const idle = new Set(kiosks.map((_, i) => i));
  let next = 0;

  const call = async (n: number, kiosk: SimKiosk) => {
    const callId = randomUUID();
    const atAdvisor = arrivals.wait(`advisor:${callId}:requested`, MESSAGE_TIMEOUT_MS);
    const atKiosk = arrivals.wait(`kiosk:${callId}:requested`, MESSAGE_TIMEOUT_MS);
    const atWebhook = arrivals.wait(`webhook:${callId}`, MESSAGE_TIMEOUT_MS);
    const sent = now();
    kiosk.send({ type: 'help', callId, action: 'request', at: Date.now() });
    const [a, k, w] = await Promise.all([atAdvisor, atKiosk, atWebhook]);
    toAdvisor.push(a === undefined ? Infinity : a - sent);
    toKiosk.push(k === undefined ? Infinity : k - sent);
    webhook.push(w === undefined ? Infinity : w - sent);
    // Close it, as the advisor (resolve) or the resident (cancel) would: the queue stays as short as a real one.
    // Only after the webhook came: the outbox drops a notice whose call was answered before it went out.
    let closed: number | undefined;
    if (n % 2 === 0) {
      const confirmed = arrivals.wait(`kiosk:${callId}:resolved`, MESSAGE_TIMEOUT_MS);
      const status = await advisorPost(site, advisor.agent, advisor.token, `/api/help/${callId}/resolve`).catch(() => 0);
      closed = await confirmed;
      if (status !== 200) closed = undefined;
    } else {
      const confirmed = arrivals.wait(`kiosk:${callId}:cancelled`, MESSAGE_TIMEOUT_MS);
      kiosk.send({ type: 'help', callId, action: 'cancel', at: Date.now() });
      closed = await confirmed;
    }
    if (closed === undefined) closeFailures++;
  };

  const deadline = now() + HELP_PHASE_LIMIT_MS;
  const worker = async () => {
    while (next < count && now() < deadline && !hubGone()) {
      const n = next++;
      const choices = [...idle];
      const index = choices[Math.floor(Math.random() * choices.length)]!;
      idle.delete(index);
      try {
        await call(n, kiosks[index]!);
      } finally {
        idle.add(index);
      }
      await sleep(20 + Math.random() * 60);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, kiosks.length) }, worker));
  return { calls: toAdvisor.length, toAdvisor, toKiosk, webhook, closeFailures };
}

function readHubLog(dataDir: string): HubLevelResult['hubLog'] {
  const file = join(dataDir, 'logs', 'tupa.log');
  const result = { warnings: 0, errors: 0, messages: [] as string[] };
  if (!existsSync(file)) return result;
  const counts = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line) as { level: string; msg: string };
      if (entry.level === 'warn') result.warnings++;
      else if (entry.level === 'error') result.errors++;
      else continue;
      counts.set(`${entry.level}: ${entry.msg}`, (counts.get(`${entry.level}: ${entry.msg}`) ?? 0) + 1);
    } catch {
      // A line cut by rotation.
    }
  }
  result.messages = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([m, n]) => `${m} ×${n}`);
  return result;
}

// ---- one level: a fresh hub and N PCs --------------------------------------------------------

async function measureLevel(kiosksWanted: number, root: string, options: { calls: number; withMemoryAndStorm: boolean }): Promise<HubLevelResult> {
  const dataDir = join(root, `hub-${kiosksWanted}`);
  const label = `${kiosksWanted} PC${kiosksWanted === 1 ? '' : 's'}`;
  const arrivals = new Arrivals();
  const counters = { closedByHub: 0, refused: 0 };
  const result: HubLevelResult = {
    kiosks: kiosksWanted,
    callsPlanned: options.calls,
    connect: { ms: NaN, retries: 0, failed: 0 },
    calls: 0,
    inFlight: Math.min(3, kiosksWanted),
    toAdvisor: [],
    toKiosk: [],
    webhook: [],
    closeFailures: 0,
    eventLoop: undefined,
    benchEventLoop: undefined,
    closedByHub: 0,
    refused: 0,
    hubStartMs: NaN,
    hubLog: { warnings: 0, errors: 0, messages: [] },
  };
  const receiver = await startReceiver(arrivals);
  const child = new HubChild();
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let kiosks: SimKiosk[] = [];
  let advisorSocket: WebSocket | undefined;
  try {
    progress(`${label}: starting the hub`);
    const started = await child.ask({ type: 'start', dataDir, kiosks: kiosksWanted, webhookUrl: receiver.url }, 'started', 60_000);
    result.hubStartMs = started.startMs;
    const site: Site = { port: started.port, caPem: started.caPem, arrivals, counters };
    const idle = options.withMemoryAndStorm ? await child.stats(true) : undefined;
    advisorSocket = await openAdvisorSocket(site, started.advisorToken);

    // Each PC from its own loopback address: a site's PCs are separate machines (and per-source limits apply per PC).
    kiosks = started.pcs.map((pc, i) => new SimKiosk(pc.pcId, pc.deviceToken, `127.1.${Math.floor(i / 250)}.${(i % 250) + 1}`, site));
    progress(`${label}: connecting`);
    const connect = await connectAll(kiosks, 50, CONNECT_LIMIT_MS, () => child.gone);
    result.connect = { ms: Math.round(connect.ms), retries: connect.retries, failed: connect.failed };
    if (connect.failed > 0) throw new Error(`${connect.failed} of ${kiosksWanted} PCs could not connect within ${CONNECT_LIMIT_MS / 1000} s (${connect.retries} retries)`);
    progress(`${label}: connected in ${Math.round(connect.ms)} ms; heartbeats for ${kiosksWanted >= 100 ? 6 : 1} s`);
    await sleep(kiosksWanted >= 100 ? 6_000 : 1_000);

    await child.stats(false); // resets the event-loop histogram
    progress(`${label}: ${options.calls} help calls`);
    const ownLoop = monitorEventLoopDelay({ resolution: 10 });
    ownLoop.enable();
    Object.assign(result, await helpCalls(kiosks, site, { token: started.advisorToken, agent }, options.calls, result.inFlight, () => child.gone));
    ownLoop.disable();
    result.benchEventLoop = { p99: loopMs(ownLoop.percentile(99)), max: loopMs(ownLoop.max) };
    const afterCalls = await child.stats(options.withMemoryAndStorm);
    result.eventLoop = afterCalls.eventLoop;
    const lost = result.toAdvisor.filter((v) => v === Infinity).length + result.toKiosk.filter((v) => v === Infinity).length;
    progress(`${label}: help calls done (${lost} messages not received, ${result.closeFailures} closes not confirmed)`);

    if (options.withMemoryAndStorm) {
      result.memory = {
        connected: afterCalls.connected,
        rssMb: mb(afterCalls.memory.rss),
        heapUsedMb: mb(afterCalls.memory.heapUsed),
        gc: afterCalls.gc,
        idleRssMb: mb(idle!.memory.rss),
        idleHeapUsedMb: mb(idle!.memory.heapUsed),
      };
      progress(`${label}: hub RSS ${result.memory.rssMb} MB, heap used ${result.memory.heapUsedMb} MB (${afterCalls.connected} connected)`);

      progress(`${label}: reconnect storm`);
      await child.stats(false); // resets the event-loop histogram
      for (const kiosk of kiosks) kiosk.drop();
      const storm = await connectAll(kiosks, kiosks.length, STORM_LIMIT_MS, () => child.gone);
      await sleep(1_500); // the hub notices the dropped sockets
      const after = await child.stats(false);
      result.storm = {
        ms: Math.round(storm.ms),
        openMs: Math.round(storm.openMs),
        reconnected: kiosksWanted - storm.failed,
        retries: storm.retries,
        timedOut: storm.timedOut,
        limitMs: STORM_LIMIT_MS,
        connectedAtHub: after.connected,
        hubEventLoop: after.eventLoop,
      };
      progress(`${label}: storm over in ${Math.round(storm.ms)} ms (all open at ${Math.round(storm.openMs)} ms, ${result.storm.reconnected} back, ${storm.retries} retries, hub counts ${after.connected} connected)`);
    }
  } catch (error) {
    result.error = (error as Error).message;
    progress(`${label}: FAILED: ${result.error}`);
  } finally {
    progress(`${label}: stopping the hub`);
    for (const kiosk of kiosks) kiosk.drop();
    advisorSocket?.terminate();
    agent.destroy();
    await child.stop();
    await new Promise<void>((r) => {
      receiver.server.closeAllConnections();
      receiver.server.close(() => r());
    });
    result.closedByHub = counters.closedByHub;
    result.refused = counters.refused;
    result.hubLog = readHubLog(dataDir);
  }
  return result;
}

/** The hub with 1, 50 and 500 PCs connected: help-call latency, memory, a reconnect storm, webhooks. */
export async function measureHub(levels: number[] = [1, 50, 500], calls = 100): Promise<HubBenchResult> {
  const started = now();
  began = started;
  const root = mkdtempSync(join(tmpdir(), 'tupa-bench-hub-'));
  const results: HubLevelResult[] = [];
  try {
    for (const n of levels) {
      results.push(await measureLevel(n, root, { calls, withMemoryAndStorm: n === Math.max(...levels) }));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { levels: results, durationMs: Math.round(now() - started) };
}
