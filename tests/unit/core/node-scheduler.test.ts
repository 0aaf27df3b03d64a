import { describe, expect, it } from 'vitest';
import { NodeScheduler } from '../../../main/core/node-scheduler';
import { systemClock, type Clock } from '../../../main/core/clock';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check() && Date.now() < until) await sleep(5);
}

describe('NodeScheduler', () => {
  it('a job at a time in the past runs on the next turn of the event loop, not synchronously', async () => {
    const scheduler = new NodeScheduler(systemClock);
    let ran = 0;
    scheduler.at(Date.now() - 60_000, () => ran++);
    expect(ran).toBe(0);
    await nextTurn();
    expect(ran).toBe(1);
  });

  it('a job at exactly now also runs on the next turn', async () => {
    const clock: Clock = { now: () => 1_000, monotonic: () => 0 };
    const scheduler = new NodeScheduler(clock);
    let ran = 0;
    scheduler.at(1_000, () => ran++);
    await nextTurn();
    expect(ran).toBe(1);
  });

  it('cancelling a past job before the next turn prevents it', async () => {
    const scheduler = new NodeScheduler(systemClock);
    let ran = 0;
    scheduler.at(Date.now() - 1, () => ran++).cancel();
    await nextTurn();
    await sleep(10);
    expect(ran).toBe(0);
  });

  it('decides "past" by the injected clock', async () => {
    const ahead: Clock = { now: () => Date.now() + 3_600_000, monotonic: () => performance.now() };
    const scheduler = new NodeScheduler(ahead);
    let ran = 0;
    scheduler.at(Date.now() + 60_000, () => ran++);
    await nextTurn();
    expect(ran).toBe(1);
  });

  it('a near-future job runs at its time, not before', async () => {
    const scheduler = new NodeScheduler(systemClock);
    const start = Date.now();
    let ranAt: number | undefined;
    scheduler.at(start + 50, () => {
      ranAt = Date.now();
    });
    await sleep(20);
    // (on a busy machine the sleep may overrun; only check "not yet" while it is truly early)
    if (Date.now() - start < 45) expect(ranAt).toBeUndefined();
    await waitFor(() => ranAt !== undefined, 500);
    expect(ranAt).toBeDefined();
    expect(ranAt! - start).toBeGreaterThanOrEqual(45);
    expect(ranAt! - start).toBeLessThan(400);
  });

  it('cancel prevents a future job from running', async () => {
    const scheduler = new NodeScheduler(systemClock);
    let ran = 0;
    const job = scheduler.at(Date.now() + 30, () => ran++);
    job.cancel();
    await sleep(80);
    expect(ran).toBe(0);
  });

  it('every() repeats until cancelled', async () => {
    const scheduler = new NodeScheduler(systemClock);
    let count = 0;
    const job = scheduler.every(10, () => count++);
    await waitFor(() => count >= 3, 500);
    expect(count).toBeGreaterThanOrEqual(3);
    job.cancel();
    const seen = count;
    await sleep(40);
    expect(count).toBe(seen);
  });
});
