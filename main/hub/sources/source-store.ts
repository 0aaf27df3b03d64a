import { z } from 'zod';
import { openCode, sealCode } from '../../core/codes';
import type { SourceProblem, SyncCounts } from '../../core/booking-source';
import type { KnownBooking } from '../../core/source-diff';
import type { HubStore } from '../hub-store';
import type { Validators } from './limited-fetch';

/**
 * The hub's booking sources (issue 12): where each is, how it maps to PCs,
 * its sealed secret and its health. The secret is sealed under the site's
 * key as booking codes are; it is never logged nor shown.
 */

const PcId = z.string().min(1).max(64);

export const RespaSourceSettings = z.strictObject({
  map: z.record(z.string().min(1).max(100), PcId).refine((m) => Object.keys(m).length > 0, { error: 'maps no resource' }),
  requested: z.boolean().default(false),
  auth: z.enum(['none', 'token', 'jwt']).default('none'),
  /** The sign-in name for a JWT (the password is the sealed secret). */
  username: z.string().min(1).max(150).optional(),
});

export const IcsSourceSettings = z.strictObject({
  pcId: PcId.optional(),
  pcRule: z.strictObject({ field: z.enum(['LOCATION', 'SUMMARY']), map: z.record(z.string().min(1).max(200), PcId) }).optional(),
  codePattern: z.string().max(200).optional(),
  includeAllDay: z.boolean().optional(),
});

export type RespaSourceSettings = z.output<typeof RespaSourceSettings>;
export type IcsSourceSettings = z.output<typeof IcsSourceSettings>;

export type SourceRow = {
  id: string;
  location: string;
  createdAt: number;
  health: SourceHealth;
  validators: Validators | undefined;
  hasSecret: boolean;
} & ({ kind: 'respa'; settings: RespaSourceSettings } | { kind: 'ics'; settings: IcsSourceSettings });

export interface SourceHealth {
  lastOkAt: number | undefined;
  lastError: string | undefined;
  lastErrorAt: number | undefined;
  failures: number;
  counts: SyncCounts | undefined;
  problems: SourceProblem[];
}

type Row = Record<string, unknown>;

const json = <T>(text: unknown): T | undefined => (typeof text === 'string' ? (JSON.parse(text) as T) : undefined);

function fromRow(r: Row): SourceRow {
  const base = {
    id: r.id as string,
    location: r.location as string,
    createdAt: r.created_at as number,
    validators: json<Validators>(r.validators),
    hasSecret: r.secret_sealed !== null,
    health: {
      lastOkAt: (r.last_ok_at as number | null) ?? undefined,
      lastError: (r.last_error as string | null) ?? undefined,
      lastErrorAt: (r.last_error_at as number | null) ?? undefined,
      failures: r.failures as number,
      counts: json<SyncCounts>(r.last_counts),
      problems: json<SourceProblem[]>(r.last_problems) ?? [],
    },
  };
  return r.kind === 'respa'
    ? { ...base, kind: 'respa', settings: RespaSourceSettings.parse(JSON.parse(r.settings as string)) }
    : { ...base, kind: 'ics', settings: IcsSourceSettings.parse(JSON.parse(r.settings as string)) };
}

export interface SourceConflict {
  sourceId: string;
  outsideId: string;
  kind: 'overlap' | 'closed';
  pcId: string;
  startsAt: number;
  endsAt: number;
  localId: string;
  winner: 'source' | 'local';
  at: number;
}

/** The booking_sources table and the source's side of the bookings table. */
export class SourceStore {
  constructor(private readonly store: HubStore) {}

  private get db() {
    return this.store.db;
  }

