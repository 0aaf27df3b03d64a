/**
 * Helpers for the integration tests: temporary data folders with real SQLite
 * files, a kiosk controller on manual test time, and the built preview as a
 * child process with a small WebSocket client for the typed contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { TestTime } from '../../main/core/test-time';
import { hashCode } from '../../main/core/codes';
import { MINUTE } from '../../main/core/clock';
import { parseConfig } from '../../main/config/load';
import type { KioskConfigInput } from '../../main/config/schema';
import { databaseFile } from '../../main/config/paths';
import { KioskStore } from '../../main/store/kiosk-store';
import { loadOrCreateCodeKey } from '../../main/store/code-key';
import { KioskController } from '../../main/kiosk/controller';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { createMemoryLogger } from '../../main/log/logger';
import type { KioskSnapshot } from '../../preload/contract';
import type { Phase } from '../../main/core/session-machine';

import { startPreview as startPreviewProcess, type PreviewProcess } from '../support/preview-process';

export const ROOT = resolve(import.meta.dirname, '../..');
export const PC = 'pc-1';
/** 2026-06-01 10:00 in Helsinki (UTC+3). */
export const T0 = Date.UTC(2026, 5, 1, 7, 0);

const dirs: string[] = [];

/** A fresh temporary folder, removed by `removeTempDirs()`. */
export function tempDir(prefix = 'tupa-it-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Lets every pending promise chain (view hiding, the wipe) run to its end. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface KioskHarness {
  dir: string;
  time: TestTime;
  store: KioskStore;
  shell: RecordingShell;
  logger: ReturnType<typeof createMemoryLogger>;
  controller: KioskController;
  codeKey: Buffer;
  snapshots: KioskSnapshot[];
  phases: Array<[Phase, number]>;
  config: ReturnType<typeof parseConfig>;
  /** Adds a booking through the kiosk's own store (its own connection). */
  addBooking(code: string, startsAt: number, endsAt: number, store?: KioskStore): string;
  advance(ms: number): Promise<void>;
  advanceTo(at: number): Promise<void>;
  /** Opens a second connection to the same database file, as the command line does. */
  openOther(): KioskStore;
  close(): void;
}

let bookingSeq = 0;

/** A KioskController on a real SQLite file, with manual test time, a recording shell and a memory logger. */
export async function startKiosk(
  options: { start?: number; config?: KioskConfigInput; dir?: string; sessionsDir?: string; beforeStart?: (h: KioskHarness) => void } = {},
): Promise<KioskHarness> {
  const dir = options.dir ?? tempDir();
  const time = new TestTime('manual', options.start ?? T0);
  const config = parseConfig({ pc: { id: PC, name: 'Tietokone 1' }, ...options.config }, 'test');
  const store = new KioskStore(databaseFile(dir), config.pc.id);
  const codeKey = loadOrCreateCodeKey(dir);
  const shell = new RecordingShell({ sessionsDir: options.sessionsDir });
  const logger = createMemoryLogger();
  let n = 0;
  const controller = new KioskController({ config, store, shell, clock: time, scheduler: time, codeKey, logger, newId: () => `s-${++n}` });
  const snapshots: KioskSnapshot[] = [];
  const phases: Array<[Phase, number]> = [];
  controller.onSnapshot((s) => snapshots.push(s));
  controller.onPhase((p, at) => phases.push([p, at]));
  const others: KioskStore[] = [];
  const harness: KioskHarness = {
    dir,
    time,
    store,
    shell,
    logger,
    controller,
    codeKey,
    snapshots,
    phases,
    config,
    addBooking(code, startsAt, endsAt, via = store) {
      const id = `b-${++bookingSeq}`;
      via.bookings.add({ id, pcId: config.pc.id, startsAt, endsAt, codeHash: hashCode(codeKey, code) }, time.now());
      if (via === store) controller.reloadFromStore();
      return id;
    },
    async advance(ms) {
      time.advance(ms);
      await flush();
    },
    async advanceTo(at) {
      time.advance(at - time.now());
      await flush();
    },
    openOther() {
      const other = new KioskStore(databaseFile(dir), config.pc.id);
      others.push(other);
      return other;
    },
    close() {
      controller.stop();
      time.dispose();
      for (const o of others) o.close();
      store.close();
    },
  };
  options.beforeStart?.(harness);
  await controller.start();
  await flush();
  return harness;
}

export const minutes = (m: number) => m * MINUTE;

// ---- the built preview as a process ----------------------------------------

export type Preview = PreviewProcess;

/** The built preview on a data folder the test keeps (so a restart finds it again). */
export function startPreview(dataDir: string): Promise<Preview> {
  return startPreviewProcess({ dataDir, demo: false, testMode: true });
}

export async function postJson<T = unknown>(origin: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function getJson<T = unknown>(origin: string, path: string): Promise<T> {
  const res = await fetch(`${origin}${path}`, { headers: { origin } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Api {
  call<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  close(): void;
}

/** The typed contract over the preview's WebSocket, as the browser page speaks it. */
export async function connectApi(origin: string): Promise<Api> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api`, { headers: { Origin: origin } });
  await new Promise<void>((r, reject) => {
    ws.once('open', () => r());
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; ok?: boolean; result?: unknown; error?: { code: string; message: string } };
    if (typeof msg.id !== 'number') return;
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.result);
    else w.reject(new Error(`${msg.error?.code}: ${msg.error?.message}`));
  });
  return {
    call<T>(method: string, params: Record<string, unknown> = {}) {
      const id = next++;
      return new Promise<T>((resolveCall, reject) => {
        waiting.set(id, { resolve: resolveCall as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ v: 1, id, method, params }));
        setTimeout(() => {
          if (waiting.delete(id)) reject(new Error(`${method}: no reply in 5 s`));
        }, 5000).unref();
      });
    },
    close: () => ws.close(),
  };
}

export interface SessionRow {
  id: string;
  kind: string;
  started_at: number;
  alive_at: number;
  ended_at: number | null;
  end_reason: string | null;
  wiped_at: number | null;
  receipt: string | null;
}

export interface EventRow {
  seq: number;
  id: string;
  at: number;
  type: string;
  data: string;
}

/** Reads the kiosk's database directly (the process must have stopped). */
export function readDatabase(dataDir: string): { sessions: SessionRow[]; events: EventRow[] } {
  const db = new Database(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    return {
      sessions: db.prepare('SELECT * FROM sessions ORDER BY started_at').all() as SessionRow[],
      events: db.prepare('SELECT * FROM usage_events ORDER BY seq').all() as EventRow[],
    };
  } finally {
    db.close();
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
