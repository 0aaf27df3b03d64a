import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advisorCheckInRefusal } from '../../../main/core/advisor-check-in';

const MIN = 60_000;
const policy = { earlyMinutes: 5 };
const booking = { startsAt: 100 * MIN, endsAt: 160 * MIN };

describe('"Check in for them" on the PC (issue 12)', () => {
  it('starts a booking in its window on a free, open PC, as its code would', () => {
    expect(advisorCheckInRefusal('welcome', booking, 95 * MIN, policy, true)).toBeUndefined();
    expect(advisorCheckInRefusal('welcome', booking, 159 * MIN, policy, true)).toBeUndefined();
  });

  it('says why not: busy, not yet, gone, closed', () => {
    expect(advisorCheckInRefusal('active', booking, 100 * MIN, policy, true)).toBe('pc-busy');
    expect(advisorCheckInRefusal('wiping', booking, 100 * MIN, policy, true)).toBe('pc-busy');
    expect(advisorCheckInRefusal('welcome', booking, 94 * MIN, policy, true)).toBe('not-yet');
    expect(advisorCheckInRefusal('welcome', booking, 160 * MIN, policy, true)).toBe('booking-gone');
    expect(advisorCheckInRefusal('welcome', undefined, 100 * MIN, policy, true)).toBe('booking-gone');
    expect(advisorCheckInRefusal('welcome', booking, 100 * MIN, policy, false)).toBe('closed');
  });

  it('refuses exactly when a code would be refused at that moment (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 30 }), (minute, early) => {
        const now = minute * MIN;
        const refusal = advisorCheckInRefusal('welcome', booking, now, { earlyMinutes: early }, true);
        const codeWorks = now >= booking.startsAt - early * MIN && now < booking.endsAt;
        expect(refusal === undefined).toBe(codeWorks);
        if (!codeWorks) expect(refusal).toBe(now < booking.startsAt ? 'not-yet' : 'booking-gone');
      }),
    );
  });
});
