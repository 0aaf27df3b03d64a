import { describe, expect, it } from 'vitest';
import { MINUTE, SECOND, systemClock } from '../../../main/core/clock';

describe('clock', () => {
  it('MINUTE and SECOND are in milliseconds', () => {
    expect(SECOND).toBe(1000);
    expect(MINUTE).toBe(60_000);
  });

  it('the system clock reads the machine\'s wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('the system monotonic clock never goes backwards', () => {
    let last = systemClock.monotonic();
    for (let i = 0; i < 1000; i++) {
      const next = systemClock.monotonic();
      expect(next).toBeGreaterThanOrEqual(last);
      last = next;
    }
  });
});
