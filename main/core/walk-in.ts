import { MINUTE } from './clock';
import { codeValidFrom, currentBooking, nextBooking, type CheckInWindow, type Slot } from './bookings';

export interface WalkInPolicy {
  enabled: boolean;
  /** A walk-in is offered only when the PC is free for at least this long. */
  minFreeMinutes: number;
  /**
   * A walk-in ends at least this long before the next booking starts, and never
   * after that booking's code becomes valid (start − max(gap, early check-in)).
   */
  gapMinutes: number;
  /** The longest walk-in. */
  maxMinutes: number;
}

export type WalkInWindow =
  | { allowed: true; endsAt: number }
  | { allowed: false; reason: 'disabled' | 'booked-now' | 'too-short'; freeFrom?: number };

/**
 * When a walk-in may start now and when it must end: never later than the
 * next booking's check-in window minus the gap, never longer than the cap,
 * never past closing (`closesAt`, from the site's opening hours; absent: the
 * site stays open).
 */
export function walkInWindow(
  bookings: readonly Slot[],
  now: number,
  walkIn: WalkInPolicy,
  checkIn: CheckInWindow,
  closesAt = Number.POSITIVE_INFINITY,
): WalkInWindow {
  if (!walkIn.enabled) return { allowed: false, reason: 'disabled' };
  const current = currentBooking(bookings, now, checkIn);
  if (current) return { allowed: false, reason: 'booked-now', freeFrom: current.endsAt };
  const endsAt = latestWalkInEnd(bookings, now, Math.min(now + walkIn.maxMinutes * MINUTE, closesAt), walkIn, checkIn);
  if (endsAt - now < walkIn.minFreeMinutes * MINUTE) {
    const next = nextBooking(bookings, now, checkIn);
    return next ? { allowed: false, reason: 'too-short', freeFrom: next.endsAt } : { allowed: false, reason: 'too-short' };
  }
  return { allowed: true, endsAt };
}

/**
 * The latest end, no later than `wanted`, that keeps the gap before every
 * booking that starts after `now`.
 */
export function latestWalkInEnd(
  bookings: readonly Slot[],
  now: number,
  wanted: number,
  walkIn: Pick<WalkInPolicy, 'gapMinutes'>,
  checkIn: CheckInWindow,
): number {
  let end = wanted;
  for (const b of bookings) {
    if (b.endsAt <= now) continue;
    const limit = Math.min(codeValidFrom(b, checkIn), b.startsAt - walkIn.gapMinutes * MINUTE);
    if (limit < end) end = limit;
  }
  return end;
}
