/**
 * Helpers for the hub's integration tests: a real hub on loopback (HTTPS and
 * WebSocket, its own SQLite file and site CA), real kiosk cores connected to
 * it through HubAttachment, an advisor's HTTPS client and event socket, a raw
 * PC WebSocket for protocol tests, and a local webhook receiver.
 *
 * Everything a test starts is registered here and stopped by `stopAll()`.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { hashPassword } from '../../main/hub/auth';
import { createHub, type Hub } from '../../main/hub/compose';
import { hubNetworkSchema } from '../../main/config/hub';
import { sitePolicySchema, type SitePolicyInput } from '../../main/config/policy';
import { parseConfig } from '../../main/config/load';
import type { KioskConfig } from '../../main/config/schema';
import { systemClock, type Clock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import type { Scheduler } from '../../main/core/scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import type { LogSource } from '../../main/log/tail';
import { createKioskCore, type KioskCore } from '../../main/kiosk/compose';
import { HubAttachment } from '../../main/kiosk/hub-attachment';
import type { Pairing } from '../../main/kiosk/pairing';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import type { UpdaterPort } from '../../main/kiosk/updates';
import type { AdvisorEvent, Board, HubToKiosk, KioskToHub } from '../../preload/hub-contract';
import type { KioskSnapshot } from '../../preload/contract';
import { removeTempDirs, tempDir } from './support';

export { waitFor, tempDir } from './support';

export type MemoryLogger = ReturnType<typeof createMemoryLogger>;

const ALL_DAY = [{ from: '00:00', to: '24:00' }];
/** The advisor on duty around the clock: help calls are sent whenever a test runs. */
export const ALWAYS_ON_DUTY = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
export const HELP_ALWAYS = { phone: '0800 123 456', hours: ALWAYS_ON_DUTY };

export const ADVISOR = { name: 'neuvoja', password: 'oikea-salasana-123' } as const;

export function testPolicy(extra: SitePolicyInput = {}) {
  return sitePolicySchema.parse({ help: HELP_ALWAYS, ...extra });
}

// ---- what the tests start, stopped after each ----------------------------------------

const running: Array<() => Promise<void> | void> = [];

/** Registers something to stop in `stopAll()` (last started, first stopped). */
export function onStop(stop: () => Promise<void> | void): void {
  running.push(stop);
}

export async function stopAll(): Promise<void> {
  for (const stop of running.splice(0).reverse()) {
    try {
      await stop();
    } catch {
      // Already stopped.
    }
  }
  removeTempDirs();
}

// ---- the hub ------------------------------------------------------------------------

let hashed: Promise<string> | undefined;
const advisorHash = () => (hashed ??= hashPassword(ADVISOR.password));

export interface TestHub {
  hub: Hub;
  dir: string;
  port: number;
  /** https://127.0.0.1:<port>: how a PC reaches it (the certificate names the address too). */
  address: string;
  /** The Origin a browser page served by the hub sends. */
  origin: string;
  caPem: string;
  logger: MemoryLogger;
  stopped: boolean;
  stop(): Promise<void>;
}

export interface StartHubOptions {
  dir?: string;
  port?: number;
  clock?: Clock;
  scheduler?: Scheduler;
  rateLimitPerMinute?: number;
  requestTimeoutMs?: number;
  network?: Record<string, unknown>;
  policy?: SitePolicyInput;
  siteName?: string;
  rendererDir?: string;
  /** Another build of createHub (a hub of another release, loaded with a different contract). */
  create?: typeof createHub;
  /** The hub's own log (issue 15's log fetch). */
  logs?: LogSource;
}

