import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bookingAfter,
  byStart,
  checkHorizon,
  checkSlot,
  codeValidFrom,
  currentBooking,
  findOverlap,
  isCodeValidAt,
  MAX_BOOKING_MINUTES,
  MIN_BOOKING_MINUTES,
  nextBooking,
  overlaps,
  type Slot,
} from '../../../main/core/bookings';

const MIN = 60_000;
const T = Date.UTC(2026, 5, 1, 9, 0); // 2026-06-01 09:00Z
const EARLY = { earlyMinutes: 5 };

function slot(id: string, startMin: number, endMin: number): Slot & { id: string } {
  return { id, startsAt: T + startMin * MIN, endsAt: T + endMin * MIN };
}

describe('the check-in window of a booking code', () => {
  const b = slot('a', 0, 60);

  it('opens earlyMinutes before the booking starts', () => {
    expect(codeValidFrom(b, EARLY)).toBe(T - 5 * MIN);
    expect(codeValidFrom(b, { earlyMinutes: 0 })).toBe(T);
  });

  it('refuses a code one millisecond before the window opens and accepts it at the opening', () => {
    expect(isCodeValidAt(b, T - 5 * MIN - 1, EARLY)).toBe(false);
    expect(isCodeValidAt(b, T - 5 * MIN, EARLY)).toBe(true);
  });

  it('accepts a code during the booking', () => {
    expect(isCodeValidAt(b, T, EARLY)).toBe(true);
    expect(isCodeValidAt(b, T + 30 * MIN, EARLY)).toBe(true);
    expect(isCodeValidAt(b, T + 60 * MIN - 1, EARLY)).toBe(true);
  });

  it('refuses a code at the booking end (the end is exclusive) and after it', () => {
    expect(isCodeValidAt(b, T + 60 * MIN, EARLY)).toBe(false);
    expect(isCodeValidAt(b, T + 61 * MIN, EARLY)).toBe(false);
  });

  it('with no early minutes, the code works from the start exactly', () => {
    expect(isCodeValidAt(b, T - 1, { earlyMinutes: 0 })).toBe(false);
    expect(isCodeValidAt(b, T, { earlyMinutes: 0 })).toBe(true);
  });
});

