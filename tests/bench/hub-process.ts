/**
 * The site hub for the hub benchmark, in a process of its own (forked by
 * hub.ts with `--import tsx --expose-gc`): its memory is measured alone, and
 * the simulated PCs' sockets do not share its event loop.
 *
 * IPC, parent → child:
 *   { type: 'start', dataDir, kiosks, webhookUrl }
 *   { type: 'stats', gc }   memory (after a full GC when asked) and event-loop delay since the last 'stats'
 *   { type: 'stop' }
 * child → parent:
 *   { type: 'started', port, caPem, pcs: [{ pcId, deviceToken }], advisorToken, startMs }
 *   { type: 'stats', memory, gc, connected, eventLoop: { p50, p99, max } }
 *   { type: 'stopped' }
 *   { type: 'error', message }   (then the process exits)
 */
import { request } from 'node:https';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createHub, type Hub } from '../../main/hub/compose';
import { hubNetworkSchema } from '../../main/config/hub';
import { sitePolicySchema } from '../../main/config/policy';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createFileLogger } from '../../main/log/logger';

export interface HubStartMessage {
  type: 'start';
  dataDir: string;
  kiosks: number;
  webhookUrl: string;
}

export type HubChildRequest = HubStartMessage | { type: 'stats'; gc: boolean } | { type: 'stop' };

export interface HubStatsReply {
  type: 'stats';
  memory: NodeJS.MemoryUsage;
  gc: boolean;
  connected: number;
  eventLoop: { p50: number; p99: number; max: number };
}

export type HubChildReply =
  | { type: 'started'; port: number; caPem: string; pcs: Array<{ pcId: string; deviceToken: string }>; advisorToken: string; startMs: number }
  | HubStatsReply
  | { type: 'stopped' }
  | { type: 'error'; message: string };

export const BENCH_ADVISOR = { name: 'neuvoja', password: 'bench-password-123' } as const;

const ALL_DAY = [{ from: '00:00', to: '24:00' }];

let hub: Hub | undefined;
const LOOP_RESOLUTION_MS = 10;
const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });

function reply(message: HubChildReply): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

function fail(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  void reply({ type: 'error', message }).finally(() => process.exit(1));
  // Should the channel be gone already.
  setTimeout(() => process.exit(1), 1_000).unref();
}

/** The advisor signs in over HTTPS, as the console does; the session comes back as X-Tupa-Token. */
function signIn(port: number, caPem: string): Promise<string> {
  const body = JSON.stringify(BENCH_ADVISOR);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/session', method: 'POST', ca: caPem, checkServerIdentity: () => undefined, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const token = res.headers['x-tupa-token'];
          if (res.statusCode === 200 && typeof token === 'string') resolve(token);
          else reject(new Error(`advisor sign-in answered ${res.statusCode}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function start(message: HubStartMessage): Promise<void> {
  if (hub) throw new Error('the hub is already running');
  const began = performance.now();
  const clock = systemClock;
  hub = await createHub({
    dataDir: message.dataDir,
    siteName: 'Bench site',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse({ webhooks: [{ url: message.webhookUrl, format: 'json' }] }),
    initialPolicy: sitePolicySchema.parse({
      help: { phone: '0800 123', hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY } },
    }),
    clock,
    scheduler: new NodeScheduler(clock),
    // As the headless hub logs (main/hub/main.ts): JSON lines in <data>/logs.
    logger: createFileLogger({ dir: join(message.dataDir, 'logs'), clock, maxBytes: 10 * 1024 * 1024, keep: 1 }),
    listen: { host: '127.0.0.1', port: 0 },
  });
  const services = hub.services;
  // One transaction for the lot: the hub's SQLite syncs every commit, and setup is not what is measured.
  const pcs = hub.store.transaction(() =>
    Array.from({ length: message.kiosks }, (_, i) => {
      const pcId = `pc-${i}`;
      const { deviceToken } = services.pairLocal({ pcId, name: `PC ${i + 1}`, room: `Room ${1 + Math.floor(i / 25)}` });
      return { pcId, deviceToken };
    }),
  );
  await services.addAdvisor(BENCH_ADVISOR.name, BENCH_ADVISOR.password, true);
  const advisorToken = await signIn(hub.port, hub.caPem);
  loopDelay.enable();
  await reply({ type: 'started', port: hub.port, caPem: hub.caPem, pcs, advisorToken, startMs: Math.round(performance.now() - began) });
}

function stats(gc: boolean): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) {
    collect();
    collect();
  }
  // The histogram holds each sampling interval whole: its resolution is not delay.
  const ms = (ns: number) => Math.max(0, Math.round(ns / 1e5 - LOOP_RESOLUTION_MS * 10) / 10);
  const eventLoop = loopDelay.count > 0 ? { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) } : { p50: NaN, p99: NaN, max: NaN };
  loopDelay.reset();
  void reply({ type: 'stats', memory: process.memoryUsage(), gc: gc && !!collect, connected: hub?.services.kiosks.connectedCount() ?? 0, eventLoop });
}

async function stop(): Promise<void> {
  loopDelay.disable();
  const running = hub;
  hub = undefined;
  await running?.stop();
  await reply({ type: 'stopped' });
  process.disconnect?.();
}

process.on('message', (message: HubChildRequest) => {
  switch (message.type) {
    case 'start':
      start(message).catch(fail);
      return;
    case 'stats':
      stats(message.gc);
      return;
    case 'stop':
      stop().catch(fail);
      return;
  }
});
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// The parent went away (crashed or killed): do not outlive it.
process.on('disconnect', () => {
  void hub?.stop().finally(() => process.exit(0));
  if (!hub) process.exit(0);
});