  add(source: { id: string; kind: 'respa' | 'ics'; location: string; settings: object; secret?: string | undefined }, at: number): void {
    const sealed = source.secret ? sealCode(this.store.site()!.codeKey, source.secret) : null;
    this.db
      .prepare('INSERT INTO booking_sources (id, kind, location, settings, secret_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(source.id, source.kind, source.location, JSON.stringify(source.settings), sealed, at);
  }

  list(): SourceRow[] {
    return (this.db.prepare('SELECT * FROM booking_sources ORDER BY id').all() as Row[]).map(fromRow);
  }

  get(id: string): SourceRow | undefined {
    const r = this.db.prepare('SELECT * FROM booking_sources WHERE id = ?').get(id) as Row | undefined;
    return r && fromRow(r);
  }

  secret(id: string): string | undefined {
    const r = this.db.prepare('SELECT secret_sealed FROM booking_sources WHERE id = ?').get(id) as { secret_sealed: Buffer | null } | undefined;
    return r?.secret_sealed ? openCode(this.store.site()!.codeKey, r.secret_sealed) : undefined;
  }

  /** Removes a source; its bookings still to come are cancelled by the caller first. */
  remove(id: string): boolean {
    // The bookings stay as history (their outside id too), no longer tied to the source.
    this.db.prepare('UPDATE bookings SET source_id = NULL WHERE source_id = ?').run(id);
    return this.db.prepare('DELETE FROM booking_sources WHERE id = ?').run(id).changes === 1;
  }

  succeeded(id: string, at: number, counts: SyncCounts | undefined, problems: SourceProblem[] | undefined, validators: Validators | undefined): void {
    this.db
      .prepare(
        `UPDATE booking_sources SET last_ok_at = ?, failures = 0, alerted_at = NULL,
           last_counts = coalesce(?, last_counts), last_problems = coalesce(?, last_problems), validators = ? WHERE id = ?`,
      )
      .run(at, counts ? JSON.stringify(counts) : null, problems ? JSON.stringify(problems.slice(0, 50)) : null, validators ? JSON.stringify(validators) : null, id);
  }

  /** Records a failure; returns the failures in a row now. */
  failed(id: string, at: number, error: string): number {
    const r = this.db
      .prepare('UPDATE booking_sources SET last_error = ?, last_error_at = ?, failures = failures + 1 WHERE id = ? RETURNING failures')
      .get(error.slice(0, 500), at, id) as { failures: number } | undefined;
    return r?.failures ?? 0;
  }

  /** Marks the source alerted once for this run of failures: true the first time. */
  markAlerted(id: string, at: number): boolean {
    return this.db.prepare('UPDATE booking_sources SET alerted_at = ? WHERE id = ? AND alerted_at IS NULL').run(at, id).changes === 1;
  }

  /** Every booking this source made (live or cancelled), with its code opened. */
  known(id: string): KnownBooking[] {
    const key = this.store.site()!.codeKey;
    return (this.db.prepare('SELECT id, outside_id, pc_id, starts_at, ends_at, code_sealed, cancelled_at FROM bookings WHERE source_id = ?').all(id) as Row[]).map((r) => {
      const code = r.code_sealed ? openCode(key, r.code_sealed as Buffer) : undefined;
      return {
        id: r.id as string,
        outsideId: r.outside_id as string,
        pcId: r.pc_id as string,
        startsAt: r.starts_at as number,
        endsAt: r.ends_at as number,
        code: code ? code : undefined,
        cancelled: r.cancelled_at !== null,
      };
    });
  }

  /** Records a conflict once; true when it is new. */
  conflict(c: SourceConflict): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO source_conflicts (source_id, outside_id, kind, pc_id, starts_at, ends_at, local_id, winner, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
        )
        .run(c.sourceId, c.outsideId, c.kind, c.pcId, c.startsAt, c.endsAt, c.localId, c.winner, c.at).changes === 1
    );
  }

  conflicts(sourceId: string, since: number): SourceConflict[] {
    return (this.db.prepare('SELECT * FROM source_conflicts WHERE source_id = ? AND ends_at > ? ORDER BY starts_at').all(sourceId, since) as Row[]).map((r) => ({
      sourceId: r.source_id as string,
      outsideId: r.outside_id as string,
      kind: r.kind as 'overlap' | 'closed',
      pcId: r.pc_id as string,
      startsAt: r.starts_at as number,
      endsAt: r.ends_at as number,
      localId: r.local_id as string,
      winner: r.winner as 'source' | 'local',
      at: r.at as number,
    }));
  }
}
