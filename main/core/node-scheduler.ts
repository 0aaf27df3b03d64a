import schedule from 'node-schedule';
import type { Clock } from './clock';
import type { Scheduled, Scheduler } from './scheduler';

/**
 * The production Scheduler: node-schedule for instants (it copes with
 * timeouts longer than setTimeout's 24.8-day limit), plain intervals for
 * heartbeats. node-schedule silently drops a date in the past, so those run
 * on the next turn of the event loop instead.
 */
export class NodeScheduler implements Scheduler {
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  at(when: number, fn: () => void): Scheduled {
    if (when <= this.clock.now()) {
      const handle = setImmediate(fn);
      return { cancel: () => clearImmediate(handle) };
    }
    const job = schedule.scheduleJob(new Date(when), fn);
    if (!job) {
      // The instant passed between the check and the call.
      const handle = setImmediate(fn);
      return { cancel: () => clearImmediate(handle) };
    }
    return { cancel: () => job.cancel() };
  }

  every(intervalMs: number, fn: () => void): Scheduled {
    const handle = setInterval(fn, intervalMs);
    handle.unref?.();
    return { cancel: () => clearInterval(handle) };
  }
}