describe('byStart', () => {
  it('orders by start, then by end', () => {
    const list = [slot('c', 30, 40), slot('b', 0, 20), slot('a', 0, 10)];
    expect([...list].sort(byStart).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('currentBooking and nextBooking', () => {
  // Unsorted on purpose: the functions must not rely on the order given.
  const list = [slot('afternoon', 300, 360), slot('morning', 0, 60), slot('noon', 120, 180)];

  it('finds the booking whose check-in window holds now', () => {
    expect(currentBooking(list, T + 10 * MIN, EARLY)?.id).toBe('morning');
    expect(currentBooking(list, T - 5 * MIN, EARLY)?.id).toBe('morning');
    expect(currentBooking(list, T + 115 * MIN, EARLY)?.id).toBe('noon');
  });

  it('finds none between bookings or before the first window opens', () => {
    expect(currentBooking(list, T + 60 * MIN, EARLY)).toBeUndefined();
    expect(currentBooking(list, T + 114 * MIN, EARLY)).toBeUndefined();
    expect(currentBooking(list, T - 6 * MIN, EARLY)).toBeUndefined();
    expect(currentBooking([], T, EARLY)).toBeUndefined();
  });

  it('the next booking is the first whose window opens after now', () => {
    expect(nextBooking(list, T - 6 * MIN, EARLY)?.id).toBe('morning');
    expect(nextBooking(list, T + 10 * MIN, EARLY)?.id).toBe('noon');
    expect(nextBooking(list, T + 115 * MIN, EARLY)?.id).toBe('afternoon');
    expect(nextBooking(list, T + 300 * MIN, EARLY)).toBeUndefined();
  });

  it('a booking whose window opens exactly now is current, not next', () => {
    const now = T + 115 * MIN;
    expect(currentBooking(list, now, EARLY)?.id).toBe('noon');
    expect(nextBooking(list, now, EARLY)?.id).toBe('afternoon');
  });

  it('does not reorder the caller\'s array', () => {
    const copy = [...list];
    currentBooking(list, T, EARLY);
    nextBooking(list, T, EARLY);
    expect(list).toEqual(copy);
  });
});

describe('bookingAfter: what the welcome screen calls the next booking', () => {
  it('is the booking after the current one even when its early check-in opens before the current one ends', () => {
    // 03:52–04:12 and 04:15–05:15 (check-in from 04:10), then one the next day: the welcome screen said the next day's.
    const list = [slot('tomorrow', 24 * 60, 24 * 60 + 60), slot('first', 0, 20), slot('second', 23, 83)];
    const now = T + 5 * MIN;
    const current = currentBooking(list, now, EARLY);
    expect(current?.id).toBe('first');
    expect(bookingAfter(list, current, now, EARLY)?.id).toBe('second');
  });

  it('without a current booking it is the first whose window opens after now', () => {
    const list = [slot('noon', 120, 180), slot('morning', 0, 60)];
    expect(bookingAfter(list, undefined, T - 6 * MIN, EARLY)?.id).toBe('morning');
    expect(bookingAfter(list, undefined, T + 60 * MIN, EARLY)?.id).toBe('noon');
    expect(bookingAfter(list, undefined, T + 120 * MIN, EARLY)).toBeUndefined();
  });

  it('never names the current booking, and always one that starts after it ends (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }), fc.integer({ min: -10, max: 40 * 30 }), (starts, nowMin) => {
        // Back-to-back-free bookings of 20 min on a 30-min grid never overlap.
        const list = starts.map((s) => slot(`b${s}`, s * 30, s * 30 + 20));
        const now = T + nowMin * MIN;
        const current = currentBooking(list, now, EARLY);
        const after = bookingAfter(list, current, now, EARLY);
        if (current && after) {
          expect(after).not.toBe(current);
          expect(after.startsAt).toBeGreaterThanOrEqual(current.endsAt);
          // Nothing lies between them.
          expect(list.some((b) => b.startsAt >= current.endsAt && b.startsAt < after.startsAt)).toBe(false);
        }
        if (current && !after) expect(list.some((b) => b.startsAt >= current.endsAt)).toBe(false);
      }),
    );
  });
});

describe('overlaps and findOverlap', () => {
  it('slots that only touch do not overlap', () => {
    expect(overlaps(slot('a', 0, 60), slot('b', 60, 90))).toBe(false);
    expect(overlaps(slot('b', 60, 90), slot('a', 0, 60))).toBe(false);
  });

  it('slots sharing at least a millisecond overlap, either way round', () => {
    const a = slot('a', 0, 60);
    const b = { startsAt: T + 60 * MIN - 1, endsAt: T + 90 * MIN };
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(b, a)).toBe(true);
    expect(overlaps(a, slot('inside', 10, 20))).toBe(true);
    expect(overlaps(slot('inside', 10, 20), a)).toBe(true);
    expect(overlaps(a, a)).toBe(true);
  });

  it('overlaps is symmetric and agrees with a millisecond-level definition', () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 50 })).map(([s, len]) => ({ startsAt: s, endsAt: s + len }));
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        let shared = false;
        for (let x = a.startsAt; x < a.endsAt; x++) if (x >= b.startsAt && x < b.endsAt) shared = true;
        expect(overlaps(a, b)).toBe(shared);
        expect(overlaps(b, a)).toBe(shared);
      }),
    );
  });

  it('findOverlap returns the clashing booking or undefined', () => {
    const list = [slot('morning', 0, 60), slot('noon', 120, 180)];
    expect(findOverlap(list, { startsAt: T + 150 * MIN, endsAt: T + 200 * MIN })?.id).toBe('noon');
    expect(findOverlap(list, { startsAt: T + 60 * MIN, endsAt: T + 120 * MIN })).toBeUndefined();
    expect(findOverlap([], { startsAt: T, endsAt: T + MIN })).toBeUndefined();
  });
});

