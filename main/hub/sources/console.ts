import type { BookingView, SitePolicy } from '../../../preload/hub-contract';
import type { SourceConflictView, SourcesView, SourceView } from '../../../preload/sources-contract';
import { HubError } from '../bookings';
import type { HubStore } from '../hub-store';
import type { SourceRow } from './source-store';
import type { SourceSync } from './sync';

/**
 * Booking sources as the advisor console sees them (issue 12): each
 * source's address without credentials, its map or rule, its health and
 * the conflicts of bookings not over yet (both bookings), "Sync now", and
 * "Check in for them" for an imported booking.
 */

/** A source's address as shown: no user name, password, query or fragment (a token may hide in any of them). */
export function shownLocation(location: string): string {
  if (!/^https?:\/\//i.test(location)) return location;
  try {
    const url = new URL(location);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(an address that does not parse)';
  }
}

function conflictsOf(store: HubStore, sync: SourceSync, sourceId: string, now: number): SourceConflictView[] {
  const other = store.db.prepare('SELECT id, starts_at, ends_at, source, source_id, cancelled_at FROM bookings WHERE id = ?');
  return sync.sources
    .conflicts(sourceId, now)
    .slice(0, 200)
    .map((c) => {
      const view: SourceConflictView = {
        kind: c.kind,
        pcId: c.pcId,
        imported: { startsAt: c.startsAt, endsAt: c.endsAt, outsideId: c.outsideId.slice(0, 300) },
        winner: c.winner,
        at: c.at,
      };
      const row = c.localId ? (other.get(c.localId) as { id: string; starts_at: number; ends_at: number; source: string; source_id: string | null; cancelled_at: number | null } | undefined) : undefined;
      if (row) {
        view.other = {
          id: row.id,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          origin: row.source_id ? 'import' : row.source === 'self' ? 'self' : 'staff',
          ...(row.source_id ? { sourceId: row.source_id } : {}),
          cancelled: row.cancelled_at !== null,
        };
      }
      return view;
    });
}

export function sourceView(store: HubStore, sync: SourceSync, source: SourceRow, policy: SitePolicy, now: number): SourceView {
  const h = source.health;
  const alertAfter = policy.sources?.alertAfterFailures ?? 3;
  const view: SourceView = {
    id: source.id,
    kind: source.kind,
    location: shownLocation(source.location),
    health: {
      failures: h.failures,
      alerting: h.failures >= alertAfter,
      problems: h.problems.slice(0, 50).map((p) => ({ where: p.where.slice(0, 300), reason: p.reason.slice(0, 300) })),
      syncing: sync.syncing(source.id),
      ...(h.lastOkAt !== undefined ? { lastOkAt: h.lastOkAt } : {}),
      ...(h.lastError !== undefined ? { lastError: h.lastError.slice(0, 500) } : {}),
      ...(h.lastErrorAt !== undefined ? { lastErrorAt: h.lastErrorAt } : {}),
      ...(h.counts ? { counts: { added: h.counts.added, moved: h.counts.moved, cancelled: h.counts.cancelled, unchanged: h.counts.unchanged, conflicts: h.counts.conflicts } } : {}),
    },
    conflicts: conflictsOf(store, sync, source.id, now),
  };
  if (source.kind === 'respa') view.map = Object.entries(source.settings.map).map(([resource, pcId]) => ({ resource, pcId }));
  else {
    const s = source.settings;
    view.rule = {
      ...(s.pcId ? { pcId: s.pcId } : {}),
      ...(s.pcRule ? { field: s.pcRule.field, map: Object.entries(s.pcRule.map).map(([text, pcId]) => ({ text, pcId })) } : {}),
    };
  }
  return view;
}

export function sourcesView(store: HubStore, sync: SourceSync, now: number): SourcesView {
  const policy = store.site()!.policy;
  return {
    sources: sync.sources.list().map((s) => sourceView(store, sync, s, policy, now)),
    alertAfterFailures: policy.sources?.alertAfterFailures ?? 3,
    syncMinutes: policy.sources?.syncMinutes ?? 2,
  };
}

/** "Sync now": runs the source (or joins its sync under way) and answers its health after. */
export async function syncNow(store: HubStore, sync: SourceSync, id: string, advisor: string, now: () => number): Promise<SourceView> {
  if (!sync.sources.get(id)) throw new HubError(404, 'unknown-source', `there is no booking source "${id}"`);
  const joined = sync.syncing(id);
  if (!joined) store.audit(now(), `advisor:${advisor}`, 'booking source sync', id);
  await sync.sync(id);
  const source = sync.sources.get(id);
  if (!source) throw new HubError(404, 'unknown-source', `the booking source "${id}" was removed meanwhile`);
  return sourceView(store, sync, source, store.site()!.policy, now());
}

/**
 * Which imported booking "Check in for them" may start, and on which PC:
 * one not cancelled, from a source, not over. Whether it is its time yet,
 * and whether the PC is free, the PC itself answers (it knows its session).
 */
export function checkInTarget(store: HubStore, bookingId: string, now: number): BookingView {
  const booking = store.booking(bookingId);
  if (!booking || booking.cancelled) throw new HubError(404, 'unknown-booking', `there is no booking "${bookingId}"`);
  if (booking.source !== 'import') throw new HubError(409, 'not-imported', 'only a booking from a booking source is checked in from the console; a booking made here has its own code');
  if (booking.endsAt <= now) throw new HubError(409, 'booking-over', 'this booking is already over');
  return booking;
}
