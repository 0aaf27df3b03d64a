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
 * How long a running session may go on once the bookings have changed: never
 * into another booking's gap; a booked session keeps at least its own
 * booking's end. Earlier than `session.endsAt`: the session must be shortened.
 */
export function latestSessionEnd(session: RunningSession, bookings: Bookings, now: number, policy: GapPolicy): number {
  const others = bookings.filter((b) => b.id !== session.bookingId);
  const latest = latestWalkInEnd(others, now, session.endsAt, policy.walkIn, policy.checkIn);
  if (session.kind !== 'booked') return latest;
  const own = bookings.find((b) => b.id === session.bookingId);
  return Math.max(latest, own?.endsAt ?? session.endsAt);
}

export type AdvisorExtension =
  | { allowed: false }
  | { allowed: true; endsAt: number; minutes: number; shortened: boolean };

/**
 * An advisor's extension: it may go past the policy's length and count,
 * never into another booking's gap. Cut short to fit before the next
 * booking; refused when that leaves less than a minute.
 */
export function advisorExtension(session: RunningSession, bookings: Bookings, now: number, minutes: number, policy: GapPolicy): AdvisorExtension {
  const others = bookings.filter((b) => b.id !== session.bookingId);
  const wanted = session.endsAt + minutes * MINUTE;
  const latest = latestWalkInEnd(others, now, wanted, policy.walkIn, policy.checkIn);
  // Less than a minute more is no extension worth the name.
  if (latest - session.endsAt < MINUTE) return { allowed: false };
  return { allowed: true, endsAt: latest, minutes: Math.floor((latest - session.endsAt) / MINUTE), shortened: latest < wanted };
}
