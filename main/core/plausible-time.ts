import { DateTime } from 'luxon';
import { HOUR, MINUTE } from './clock';

const DAY = 24 * HOUR;

/**
 * Which times a usage figure can honestly have. No Tupa PC counted anything
 * before 2020, so an earlier time (a PC clock reset to 1970, a period
 * "0000-01-01") is a broken clock or a broken sender, never a fact. The
 * hub refuses such events, the city receiver such periods.
 */
export const FIRST_FIGURES_DAY = '2020-01-01';
/** FIRST_FIGURES_DAY at 00:00 UTC (the earliest zone starts it later still). */
export const FIRST_FIGURES_AT = Date.UTC(2020, 0, 1);

/**
 * The oldest event a hub still counts: 400 days, the longest retention a
 * site policy may set (`usage.retentionDays`). An older one comes from a
 * clock that was wrong when it was recorded, or belongs to a year whose
 * figures have been reported.
 */
export const MAX_EVENT_AGE_DAYS = 400;

/**
 * How far ahead of the hub's clock an event may be, after the PC's measured
 * skew is taken off (the measurement's own error, a clock stepped between
 * two heartbeats). Within it the event counts at the hub's "now"; beyond it
 * the PC's clock was wrong when it recorded the event.
 */
export const EVENT_FUTURE_LEEWAY_MS = 10 * MINUTE;

export type EventTimeProblem =
  | { reason: 'before-2020'; detail: string }
  | { reason: 'too-old'; detail: string }
  | { reason: 'in-the-future'; detail: string };

/**
 * Whether an event stamped `at` (on the hub's clock) can be counted at
 * `now`; the problem in words for IT when not (how far off, never the
 * event's exact time: with a PC id that could point at a person).
 */
export function eventTimeProblem(at: number, now: number): EventTimeProblem | undefined {
  if (!Number.isFinite(at) || at < FIRST_FIGURES_AT) {
    return { reason: 'before-2020', detail: `stamped before ${FIRST_FIGURES_DAY}, when no Tupa PC counted anything (year ${Number.isFinite(at) ? DateTime.fromMillis(at, { zone: 'UTC' }).year : 'unknown'}: a clock that was reset)` };
  }
  const ageDays = Math.floor((now - at) / DAY);
  if (ageDays > MAX_EVENT_AGE_DAYS) return { reason: 'too-old', detail: `${ageDays} days old; events older than ${MAX_EVENT_AGE_DAYS} days are not counted` };
  const aheadMinutes = Math.ceil((at - now) / MINUTE);
  if (at - now > EVENT_FUTURE_LEEWAY_MS) {
    return { reason: 'in-the-future', detail: `${aheadMinutes} minutes ahead of the hub's clock (more than ${EVENT_FUTURE_LEEWAY_MS / MINUTE} allowed)` };
  }
  return undefined;
}
