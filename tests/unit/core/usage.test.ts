import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_SESSION_MINUTES, minutesOf } from '../../../main/core/usage';

describe('minutesOf', () => {
  it('counts whole minutes, rounded to the nearest', () => {
    expect(minutesOf(0)).toBe(0);
    expect(minutesOf(29_999)).toBe(0);
    expect(minutesOf(30_000)).toBe(1);
    expect(minutesOf(60_000)).toBe(1);
    expect(minutesOf(89_999)).toBe(1);
    expect(minutesOf(45 * 60_000)).toBe(45);
  });

  it('never gives a negative count nor more than a day, whatever a clock did', () => {
    expect(minutesOf(-60 * 60_000)).toBe(0);
    expect(minutesOf(25 * 60 * 60_000)).toBe(MAX_SESSION_MINUTES);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (ms) => {
        const m = minutesOf(ms);
        expect(Number.isInteger(m)).toBe(true);
        expect(m).toBeGreaterThanOrEqual(0);
        expect(m).toBeLessThanOrEqual(MAX_SESSION_MINUTES);
        if (ms >= 0 && ms < MAX_SESSION_MINUTES * 60_000) expect(Math.abs(m * 60_000 - ms)).toBeLessThanOrEqual(30_000);
      }),
    );
  });
});