/** A real hub on 127.0.0.1 with one advisor account (ADVISOR). */
export async function startHub(options: StartHubOptions = {}): Promise<TestHub> {
  const dir = options.dir ?? tempDir('tupa-hub-');
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? new NodeScheduler(clock);
  const logger = createMemoryLogger();
  const hub = await (options.create ?? createHub)({
    dataDir: dir,
    siteName: options.siteName ?? 'Raatipirtti',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse(options.network ?? {}),
    initialPolicy: testPolicy(options.policy),
    clock,
    scheduler,
    logger,
    rendererDir: options.rendererDir,
    listen: { host: '127.0.0.1', port: options.port ?? 0 },
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.logs ? { logs: options.logs } : {}),
  });
  // The advisor's account, with the password hashed once per test file (scrypt takes ~0.1 s).
  // The test advisor is an administrator (pairing, policy); tests of the advisor role add their own account.
  hub.store.addAdvisor(ADVISOR.name, await advisorHash(), clock.now(), true);
  const th: TestHub = {
    hub,
    dir,
    port: hub.port,
    address: `https://127.0.0.1:${hub.port}`,
    origin: `https://127.0.0.1:${hub.port}`,
    caPem: hub.caPem,
    logger,
    stopped: false,
    async stop() {
      if (th.stopped) return;
      th.stopped = true;
      await hub.stop();
    },
  };
  onStop(() => th.stop());
  return th;
}

// ---- HTTPS ----------------------------------------------------------------------------

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestOptions {
  /** A JSON body. */
  body?: unknown;
  /** A body sent as it is (malformed JSON, oversized bodies). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** Another loopback address to send from (another "source" for per-source throttles). */
  localAddress?: string;
  /** The CA the client trusts (default: the hub's own). */
  caPem?: string;
}

/** One HTTPS request to the hub, trusting its site CA. */
export function request<T = unknown>(th: Pick<TestHub, 'address' | 'caPem'>, method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(path, th.address),
      { method, ca: options.caPem ?? th.caPem, headers, ...(options.localAddress ? { localAddress: options.localAddress } : {}), agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, text, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface AdvisorClient {
  token: string;
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  board(): Promise<Board>;
}

/** Signs the advisor in; later calls carry the session as a bearer token (as the command line does). */
export async function signIn(th: TestHub, credentials: { name: string; password: string } = ADVISOR): Promise<AdvisorClient> {
  const answer = await request<{ name: string }>(th, 'POST', '/api/session', { body: credentials });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  const token = String(answer.headers['x-tupa-token']);
  const client: AdvisorClient = {
    token,
    call: (method, path, body, headers = {}) => request(th, method, path, { body, headers: { authorization: `Bearer ${token}`, ...headers } }),
    async board() {
      const b = await client.call<Board>('GET', '/api/board');
      if (b.status !== 200) throw new Error(`board: ${b.status} ${b.text}`);
      return b.body;
    },
  };
  return client;
}

/** A booking's times as the API takes them: exact instants (ISO 8601 with Z). */
export const iso = (at: number) => new Date(at).toISOString();

// ---- the advisor's event socket ----------------------------------------------------------

export interface AdvisorSocket {
  socket: WebSocket;
  events: Array<AdvisorEvent & { receivedAt: number }>;
  closed: Promise<{ code: number; reason: string }>;
  next<E extends AdvisorEvent>(what: string, match: (event: AdvisorEvent) => event is E, timeoutMs?: number): Promise<E & { receivedAt: number }>;
  next(what: string, match: (event: AdvisorEvent) => boolean, timeoutMs?: number): Promise<AdvisorEvent & { receivedAt: number }>;
  close(): void;
}

/** A WebSocket to the hub (trusting its site CA), open, each message's text to `onMessage`; terminated by `stopAll()`. */
export async function openSocket(
  th: Pick<TestHub, 'address' | 'caPem'>,
  path: string,
  headers: Record<string, string>,
  onMessage: (text: string) => void,
): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const socket = new WebSocket(`${th.address.replace('https:', 'wss:')}${path}`, { ca: th.caPem, headers });
  socket.on('message', (data: Buffer) => onMessage(data.toString('utf8')));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  onStop(() => socket.terminate());
  return { socket, closed };
}

/** The console's push channel: /api/events with the session and the hub's own Origin. */
export async function advisorSocket(th: TestHub, token: string | undefined, options: { origin?: string | null } = {}): Promise<AdvisorSocket> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const origin = options.origin === undefined ? th.origin : options.origin;
  if (origin !== null) headers.origin = origin;
  const events: AdvisorSocket['events'] = [];
  const { socket, closed } = await openSocket(th, '/api/events', headers, (text) => events.push({ ...(JSON.parse(text) as AdvisorEvent), receivedAt: Date.now() }));
  let seen = 0;
  return {
    socket,
    events,
    closed,
    async next(what: string, match: (event: AdvisorEvent) => boolean, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((e, i) => i >= seen && match(e));
        if (index >= 0) {
          seen = index + 1;
          return events[index]!;
        }
        if (Date.now() > until) throw new Error(`timed out waiting for the advisor event: ${what}`);
        await sleep(10);
      }
    },
    close: () => socket.close(),
  } as AdvisorSocket;
}

