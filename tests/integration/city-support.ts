/**
 * Helpers for the city receiver's integration tests: a real receiver on
 * loopback HTTPS (port 0, its self-signed CA pinned by the client), on a
 * real SQLite file or a real PostgreSQL database (a throwaway server from
 * tests/support/postgres.ts, one per test file, a fresh database per
 * receiver). `describeStorages` runs the same cases on both; where
 * PostgreSQL is missing its cases are reported skipped, with the reason.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe } from 'vitest';
import { createMemoryLogger } from '../../main/log/logger';
import { addSite, setCoordinator } from '../../main/city/accounts';
import { createCityReceiver, openCityStore, type CityReceiver, type CityReceiverOptions } from '../../main/city/receiver';
import type { CityConfig } from '../../main/city/config';
import { SESSION_COOKIE } from '../../main/city/server';
import type { CityStore, StorageKind } from '../../main/city/store';
import type { Clock } from '../../main/core/clock';
import type { SyncRecord } from '../../preload/city-contract';
import { POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres';
import { onStop, request, tempDir, type Answer, type RequestOptions } from './hub-support';

export { request, stopAll, tempDir } from './hub-support';

export interface StorageVariant {
  kind: StorageKind;
  label: string;
  /** Why this variant cannot run here (undefined: it runs). */
  skip: string | undefined;
}

export const STORAGES: readonly StorageVariant[] = [
  { kind: 'sqlite', label: 'SQLite', skip: undefined },
  { kind: 'postgres', label: 'PostgreSQL', skip: POSTGRES_MISSING },
];

/**
 * The same cases for every storage (describe.each with a skip per row): a
 * storage that cannot run here is reported SKIPPED with its reason in the
 * suite's name, never passed.
 */
export function describeStorages(title: string, cases: (storage: StorageVariant) => void): void {
  describe.each(STORAGES)(`${title} ($label)`, (storage) => {
    describe.skipIf(storage.skip !== undefined)(storage.skip ? `SKIPPED: ${storage.skip}` : 'on a real database', () => cases(storage));
  });
}

let postgres: Promise<TestPostgres> | undefined;
afterAll(async () => {
  const server = postgres;
  postgres = undefined;
  if (server) await (await server).stop();
});

/** A fresh, empty PostgreSQL database on this file's throwaway server. */
export async function postgresDatabase(): Promise<string> {
  postgres ??= startPostgres();
  return (await postgres).createDatabase();
}

/** 2026-06-15 12:00 in Helsinki: "today" for every receiver in these tests. */
export const NOW = Date.UTC(2026, 5, 15, 9, 0);

/** A clock the test moves by hand. */
export function manualClock(at = NOW): Clock & { at: number } {
  return { at, now() { return this.at; }, monotonic() { return this.at; } };
}

export const COORDINATOR = { name: 'koordinaattori', password: 'vahva-salasana-2026' } as const;

export interface TestCity {
  receiver: CityReceiver;
  address: string;
  /** The Origin the dashboard page sends. */
  origin: string;
  caPem: string;
  clock: Clock & { at: number };
  logger: ReturnType<typeof createMemoryLogger>;
  dataDir: string;
  /** Registers a site; its token. */
  addSite(id: string, name?: string): Promise<string>;
  /** Sends a batch as a hub would. */
  send(token: string | undefined, body: unknown, options?: RequestOptions): Promise<Answer>;
  /** Signs the coordinator in; the cookie header to send. */
  signIn(credentials?: { name: string; password: string }): Promise<string>;
  /** A signed-in GET with the dashboard's Origin. */
  get<T = unknown>(cookie: string, path: string): Promise<Answer<T>>;
}

/** A real receiver on 127.0.0.1:0 with one coordinator account (COORDINATOR). */
export async function startCity(storage: StorageKind, options: Partial<CityReceiverOptions> = {}): Promise<TestCity> {
  const dataDir = options.dataDir ?? tempDir('tupa-city-');
  const clock = manualClock();
  const logger = createMemoryLogger();
  const receiver = await createCityReceiver({
    listen: { host: '127.0.0.1', port: 0 },
    storage: storage === 'postgres' ? { kind: 'postgres', url: await postgresDatabase(), poolSize: 4 } : { kind: 'sqlite' },
    clock,
    logger,
    ...options,
    dataDir,
  });
  onStop(() => receiver.stop());
  await setCoordinator(receiver.store, COORDINATOR.name, COORDINATOR.password, 'test', clock.now());
  const address = `https://127.0.0.1:${receiver.port}`;
  const target = { address, caPem: receiver.caPem! };
  const city: TestCity = {
    receiver,
    address,
    origin: address,
    caPem: receiver.caPem!,
    clock,
    logger,
    dataDir,
    addSite: (id, name = `Tupa ${id}`) => addSite(receiver.store, id, name, 'test', clock.now()),
    send: (token, body, more = {}) =>
      request(target, 'POST', '/api/v1/figures', { ...(typeof body === 'string' || Buffer.isBuffer(body) ? { raw: body } : { body }), ...more, headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...more.headers } }),
    async signIn(credentials = COORDINATOR) {
      const answer = await request(target, 'POST', '/api/session', { body: credentials, headers: { origin: address } });
      if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
      const cookie = [answer.headers['set-cookie']].flat().find((c) => c?.startsWith(`${SESSION_COOKIE}=`));
      if (!cookie) throw new Error('no session cookie');
      return cookie.split(';')[0]!;
    },
    get: (cookie, path) => request(target, 'GET', path, { headers: { cookie, origin: address } }),
  };
  return city;
}

/** A batch as the contract has it (version 1, a fresh batch id). */
export function batch(site: string, records: SyncRecord[] | unknown[]): { version: 1; site: string; batchId: string; records: unknown[] } {
  return { version: 1, site, batchId: randomUUID(), records };
}

export const day = (period: string, metric: string, value: number, revision = 1) => ({ period, metric, value, revision });
export const cell = (period: string, metric: string, value: number | '<5', revision = 1) => ({ period, metric, value, revision });

/** A store of its own (no server), and a way to open the same database again. */
export async function openTestStore(kind: StorageKind): Promise<{ store: CityStore; reopen(): Promise<CityStore>; config: Pick<CityConfig, 'storage'>; dataDir: string }> {
  const dataDir = tempDir('tupa-city-store-');
  const config: Pick<CityConfig, 'storage'> = kind === 'postgres' ? { storage: { kind: 'postgres', url: await postgresDatabase(), poolSize: 4 } } : { storage: { kind: 'sqlite' } };
  const opened: CityStore[] = [];
  const reopen = async () => {
    const store = await openCityStore(config, dataDir);
    opened.push(store);
    return store;
  };
  onStop(async () => {
    for (const store of opened) await store.close();
  });
  return { store: await reopen(), reopen, config, dataDir };
}
