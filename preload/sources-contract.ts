import { z } from 'zod';
import { Commanded, Empty, Id, Millis, PcId, route } from './hub-base';

/**
 * Booking sources in the advisor console (issue 12): each source with its
 * health, the conflicts its bookings met, "Sync now", and "Check in for
 * them" for an imported booking. Nothing here carries a secret: a source's
 * address is shown without its user name, password or query string.
 */

export const SourceKind = z.enum(['respa', 'ics']);
export type SourceKind = z.infer<typeof SourceKind>;

/** Where a booking came from, for the console: staff, a resident at a kiosk, or a booking source. */
export const BookingOrigin = z.enum(['staff', 'self', 'import']);

/** A conflict, both bookings: the imported one and the other (absent: the site was closed then). */
export const SourceConflictView = z.strictObject({
  kind: z.enum(['overlap', 'closed']),
  pcId: PcId,
  /** The imported booking: its times, and the source's own id for it (a reservation number, never a person). */
  imported: z.strictObject({ startsAt: Millis, endsAt: Millis, outsideId: z.string().max(300) }),
  /** The booking it overlapped: its times and where it came from (another source's id when imported); absent when it is gone. */
  other: z
    .strictObject({ id: Id, startsAt: Millis, endsAt: Millis, origin: BookingOrigin, sourceId: Id.optional(), cancelled: z.boolean() })
    .optional(),
  /** source: the imported booking holds the PC; local: the other booking (or the closed hours) kept it. */
  winner: z.enum(['source', 'local']),
  at: Millis,
});
export type SourceConflictView = z.infer<typeof SourceConflictView>;

export const SourceCounts = z.strictObject({
  added: z.int().min(0),
  moved: z.int().min(0),
  cancelled: z.int().min(0),
  unchanged: z.int().min(0),
  conflicts: z.int().min(0),
});

export const SourceHealthView = z.strictObject({
  lastOkAt: Millis.optional(),
  /** The last error as stored: its kind, HTTP status, and the line or JSON path of a parse error. */
  lastError: z.string().max(500).optional(),
  lastErrorAt: Millis.optional(),
  /** Failed syncs in a row (0 once one succeeds). */
  failures: z.int().min(0),
  /** Failed `sources.alertAfterFailures` times in a row: the console shows it as a notice. */
  alerting: z.boolean(),
  /** The last sync that changed something: its counts. */
  counts: SourceCounts.optional(),
  /** What the last answer left out, each with where and why. */
  problems: z.array(z.strictObject({ where: z.string().max(300), reason: z.string().max(300) })).max(50),
  /** A sync of it is under way now. */
  syncing: z.boolean(),
});
export type SourceHealthView = z.infer<typeof SourceHealthView>;

export const SourceView = z.strictObject({
  id: Id,
  kind: SourceKind,
  /** Its address without credentials or query (a file's path for an ICS file). */
  location: z.string().max(2000),
  /** Respa: resource id → PC. */
  map: z.array(z.strictObject({ resource: z.string().max(200), pcId: PcId })).optional(),
  /** ICS: one PC for the feed, or a rule naming the PC from LOCATION or SUMMARY. */
  rule: z
    .strictObject({ pcId: PcId.optional(), field: z.enum(['LOCATION', 'SUMMARY']).optional(), map: z.array(z.strictObject({ text: z.string().max(200), pcId: PcId })).optional() })
    .optional(),
  health: SourceHealthView,
  /** Conflicts of bookings not over yet. */
  conflicts: z.array(SourceConflictView).max(200),
});
export type SourceView = z.infer<typeof SourceView>;

export const SourcesView = z.strictObject({
  sources: z.array(SourceView),
  /** The policy's sources.alertAfterFailures. */
  alertAfterFailures: z.int().min(1),
  syncMinutes: z.int().min(1),
});
export type SourcesView = z.infer<typeof SourcesView>;

/** Pushed to every console when a source's health (or its conflicts) changes. */
export const SourcesEvent = z.strictObject({ type: z.literal('sources'), sources: SourcesView });

/** The kiosk command "Check in for them": starts this booked session as a code would. */
export const CheckInCommand = z.strictObject({ kind: z.literal('check-in'), bookingId: Id });

/** Why a check-in for the resident was not done (the PC's answer, translated by the console). */
export const CHECK_IN_REASONS = ['not-yet', 'pc-busy', 'booking-gone', 'closed'] as const;

export const sourcesRoutes = {
  sources: route('GET', '/api/sources', Empty, SourcesView),
  /** Syncs the source now; answers its new health (a press while it syncs joins that sync). */
  syncSource: route('POST', '/api/sources/:id/sync', Empty, SourceView),
  /** An imported booking's resident is checked in at its PC by the advisor (the outcome follows as a "command" event). */
  checkInFor: route('POST', '/api/bookings/:id/check-in', Empty, Commanded),
} as const;
