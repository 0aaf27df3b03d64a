import type { EndReason, FeedbackScore, SessionKind } from './session-machine';

/**
 * Usage events: what happened, never who. No names, codes or URLs; a
 * session's language and length, how it ended, a feedback face.
 */
export type UsageEvent =
  | { type: 'session-started'; kind: SessionKind; language: string }
  | { type: 'session-ended'; kind: SessionKind; language: string; minutes: number; reason: EndReason }
  | { type: 'feedback'; score: FeedbackScore };

export function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 60_000));
}
