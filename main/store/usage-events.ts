import { z } from 'zod';
import type { UsageEvent } from '../core/usage';
import type { Db } from './database';

const Kind = z.enum(['booked', 'walk-in']);
const Language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/);

/** Only these fields may be stored; anything else is refused, not dropped. */
const EventData = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('session-started'), kind: Kind, language: Language }),
  z.strictObject({
    type: z.literal('session-ended'),
    kind: Kind,
    language: Language,
    minutes: z.int().min(0).max(24 * 60),
    reason: z.enum(['time-up', 'resident', 'idle', 'advisor', 'interrupted']),
  }),
  z.strictObject({ type: z.literal('feedback'), score: z.enum(['good', 'ok', 'bad']) }),
]);

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
    const data = EventData.parse(event);
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

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM usage_events').get() as { n: number }).n;
  }
}
