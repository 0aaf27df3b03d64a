import { MINUTE } from './clock';
import type { Slot } from './bookings';

/**
 * What the PC's own sessions say of a booking: a session of it runs now,
 * one ended (the resident, idleness, the advisor or its time), or the last
 * one was cut by a crash or power cut (its resident will check in again).
 */
export type BookingUse = 'running' | 'ended' | 'interrupted';

export interface HoldPolicy {
  /** A booking not checked in this many minutes after its start no longer holds its PC. */
  holdMinutes: number;
}

/** When a booking not checked in stops holding its PC (a no-show, freed for walk-ins). */
export function holdEndsAt(booking: Slot, policy: HoldPolicy): number {
  return booking.startsAt + policy.holdMinutes * MINUTE;
}

/**
 * Whether a booking has let go of its PC for walk-ins until its end: its
 * session ended before the booking did (the rest is free), or no one checked
 * in within the hold time (a no-show). A session running, or one a crash cut
 * short, still holds it: that resident comes back with the same code.
 */
export function isReleased(booking: Slot, now: number, policy: HoldPolicy, use: BookingUse | undefined): boolean {
  if (use === 'running' || use === 'interrupted') return false;
  if (use === 'ended') return true;
  return now >= holdEndsAt(booking, policy);
}

/** The bookings that still hold the PC at `now` (the rest are free for walk-ins until they end). */
export function holdingBookings<T extends Slot & { id: string }>(
  bookings: readonly T[],
  now: number,
  policy: HoldPolicy,
  useOf: (bookingId: string) => BookingUse | undefined,
): T[] {
  return bookings.filter((b) => !isReleased(b, now, policy, useOf(b.id)));
}

/** A booking's use from its sessions on this PC, the latest last (see SessionRepo.ofBooking). */
export function useFromSessions(sessions: readonly { endedAt: number | null; endReason: string | null }[]): BookingUse | undefined {
  const last = sessions[sessions.length - 1];
  if (!last) return undefined;
  if (last.endedAt === null) return 'running';
  return last.endReason === 'interrupted' ? 'interrupted' : 'ended';
}
