import pg from 'pg';
import type { SyncReceipt, SyncRecord } from '../../preload/city-contract';
import { StoreError } from '../store/database';
import type { Migration } from '../store/migrations';
import { CITY_POSTGRES_MIGRATIONS } from './migrations';
import { auditParams, batchAudit, inKeyOrder, rows, SQL, storedValue, type AuditEntry, type CityStore, type MonthFigure, type SiteRow } from './store';

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;

const INT8_OID = 20;
/** Held while migrating, so two receivers starting at once on one database migrate it once. */
const MIGRATION_LOCK = 0x7475_7061; // "tupa"

/** BIGINT columns hold epoch milliseconds and counts, all within 2^53: read them as numbers. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (text: string) => Number(text) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** `?` placeholders numbered as PostgreSQL wants them ($1, $2, …). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Where a database URL points, for messages: never its password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}${u.port ? `:${u.port}` : ''}${u.pathname || '/'}`;
  } catch {
    return '(an unreadable URL)';
  }
}

/**
 * The city's figures in PostgreSQL, for a region that outgrows one SQLite
 * file: a pool of connections, each batch one transaction.
 */
export class PostgresCityStore implements CityStore {
  readonly kind = 'postgres' as const;
  private constructor(readonly pool: pg.Pool) {}

  /** Connects, and applies the missing migrations before anything else runs. */
  static async open(url: string, options: { poolSize?: number; onError?: (error: Error) => void } = {}): Promise<PostgresCityStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
    // An idle connection that breaks (the server restarted) must not stop the receiver; the next query reconnects.
    pool.on('error', (error) => options.onError?.(error));
    const store = new PostgresCityStore(pool);
    try {
      await store.transaction((client) => migrate(client, CITY_POSTGRES_MIGRATIONS));
    } catch (error) {
      await pool.end();
      if (error instanceof StoreError) throw error;
      throw new StoreError(`cannot open the PostgreSQL database ${describeDatabase(url)}: ${(error as Error).message}`, { cause: error });
    }
    return store;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async run(sql: string, params: unknown[], on: Queryable = this.pool): Promise<number> {
    return (await on.query(numbered(sql), params)).rowCount ?? 0;
  }

  private async all(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query<Row>(numbered(sql), params)).rows;
  }

  private async get(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<Row | undefined> {
    return (await this.all(sql, params, on))[0];
  }

  async addSite(id: string, name: string, tokenHash: Buffer, now: number): Promise<boolean> {
    return (await this.run(SQL.addSite, [id, name, tokenHash, now])) === 1;
  }

  async setSiteToken(id: string, tokenHash: Buffer): Promise<boolean> {
    return (await this.run(SQL.setSiteToken, [tokenHash, id])) === 1;
  }

  async siteByToken(tokenHash: Buffer): Promise<{ id: string; name: string } | undefined> {
    return (await this.get(SQL.siteByToken, [tokenHash])) as { id: string; name: string } | undefined;
  }

  async sites(): Promise<SiteRow[]> {
    return (await this.all(SQL.sites)).map(rows.site);
  }

  async upsertBatch(site: string, records: readonly SyncRecord[], meta: { batchId: string; now: number }): Promise<SyncReceipt> {
    const sorted = inKeyOrder(records);
    return this.transaction(async (client) => {
      // One statement for the whole batch (a round trip per record would dominate).
      const result = await client.query(
        `INSERT INTO figures (site, period, metric, value, revision, received_at)
         SELECT $1, r.period, r.metric, r.value, r.revision, $6
           FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS r (period, metric, value, revision)
         ${SQL.newerRevisionWins}`,
        [site, sorted.map((r) => r.period), sorted.map((r) => r.metric), sorted.map(storedValue), sorted.map((r) => r.revision), meta.now],
      );
      const stored = result.rowCount ?? 0;
      const receipt = { stored, unchanged: records.length - stored };
      await this.run(SQL.touchSite, [meta.now, site], client);
      await this.run(SQL.audit, auditParams(batchAudit(site, receipt, meta.batchId, meta.now)), client);
      return receipt;
    });
  }

  async monthFigures(from: string, toExclusive: string): Promise<MonthFigure[]> {
    return (await this.all(SQL.monthFigures, [from, toExclusive])).map(rows.monthFigure);
  }

  async figureCount(site?: string): Promise<number> {
    const row = site === undefined ? await this.get(SQL.figureCount) : await this.get(SQL.figureCountOfSite, [site]);
    return Number(row!.n);
  }

  async setCoordinator(name: string, passwordHash: string, now: number): Promise<'added' | 'updated'> {
    return this.transaction(async (client) => {
      // Two commands setting the same new name at once: the second waits and then updates.
      await client.query('LOCK TABLE coordinators IN SHARE ROW EXCLUSIVE MODE');
      const existing = await this.get(SQL.coordinatorExists, [name], client);
      if (!existing) {
        await this.run(SQL.addCoordinator, [name, passwordHash, now], client);
        return 'added' as const;
      }
      await this.run(SQL.updateCoordinator, [passwordHash, existing.id], client);
      await this.run(SQL.endSessionsOf, [name], client);
      return 'updated' as const;
    });
  }

  async disableCoordinator(name: string, now: number): Promise<boolean> {
    return this.transaction(async (client) => {
      if ((await this.run(SQL.disableCoordinator, [now, name], client)) === 0) return false;
      await this.run(SQL.endSessionsOf, [name], client);
      return true;
    });
  }

  async coordinatorByName(name: string): Promise<{ id: number; name: string; passwordHash: string } | undefined> {
    const row = await this.get(SQL.coordinatorByName, [name]);
    return row ? rows.coordinator(row) : undefined;
  }

  async coordinators(): Promise<Array<{ name: string; disabled: boolean }>> {
    return (await this.all(SQL.coordinators)).map((r) => ({ name: r.name as string, disabled: r.disabled_at !== null }));
  }

  async createSession(tokenHash: Buffer, coordinatorId: number, now: number, expiresAt: number): Promise<void> {
    await this.run(SQL.dropExpiredSessions, [now]);
    await this.run(SQL.createSession, [tokenHash, coordinatorId, now, expiresAt]);
  }

  async coordinatorBySession(tokenHash: Buffer, now: number): Promise<{ id: number; name: string } | undefined> {
    const row = await this.get(SQL.coordinatorBySession, [tokenHash, now]);
    return row ? { id: Number(row.id), name: row.name as string } : undefined;
  }

  async endSession(tokenHash: Buffer): Promise<void> {
    await this.run(SQL.endSession, [tokenHash]);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.run(SQL.audit, auditParams(entry));
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    return (await this.all(SQL.auditLog, [limit])).map(rows.audit);
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Applies the missing migrations inside the caller's transaction, under an
 * advisory lock: a receiver and the command line starting at once on a new
 * database migrate it once.
 */
async function migrate(client: pg.PoolClient, migrations: readonly Migration[]): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await client.query('CREATE TABLE IF NOT EXISTS tupa_city_schema (version INTEGER NOT NULL)');
  const current = Number((await client.query<{ version: number }>('SELECT max(version) AS version FROM tupa_city_schema')).rows[0]?.version ?? 0);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreError(`the database is at version ${current}, newer than this release knows (${latest}); install the newer release`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    await client.query(m.sql);
    await client.query('INSERT INTO tupa_city_schema (version) VALUES ($1)', [m.version]);
  }
}
