import type { EndReason, FeedbackScore, SessionKind } from './session-machine';

/**
 * Usage events: what happened, never who. No names, codes or URLs; a
 * session's language and length, how it ended, a feedback face.
 */
export type UsageEvent =
  | { type: 'session-started'; kind: SessionKind; language: string }
  | { type: 'session-ended'; kind: SessionKind; language: string; minutes: number; reason: EndReason }
  | { type: 'feedback'; score: FeedbackScore };

/** The longest a session can be counted: a day (bookings last at most 12 h, plus extensions). */
export const MAX_SESSION_MINUTES = 24 * 60;

/** Whole minutes of a duration, never negative and never beyond a day, whatever a clock did. */
export function minutesOf(ms: number): number {
  return Math.min(MAX_SESSION_MINUTES, Math.max(0, Math.round(ms / 60_000)));
}
