import { advisorCheckInRefusal } from '../core/advisor-check-in';
import type { CommandDone, KioskContext } from './feature';
import type { Opening } from './opening';
import type { Schedule } from './schedule';

export type CheckInForThem = (bookingId: string) => Omit<CommandDone, 'type' | 'commandId'>;

/**
 * "Check in for them" (issue 12): an imported booking without a code (or
 * whose resident has none at hand) is started by the advisor from the
 * console. The PC starts that booked session as a code check-in would, in
 * the site's default language, or answers why not: not its time yet, the
 * PC busy, the site closed, or the booking gone from its schedule.
 */
export function setupCheckInForThem(ctx: KioskContext, schedule: Schedule, opening: Opening): CheckInForThem {
  return (bookingId) => {
    const now = ctx.deps.clock.now();
    const booking = schedule.bookings().find((b) => b.id === bookingId);
    const refused = advisorCheckInRefusal(ctx.state.phase, booking, now, ctx.config.checkIn, opening.isOpen());
    if (refused || !booking) {
      ctx.log.info('check-in by the advisor refused', { reason: refused ?? 'booking-gone' });
      return { ok: false, reason: refused ?? 'booking-gone' };
    }
    ctx.log.info('check-in accepted', { kind: 'booked', by: 'advisor' });
    // A booking made before the hours changed still ends by closing.
    const endsAt = Math.min(booking.endsAt, opening.closesAt());
    ctx.startSession({ id: ctx.newId(), kind: 'booked', bookingId: booking.id, endsAt, language: ctx.config.locales.default });
    return { ok: true };
  };
}
