import { UsageEventSchema, type UsageEvent } from '../core/usage';
import type { Db } from './database';

export interface StoredEvent {
  seq: number;
  id: string;
  at: number;
  pcId: string;
  event: UsageEvent;
}

/** The append-only log of usage events (the database refuses updates and deletes). */
export class UsageEventRepo {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Appends one event; `id` is deterministic per fact, so a repeat is refused by the database. */
  append(id: string, at: number, pcId: string, event: UsageEvent): void {
    const data = UsageEventSchema.parse(event);
    const { type, ...rest } = data;
    this.db.prepare('INSERT INTO usage_events (id, at, pc_id, type, data) VALUES (?, ?, ?, ?, ?)').run(id, at, pcId, type, JSON.stringify(rest));
  }

  list(afterSeq = 0, limit = 1000): StoredEvent[] {
    const rows = this.db.prepare('SELECT * FROM usage_events WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit) as Array<{
      seq: number;
      id: string;
      at: number;
      pc_id: string;
      type: UsageEvent['type'];
      data: string;
    }>;
    return rows.map((r) => ({ seq: r.seq, id: r.id, at: r.at, pcId: r.pc_id, event: { type: r.type, ...JSON.parse(r.data) } as UsageEvent }));
  }

  /** Events the hub has not yet confirmed, oldest first. */
  unsent(limit: number): StoredEvent[] {
    return this.list(this.sentThrough(), limit);
  }

  sentThrough(): number {
    return (this.db.prepare('SELECT sent_through AS n FROM usage_sync WHERE id = 1').get() as { n: number }).n;
  }

  /** The hub holds every event up to this seq; never moves backwards. */
  confirm(throughSeq: number): void {
    this.db.prepare('UPDATE usage_sync SET sent_through = max(sent_through, ?) WHERE id = 1').run(throughSeq);
  }

  /** Deletes events older than `before` that the hub has confirmed (the database refuses the others); returns how many. */
  deleteConfirmedBefore(before: number): number {
    return this.db.prepare('DELETE FROM usage_events WHERE at < ? AND seq <= (SELECT sent_through FROM usage_sync WHERE id = 1)').run(before).changes;
  }

  /** Pages printed on this PC since `at` (the daily limit's count survives a restart). */
  pagesPrintedSince(at: number): number {
    const row = this.db
      .prepare("SELECT coalesce(sum(json_extract(data, '$.pages')), 0) AS n FROM usage_events WHERE type = 'pages-printed' AND at >= ?")
      .get(at) as { n: number };
    return row.n;
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM usage_events').get() as { n: number }).n;
  }
}
