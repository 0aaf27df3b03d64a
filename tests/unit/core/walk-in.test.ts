import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { latestWalkInEnd, walkInWindow, type WalkInPolicy } from '../../../main/core/walk-in';
import { overlaps, type Slot } from '../../../main/core/bookings';

const MIN = 60_000;
const T = Date.UTC(2026, 5, 1, 9, 0);
const POLICY: WalkInPolicy = { enabled: true, minFreeMinutes: 15, gapMinutes: 5, maxMinutes: 60 };
const EARLY = { earlyMinutes: 5 };

function slot(startMin: number, endMin: number): Slot {
  return { startsAt: T + startMin * MIN, endsAt: T + endMin * MIN };
}

describe('walkInWindow', () => {
  it('is refused when walk-ins are disabled, even on an empty PC', () => {
    expect(walkInWindow([], T, { ...POLICY, enabled: false }, EARLY)).toEqual({ allowed: false, reason: 'disabled' });
  });

  it('on a free PC a walk-in lasts the longest walk-in allowed', () => {
    expect(walkInWindow([], T, POLICY, EARLY)).toEqual({ allowed: true, endsAt: T + 60 * MIN });
  });

  it('ignores bookings that are already over', () => {
    expect(walkInWindow([slot(-120, -60), slot(-60, 0)], T, POLICY, EARLY)).toEqual({ allowed: true, endsAt: T + 60 * MIN });
  });

  it('is refused while a booking is under way, saying when that booking ends', () => {
    expect(walkInWindow([slot(-10, 50)], T, POLICY, EARLY)).toEqual({ allowed: false, reason: 'booked-now', freeFrom: T + 50 * MIN });
  });

  it('is refused once the next booking\'s code window has opened, before its start', () => {
    expect(walkInWindow([slot(4, 64)], T, POLICY, EARLY)).toEqual({ allowed: false, reason: 'booked-now', freeFrom: T + 64 * MIN });
  });

  it('a walk-in never runs into the next booking: it ends the gap before it starts', () => {
    // gap 5, early 5: the booking at +40 limits the walk-in to +35.
    expect(walkInWindow([slot(40, 100)], T, POLICY, EARLY)).toEqual({ allowed: true, endsAt: T + 35 * MIN });
  });

  it('the end keeps the larger of the gap and the early check-in window', () => {
    const bookings = [slot(40, 100)];
    expect(walkInWindow(bookings, T, { ...POLICY, gapMinutes: 10 }, EARLY)).toEqual({ allowed: true, endsAt: T + 30 * MIN });
    expect(walkInWindow(bookings, T, { ...POLICY, gapMinutes: 0 }, { earlyMinutes: 15 })).toEqual({ allowed: true, endsAt: T + 25 * MIN });
    expect(walkInWindow(bookings, T, { ...POLICY, gapMinutes: 0 }, { earlyMinutes: 0 })).toEqual({ allowed: true, endsAt: T + 40 * MIN });
  });

  it('the nearest of several later bookings decides, whatever their order', () => {
    expect(walkInWindow([slot(200, 260), slot(45, 60), slot(90, 120)], T, POLICY, EARLY)).toEqual({ allowed: true, endsAt: T + 40 * MIN });
  });

  it('is refused as too short when less than minFreeMinutes would be left, pointing at the next booking\'s end', () => {
    // the booking at +19 leaves 14 minutes, one short of 15
    expect(walkInWindow([slot(19, 79)], T, POLICY, EARLY)).toEqual({ allowed: false, reason: 'too-short', freeFrom: T + 79 * MIN });
  });

  it('exactly minFreeMinutes free is enough', () => {
    expect(walkInWindow([slot(20, 80)], T, POLICY, EARLY)).toEqual({ allowed: true, endsAt: T + 15 * MIN });
  });

  it('is too short without a freeFrom when the cap itself is below the minimum', () => {
    expect(walkInWindow([], T, { ...POLICY, maxMinutes: 10, minFreeMinutes: 15 }, EARLY)).toEqual({ allowed: false, reason: 'too-short' });
  });
});

