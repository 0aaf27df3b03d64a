import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createHub } from '../../main/hub/compose';
import { hubNetworkSchema } from '../../main/config/hub';
import { sitePolicySchema } from '../../main/config/policy';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { HUB_PROTOCOL_VERSION, type HubToKiosk, type KioskStatus, type KioskToHub } from '../../preload/hub-contract';

/**
 * "A PC freed → its number shown on the kiosk": a real hub (TLS, SQLite on
 * disk, in this process) with N PCs connected over WebSocket, each a raw
 * socket speaking the PC's protocol. Every PC is in use and numbers wait;
 * then, round after round, one PC reports that its session ended and its
 * wipe was verified, and the time is taken until that PC has the call to
 * it, and until every PC has it. The PC then starts the number (its status
 * turns active) and the next round frees another PC.
 */
export interface QueueBenchResult {
  pcs: number;
  rounds: number;
  /** Status "welcome, wiped" sent → the freed PC has its call (ms; Infinity: never came). */
  toCalled: number[];
  /** The same → every PC has the call. */
  toAll: number[];
}

const WAIT_MS = 5_000;

interface SimPc {
  id: string;
  socket: WebSocket;
  messages: Array<{ at: number; message: HubToKiosk }>;
  send(message: KioskToHub): void;
}

export async function measureQueueCalls(pcs = 50, rounds = 60): Promise<QueueBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tupa-bench-queue-'));
  const scheduler = new NodeScheduler(systemClock);
  const hub = await createHub({
    dataDir: dir,
    siteName: 'Bench',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse({ offlineAfterSeconds: 600 }),
    initialPolicy: sitePolicySchema.parse({ queue: { maxWaitingPerKiosk: 50 } }),
    clock: systemClock,
    scheduler,
    logger: createMemoryLogger(),
    listen: { host: '127.0.0.1', port: 0 },
  });
  const sims: SimPc[] = [];
  try {
    for (let i = 0; i < pcs; i++) sims.push(await connect(hub.port, hub.caPem, hub.services.pairLocal({ pcId: `pc-${i}`, name: `PC ${i}`, room: 'Sali' }).deviceToken, `pc-${i}`));
    const status = (pc: SimPc, phase: KioskStatus['phase']) => {
      const at = Date.now();
      const s: KioskStatus = phase === 'welcome' ? { phase, lastWipe: { at, ok: true } } : { phase, session: { kind: 'walk-in', startedAt: at, endsAt: at + 3_600_000 } };
      pc.send({ type: 'status', status: s, clock: at });
    };
    for (const pc of sims) status(pc, 'active');
    await waitFor(() => hub.queue.kioskMessage().offered, 'every PC in use');
    // Numbers enough for every round, taken at several kiosks.
    for (let i = 0; i < rounds; i++) {
      const pc = sims[i % sims.length]!;
      const requestId = crypto.randomUUID();
      pc.send({ type: 'queue-take', requestId });
      await waitFor(() => pc.messages.some((m) => 'requestId' in m.message && m.message.requestId === requestId), 'a number taken');
    }
    const toCalled: number[] = [];
    const toAll: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const freed = sims[round % sims.length]!;
      const called = (m: { message: HubToKiosk }) => m.message.type === 'queue' && m.message.calls.some((c) => c.pcId === freed.id);
      const from = sims.map((pc) => pc.messages.length);
      const sent = performance.now();
      status(freed, 'welcome');
      const arrived = await Promise.all(sims.map((pc, i) => arrival(pc, from[i]!, called)));
      const mine = arrival(freed, from[sims.indexOf(freed)]!, called);
      toCalled.push((await mine) - sent);
      toAll.push(Math.max(...arrived) - sent);
      // The resident starts: the PC is busy again and its call ends.
      status(freed, 'active');
      await waitFor(() => !hub.queue.calls().some((c) => c.pcId === freed.id), 'the call started');
    }
    return { pcs, rounds, toCalled, toAll };
  } finally {
    for (const pc of sims) pc.socket.terminate();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** When (performance.now) the PC got a message matching `match` at or after index `from`; Infinity if none within WAIT_MS. */
async function arrival(pc: SimPc, from: number, match: (m: { message: HubToKiosk }) => boolean): Promise<number> {
  const until = performance.now() + WAIT_MS;
  for (;;) {
    const hit = pc.messages.slice(from).find(match);
    if (hit) return hit.at;
    if (performance.now() > until) return Infinity;
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const until = Date.now() + WAIT_MS * 2;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function connect(port: number, caPem: string, token: string, pcId: string): Promise<SimPc> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`wss://127.0.0.1:${port}/kiosk`, { ca: caPem, headers: { authorization: `Bearer ${token}` } });
    const pc: SimPc = { id: pcId, socket, messages: [], send: (message) => socket.send(JSON.stringify(message)) };
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as HubToKiosk;
      pc.messages.push({ at: performance.now(), message });
      if (message.type === 'welcome') resolve(pc);
    });
    socket.once('error', reject);
    socket.once('open', () => pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId, clock: Date.now(), release: 'bench' }));
  });
}
