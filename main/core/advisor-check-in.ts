import { isCodeValidAt, codeValidFrom, type CheckInWindow } from './bookings';
import type { Phase } from './session-machine';

/** Why a PC does not start a booked session the advisor asked for ("Check in for them", issue 12). */
export type AdvisorCheckInRefusal = 'pc-busy' | 'closed' | 'booking-gone' | 'not-yet';

/**
 * Whether an advisor may check a resident in for this booking now, as a
 * code would: the PC on its welcome screen, the site open, the booking in
 * the PC's schedule and inside its check-in window (a few minutes early,
 * until it ends). Undefined: it may.
 */
export function advisorCheckInRefusal(
  phase: Phase,
  booking: { startsAt: number; endsAt: number } | undefined,
  now: number,
  policy: CheckInWindow,
  open: boolean,
): AdvisorCheckInRefusal | undefined {
  if (phase !== 'welcome') return 'pc-busy';
  if (!booking || booking.endsAt <= now) return 'booking-gone';
  if (!open) return 'closed';
  if (now < codeValidFrom(booking, policy)) return 'not-yet';
  return isCodeValidAt(booking, now, policy) ? undefined : 'booking-gone';
}
