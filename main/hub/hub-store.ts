import { openDatabase, type Db } from '../store/database';
import type { BookingView, HelpCallView, HelpState, KioskStatus, SitePolicy } from '../../preload/hub-contract';
import { HUB_MIGRATIONS } from './migrations';
import { cancelledQuickly, wholeSeconds } from '../core/help-calls';
import { PolicyCache } from './policy-cache';
import { hashCode } from '../core/codes';


export interface SiteRow {
  name: string;
  timeZone: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  codeKey: Buffer;
  policy: SitePolicy;
}

export interface PcRow {
  id: string;
  name: string;
  room: string;
  paired: boolean;
  revoked: boolean;
  lastSeen: number | undefined;
  status: KioskStatus | undefined;
  clockSkewMs: number | undefined;
}

export interface HubBooking extends BookingView {
  /** HMAC-SHA256 of the code under the site's key. */
  codeHash: Buffer;
  /** The code sealed under the site's key (absent for a booking made before PCs had keys of their own, until the hub's start finds it). */
  codeSealed?: Buffer | undefined;
}

export interface OutboxItem {
  id: number;
  callId: string;
  event: string;
  target: string;
  payload: string;
  attempts: number;
}

type Row = Record<string, unknown>;

const pcFromRow = (r: Row): PcRow => ({
  id: r.id as string,
  name: r.name as string,
  room: r.room as string,
  paired: r.paired_at !== null,
  revoked: r.revoked_at !== null,
  lastSeen: (r.last_seen as number | null) ?? undefined,
  status: r.status ? (JSON.parse(r.status as string) as KioskStatus) : undefined,
  clockSkewMs: (r.clock_skew_ms as number | null) ?? undefined,
});

const bookingFromRow = (r: Row): HubBooking => ({
  id: r.id as string,
  pcId: r.pc_id as string,
  startsAt: r.starts_at as number,
  endsAt: r.ends_at as number,
  codeHash: r.code_hash as Buffer,
  codeSealed: (r.code_sealed as Buffer | null) ?? undefined,
  ...(r.source === 'self' ? { source: 'self' as const } : {}),
  // Imported (issue 12): its source's id and kind, and whether it came without a code.
  ...(typeof r.source_id === 'string' && typeof r.source_kind === 'string'
    ? { source: 'import' as const, from: { sourceId: r.source_id, kind: r.source_kind as 'respa' | 'ics' }, ...(r.no_code === 1 ? { noCode: true as const } : {}) }
    : {}),
});

/** Bookings with their source's kind and whether their code is the empty one (an imported booking without a code). */
const BOOKINGS = 'SELECT b.*, s.kind AS source_kind, b.code_hash = @empty AS no_code FROM bookings b LEFT JOIN booking_sources s ON s.id = b.source_id';

const callFromRow = (r: Row): HelpCallView => {
  const call: HelpCallView = { id: r.id as string, pcId: r.pc_id as string, state: r.state as HelpState, requestedAt: r.requested_at as number };
  if (r.acknowledged_at !== null) call.acknowledgedAt = r.acknowledged_at as number;
  if (r.resolved_at !== null) call.resolvedAt = r.resolved_at as number;
  if (r.cancelled_at !== null) {
    const toCancelSeconds = wholeSeconds(call.requestedAt, r.cancelled_at as number);
    if (cancelledQuickly({ outcome: call.state, toAcknowledgeSeconds: call.acknowledgedAt, toCancelSeconds })) call.cancelledQuickly = true;
  }
  if (r.advisor !== null) call.advisor = r.advisor as string;
  if (r.remote === 1) call.remote = true;
  return call;
};

/** The hub's SQLite database and the few queries the hub needs. */
export class HubStore {
  readonly db: Db;
  private readonly policies = new PolicyCache();

