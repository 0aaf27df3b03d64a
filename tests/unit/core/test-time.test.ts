import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../../main/core/test-time';

const T = Date.UTC(2026, 5, 1, 9, 0);

describe('TestTime (manual)', () => {
  it('stands still until advanced', () => {
    const time = new TestTime('manual', T);
    expect(time.now()).toBe(T);
    expect(time.monotonic()).toBe(0);
    time.advance(1500);
    expect(time.now()).toBe(T + 1500);
    expect(time.monotonic()).toBe(1500);
  });

  it('runs jobs in time order, each at its own instant, whatever order they were added in', () => {
    const time = new TestTime('manual', T);
    const seen: Array<[string, number, number]> = [];
    const note = (name: string) => () => seen.push([name, time.now(), time.monotonic()]);
    time.at(T + 300, note('c'));
    time.at(T + 100, note('a'));
    time.at(T + 200, note('b'));
    time.advance(1000);
    expect(seen).toEqual([
      ['a', T + 100, 100],
      ['b', T + 200, 200],
      ['c', T + 300, 300],
    ]);
    expect(time.now()).toBe(T + 1000);
    expect(time.pending()).toBe(0);
  });

  it('jobs due at the same instant run in the order they were added', () => {
    const time = new TestTime('manual', T);
    const seen: string[] = [];
    time.at(T + 50, () => seen.push('first'));
    time.at(T + 50, () => seen.push('second'));
    time.advance(50);
    expect(seen).toEqual(['first', 'second']);
  });

  it('does not run a job that falls after the advance, and runs one due exactly at its end', () => {
    const time = new TestTime('manual', T);
    const seen: string[] = [];
    time.at(T + 1000, () => seen.push('at-end'));
    time.at(T + 1001, () => seen.push('later'));
    time.advance(1000);
    expect(seen).toEqual(['at-end']);
    expect(time.pending()).toBe(1);
    time.advance(1);
    expect(seen).toEqual(['at-end', 'later']);
  });

  it('a job scheduled by a job within the advanced span runs in the same advance, at its own instant', () => {
    const time = new TestTime('manual', T);
    const seen: number[] = [];
    time.at(T + 100, () => {
      seen.push(time.now());
      time.at(T + 250, () => seen.push(time.now()));
    });
    time.advance(300);
    expect(seen).toEqual([T + 100, T + 250]);
  });

  it('every() repeats at its interval until cancelled', () => {
    const time = new TestTime('manual', T);
    const seen: number[] = [];
    const job = time.every(1000, () => seen.push(time.now() - T));
    time.advance(3500);
    expect(seen).toEqual([1000, 2000, 3000]);
    job.cancel();
    time.advance(5000);
    expect(seen).toEqual([1000, 2000, 3000]);
    expect(time.pending()).toBe(0);
  });

  it('an every() job may cancel itself from inside', () => {
    const time = new TestTime('manual', T);
    let count = 0;
    const job = time.every(100, () => {
      count++;
      if (count === 2) job.cancel();
    });
    time.advance(1000);
    expect(count).toBe(2);
  });

  it('cancel prevents a job from running', () => {
    const time = new TestTime('manual', T);
    let ran = false;
    const job = time.at(T + 100, () => {
      ran = true;
    });
    job.cancel();
    time.advance(1000);
    expect(ran).toBe(false);
    expect(time.pending()).toBe(0);
  });

  it('a job may cancel another due at the same moment', () => {
    const time = new TestTime('manual', T);
    const seen: string[] = [];
    time.at(T + 100, () => {
      seen.push('a');
      other.cancel();
    });
    const other = time.at(T + 100, () => seen.push('b'));
    time.advance(200);
    expect(seen).toEqual(['a']);
  });

  it('jumpWall moves only the wall clock; timers keep their monotonic due time, as real timers do', () => {
    const time = new TestTime('manual', T);
    const seen: string[] = [];
    time.at(T + 30 * 60_000, () => seen.push('due'));
    time.jumpWall(3_600_000);
    expect(time.now()).toBe(T + 3_600_000);
    expect(time.monotonic()).toBe(0);
    expect(seen).toEqual([]);
    time.advance(30 * 60_000);
    expect(seen).toEqual(['due']);
  });

  it('jumpWall backwards does not delay a timer already set', () => {
    const time = new TestTime('manual', T);
    const seen: number[] = [];
    time.at(T + 1000, () => seen.push(time.monotonic()));
    time.jumpWall(-5000);
    expect(time.now()).toBe(T - 5000);
    time.advance(999);
    expect(seen).toEqual([]);
    time.advance(1);
    expect(seen).toEqual([1000]);
  });

  it('a job in the past runs on the next microtask (like the next turn of the event loop), not synchronously', async () => {
    const time = new TestTime('manual', T);
    let ran = 0;
    time.at(T - 1000, () => ran++);
    expect(ran).toBe(0);
    await Promise.resolve();
    expect(ran).toBe(1);
    time.advance(10);
    expect(ran).toBe(1);
  });

  it('runDue runs only what is due now', () => {
    const time = new TestTime('manual', T);
    const seen: string[] = [];
    time.at(T, () => seen.push('now'));
    time.at(T + 1, () => seen.push('later'));
    time.runDue();
    expect(seen).toEqual(['now']);
  });

  // every() stands for setInterval (NodeScheduler.every), whose pace follows
  // the monotonic clock; TestTime keeps the interval job on the wall clock.
  it('a 1-second every() does not fire 3600 times at once when the wall clock jumps an hour ahead', () => {
    const time = new TestTime('manual', T);
    let beats = 0;
    time.every(1000, () => beats++);
    time.jumpWall(3_600_000);
    expect(beats).toBeLessThanOrEqual(1);
  });

  it('a 1-second every() keeps beating after the wall clock is set back an hour', () => {
    const time = new TestTime('manual', T);
    let beats = 0;
    time.every(1000, () => beats++);
    time.jumpWall(-3_600_000);
    time.advance(5000);
    expect(beats).toBe(5);
  });

  it('dispose drops every job', () => {
    const time = new TestTime('manual', T);
    let ran = false;
    time.at(T + 1, () => {
      ran = true;
    });
    time.every(10, () => {
      ran = true;
    });
    expect(time.pending()).toBe(2);
    time.dispose();
    expect(time.pending()).toBe(0);
    time.advance(100);
    expect(ran).toBe(false);
  });
});

describe('TestTime (realtime)', () => {
  let time: TestTime | undefined;
  afterEach(() => time?.dispose());

  it('follows the machine clock and can still be fast-forwarded', () => {
    time = new TestTime('realtime', 0);
    const before = Date.now();
    const wall = time.now();
    expect(wall).toBeGreaterThanOrEqual(before);
    expect(wall).toBeLessThanOrEqual(Date.now());
    time.advance(3_600_000);
    expect(time.now() - Date.now()).toBeGreaterThanOrEqual(3_600_000 - 5);
    expect(time.now() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('runs a due job by itself, without advance', async () => {
    time = new TestTime('realtime', 0);
    const started = Date.now();
    const ran = new Promise<number>((resolve) => time!.at(time!.now() + 20, () => resolve(Date.now() - started)));
    const elapsed = await ran;
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(elapsed).toBeLessThan(1000);
  });
});