// ---- a raw PC socket (protocol tests) --------------------------------------------------

export type KioskSocketResult =
  | { kind: 'rejected'; status: number; body: string }
  | {
      kind: 'open';
      socket: WebSocket;
      messages: HubToKiosk[];
      send(message: KioskToHub | Record<string, unknown>): void;
      closed: Promise<{ code: number; reason: string }>;
      next(what: string, match: (message: HubToKiosk) => boolean, timeoutMs?: number): Promise<HubToKiosk>;
    };

/** Opens /kiosk as a PC would, with whatever headers the test gives (or none). */
export function kioskSocket(th: Pick<TestHub, 'address' | 'caPem'>, headers: Record<string, string> = {}): Promise<KioskSocketResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${th.address.replace('https:', 'wss:')}/kiosk`, { ca: th.caPem, headers });
    const messages: HubToKiosk[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8')) as HubToKiosk));
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ kind: 'rejected', status: res.statusCode ?? 0, body }));
      socket.on('error', () => undefined);
    });
    socket.once('error', reject);
    socket.once('open', () => {
      onStop(() => socket.terminate());
      let seen = 0;
      resolve({
        kind: 'open',
        socket,
        messages,
        send: (message) => socket.send(JSON.stringify(message)),
        closed,
        async next(what, match, timeoutMs = 5000) {
          const until = Date.now() + timeoutMs;
          for (;;) {
            const index = messages.findIndex((m, i) => i >= seen && match(m));
            if (index >= 0) {
              seen = index + 1;
              return messages[index]!;
            }
            if (Date.now() > until) throw new Error(`timed out waiting for the hub's message: ${what}`);
            await sleep(10);
          }
        },
      });
    });
  });
}

// ---- a real kiosk core ---------------------------------------------------------------

export type ConnectInfo = Pick<Pairing, 'address' | 'caPem' | 'deviceToken' | 'caFingerprint' | 'siteName'>;

export interface TestPc {
  id: string;
  dir: string;
  core: KioskCore;
  controller: KioskCore['controller'];
  attachment: HubAttachment;
  shell: RecordingShell;
  logger: MemoryLogger;
  config: KioskConfig;
  snapshots: KioskSnapshot[];
  connection: ConnectInfo | undefined;
  /** (Re)connects the PC's HubAttachment with its pairing. */
  connect(connection?: ConnectInfo): void;
  close(): Promise<void>;
}

export interface StartPcOptions {
  id: string;
  name?: string;
  room?: string;
  dir?: string;
  clock?: Clock;
  scheduler?: Scheduler;
  config?: Record<string, unknown>;
  /** Pairs in-process with this hub (services.pairLocal) and writes the code key the hub gives this PC. */
  hub?: TestHub;
  /** A pairing made otherwise (pairWithHub); the code key it came with, if any, is written too. */
  connection?: ConnectInfo & { codeKey?: Buffer };
  /** Default true: connect at once when there is a pairing. */
  connect?: boolean;
  /** Updates through the hub (tests/support/fake-updater.ts). */
  updater?: UpdaterPort;
  /** The release the PC says hello with (default "test"). */
  release?: string;
  /** Where the shell keeps each session's folder (downloads, PDFs to print); none: no session folders. */
  sessionsDir?: string;
}

