/** A cancellable timer registered with a Scheduler. */
export interface Scheduled {
  cancel(): void;
}

/**
 * Runs a function at a wall-clock instant. Rules never call setTimeout or
 * node-schedule themselves; they receive a Scheduler.
 */
export interface Scheduler {
  /** Run `fn` at `when` (epoch ms); a time in the past runs it as soon as possible. */
  at(when: number, fn: () => void): Scheduled;
  /** Run `fn` every `intervalMs` until cancelled. */
  every(intervalMs: number, fn: () => void): Scheduled;
}
