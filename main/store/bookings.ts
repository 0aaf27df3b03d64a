import type { Booking } from '../core/bookings';
import type { Db } from './database';

export interface StoredBooking extends Booking {
  codeLength: 4 | 6;
  createdAt: number;
  cancelledAt: number | null;
}

interface Row {
  id: string;
  pc_id: string;
  starts_at: number;
  ends_at: number;
  code_hash: Buffer;
  code_length: number;
  created_at: number;
  cancelled_at: number | null;
}

const fromRow = (r: Row): StoredBooking => ({
  id: r.id,
  pcId: r.pc_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  codeHash: r.code_hash,
  codeLength: r.code_length === 4 ? 4 : 6,
  createdAt: r.created_at,
  cancelledAt: r.cancelled_at,
});

/** What a cancelled booking keeps of its code: nothing (an empty hash no typed code matches). */
const NO_HASH = "x''";

/** A PC's bookings: made on the PC itself (a PC on its own), or its hub's schedule. */
export class BookingRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(b: Booking, createdAt: number): void {
    this.db
      .prepare('INSERT INTO bookings (id, pc_id, starts_at, ends_at, code_hash, code_length, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(b.id, b.pcId, b.startsAt, b.endsAt, b.codeHash, b.codeLength ?? 6, createdAt);
  }

  /** Marks a booking cancelled and forgets its code's hash (it can never be used again); false when there is no such live booking. */
  cancel(id: string, at: number): boolean {
    return this.db.prepare(`UPDATE bookings SET cancelled_at = ?, code_hash = ${NO_HASH} WHERE id = ? AND cancelled_at IS NULL`).run(at, id).changes === 1;
  }

  get(id: string): StoredBooking | undefined {
    const row = this.db.prepare('SELECT * FROM bookings WHERE id = ?').get(id) as Row | undefined;
    return row && fromRow(row);
  }

  /** Live (not cancelled) bookings of a PC that end after `from`, by start. */
  live(pcId: string, from: number): StoredBooking[] {
    const rows = this.db
      .prepare('SELECT * FROM bookings WHERE pc_id = ? AND ends_at > ? AND cancelled_at IS NULL ORDER BY starts_at')
      .all(pcId, from) as Row[];
    return rows.map(fromRow);
  }

  /**
   * Makes the PC's bookings exactly the hub's list (the hub wins): bookings
   * the hub no longer has are cancelled and their hashes forgotten (one
   * moved to another PC keeps its code there), the rest inserted or
   * updated. Rows are kept, since past sessions refer to them.
   */
  replaceFor(pcId: string, bookings: readonly Booking[], at: number): { added: number; changed: number; cancelled: number } {
    return this.db.transaction(() => {
      const keep = new Set(bookings.map((b) => b.id));
      let cancelled = 0;
      for (const row of this.live(pcId, 0)) {
        if (!keep.has(row.id)) cancelled += this.db.prepare(`UPDATE bookings SET cancelled_at = ?, code_hash = ${NO_HASH} WHERE id = ?`).run(at, row.id).changes;
      }
      let added = 0;
      let changed = 0;
      for (const b of bookings) {
        const existing = this.get(b.id);
        if (!existing) {
          this.add(b, at);
          added++;
        } else if (existing.startsAt !== b.startsAt || existing.endsAt !== b.endsAt || existing.cancelledAt !== null || !existing.codeHash.equals(b.codeHash) || existing.codeLength !== (b.codeLength ?? 6)) {
          this.db
            .prepare('UPDATE bookings SET pc_id = ?, starts_at = ?, ends_at = ?, code_hash = ?, code_length = ?, cancelled_at = NULL WHERE id = ?')
            .run(b.pcId, b.startsAt, b.endsAt, b.codeHash, b.codeLength ?? 6, b.id);
          changed++;
        }
      }
      return { added, changed, cancelled };
    })();
  }

  /** Every booking of a PC that ends after `from`, cancelled ones included. */
  all(pcId: string, from: number): StoredBooking[] {
    const rows = this.db.prepare('SELECT * FROM bookings WHERE pc_id = ? AND ends_at > ? ORDER BY starts_at').all(pcId, from) as Row[];
    return rows.map(fromRow);
  }
}