/** A kiosk core (real SQLite, RecordingShell) with a HubAttachment, as the kiosk process composes it. */
export async function startPc(options: StartPcOptions): Promise<TestPc> {
  const dir = options.dir ?? tempDir('tupa-pc-');
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? new NodeScheduler(clock);
  const logger = createMemoryLogger();
  const name = options.name ?? `PC ${options.id}`;
  const room = options.room ?? 'Olohuone';
  let connection: ConnectInfo | undefined;
  if (options.connection) {
    const { codeKey, ...rest } = options.connection;
    connection = rest;
    if (codeKey) writeFileSync(join(dir, 'code-key'), codeKey, { mode: 0o600 });
  } else if (options.hub) {
    const local = options.hub.hub.services.pairLocal({ pcId: options.id, name, room });
    writeFileSync(join(dir, 'code-key'), local.codeKey, { mode: 0o600 });
    connection = {
      address: options.hub.address,
      caPem: options.hub.caPem,
      caFingerprint: options.hub.hub.caFingerprint,
      deviceToken: local.deviceToken,
      siteName: options.hub.hub.store.site()!.name,
    };
  }
  const config = parseConfig({ pc: { id: options.id, name }, room: { name: room }, help: HELP_ALWAYS, hub: { embedded: false }, ...options.config }, 'test');
  const attachment = new HubAttachment({ clock, scheduler, logger, release: options.release ?? 'test', pcId: options.id });
  const shell = new RecordingShell({ sessionsDir: options.sessionsDir });
  const core = await createKioskCore({ config, dataDir: dir, clock, scheduler, shell, logger, isAllowedSender: () => true, hub: attachment, updater: options.updater });
  const snapshots: KioskSnapshot[] = [];
  core.controller.onSnapshot((s) => snapshots.push(s));
  let closed = false;
  const pc: TestPc = {
    id: options.id,
    dir,
    core,
    controller: core.controller,
    attachment,
    shell,
    logger,
    config,
    snapshots,
    connection,
    connect(next = pc.connection) {
      if (!next) throw new Error('this PC has no pairing');
      pc.connection = next;
      attachment.connect('paired', next);
    },
    async close() {
      if (closed) return;
      closed = true;
      await attachment.stop();
      core.close();
    },
  };
  onStop(() => pc.close());
  if (connection && options.connect !== false) pc.connect(connection);
  return pc;
}

export function waitOnline(pc: TestPc, timeoutMs = 5000): Promise<true> {
  return until(`${pc.id} online`, () => pc.attachment.online, timeoutMs);
}

/** Polls a condition until it holds (20 ms steps, bounded). */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<true> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---- a webhook receiver ------------------------------------------------------------------

export interface Receiver {
  url: string;
  port: number;
  requests: Array<{ at: number; headers: IncomingMessage['headers']; body: string; answered: number }>;
  /** The status the next requests get (default 200). */
  answer: number;
  /** Stops listening (connections refused), keeping the port for `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  let server: Server | undefined;
  const receiver: Receiver = {
    url: '',
    port,
    requests: [],
    answer: 200,
    async down() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    },
    async up() {
      if (server) return;
      const s = createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (d: string) => (body += d));
        req.on('end', () => {
          const status = receiver.answer;
          receiver.requests.push({ at: Date.now(), headers: req.headers, body, answered: status });
          res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(status < 300 ? 'ok' : 'down');
        });
      });
      await new Promise<void>((r) => s.listen(receiver.port, '127.0.0.1', () => r()));
      receiver.port = (s.address() as AddressInfo).port;
      receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
      server = s;
    },
  };
  await receiver.up();
  onStop(() => receiver.down());
  return receiver;
}