  constructor(file: string) {
    // It holds the site CA's key: openDatabase makes its files owner-only from their first byte.
    this.db = openDatabase(file, HUB_MIGRATIONS);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---- site -------------------------------------------------------------------

  site(): SiteRow | undefined {
    const r = this.db.prepare('SELECT * FROM site WHERE id = 1').get() as Row | undefined;
    if (!r) return undefined;
    return {
      name: r.name as string,
      timeZone: r.time_zone as string,
      caCert: r.ca_cert as string,
      caKey: r.ca_key as string,
      serverCert: r.server_cert as string,
      serverKey: r.server_key as string,
      codeKey: r.code_key as Buffer,
      policy: this.policies.get(r.policy as string),
    };
  }

  createSite(site: SiteRow, at: number): void {
    this.db
      .prepare('INSERT INTO site (id, name, time_zone, ca_cert, ca_key, server_cert, server_key, code_key, policy, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(site.name, site.timeZone, site.caCert, site.caKey, site.serverCert, site.serverKey, site.codeKey, JSON.stringify(site.policy), at);
  }

  updateSite(fields: Partial<Pick<SiteRow, 'name' | 'timeZone' | 'serverCert' | 'serverKey' | 'policy'>>): void {
    const current = this.site();
    if (!current) throw new Error('the site is not set up');
    const next = { ...current, ...fields };
    this.db
      .prepare('UPDATE site SET name = ?, time_zone = ?, server_cert = ?, server_key = ?, policy = ? WHERE id = 1')
      .run(next.name, next.timeZone, next.serverCert, next.serverKey, JSON.stringify(next.policy));
  }

  // ---- PCs ----------------------------------------------------------------------

  pcs(): PcRow[] {
    return (this.db.prepare('SELECT * FROM pcs ORDER BY name, id').all() as Row[]).map(pcFromRow);
  }

  pc(id: string): PcRow | undefined {
    const r = this.db.prepare('SELECT * FROM pcs WHERE id = ?').get(id) as Row | undefined;
    return r && pcFromRow(r);
  }

  /** The live (paired, not revoked) PC holding this device token. */
  pcByToken(hash: Buffer): PcRow | undefined {
    const r = this.db.prepare('SELECT * FROM pcs WHERE token_hash = ? AND revoked_at IS NULL').get(hash) as Row | undefined;
    return r && pcFromRow(r);
  }

  /** Pairs (or re-pairs) a PC: a new token replaces any earlier one. */
  pairPc(id: string, name: string, room: string, tokenHash: Buffer, at: number): void {
    this.db
      .prepare(
        `INSERT INTO pcs (id, name, room, token_hash, paired_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, room = excluded.room, token_hash = excluded.token_hash,
           paired_at = excluded.paired_at, revoked_at = NULL`,
      )
      .run(id, name, room, tokenHash, at);
  }

  revokePc(id: string, at: number): boolean {
    return this.db.prepare('UPDATE pcs SET revoked_at = ?, token_hash = NULL WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
  }

  seen(id: string, at: number, skewMs?: number): void {
    this.db.prepare('UPDATE pcs SET last_seen = ?, clock_skew_ms = coalesce(?, clock_skew_ms) WHERE id = ?').run(at, skewMs ?? null, id);
  }

  setStatus(id: string, status: KioskStatus, at: number): void {
    this.db.prepare('UPDATE pcs SET status = ?, last_seen = ? WHERE id = ?').run(JSON.stringify(status), at, id);
  }

  // ---- bookings -----------------------------------------------------------------

  addBooking(b: HubBooking, by: string, at: number): void {
    this.db
      .prepare('INSERT INTO bookings (id, pc_id, starts_at, ends_at, code_hash, code_sealed, created_at, created_by, updated_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(b.id, b.pcId, b.startsAt, b.endsAt, b.codeHash, b.codeSealed ?? null, at, by, at, b.source === 'self' ? 'self' : 'staff');
  }

  /** Live bookings ending after `from` whose code is not sealed yet (made by an older release). */
  unsealedBookings(from: number): HubBooking[] {
    return (this.db.prepare('SELECT * FROM bookings WHERE code_sealed IS NULL AND cancelled_at IS NULL AND ends_at > ?').all(from) as Row[]).map(bookingFromRow);
  }

  sealBooking(id: string, sealed: Buffer): void {
    this.db.prepare('UPDATE bookings SET code_sealed = ? WHERE id = ? AND code_sealed IS NULL').run(sealed, id);
  }

  moveBooking(id: string, pcId: string, startsAt: number, endsAt: number, at: number): boolean {
    return (
      this.db.prepare('UPDATE bookings SET pc_id = ?, starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL').run(pcId, startsAt, endsAt, at, id)
        .changes === 1
    );
  }

  cancelBooking(id: string, at: number): boolean {
    return this.db.prepare('UPDATE bookings SET cancelled_at = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL').run(at, at, id).changes === 1;
  }

  booking(id: string): (HubBooking & { cancelled: boolean }) | undefined {
    const r = this.db.prepare(`${BOOKINGS} WHERE b.id = @id`).get({ id, empty: this.emptyCode() }) as Row | undefined;
    return r && { ...bookingFromRow(r), cancelled: r.cancelled_at !== null };
  }

  /** The hash an imported booking without a code has (main/hub/sources/apply.ts): no typed code matches it. */
  private emptyCode(): Buffer {
    // Read on every list of bookings (the queue and the board ask often): the key alone, its hash kept while it stays the same.
    const r = this.db.prepare('SELECT code_key FROM site WHERE id = 1').get() as { code_key: Buffer } | undefined;
    if (!r) return Buffer.alloc(0);
    if (!this.emptyCodeHash?.key.equals(r.code_key)) this.emptyCodeHash = { key: r.code_key, hash: hashCode(r.code_key, '') };
    return this.emptyCodeHash.hash;
  }

  private emptyCodeHash: { key: Buffer; hash: Buffer } | undefined;

  /** Live bookings ending after `from`, for one PC or all. */
  liveBookings(from: number, pcId?: string): HubBooking[] {
    const rows = pcId
      ? this.db.prepare(`${BOOKINGS} WHERE b.pc_id = @pcId AND b.ends_at > @from AND b.cancelled_at IS NULL ORDER BY b.starts_at`).all({ pcId, from, empty: this.emptyCode() })
      : this.db.prepare(`${BOOKINGS} WHERE b.ends_at > @from AND b.cancelled_at IS NULL ORDER BY b.starts_at`).all({ from, empty: this.emptyCode() });
    return (rows as Row[]).map(bookingFromRow);
  }

  // ---- advisors -----------------------------------------------------------------

  /** Adds an advisor or sets a new password; `admin` undefined keeps an existing account's role (a new one is an advisor). */
  addAdvisor(name: string, passwordHash: string, at: number, admin?: boolean): void {
    const role = admin === undefined ? null : admin ? 1 : 0;
    this.db
      .prepare(
        'INSERT INTO advisors (name, password_hash, created_at, admin) VALUES (?, ?, ?, coalesce(?, 0)) ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, disabled_at = NULL, admin = coalesce(?, admin)',
      )
      .run(name, passwordHash, at, role, role);
  }

  advisorIsAdmin(name: string): boolean | undefined {
    const r = this.db.prepare('SELECT admin FROM advisors WHERE name = ?').get(name) as Row | undefined;
    return r && r.admin === 1;
  }

  advisorExists(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM advisors WHERE name = ?').get(name) !== undefined;
  }

  /** Disables an advisor and ends their sessions; false when there is no such active advisor. */
  disableAdvisor(name: string, at: number): boolean {
    return this.transaction(() => {
      const r = this.db.prepare('UPDATE advisors SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL RETURNING id').get(at, name) as Row | undefined;
      if (!r) return false;
      this.db.prepare('DELETE FROM advisor_sessions WHERE advisor_id = ?').run(r.id);
      return true;
    });
  }

  endAdvisorSessions(name: string): void {
    this.db.prepare('DELETE FROM advisor_sessions WHERE advisor_id = (SELECT id FROM advisors WHERE name = ?)').run(name);
  }

  advisors(): Array<{ name: string; disabled: boolean; admin: boolean }> {
    return (this.db.prepare('SELECT name, disabled_at, admin FROM advisors ORDER BY name').all() as Row[]).map((r) => ({
      name: r.name as string,
      disabled: r.disabled_at !== null,
      admin: r.admin === 1,
    }));
  }

  pendingWebhooks(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM webhook_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL').get() as { n: number }).n;
  }

  advisorByName(name: string): { id: number; name: string; passwordHash: string } | undefined {
    const r = this.db.prepare('SELECT * FROM advisors WHERE name = ? AND disabled_at IS NULL').get(name) as Row | undefined;
    return r && { id: r.id as number, name: r.name as string, passwordHash: r.password_hash as string };
  }

  createAdvisorSession(tokenHash: Buffer, advisorId: number, at: number, expiresAt: number): void {
    this.db.prepare('DELETE FROM advisor_sessions WHERE expires_at <= ?').run(at);
    this.db.prepare('INSERT INTO advisor_sessions (token_hash, advisor_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, advisorId, at, expiresAt);
  }

  advisorBySession(tokenHash: Buffer, now: number): { id: number; name: string; admin: boolean } | undefined {
    const r = this.db
      .prepare('SELECT a.id, a.name, a.admin FROM advisor_sessions s JOIN advisors a ON a.id = s.advisor_id WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled_at IS NULL')
      .get(tokenHash, now) as Row | undefined;
    return r && { id: r.id as number, name: r.name as string, admin: r.admin === 1 };
  }

  endAdvisorSession(tokenHash: Buffer): void {
    this.db.prepare('DELETE FROM advisor_sessions WHERE token_hash = ?').run(tokenHash);
  }

  // ---- pairing codes ------------------------------------------------------------

  addPairingCode(hash: Buffer, at: number, expiresAt: number, by: string): void {
    this.db.prepare('INSERT INTO pairing_codes (code_hash, created_at, expires_at, created_by) VALUES (?, ?, ?, ?)').run(hash, at, expiresAt, by);
  }

  /** Uses a pairing code once: false if unknown, used or expired. */
  usePairingCode(hash: Buffer, now: number, pcId: string): boolean {
    return (
      this.db.prepare('UPDATE pairing_codes SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?').run(now, pcId, hash, now)
        .changes === 1
    );
  }

  // ---- help calls ---------------------------------------------------------------

  /** Records a call once: a repeated request with the same id changes nothing (returns false). */
  insertHelpCall(id: string, pcId: string, requestedAt: number, receivedAt: number, remote = false): boolean {
    return (
      this.db
        .prepare("INSERT INTO help_calls (id, pc_id, requested_at, received_at, state, remote) VALUES (?, ?, ?, ?, 'requested', ?) ON CONFLICT (id) DO NOTHING")
        .run(id, pcId, requestedAt, receivedAt, remote ? 1 : 0).changes === 1
    );
  }

  helpCall(id: string): HelpCallView | undefined {
    const r = this.db.prepare('SELECT * FROM help_calls WHERE id = ?').get(id) as Row | undefined;
    return r && callFromRow(r);
  }

  setHelpState(id: string, state: HelpState, at: number, advisor?: string): boolean {
    const column = { acknowledged: 'acknowledged_at', resolved: 'resolved_at', cancelled: 'cancelled_at', requested: 'requested_at' }[state];
    const allowedFrom = { acknowledged: "('requested')", resolved: "('requested', 'acknowledged')", cancelled: "('requested', 'acknowledged')", requested: "('requested')" }[state];
    return (
      this.db
        .prepare(`UPDATE help_calls SET state = ?, ${column} = ?, advisor = coalesce(?, advisor) WHERE id = ? AND state IN ${allowedFrom}`)
        .run(state, at, advisor ?? null, id).changes === 1
    );
  }

  /** Calls still open, and those closed since `since` (today's queue). */
  helpCalls(since: number): HelpCallView[] {
    return (
      this.db
        .prepare("SELECT * FROM help_calls WHERE state IN ('requested', 'acknowledged') OR requested_at >= ? ORDER BY requested_at")
        .all(since) as Row[]
    ).map(callFromRow);
  }

  // ---- webhook outbox -----------------------------------------------------------

  enqueueWebhook(callId: string, event: string, target: string, payload: string, at: number): void {
    this.db
      .prepare('INSERT INTO webhook_outbox (call_id, event, target, payload, next_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id, event, target) DO NOTHING')
      .run(callId, event, target, payload, at);
  }

  dueWebhooks(now: number, limit = 20): OutboxItem[] {
    return (
      this.db.prepare('SELECT * FROM webhook_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL AND next_at <= ? ORDER BY next_at LIMIT ?').all(now, limit) as Row[]
    ).map((r) => ({ id: r.id as number, callId: r.call_id as string, event: r.event as string, target: r.target as string, payload: r.payload as string, attempts: r.attempts as number }));
  }

  webhookDelivered(id: number, at: number): void {
    this.db.prepare('UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?').run(at, id);
  }

  webhookFailed(id: number, nextAt: number, error: string): void {
    this.db.prepare('UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE id = ?').run(nextAt, error.slice(0, 300), id);
  }

  /** A notice no longer worth sending (its call was answered or cancelled before it got through). */
  webhookDropped(id: number, at: number, reason: string): void {
    this.db.prepare('UPDATE webhook_outbox SET dropped_at = ?, last_error = ? WHERE id = ?').run(at, reason, id);
  }

  nextWebhookAt(): number | undefined {
    const r = this.db.prepare('SELECT min(next_at) AS at FROM webhook_outbox WHERE delivered_at IS NULL AND dropped_at IS NULL').get() as { at: number | null };
    return r.at ?? undefined;
  }

  // ---- usage events and audit ---------------------------------------------------

  audit(at: number, actor: string, action: string, subject?: string, details?: object): void {
    this.db.prepare('INSERT INTO audit (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)').run(at, actor, action, subject ?? null, details ? JSON.stringify(details) : null);
  }

  auditLog(limit = 100): Array<{ at: number; actor: string; action: string; subject: string | null; details: string | null }> {
    return this.db.prepare('SELECT at, actor, action, subject, details FROM audit ORDER BY seq DESC LIMIT ?').all(limit) as never;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
