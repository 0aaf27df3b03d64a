import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkExtension, type ExtensionPolicy } from '../../../main/core/extension';
import { overlaps } from '../../../main/core/bookings';

const MIN = 60_000;
const T = Date.UTC(2026, 5, 1, 9, 0);
const EXT: ExtensionPolicy = { enabled: true, minutes: 15, maxPerSession: 2 };
const POLICY = { extension: EXT, walkIn: { gapMinutes: 5 }, checkIn: { earlyMinutes: 5 } };

function booking(id: string, startMin: number, endMin: number) {
  return { id, startsAt: T + startMin * MIN, endsAt: T + endMin * MIN };
}

// A booked session 09:00–10:00, checked at 09:50.
const session = { endsAt: T + 60 * MIN, extensions: 0, bookingId: 'mine' };
const now = T + 50 * MIN;

describe('checkExtension', () => {
  it('is refused when extensions are disabled', () => {
    expect(checkExtension(session, [], now, { ...POLICY, extension: { ...EXT, enabled: false } })).toEqual({ allowed: false, reason: 'disabled' });
  });

  it('is refused once the session has had its extensions', () => {
    expect(checkExtension({ ...session, extensions: 2 }, [], now, POLICY)).toEqual({ allowed: false, reason: 'limit-reached' });
    expect(checkExtension({ ...session, extensions: 0 }, [], now, { ...POLICY, extension: { ...EXT, maxPerSession: 0 } })).toEqual({
      allowed: false,
      reason: 'limit-reached',
    });
  });

  it('allows the last permitted extension', () => {
    expect(checkExtension({ ...session, extensions: 1 }, [], now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('on a free PC adds the extension minutes to the end', () => {
    expect(checkExtension(session, [], now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('ignores the session\'s own booking', () => {
    const bookings = [booking('mine', 0, 60)];
    expect(checkExtension(session, bookings, now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('ignores the own booking even when it seems to run past the current end (already clamped)', () => {
    const clamped = { ...session, endsAt: T + 40 * MIN };
    expect(checkExtension(clamped, [booking('mine', 0, 60)], T + 35 * MIN, POLICY)).toEqual({ allowed: true, endsAt: T + 55 * MIN });
  });

  it('is refused when the next booking starts right after the session', () => {
    expect(checkExtension(session, [booking('mine', 0, 60), booking('next', 60, 120)], now, POLICY)).toEqual({
      allowed: false,
      reason: 'next-slot-taken',
    });
  });

  it('is refused when the next booking (with its gap) begins before the new end', () => {
    // new end 10:15; a booking at 10:19 needs the session over by 10:14.
    expect(checkExtension(session, [booking('next', 79, 120)], now, POLICY)).toEqual({ allowed: false, reason: 'next-slot-taken' });
  });

  it('is allowed when the next booking starts exactly the gap after the new end', () => {
    expect(checkExtension(session, [booking('next', 80, 120)], now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('uses the early check-in window when it is longer than the gap', () => {
    const policy = { ...POLICY, checkIn: { earlyMinutes: 10 } };
    expect(checkExtension(session, [booking('next', 84, 120)], now, policy)).toEqual({ allowed: false, reason: 'next-slot-taken' });
    expect(checkExtension(session, [booking('next', 85, 120)], now, policy)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('ignores bookings that end before the session does', () => {
    expect(checkExtension(session, [booking('earlier', 0, 30)], now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('a walk-in (no booking id) is checked against every booking', () => {
    const walkIn = { endsAt: T + 60 * MIN, extensions: 0 };
    expect(checkExtension(walkIn, [booking('next', 70, 120)], now, POLICY)).toEqual({ allowed: false, reason: 'next-slot-taken' });
    expect(checkExtension(walkIn, [booking('later', 200, 260)], now, POLICY)).toEqual({ allowed: true, endsAt: T + 75 * MIN });
  });

  it('an allowed extension never overlaps another booking nor eats its gap', () => {
    const arb = fc.array(
      fc.record({ start: fc.integer({ min: 0, max: 300 }), length: fc.integer({ min: 5, max: 120 }) }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 5, max: 120 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (raw, minutes, gap, early) => {
        const others = raw.map((r, i) => booking(`b${i}`, 60 + r.start, 60 + r.start + r.length));
        const policy = { extension: { ...EXT, minutes }, walkIn: { gapMinutes: gap }, checkIn: { earlyMinutes: early } };
        const r = checkExtension(session, others, now, policy);
        const clear = others.every((b) => b.startsAt - Math.max(gap, early) * MIN >= session.endsAt + minutes * MIN);
        expect(r.allowed).toBe(clear);
        if (r.allowed) {
          expect(r.endsAt).toBe(session.endsAt + minutes * MIN);
          for (const b of others) expect(overlaps({ startsAt: now, endsAt: r.endsAt }, b)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
