import type { SyncReceipt, SyncRecord } from '../../preload/city-contract';

/**
 * What the city receiver keeps, behind one small interface with two
 * implementations: SQLite (one file, the default) and PostgreSQL (a region
 * that outgrows one file). Every method is async so both fit.
 *
 * Figures are keyed by (site, period, metric); a value of `null` is a
 * suppressed breakdown cell ("<5"). A record replaces the stored one only
 * when its revision is higher, so repeats and reorderings change nothing.
 */
export interface CityStore {
  readonly kind: StorageKind;

  // ---- sites and their tokens ----
  /** Registers a site with its token's hash; false when the id is taken. */
  addSite(id: string, name: string, tokenHash: Buffer, now: number): Promise<boolean>;
  /** Gives a site a new token (the old one stops working at once); false for an unknown site. */
  setSiteToken(id: string, tokenHash: Buffer): Promise<boolean>;
  siteByToken(tokenHash: Buffer): Promise<{ id: string; name: string } | undefined>;
  sites(): Promise<SiteRow[]>;

  // ---- figures ----
  /**
   * Stores a batch all or nothing, in one transaction: each record only
   * when newer than the stored revision, the site's last sync time, and an
   * audit line. The batch has been validated (one record per key).
   */
  upsertBatch(site: string, records: readonly SyncRecord[], meta: { batchId: string; now: number }): Promise<SyncReceipt>;
  /** Per site, month and metric: the summed values of the periods in [from, toExclusive) (months or days). */
  monthFigures(from: string, toExclusive: string): Promise<MonthFigure[]>;
  /** How many figures are stored (for status and tests). */
  figureCount(site?: string): Promise<number>;

  // ---- coordinators and their sessions ----
  /** Adds a coordinator or sets a new password (enabling the account and ending its sessions). */
  setCoordinator(name: string, passwordHash: string, now: number): Promise<'added' | 'updated'>;
  /** Disables an account and ends its sessions; false when there is no active one by that name. */
  disableCoordinator(name: string, now: number): Promise<boolean>;
  /** An enabled coordinator by name (case-insensitive). */
  coordinatorByName(name: string): Promise<{ id: number; name: string; passwordHash: string } | undefined>;
  coordinators(): Promise<Array<{ name: string; disabled: boolean }>>;
  createSession(tokenHash: Buffer, coordinatorId: number, now: number, expiresAt: number): Promise<void>;
  /** The signed-in coordinator of an unexpired session of an enabled account. */
  coordinatorBySession(tokenHash: Buffer, now: number): Promise<{ id: number; name: string } | undefined>;
  endSession(tokenHash: Buffer): Promise<void>;

  // ---- audit ----
  audit(entry: AuditEntry): Promise<void>;
  auditLog(limit?: number): Promise<Array<AuditEntry>>;

  close(): Promise<void>;
}

export type StorageKind = 'sqlite' | 'postgres';

export interface SiteRow {
  id: string;
  name: string;
  createdAt: number;
  lastSyncAt: number | undefined;
}

export interface MonthFigure {
  site: string;
  month: string;
  metric: string;
  /** True for a daily total (summed over the month's days), false for a breakdown cell. */
  daily: boolean;
  /** The sum; null for a suppressed cell ("<5"). */
  value: number | null;
  /** When the newest of the summed records arrived. */
  receivedAt: number;
}

export interface AuditEntry {
  at: number;
  actor: string;
  action: string;
  subject?: string | undefined;
  details?: Record<string, string | number> | undefined;
}

/** A coordinator's name: letters, digits, dots, dashes, underscores (as an advisor's at the hub). */
export const COORDINATOR_NAME = /^[\p{L}\p{N}._-]{1,40}$/u;

/**
 * The statements both stores run, written once in the SQL that SQLite and
 * PostgreSQL share (`?` placeholders; the PostgreSQL store numbers them).
 */
