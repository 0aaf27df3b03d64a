import type { BookingView, KioskStatus } from '../../preload/hub-contract';

type Session = NonNullable<KioskStatus['session']>;

/**
 * A PC's bookings as its card shows them: the one in use now and the next
 * one. A booking checked in early (its code works a few minutes before its
 * start) is in use, not "next": the booked session running on the PC
 * overlaps it. `bookings` are the PC's own, not yet over, by start time.
 */
export function currentAndNext(bookings: readonly BookingView[], session: Session | undefined, now: number): { current?: BookingView; next?: BookingView } {
  const inUse = (b: BookingView) =>
    b.startsAt <= now || (session?.kind === 'booked' && session.startedAt < b.endsAt && b.startsAt < session.endsAt);
  const current = bookings.find(inUse);
  const next = bookings.find((b) => b !== current && b.startsAt > now && !inUse(b));
  return { ...(current ? { current } : {}), ...(next ? { next } : {}) };
}
