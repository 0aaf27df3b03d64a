import { DateTime } from 'luxon';
import { MINUTE } from './clock';

/** A booked slot on one PC. Times are epoch ms; the code is kept only as a keyed hash. */
export interface Booking {
  id: string;
  pcId: string;
  startsAt: number;
  endsAt: number;
  codeHash: Buffer;
  /** How many digits the code has (4 from Respa/Varaamo, or 6); absent: 6. */
  codeLength?: 4 | 6 | undefined;
}

/** Times only: what may be shown on a screen (never a name, never a code). */
export interface Slot {
  startsAt: number;
  endsAt: number;
}

export interface CheckInWindow {
  /** A code works from this many minutes before its booking starts until it ends. */
  earlyMinutes: number;
}

export function codeValidFrom(booking: Slot, policy: CheckInWindow): number {
  return booking.startsAt - policy.earlyMinutes * MINUTE;
}

export function isCodeValidAt(booking: Slot, now: number, policy: CheckInWindow): boolean {
  return now >= codeValidFrom(booking, policy) && now < booking.endsAt;
}

export function byStart<T extends Slot>(a: T, b: T): number {
  return a.startsAt - b.startsAt || a.endsAt - b.endsAt;
}

/** The booking whose check-in window contains `now`, if any. */
export function currentBooking<T extends Slot>(bookings: readonly T[], now: number, policy: CheckInWindow): T | undefined {
  return [...bookings].sort(byStart).find((b) => isCodeValidAt(b, now, policy));
}

/** The first booking whose check-in window opens after `now`. */
export function nextBooking<T extends Slot>(bookings: readonly T[], now: number, policy: CheckInWindow): T | undefined {
  return [...bookings].sort(byStart).find((b) => codeValidFrom(b, policy) > now);
}

/**
 * The booking after `current` (the one whose check-in window is open), or,
 * with none, the first whose window opens after `now`. A booking whose early
 * check-in opens before the current one ends is still the next one.
 */
export function bookingAfter<T extends Slot>(bookings: readonly T[], current: T | undefined, now: number, policy: CheckInWindow): T | undefined {
  if (!current) return nextBooking(bookings, now, policy);
  return [...bookings].sort(byStart).find((b) => b !== current && b.startsAt >= current.endsAt);
}

export function overlaps(a: Slot, b: Slot): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

export function findOverlap<T extends Slot>(bookings: readonly T[], candidate: Slot): T | undefined {
  return bookings.find((b) => overlaps(b, candidate));
}

export type SlotProblem =
  | { field: 'end'; reason: 'end-not-after-start' }
  | { field: 'end'; reason: 'in-the-past' }
  | { field: 'end'; reason: 'too-long'; maxMinutes: number }
  | { field: 'start'; reason: 'too-short'; minMinutes: number };

export const MIN_BOOKING_MINUTES = 5;
export const MAX_BOOKING_MINUTES = 12 * 60;

/** Checks a new slot's shape: an end after its start, not over, of a sensible length. */
export function checkSlot(slot: Slot, now: number): SlotProblem | undefined {
  if (slot.endsAt <= slot.startsAt) return { field: 'end', reason: 'end-not-after-start' };
  if (slot.endsAt <= now) return { field: 'end', reason: 'in-the-past' };
  const minutes = (slot.endsAt - slot.startsAt) / MINUTE;
  if (minutes < MIN_BOOKING_MINUTES) return { field: 'start', reason: 'too-short', minMinutes: MIN_BOOKING_MINUTES };
  if (minutes > MAX_BOOKING_MINUTES) return { field: 'end', reason: 'too-long', maxMinutes: MAX_BOOKING_MINUTES };
  return undefined;
}

/** A start beyond the site's booking horizon (`bookings.maxDaysAhead` in the site policy). */
export interface HorizonProblem {
  field: 'start';
  reason: 'too-far-ahead';
  maxDaysAhead: number;
  /** The last site day (YYYY-MM-DD) a booking may start on now. */
  lastDay: string;
}

/**
 * Whether a booking may start at `startsAt`: on a site day no later than
 * today plus `maxDaysAhead` (whole days in the site's zone, so a booking
 * late on the last day is as good as an early one).
 */
export function checkHorizon(startsAt: number, now: number, zone: string, maxDaysAhead: number): HorizonProblem | undefined {
  const lastDay = DateTime.fromMillis(now, { zone }).startOf('day').plus({ days: maxDaysAhead });
  if (startsAt < lastDay.plus({ days: 1 }).toMillis()) return undefined;
  return { field: 'start', reason: 'too-far-ahead', maxDaysAhead, lastDay: lastDay.toFormat('yyyy-MM-dd') };
}

/** The refusal in words for the command line and the hub's API (the console has its own translated text). */
export function horizonText(problem: HorizonProblem): string {
  return `bookings can start at most ${problem.maxDaysAhead} days ahead, on ${problem.lastDay} at the latest (the site policy's bookings.maxDaysAhead)`;
}
