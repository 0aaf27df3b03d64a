import { openDatabase, type Db } from '../store/database';
import type { SyncReceipt, SyncRecord } from '../../preload/city-contract';
import { CITY_SQLITE_MIGRATIONS } from './migrations';
import { auditParams, batchAudit, inKeyOrder, rows, SQL, storedValue, type AuditEntry, type CityStore, type MonthFigure, type SiteRow } from './store';

type Row = Record<string, unknown>;

/** The city's figures in one SQLite file (WAL, synchronous FULL), the default. */
export class SqliteCityStore implements CityStore {
  readonly kind = 'sqlite' as const;
  readonly db: Db;

  constructor(file: string) {
    // It holds the sites' token hashes and the coordinators' password hashes: openDatabase makes its files owner-only.
    this.db = openDatabase(file, CITY_SQLITE_MIGRATIONS);
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  private get(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  async addSite(id: string, name: string, tokenHash: Buffer, now: number): Promise<boolean> {
    return this.run(SQL.addSite, id, name, tokenHash, now) === 1;
  }

  async setSiteToken(id: string, tokenHash: Buffer): Promise<boolean> {
    return this.run(SQL.setSiteToken, tokenHash, id) === 1;
  }

  async siteByToken(tokenHash: Buffer): Promise<{ id: string; name: string } | undefined> {
    return this.get(SQL.siteByToken, tokenHash) as { id: string; name: string } | undefined;
  }

  async sites(): Promise<SiteRow[]> {
    return this.all(SQL.sites).map(rows.site);
  }

  async upsertBatch(site: string, records: readonly SyncRecord[], meta: { batchId: string; now: number }): Promise<SyncReceipt> {
    const upsert = this.db.prepare(`INSERT INTO figures (site, period, metric, value, revision, received_at) VALUES (?, ?, ?, ?, ?, ?) ${SQL.newerRevisionWins}`);
    return this.db
      .transaction(() => {
        let stored = 0;
        for (const r of inKeyOrder(records)) stored += upsert.run(site, r.period, r.metric, storedValue(r), r.revision, meta.now).changes;
        const receipt = { stored, unchanged: records.length - stored };
        this.run(SQL.touchSite, meta.now, site);
        this.run(SQL.audit, ...auditParams(batchAudit(site, receipt, meta.batchId, meta.now)));
        return receipt;
      })
      .immediate();
  }

  async monthFigures(from: string, toExclusive: string): Promise<MonthFigure[]> {
    return this.all(SQL.monthFigures, from, toExclusive).map(rows.monthFigure);
  }

  async figureCount(site?: string): Promise<number> {
    const row = site === undefined ? this.get(SQL.figureCount) : this.get(SQL.figureCountOfSite, site);
    return Number(row!.n);
  }

  async setCoordinator(name: string, passwordHash: string, now: number): Promise<'added' | 'updated'> {
    return this.db
      .transaction(() => {
        const existing = this.get(SQL.coordinatorExists, name);
        if (!existing) {
          this.run(SQL.addCoordinator, name, passwordHash, now);
          return 'added' as const;
        }
        this.run(SQL.updateCoordinator, passwordHash, existing.id);
        this.run(SQL.endSessionsOf, name);
        return 'updated' as const;
      })
      .immediate();
  }

  async disableCoordinator(name: string, now: number): Promise<boolean> {
    return this.db
      .transaction(() => {
        if (this.run(SQL.disableCoordinator, now, name) === 0) return false;
        this.run(SQL.endSessionsOf, name);
        return true;
      })
      .immediate();
  }

  async coordinatorByName(name: string): Promise<{ id: number; name: string; passwordHash: string } | undefined> {
    const row = this.get(SQL.coordinatorByName, name);
    return row ? rows.coordinator(row) : undefined;
  }

  async coordinators(): Promise<Array<{ name: string; disabled: boolean }>> {
    return this.all(SQL.coordinators).map((r) => ({ name: r.name as string, disabled: r.disabled_at !== null }));
  }

  async createSession(tokenHash: Buffer, coordinatorId: number, now: number, expiresAt: number): Promise<void> {
    this.run(SQL.dropExpiredSessions, now);
    this.run(SQL.createSession, tokenHash, coordinatorId, now, expiresAt);
  }

  async coordinatorBySession(tokenHash: Buffer, now: number): Promise<{ id: number; name: string } | undefined> {
    const row = this.get(SQL.coordinatorBySession, tokenHash, now);
    return row ? { id: Number(row.id), name: row.name as string } : undefined;
  }

  async endSession(tokenHash: Buffer): Promise<void> {
    this.run(SQL.endSession, tokenHash);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.run(SQL.audit, ...auditParams(entry));
  }

  async auditLog(limit = 100): Promise<AuditEntry[]> {
    return this.all(SQL.auditLog, limit).map(rows.audit);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