export const SQL = {
  addSite: 'INSERT INTO sites (id, name, token_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  setSiteToken: 'UPDATE sites SET token_hash = ? WHERE id = ?',
  siteByToken: 'SELECT id, name FROM sites WHERE token_hash = ?',
  sites: 'SELECT id, name, created_at, last_sync_at FROM sites ORDER BY id',
  touchSite: 'UPDATE sites SET last_sync_at = ? WHERE id = ?',
  /** Follows an INSERT INTO figures: a stored record is replaced only by a higher revision. */
  newerRevisionWins: `
    ON CONFLICT (site, period, metric) DO UPDATE
      SET value = excluded.value, revision = excluded.revision, received_at = excluded.received_at
      WHERE excluded.revision > figures.revision`,
  monthFigures: `
    SELECT site, substr(period, 1, 7) AS month, metric,
           CASE WHEN length(period) = 10 THEN 1 ELSE 0 END AS daily,
           CAST(SUM(value) AS BIGINT) AS value, MAX(received_at) AS received_at
      FROM figures
     WHERE period >= ? AND period < ?
     GROUP BY site, substr(period, 1, 7), metric, CASE WHEN length(period) = 10 THEN 1 ELSE 0 END
     ORDER BY site, month, metric`,
  figureCount: 'SELECT COUNT(*) AS n FROM figures',
  figureCountOfSite: 'SELECT COUNT(*) AS n FROM figures WHERE site = ?',
  coordinatorExists: 'SELECT id FROM coordinators WHERE lower(name) = lower(?)',
  addCoordinator: 'INSERT INTO coordinators (name, password_hash, created_at) VALUES (?, ?, ?)',
  updateCoordinator: 'UPDATE coordinators SET password_hash = ?, disabled_at = NULL WHERE id = ?',
  disableCoordinator: 'UPDATE coordinators SET disabled_at = ? WHERE lower(name) = lower(?) AND disabled_at IS NULL',
  endSessionsOf: 'DELETE FROM coordinator_sessions WHERE coordinator_id IN (SELECT id FROM coordinators WHERE lower(name) = lower(?))',
  coordinatorByName: 'SELECT id, name, password_hash FROM coordinators WHERE lower(name) = lower(?) AND disabled_at IS NULL',
  coordinators: 'SELECT name, disabled_at FROM coordinators ORDER BY name',
  createSession: 'INSERT INTO coordinator_sessions (token_hash, coordinator_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
  coordinatorBySession: `
    SELECT c.id, c.name FROM coordinator_sessions s JOIN coordinators c ON c.id = s.coordinator_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND c.disabled_at IS NULL`,
  endSession: 'DELETE FROM coordinator_sessions WHERE token_hash = ?',
  dropExpiredSessions: 'DELETE FROM coordinator_sessions WHERE expires_at <= ?',
  audit: 'INSERT INTO audit (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)',
  auditLog: 'SELECT at, actor, action, subject, details FROM audit ORDER BY seq DESC LIMIT ?',
} as const;

type Row = Record<string, unknown>;

/** Row readers both stores share (PostgreSQL's BIGINTs are read as numbers by its store). */
export const rows = {
  site: (r: Row): SiteRow => ({
    id: r.id as string,
    name: r.name as string,
    createdAt: Number(r.created_at),
    lastSyncAt: r.last_sync_at === null ? undefined : Number(r.last_sync_at),
  }),
  monthFigure: (r: Row): MonthFigure => ({
    site: r.site as string,
    month: r.month as string,
    metric: r.metric as string,
    daily: Number(r.daily) === 1,
    value: r.value === null ? null : Number(r.value),
    receivedAt: Number(r.received_at),
  }),
  audit: (r: Row): AuditEntry => ({
    at: Number(r.at),
    actor: r.actor as string,
    action: r.action as string,
    subject: (r.subject as string | null) ?? undefined,
    details: r.details === null ? undefined : (JSON.parse(r.details as string) as Record<string, string | number>),
  }),
  coordinator: (r: Row) => ({ id: Number(r.id), name: r.name as string, passwordHash: r.password_hash as string }),
};

/** The parameters of an audit line. */
export function auditParams(entry: AuditEntry): unknown[] {
  return [entry.at, entry.actor, entry.action, entry.subject ?? null, entry.details ? JSON.stringify(entry.details) : null];
}

/** The records in key order: concurrent batches then take row locks in the same order (no deadlocks). */
export function inKeyOrder(records: readonly SyncRecord[]): SyncRecord[] {
  return [...records].sort((a, b) => (a.period === b.period ? (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0) : a.period < b.period ? -1 : 1));
}

/** A record's value as stored: null for "<5". */
export function storedValue(record: SyncRecord): number | null {
  return typeof record.value === 'number' ? record.value : null;
}

/** The audit line of an accepted batch: who, how many, which batch; never a value or a token. */
export function batchAudit(site: string, receipt: SyncReceipt, batchId: string, now: number): AuditEntry {
  return { at: now, actor: `site:${site}`, action: 'figures received', subject: site, details: { batchId, stored: receipt.stored, unchanged: receipt.unchanged } };
}
