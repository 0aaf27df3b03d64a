import { systemClock, type Clock } from './clock';
import type { Scheduled, Scheduler } from './scheduler';

interface Job {
  /** Due on the monotonic clock, as real timers are: a wall-clock jump does not move them. */
  due: number;
  fn: () => void;
  interval?: number;
}

/**
 * A Clock and Scheduler whose time tests control. Wired only in tests and in
 * the browser preview's test mode; a kiosk never constructs one.
 *
 * - `manual`: time stands still until `advance()`; nothing runs by itself.
 * - `realtime`: time follows the machine's clock plus an offset, so a
 *   preview runs normally while a test can still fast-forward it.
 *
 * `advance()` fast-forwards both clocks, stopping at every due job so each
 * runs at its own instant. `jumpWall()` moves only the wall clock, like an
 * NTP correction or a person changing the time; the monotonic clock and the
 * timers already set do not move, just as with real timers.
 */
export class TestTime implements Clock, Scheduler {
  private wallOffset = 0;
  private monoOffset = 0;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly mode: 'manual' | 'realtime';
  private readonly startWall: number;

  constructor(mode: 'manual' | 'realtime', startWall: number) {
    this.mode = mode;
    this.startWall = startWall;
  }

  now(): number {
    const base = this.mode === 'manual' ? this.startWall : systemClock.now();
    return base + this.wallOffset;
  }

  monotonic(): number {
    const base = this.mode === 'manual' ? 0 : systemClock.monotonic();
    return base + this.monoOffset;
  }

  at(when: number, fn: () => void): Scheduled {
    return this.add({ due: this.monotonic() + Math.max(0, when - this.now()), fn });
  }

  every(intervalMs: number, fn: () => void): Scheduled {
    if (!(intervalMs >= 1)) throw new RangeError('every() needs an interval of at least 1 ms');
    return this.add({ due: this.monotonic() + intervalMs, fn, interval: intervalMs });
  }

  /** Fast-forward both clocks by `ms`, running every job that falls due on the way. */
  advance(ms: number): void {
    const target = this.monotonic() + ms;
    for (;;) {
      const [id, job] = this.earliest() ?? [];
      if (id === undefined || !job || job.due > target) break;
      const step = job.due - this.monotonic();
      if (step > 0) this.shift(step);
      this.run(id, job);
    }
    const rest = target - this.monotonic();
    if (rest > 0) this.shift(rest);
    this.arm();
  }

  /** Move the wall clock only (a clock jump). Timers keep their monotonic due times. */
  jumpWall(ms: number): void {
    this.wallOffset += Math.round(ms);
    this.runDue();
  }

  /** Run the jobs already due (what a real event loop does on its next turn). */
  runDue(): void {
    for (;;) {
      const [id, job] = this.earliest() ?? [];
      if (id === undefined || !job || job.due > this.monotonic()) break;
      this.run(id, job);
    }
    this.arm();
  }

  pending(): number {
    return this.jobs.size;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.jobs.clear();
  }

  private add(job: Job): Scheduled {
    const id = this.nextId++;
    this.jobs.set(id, job);
    if (job.due <= this.monotonic()) queueMicrotask(() => this.runDue());
    this.arm();
    return { cancel: () => { this.jobs.delete(id); } };
  }

  private shift(ms: number): void {
    // Whole milliseconds, so wall times stay integers (they are stored as such).
    const whole = Math.ceil(ms);
    this.wallOffset += whole;
    this.monoOffset += whole;
  }

  private run(id: number, job: Job): void {
    if (job.interval) job.due += job.interval;
    else this.jobs.delete(id);
    job.fn();
  }

  private earliest(): [number, Job] | undefined {
    let best: [number, Job] | undefined;
    for (const entry of this.jobs) {
      if (!best || entry[1].due < best[1].due) best = entry;
    }
    return best;
  }

  private arm(): void {
    if (this.mode !== 'realtime') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.earliest();
    if (!next) return;
    this.timer = setTimeout(() => this.runDue(), Math.max(0, next[1].due - this.monotonic()));
    this.timer.unref?.();
  }
}