describe('latestWalkInEnd', () => {
  it('returns the wanted end when nothing comes in the way', () => {
    expect(latestWalkInEnd([], T, T + 30 * MIN, POLICY, EARLY)).toBe(T + 30 * MIN);
    expect(latestWalkInEnd([slot(100, 160)], T, T + 30 * MIN, POLICY, EARLY)).toBe(T + 30 * MIN);
  });

  it('cuts at the next booking\'s start minus max(gap, early)', () => {
    expect(latestWalkInEnd([slot(20, 80)], T, T + 30 * MIN, POLICY, EARLY)).toBe(T + 15 * MIN);
    expect(latestWalkInEnd([slot(20, 80)], T, T + 30 * MIN, { gapMinutes: 8 }, EARLY)).toBe(T + 12 * MIN);
  });

  it('skips bookings that ended by now', () => {
    expect(latestWalkInEnd([slot(-30, 0)], T, T + 30 * MIN, POLICY, EARLY)).toBe(T + 30 * MIN);
  });
});

/** Non-overlapping bookings around T, with millisecond jitter. */
const bookingsArb = fc
  .array(fc.record({ gapBefore: fc.integer({ min: 0, max: 180 * MIN }), length: fc.integer({ min: 5 * MIN, max: 180 * MIN }) }), {
    maxLength: 8,
  })
  .chain((parts) =>
    fc.integer({ min: -240 * MIN, max: 60 * MIN }).map((offset) => {
      let cursor = T + offset;
      const out: Slot[] = [];
      for (const p of parts) {
        const startsAt = cursor + p.gapBefore;
        out.push({ startsAt, endsAt: startsAt + p.length });
        cursor = startsAt + p.length;
      }
      return out;
    }),
  )
  .chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }));

const policyArb = fc.record({
  enabled: fc.boolean(),
  minFreeMinutes: fc.integer({ min: 5, max: 240 }),
  gapMinutes: fc.integer({ min: 0, max: 60 }),
  maxMinutes: fc.integer({ min: 5, max: 480 }),
});

describe('walk-in properties', () => {
  it('an allowed walk-in never overlaps a booking, keeps the gap, and lasts between minFree and max minutes', () => {
    fc.assert(
      fc.property(
        bookingsArb,
        fc.integer({ min: -60 * MIN, max: 12 * 60 * MIN }),
        policyArb,
        fc.integer({ min: 0, max: 60 }),
        (bookings, offset, walkIn, earlyMinutes) => {
          const now = T + offset;
          const checkIn = { earlyMinutes };
          const w = walkInWindow(bookings, now, walkIn, checkIn);
          if (!w.allowed) return;
          expect(walkIn.enabled).toBe(true);
          for (const b of bookings) {
            expect(overlaps({ startsAt: now, endsAt: w.endsAt }, b)).toBe(false);
            if (b.startsAt >= now) {
              expect(w.endsAt).toBeLessThanOrEqual(b.startsAt - walkIn.gapMinutes * MIN);
              // and never after the booking's code becomes valid
              expect(w.endsAt).toBeLessThanOrEqual(b.startsAt - earlyMinutes * MIN);
            }
          }
          expect(w.endsAt - now).toBeGreaterThanOrEqual(walkIn.minFreeMinutes * MIN);
          expect(w.endsAt - now).toBeLessThanOrEqual(walkIn.maxMinutes * MIN);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('decides exactly as the rule says: end = min(now + max, next start − max(gap, early)); refused when under minFree or booked now', () => {
    fc.assert(
      fc.property(
        bookingsArb,
        fc.integer({ min: -60 * MIN, max: 12 * 60 * MIN }),
        policyArb,
        fc.integer({ min: 0, max: 60 }),
        (bookings, offset, walkIn, earlyMinutes) => {
          const now = T + offset;
          const w = walkInWindow(bookings, now, walkIn, { earlyMinutes });
          if (!walkIn.enabled) {
            expect(w).toEqual({ allowed: false, reason: 'disabled' });
            return;
          }
          const bookedNow = bookings.some((b) => now >= b.startsAt - earlyMinutes * MIN && now < b.endsAt);
          if (bookedNow) {
            expect(w).toMatchObject({ allowed: false, reason: 'booked-now' });
            return;
          }
          let end = now + walkIn.maxMinutes * MIN;
          for (const b of bookings) {
            if (b.startsAt > now) end = Math.min(end, b.startsAt - Math.max(walkIn.gapMinutes, earlyMinutes) * MIN);
          }
          if (end - now >= walkIn.minFreeMinutes * MIN) expect(w).toEqual({ allowed: true, endsAt: end });
          else expect(w).toMatchObject({ allowed: false, reason: 'too-short' });
        },
      ),
      { numRuns: 500 },
    );
  });
});
