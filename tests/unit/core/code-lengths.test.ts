import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeLengthOf, codeLengthsNow, codeProblem, type WithCodeLength } from '../../../main/core/code-lengths';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 7, 10);
const policy = { earlyMinutes: 10 };
const b = (startMin: number, endMin: number, codeLength?: 4 | 6): WithCodeLength => ({ startsAt: T + startMin * MIN, endsAt: T + endMin * MIN, codeLength });

describe('which codes are codes', () => {
  it('4 or 6 digits, leading zeros kept', () => {
    expect(codeLengthOf('0427')).toBe(4);
    expect(codeLengthOf('004321')).toBe(6);
    for (const bad of ['', '427', '12345', '1234567', '12a4', ' 0427', '０４２７']) expect(codeLengthOf(bad), bad).toBeUndefined();
  });

  it('says precisely what is wrong with a code IT gave', () => {
    expect(codeProblem('0427')).toBeUndefined();
    expect(codeProblem('123456')).toBeUndefined();
    expect(codeProblem('12345')).toBe('a code has 4 or 6 digits (leading zeros kept); this one has 5');
    expect(codeProblem('12-34')).toBe('a code is digits only (4 or 6 of them, leading zeros kept)');
  });

  it('any string: a length exactly when it is 4 or 6 ASCII digits, and then no problem', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), (s) => {
        const len = codeLengthOf(s);
        expect(len !== undefined).toBe(/^[0-9]+$/.test(s) && (s.length === 4 || s.length === 6));
        expect(codeProblem(s) === undefined).toBe(len !== undefined);
      }),
    );
  });
});

describe('the lengths the kiosk asks for now', () => {
  it('six digits when there are no bookings, or only bookings without a length (older hubs)', () => {
    expect(codeLengthsNow([], T, policy)).toEqual([6]);
    expect(codeLengthsNow([b(0, 30)], T, policy)).toEqual([6]);
  });

  it('the bookings in their check-in windows decide; both lengths in windows give [4, 6]', () => {
    expect(codeLengthsNow([b(-5, 10, 4), b(5, 40, 6)], T, policy)).toEqual([4, 6]);
    // The 6-digit one is not in its window yet (starts in 30 minutes): only 4.
    expect(codeLengthsNow([b(-5, 10, 4), b(30, 60, 6)], T, policy)).toEqual([4]);
  });

  it('with none in its window, the bookings still to come decide (an early resident hears "not yet", not "too short")', () => {
    expect(codeLengthsNow([b(60, 90, 4)], T, policy)).toEqual([4]);
    expect(codeLengthsNow([b(60, 90, 4), b(120, 150)], T, policy)).toEqual([4, 6]);
    // An ended booking counts for nothing.
    expect(codeLengthsNow([b(-60, -1, 4)], T, policy)).toEqual([6]);
  });

  it('always a non-empty ascending list of 4 and 6, each the length of a live booking when there is one', () => {
    const booking = fc.record({ start: fc.integer({ min: -120, max: 600 }), minutes: fc.integer({ min: 5, max: 120 }), len: fc.constantFrom<4 | 6 | undefined>(4, 6, undefined) });
    fc.assert(
      fc.property(fc.array(booking, { maxLength: 6 }), (list) => {
        const bookings = list.map((x) => b(x.start, x.start + x.minutes, x.len));
        const lengths = codeLengthsNow(bookings, T, policy);
        expect(lengths.length).toBeGreaterThan(0);
        expect([...lengths].sort()).toEqual(lengths);
        const live = bookings.filter((x) => x.endsAt > T);
        if (live.length > 0) for (const n of lengths) expect(live.some((x) => (x.codeLength ?? 6) === n)).toBe(true);
      }),
    );
  });
});
