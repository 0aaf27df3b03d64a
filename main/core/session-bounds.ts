import { MINUTE } from './clock';
import type { CheckInWindow, Slot } from './bookings';
import { latestWalkInEnd, type WalkInPolicy } from './walk-in';

/** A running session as these rules see it. */
export interface RunningSession {
  kind: 'booked' | 'walk-in';
  bookingId?: string | undefined;
  endsAt: number;
}

type Bookings = readonly (Slot & { id: string })[];
type GapPolicy = { walkIn: Pick<WalkInPolicy, 'gapMinutes'>; checkIn: CheckInWindow };

/**
 * How long a running session may go on once the bookings or the opening
 * hours have changed: never into another booking's gap; a booked session
 * keeps at least its own booking's end; and none runs past closing
 * (`closesAt`; absent: the site stays open). Earlier than `session.endsAt`:
 * the session must be shortened.
 */
export function latestSessionEnd(session: RunningSession, bookings: Bookings, now: number, policy: GapPolicy, closesAt = Number.POSITIVE_INFINITY): number {
  const others = bookings.filter((b) => b.id !== session.bookingId);
  const latest = latestWalkInEnd(others, now, session.endsAt, policy.walkIn, policy.checkIn);
  if (session.kind !== 'booked') return Math.min(latest, closesAt);
  const own = bookings.find((b) => b.id === session.bookingId);
  return Math.min(Math.max(latest, own?.endsAt ?? session.endsAt), closesAt);
}

export type AdvisorExtension =
  | { allowed: false }
  | { allowed: true; endsAt: number; minutes: number; shortened: boolean };

/**
 * An advisor's extension: it may go past the policy's length and count,
 * never into another booking's gap nor past closing. Cut short to fit
 * before the next booking (or closing); refused when that leaves less than
 * a minute.
 */
export function advisorExtension(
  session: RunningSession,
  bookings: Bookings,
  now: number,
  minutes: number,
  policy: GapPolicy,
  closesAt = Number.POSITIVE_INFINITY,
): AdvisorExtension {
  const others = bookings.filter((b) => b.id !== session.bookingId);
  const wanted = session.endsAt + minutes * MINUTE;
  const latest = latestWalkInEnd(others, now, Math.min(wanted, closesAt), policy.walkIn, policy.checkIn);
  // Less than a minute more is no extension worth the name.
  if (latest - session.endsAt < MINUTE) return { allowed: false };
  return { allowed: true, endsAt: latest, minutes: Math.floor((latest - session.endsAt) / MINUTE), shortened: latest < wanted };
}
