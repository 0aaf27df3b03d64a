import { z } from 'zod';
import type { EndReason, FeedbackScore, SessionKind } from './session-machine';

/**
 * Usage events: what happened, never who. No names, codes or URLs; a
 * session's language and length, how it ended, a feedback face.
 */
export type UsageEvent =
  /** `resumed`: the same booking checked in again (after a crash, or ended by mistake): the same visit, not a new session. */
  | { type: 'session-started'; kind: SessionKind; language: string; resumed?: true }
  | { type: 'session-ended'; kind: SessionKind; language: string; minutes: number; reason: EndReason }
  | { type: 'feedback'; score: FeedbackScore }
  /** A print job the printer accepted: its page count (pages × copies), nothing of what was printed. */
  | { type: 'pages-printed'; pages: number };

/** The most pages one print job may count (main/core/print-limits.ts refuses more before sending). */
export const MAX_JOB_PAGES = 5_000;

/** The longest a session can be counted: a day (bookings last at most 12 h, plus extensions). */
export const MAX_SESSION_MINUTES = 24 * 60;

/** Whole minutes of a duration, never negative and never beyond a day, whatever a clock did. */
export function minutesOf(ms: number): number {
  return Math.min(MAX_SESSION_MINUTES, Math.max(0, Math.round(ms / 60_000)));
}

const Kind = z.enum(['booked', 'walk-in']);
/** A language tag: fi, en-XA, or a private-use variant such as fi-x-selko (plain-language Finnish). */
const Language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?(-x-[a-z0-9]{1,8})?$/);

/**
 * The only shape a usage event may have, wherever it is stored or sent:
 * anything else (an extra field that could carry a name or a URL) is
 * refused, not dropped.
 */
export const UsageEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('session-started'), kind: Kind, language: Language, resumed: z.literal(true).optional() }),
  z.strictObject({
    type: z.literal('session-ended'),
    kind: Kind,
    language: Language,
    minutes: z.int().min(0).max(MAX_SESSION_MINUTES),
    reason: z.enum(['time-up', 'resident', 'idle', 'advisor', 'interrupted']),
  }),
  z.strictObject({ type: z.literal('feedback'), score: z.enum(['good', 'ok', 'bad']) }),
  z.strictObject({ type: z.literal('pages-printed'), pages: z.int().min(1).max(MAX_JOB_PAGES) }),
]);
