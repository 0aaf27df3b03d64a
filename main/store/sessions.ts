import type { EndReason, Session, SessionKind } from '../core/session-machine';
import type { ResetReceipt } from '../core/wipe-plan';
import type { Db } from './database';

export interface StoredSession {
  id: string;
  pcId: string;
  kind: SessionKind;
  bookingId: string | null;
  language: string;
  startedAt: number;
  plannedEnd: number;
  extensions: number;
  aliveAt: number;
  endedAt: number | null;
  endReason: EndReason | null;
  wipedAt: number | null;
  receipt: ResetReceipt | null;
}

interface Row {
  id: string;
  pc_id: string;
  kind: SessionKind;
  booking_id: string | null;
  language: string;
  started_at: number;
  planned_end: number;
  extensions: number;
  alive_at: number;
  ended_at: number | null;
  end_reason: EndReason | null;
  wiped_at: number | null;
  receipt: string | null;
}

const fromRow = (r: Row): StoredSession => ({
  id: r.id,
  pcId: r.pc_id,
  kind: r.kind,
  bookingId: r.booking_id,
  language: r.language,
  startedAt: r.started_at,
  plannedEnd: r.planned_end,
  extensions: r.extensions,
  aliveAt: r.alive_at,
  endedAt: r.ended_at,
  endReason: r.end_reason,
  wipedAt: r.wiped_at,
  receipt: r.receipt ? (JSON.parse(r.receipt) as ResetReceipt) : null,
});

/** Sessions with their reset receipts. */
export class SessionRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  insert(pcId: string, s: Session): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, pc_id, kind, booking_id, language, started_at, planned_end, extensions, alive_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, pcId, s.kind, s.bookingId ?? null, s.language, s.startedAt, s.endsAt, s.extensions, s.startedAt);
  }

  update(s: Session): void {
    this.db.prepare('UPDATE sessions SET planned_end = ?, extensions = ?, language = ? WHERE id = ?').run(s.endsAt, s.extensions, s.language, s.id);
  }

  alive(id: string, at: number): void {
    this.db.prepare('UPDATE sessions SET alive_at = max(alive_at, ?) WHERE id = ? AND ended_at IS NULL').run(at, id);
  }

  /** Closes an open session; false if it was already closed. */
  close(id: string, reason: EndReason, endedAt: number): boolean {
    return this.db.prepare('UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL').run(endedAt, reason, id).changes === 1;
  }

  saveReceipt(id: string, receipt: ResetReceipt): void {
    this.db
      .prepare('UPDATE sessions SET receipt = ?, wiped_at = ? WHERE id = ?')
      .run(JSON.stringify(receipt), receipt.ok ? receipt.finishedAt : null, id);
  }

  get(id: string): StoredSession | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** The sessions that checked this booking in, earliest first. */
  ofBooking(bookingId: string): StoredSession[] {
    return (this.db.prepare('SELECT * FROM sessions WHERE booking_id = ? ORDER BY started_at').all(bookingId) as Row[]).map(fromRow);
  }

  /** Sessions never closed: the kiosk stopped (crash, power cut) while they ran. */
  open(pcId: string): StoredSession[] {
    return (this.db.prepare('SELECT * FROM sessions WHERE pc_id = ? AND ended_at IS NULL ORDER BY started_at').all(pcId) as Row[]).map(fromRow);
  }

  /** Closed sessions with no successful wipe yet. */
  unwiped(pcId: string): StoredSession[] {
    return (
      this.db.prepare('SELECT * FROM sessions WHERE pc_id = ? AND ended_at IS NOT NULL AND wiped_at IS NULL ORDER BY ended_at').all(pcId) as Row[]
    ).map(fromRow);
  }

  recent(pcId: string, limit = 20): StoredSession[] {
    return (this.db.prepare('SELECT * FROM sessions WHERE pc_id = ? ORDER BY started_at DESC LIMIT ?').all(pcId, limit) as Row[]).map(fromRow);
  }
}
