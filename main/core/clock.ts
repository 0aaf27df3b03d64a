/**
 * The one source of time. `now()` is wall-clock time (epoch ms) used for
 * bookings and display; `monotonic()` never jumps and bounds how long a
 * session may run even when the wall clock is moved.
 */
export interface Clock {
  now(): number;
  monotonic(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

export const MINUTE = 60_000;
export const SECOND = 1_000;
export const HOUR = 60 * MINUTE;
