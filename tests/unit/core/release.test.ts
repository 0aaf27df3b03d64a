import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { MINUTE } from '../../../main/core/clock';
import { holdEndsAt, holdingBookings, isReleased, useFromSessions, type BookingUse } from '../../../main/core/release';
import { walkInWindow } from '../../../main/core/walk-in';

const zone = 'Europe/Helsinki';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const hold = { holdMinutes: 10 };
const walkIn = { enabled: true, minFreeMinutes: 15, gapMinutes: 5, maxMinutes: 120 };
const checkIn = { earlyMinutes: 5 };

describe('no-show release', () => {
  const booking = { id: 'b-1', startsAt: at('2026-12-07T10:00'), endsAt: at('2026-12-07T11:00') };

  it('a booking not checked in holds its PC until the hold time, then lets it go until its end', () => {
    expect(holdEndsAt(booking, hold)).toBe(at('2026-12-07T10:10'));
    expect(isReleased(booking, at('2026-12-07T10:09:59'), hold, undefined)).toBe(false);
    expect(isReleased(booking, at('2026-12-07T10:10'), hold, undefined)).toBe(true);
    // Free for walk-ins: a walk-in offered at 10:15 is no longer refused as "booked now".
    const window = walkInWindow(holdingBookings([booking], at('2026-12-07T10:15'), hold, () => undefined), at('2026-12-07T10:15'), walkIn, checkIn);
    expect(window).toEqual({ allowed: true, endsAt: at('2026-12-07T12:15') });
  });

  it('a checked-in booking holds its PC while its session runs, and after a crash cut it short', () => {
    const late = at('2026-12-07T10:40');
    expect(isReleased(booking, late, hold, 'running')).toBe(false);
    expect(isReleased(booking, late, hold, 'interrupted')).toBe(false);
  });

  it('the rest of a booking whose session ended early is free at once, even within the hold time', () => {
    expect(isReleased(booking, at('2026-12-07T10:05'), hold, 'ended')).toBe(true);
  });

  it('a booking\'s use comes from its latest session', () => {
    expect(useFromSessions([])).toBeUndefined();
    expect(useFromSessions([{ endedAt: 1, endReason: 'resident' }])).toBe('ended');
    expect(useFromSessions([{ endedAt: 1, endReason: 'interrupted' }])).toBe('interrupted');
    expect(useFromSessions([{ endedAt: 1, endReason: 'interrupted' }, { endedAt: null, endReason: null }])).toBe('running');
    expect(useFromSessions([{ endedAt: 1, endReason: 'interrupted' }, { endedAt: 2, endReason: 'idle' }])).toBe('ended');
  });

  it('property: a walk-in in a freed booking never reaches into a booking that still holds the PC (with its gap), across a DST change', () => {
    // 2026-10-25 03:00 (EEST) turns back to 03:00 (EET) in Helsinki: the day has 25 hours.
    const dayStart = at('2026-10-25T00:00');
    const slotArb = fc.tuple(fc.integer({ min: 0, max: 24 * 4 }), fc.integer({ min: 1, max: 8 })).map(([q, len]) => ({
      startsAt: dayStart + q * 15 * MINUTE,
      endsAt: dayStart + (q + len) * 15 * MINUTE,
    }));
    const useArb = fc.constantFrom<BookingUse | undefined>(undefined, 'running', 'ended', 'interrupted');
    fc.assert(
      fc.property(fc.array(fc.tuple(slotArb, useArb), { maxLength: 6 }), fc.integer({ min: 0, max: 25 * 60 }), fc.integer({ min: 1, max: 30 }), (raw, minute, holdMinutes) => {
        // Bookings on one PC never overlap: keep those that do not.
        const bookings: Array<{ id: string; startsAt: number; endsAt: number; use: BookingUse | undefined }> = [];
        for (const [slot, use] of raw) if (!bookings.some((b) => b.startsAt < slot.endsAt && slot.startsAt < b.endsAt)) bookings.push({ id: `b-${bookings.length}`, ...slot, use });
        const now = dayStart + minute * MINUTE;
        const policy = { holdMinutes };
        const holding = holdingBookings(bookings, now, policy, (id) => bookings.find((b) => b.id === id)?.use);
        for (const b of bookings) {
          const held = holding.includes(b);
          // Not checked in: held exactly until the hold time.
          if (b.use === undefined) expect(held).toBe(now < b.startsAt + holdMinutes * MINUTE);
          if (b.use === 'running' || b.use === 'interrupted') expect(held).toBe(true);
          if (b.use === 'ended') expect(held).toBe(false);
        }
        const window = walkInWindow(holding, now, walkIn, checkIn);
        if (!window.allowed) return;
        for (const b of holding) {
          if (b.endsAt <= now) continue;
          // Ends before the gap and the early check-in of every booking still holding the PC.
          expect(window.endsAt).toBeLessThanOrEqual(b.startsAt - Math.max(walkIn.gapMinutes, checkIn.earlyMinutes) * MINUTE);
        }
      }),
      { numRuns: 300 },
    );
  });
});
