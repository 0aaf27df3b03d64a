import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { admitConnection, FloodGate, TokenBucket } from '../../../main/core/rate-limit';

const T = Date.UTC(2026, 5, 1, 9, 0);

describe('TokenBucket', () => {
  it('lets a burst through at once, then one more per refill interval', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 });
    const burst = Array.from({ length: 7 }, () => bucket.take(T));
    expect(burst).toEqual([true, true, true, true, true, false, false]);
    expect(bucket.take(T + 99)).toBe(false);
    expect(bucket.take(T + 100)).toBe(true);
    expect(bucket.msUntil(1, T + 100)).toBe(100);
  });

  it('never holds more than its burst, however long it waits', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 });
    expect(bucket.level(T + 3_600_000)).toBe(5);
  });

  it('a clock moved backwards gives no tokens and takes none', () => {
    const bucket = new TokenBucket({ perSecond: 10, burst: 5 });
    for (let i = 0; i < 5; i++) bucket.take(T);
    expect(bucket.level(T - 60_000)).toBe(0);
    expect(bucket.take(T - 60_000)).toBe(false);
    // Forward again from where it was, not from the earlier time.
    expect(bucket.level(T + 100)).toBeCloseTo(1);
  });

  it('never lets more through than burst + rate × time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 300 }),
        (perSecond, burst, gaps) => {
          const bucket = new TokenBucket({ perSecond, burst });
          let now = T;
          let passed = 0;
          for (const gap of gaps) {
            now += gap;
            if (bucket.take(now)) passed++;
          }
          expect(passed).toBeLessThanOrEqual(burst + ((now - T) * perSecond) / 1000 + 1e-9);
        },
      ),
    );
  });
});

describe('FloodGate', () => {
  const policy = { perSecond: 10, burst: 20, closeAfterMs: 5_000 };

  it('a PC within its rate is always heard', () => {
    const gate = new FloodGate(policy);
    for (let i = 0; i < 1_000; i++) expect(gate.admit(T + i * 100)).toBe('accept');
  });

  it('a flood is dropped, announced once, and cut off when it goes on', () => {
    const gate = new FloodGate(policy);
    const verdicts: string[] = [];
    // 1,000 messages a second for 6 s.
    for (let ms = 0; ms <= 6_000; ms++) verdicts.push(gate.admit(T + ms));
    expect(verdicts.slice(0, 20).every((v) => v === 'accept')).toBe(true);
    expect(verdicts[20]).toBe('first-drop');
    expect(verdicts.filter((v) => v === 'first-drop')).toHaveLength(1);
    const firstClose = verdicts.indexOf('close');
    // Over its rate from 20 ms on: cut off 5 s later.
    expect(firstClose).toBe(20 + 5_000);
    expect(verdicts.slice(0, firstClose).filter((v) => v === 'accept').length).toBeLessThanOrEqual(20 + 51);
  });

  it('a burst followed by a pause is forgiven: the next burst starts afresh', () => {
    const gate = new FloodGate(policy);
    for (let i = 0; i < 30; i++) gate.admit(T);
    expect(gate.dropped()).toBe(10);
    // 2 s: the bucket is full again.
    expect(gate.admit(T + 2_000)).toBe('accept');
    expect(gate.dropped()).toBe(0);
    for (let i = 0; i < 19; i++) gate.admit(T + 2_000);
    expect(gate.admit(T + 2_000)).toBe('first-drop');
    // Much later than closeAfterMs after the first flood, but this flood is new.
    expect(gate.admit(T + 2_001)).toBe('drop');
  });
});

describe('admitConnection', () => {
  const limits = { max: 100, perSource: 10, reserved: 20 };

  it('lets a source open up to its cap, not one more', () => {
    expect(admitConnection(limits, { total: 50, fromSource: 9, knownSource: false })).toBe('admit');
    expect(admitConnection(limits, { total: 50, fromSource: 10, knownSource: false })).toBe('source-full');
    expect(admitConnection(limits, { total: 50, fromSource: 10, knownSource: true })).toBe('source-full');
  });

  it('keeps the last places for sources the hub knows', () => {
    expect(admitConnection(limits, { total: 79, fromSource: 0, knownSource: false })).toBe('admit');
    expect(admitConnection(limits, { total: 80, fromSource: 0, knownSource: false })).toBe('reserved');
    expect(admitConnection(limits, { total: 99, fromSource: 0, knownSource: true })).toBe('admit');
    expect(admitConnection(limits, { total: 100, fromSource: 0, knownSource: true })).toBe('full');
  });
});
