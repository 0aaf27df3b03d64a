import type { Booking } from '../core/bookings';
import type { Db } from './database';

export interface StoredBooking extends Booking {
  createdAt: number;
  cancelledAt: number | null;
}

interface Row {
  id: string;
  pc_id: string;
  starts_at: number;
  ends_at: number;
  code_hash: Buffer;
  created_at: number;
  cancelled_at: number | null;
}

const fromRow = (r: Row): StoredBooking => ({
  id: r.id,
  pcId: r.pc_id,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  codeHash: r.code_hash,
  createdAt: r.created_at,
  cancelledAt: r.cancelled_at,
});

/** A PC's bookings (managed on the PC for now; the site hub becomes their source later). */
export class BookingRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  add(b: Booking, createdAt: number): void {
    this.db
      .prepare('INSERT INTO bookings (id, pc_id, starts_at, ends_at, code_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(b.id, b.pcId, b.startsAt, b.endsAt, b.codeHash, createdAt);
  }

  /** Marks a booking cancelled; false when there is no such live booking. */
  cancel(id: string, at: number): boolean {
    return this.db.prepare('UPDATE bookings SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL').run(at, id).changes === 1;
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

  /** Every booking of a PC that ends after `from`, cancelled ones included. */
  all(pcId: string, from: number): StoredBooking[] {
    const rows = this.db.prepare('SELECT * FROM bookings WHERE pc_id = ? AND ends_at > ? ORDER BY starts_at').all(pcId, from) as Row[];
    return rows.map(fromRow);
  }
}