describe('checkSlot', () => {
  const now = T;

  it('accepts a sensible slot', () => {
    expect(checkSlot(slot('a', 10, 70), now)).toBeUndefined();
    expect(checkSlot(slot('a', 0, MIN_BOOKING_MINUTES), now)).toBeUndefined();
    expect(checkSlot(slot('a', 0, MAX_BOOKING_MINUTES), now)).toBeUndefined();
  });

  it('refuses an end that is not after the start', () => {
    expect(checkSlot(slot('a', 60, 60), now)).toEqual({ field: 'end', reason: 'end-not-after-start' });
    expect(checkSlot(slot('a', 60, 30), now)).toEqual({ field: 'end', reason: 'end-not-after-start' });
  });

  it('refuses a slot that is already over, but allows one that is under way', () => {
    expect(checkSlot(slot('a', -60, -10), now)).toEqual({ field: 'end', reason: 'in-the-past' });
    expect(checkSlot(slot('a', -60, 0), now)).toEqual({ field: 'end', reason: 'in-the-past' });
    expect(checkSlot(slot('a', -30, 30), now)).toBeUndefined();
  });

  it('refuses a slot shorter than the minimum', () => {
    expect(MIN_BOOKING_MINUTES).toBe(5);
    expect(checkSlot({ startsAt: T, endsAt: T + 5 * MIN - 1 }, now)).toEqual({ field: 'start', reason: 'too-short', minMinutes: 5 });
  });

  it('refuses a slot longer than twelve hours', () => {
    expect(MAX_BOOKING_MINUTES).toBe(720);
    expect(checkSlot({ startsAt: T, endsAt: T + 720 * MIN + 1 }, now)).toEqual({ field: 'end', reason: 'too-long', maxMinutes: 720 });
  });

  it('reports an inverted slot before anything else', () => {
    expect(checkSlot(slot('a', -10, -20), now)?.reason).toBe('end-not-after-start');
  });
});

describe('checkHorizon: how far ahead a booking may start', () => {
  const ZONE = 'Europe/Helsinki';
  /** 2026-03-01 10:00 in Helsinki (+02:00). */
  const NOW = Date.UTC(2026, 2, 1, 8, 0);
  const helsinki = (day: string, time: string, offset = '+02:00') => Date.parse(`${day}T${time}:00${offset}`);

  it('takes any start up to the end of the last allowed site day, late in the evening too', () => {
    expect(checkHorizon(helsinki('2026-03-02', '09:00'), NOW, ZONE, 1)).toBeUndefined();
    expect(checkHorizon(helsinki('2026-03-02', '23:59'), NOW, ZONE, 1)).toBeUndefined();
    expect(checkHorizon(helsinki('2026-03-03', '00:00'), NOW, ZONE, 1)).toEqual({ field: 'start', reason: 'too-far-ahead', maxDaysAhead: 1, lastDay: '2026-03-02' });
  });

  it('counts site days across a daylight-saving change (the last day ends at its own midnight)', () => {
    // 60 days from 2026-03-01 is 2026-04-30, in summer time (+03:00).
    expect(checkHorizon(helsinki('2026-04-30', '23:30', '+03:00'), NOW, ZONE, 60)).toBeUndefined();
    expect(checkHorizon(helsinki('2026-05-01', '00:00', '+03:00'), NOW, ZONE, 60)?.lastDay).toBe('2026-04-30');
  });

  it('the default horizon refuses a booking years ahead (2029 was accepted before)', () => {
    expect(checkHorizon(helsinki('2029-01-01', '10:00'), NOW, ZONE, 60)).toMatchObject({ reason: 'too-far-ahead', maxDaysAhead: 60 });
  });

  it('never refuses a start at or before now, whatever the horizon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 366 }), fc.integer({ min: 0, max: 400 * 24 * 60 }), (days, minutesBack) => {
        expect(checkHorizon(NOW - minutesBack * 60_000, NOW, ZONE, days)).toBeUndefined();
      }),
    );
  });
});
