import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodeThrottle } from '../../../main/core/throttle';

const S = 1_000;
const T = Date.UTC(2026, 5, 1, 9, 0);
const POLICY = { maxWrong: 5, windowSeconds: 60, lockSeconds: 120 };

function wrongs(throttle: CodeThrottle, times: number[]) {
  return times.map((t) => throttle.recordWrong(t));
}

describe('CodeThrottle', () => {
  it('a fresh PC takes codes', () => {
    const th = new CodeThrottle(POLICY);
    expect(th.status(T)).toEqual({ locked: false });
    expect(th.wrongSoFar(T)).toBe(0);
  });

  it('counts wrong codes and does not lock before the fifth', () => {
    const th = new CodeThrottle(POLICY);
    const results = wrongs(th, [T, T + S, T + 2 * S, T + 3 * S]);
    expect(results.every((r) => !r.locked)).toBe(true);
    expect(th.wrongSoFar(T + 3 * S)).toBe(4);
  });

  it('five wrong codes within the window lock the PC for lockSeconds from the fifth', () => {
    const th = new CodeThrottle(POLICY);
    const results = wrongs(th, [T, T + 10 * S, T + 20 * S, T + 30 * S, T + 40 * S]);
    expect(results[4]).toEqual({ locked: true, until: T + 40 * S + 120 * S });
    expect(th.status(T + 100 * S)).toEqual({ locked: true, until: T + 160 * S });
    expect(th.status(T + 160 * S - 1)).toEqual({ locked: true, until: T + 160 * S });
    expect(th.status(T + 160 * S)).toEqual({ locked: false });
  });

  it('wrong codes spread wider than the window never lock', () => {
    const th = new CodeThrottle(POLICY);
    // one every 15 s: at most four fall within any 60 s window (the oldest drops out at exactly 60 s)
    const results = wrongs(th, Array.from({ length: 30 }, (_, i) => T + i * 15 * S));
    expect(results.every((r) => !r.locked)).toBe(true);
    expect(th.wrongSoFar(T + 29 * 15 * S)).toBe(4);
  });

  it('a wrong code exactly windowSeconds old no longer counts', () => {
    const th = new CodeThrottle(POLICY);
    th.recordWrong(T);
    expect(th.wrongSoFar(T + 60 * S - 1)).toBe(1);
    expect(th.wrongSoFar(T + 60 * S)).toBe(0);
  });

  it('throttling resets: after the lock ends the count starts over', () => {
    const th = new CodeThrottle(POLICY);
    wrongs(th, [T, T + S, T + 2 * S, T + 3 * S, T + 4 * S]);
    const after = T + 4 * S + 120 * S;
    expect(th.status(after)).toEqual({ locked: false });
    expect(th.wrongSoFar(after)).toBe(0);
    const again = wrongs(th, [after, after + S, after + 2 * S, after + 3 * S]);
    expect(again.every((r) => !r.locked)).toBe(true);
    expect(th.recordWrong(after + 4 * S)).toEqual({ locked: true, until: after + 4 * S + 120 * S });
  });

  it('a right code starts the count over', () => {
    const th = new CodeThrottle(POLICY);
    wrongs(th, [T, T + S, T + 2 * S, T + 3 * S]);
    th.recordRight();
    expect(th.wrongSoFar(T + 4 * S)).toBe(0);
    const more = wrongs(th, [T + 4 * S, T + 5 * S, T + 6 * S, T + 7 * S]);
    expect(more.every((r) => !r.locked)).toBe(true);
    expect(th.recordWrong(T + 8 * S).locked).toBe(true);
  });

  it('a wall clock moved backwards does not make the lock longer than lockSeconds', () => {
    const th = new CodeThrottle(POLICY);
    wrongs(th, [T, T + S, T + 2 * S, T + 3 * S, T + 4 * S]);
    const back = T - 3600 * S; // the clock is set back an hour
    const status = th.status(back);
    expect(status).toEqual({ locked: true, until: back + 120 * S });
    expect(th.status(back + 120 * S)).toEqual({ locked: false });
  });

  it('a small step back caps the lock at lockSeconds from the new reading; going forward leaves it alone', () => {
    const th = new CodeThrottle(POLICY);
    wrongs(th, [T, T + S, T + 2 * S, T + 3 * S, T + 4 * S]);
    expect(th.status(T + 100 * S)).toEqual({ locked: true, until: T + 124 * S });
    expect(th.status(T + 2 * S)).toEqual({ locked: true, until: T + 122 * S });
    expect(th.status(T + 50 * S)).toEqual({ locked: true, until: T + 122 * S });
  });

  it('whatever the clock does, a locked status never reaches more than lockSeconds ahead', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: -7200 * S, max: 200 * S }), wrong: fc.boolean() }), { maxLength: 60 }),
        (steps) => {
          const th = new CodeThrottle(POLICY);
          let now = T;
          for (const s of steps) {
            now += s.dt;
            const st = s.wrong ? th.recordWrong(now) : th.status(now);
            if (st.locked) {
              expect(st.until).toBeGreaterThan(now);
              expect(st.until - now).toBeLessThanOrEqual(120 * S);
            }
          }
        },
      ),
    );
  });

  it('a wrong code entered just after a lock ends (no status check first) is counted', () => {
    // recordWrong pushes the failure, then calls status(), which sees the old
    // lock has ended and clears the failures, dropping the code just recorded.
    const th = new CodeThrottle(POLICY);
    wrongs(th, [T, T + S, T + 2 * S, T + 3 * S, T + 4 * S]);
    const after = T + 4 * S + 120 * S;
    th.recordWrong(after);
    expect(th.wrongSoFar(after)).toBe(1);
  });
});
