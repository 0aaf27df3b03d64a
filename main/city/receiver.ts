import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../core/clock';
import { createMemoryLogger, type Logger } from '../log/logger';
import { fingerprint } from '../hub/tls';
import { receiverTls } from './certificate';
import { parseCityConfig, type CityConfig, type CityConfigInput } from './config';
import { describeDatabase, PostgresCityStore } from './postgres-store';
import { startCityServer } from './server';
import { SqliteCityStore } from './sqlite-store';
import type { CityStore } from './store';

export interface CityReceiverOptions extends CityConfigInput {
  /** Where the SQLite file (by default), the self-signed certificate and nothing else are kept. */
  dataDir: string;
  clock?: Clock;
  /** Default: a memory logger (tests); the entry gives a file logger. */
  logger?: Logger;
  /** The built renderer (out/renderer), to serve the dashboard from; absent: the API only. */
  rendererDir?: string | undefined;
}

export interface CityReceiver {
  /** https://localhost:<port> */
  url: string;
  port: number;
  /** The CA to pin: the self-signed one, or the configured `tls.ca` (undefined for a publicly trusted certificate). */
  caPem: string | undefined;
  caFingerprint: string | undefined;
  store: CityStore;
  config: CityConfig;
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** Opens the configured storage (SQLite in the data folder by default), migrated. */
export async function openCityStore(config: Pick<CityConfig, 'storage'>, dataDir: string, logger?: Logger): Promise<CityStore> {
  if (config.storage.kind === 'postgres') {
    return PostgresCityStore.open(config.storage.url, {
      poolSize: config.storage.poolSize,
      onError: (error) => logger?.warn('a PostgreSQL connection failed', { error: error.message }),
    });
  }
  return new SqliteCityStore(config.storage.file ?? join(dataDir, 'city.sqlite'));
}

/** Where the figures are kept, for people: the SQLite file, or the PostgreSQL host and database (never its password). */
export function describeStorage(config: Pick<CityConfig, 'storage'>, dataDir: string): string {
  return config.storage.kind === 'postgres' ? `PostgreSQL ${describeDatabase(config.storage.url)}` : `SQLite ${config.storage.file ?? join(dataDir, 'city.sqlite')}`;
}

/**
 * The city receiver: the sites' hubs send their usage figures here, the
 * city's coordinators read them on its dashboard. Starts on the configured
 * address (tests and the preview: `listen: { host: '127.0.0.1', port: 0 }`).
 */
export async function createCityReceiver(options: CityReceiverOptions): Promise<CityReceiver> {
  const { dataDir, clock = systemClock, logger: baseLogger = createMemoryLogger(), rendererDir, ...input } = options;
  const config = parseCityConfig(input);
  const logger = baseLogger.child({ component: 'city' });
  const tls = await receiverTls({ dataDir, files: config.tls, hostnames: config.hostnames, now: clock.now() });
  if (tls.refused.length) logger.warn('hostnames outside the self-signed CA\'s names are left out of the certificate', { hosts: tls.refused.join(', ') });
  const store = await openCityStore(config, dataDir, logger);
  try {
    const { app, port } = await startCityServer({
      store,
      clock,
      logger,
      tls,
      host: config.listen.host,
      port: config.listen.port,
      timeZone: config.timeZone,
      rendererDir,
      rateLimitPerMinute: config.limits.requestsPerMinute,
      requestTimeoutMs: config.limits.requestTimeoutSeconds * 1000,
      publicOrigin: config.publicOrigin,
      trustProxy: config.trustProxy,
    });
    logger.info('city receiver listening', { port, storage: store.kind });
    let stopped = false;
    return {
      url: `https://localhost:${port}`,
      port,
      caPem: tls.caPem,
      caFingerprint: tls.caPem ? fingerprint(tls.caPem) : undefined,
      store,
      config,
      app,
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
