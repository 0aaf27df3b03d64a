import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minutesBetween } from '../../../main/core/usage';

describe('minutesBetween', () => {
  it('counts whole minutes, rounded to the nearest', () => {
    expect(minutesBetween(0, 0)).toBe(0);
    expect(minutesBetween(0, 29_999)).toBe(0);
    expect(minutesBetween(0, 30_000)).toBe(1);
    expect(minutesBetween(0, 60_000)).toBe(1);
    expect(minutesBetween(0, 89_999)).toBe(1);
    expect(minutesBetween(0, 45 * 60_000)).toBe(45);
  });

  it('never gives a negative count (a clock moved backwards)', () => {
    expect(minutesBetween(60 * 60_000, 0)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -1e12, max: 1e12 }), (a, b) => {
        const m = minutesBetween(a, b);
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(Math.abs(m * 60_000 - Math.max(0, b - a))).toBeLessThanOrEqual(30_000);
      }),
    );
  });
});
