import { z } from 'zod';
import { Millis, PcId } from './hub-base';

/** A set of usage figures (PC- and site-level stay at the hub: exact, for the advisor). */
export const FigureSet = z.strictObject({
  sessions: z.int().min(0),
  booked: z.int().min(0),
  walkIns: z.int().min(0),
  minutes: z.int().min(0),
  helpCalls: z.int().min(0),
  /** Calls the resident cancelled unanswered within seconds (main/core/help-calls.ts): not in helpCalls, and not sent to the city. */
  helpCancelled: z.int().min(0),
  noShows: z.int().min(0),
  /** Pages printed (issue 14). */
  pages: z.int().min(0),
  feedback: z.strictObject({ good: z.int().min(0), ok: z.int().min(0), bad: z.int().min(0) }),
  /** Help from afar (issue 16): remote calls ended, and their seconds waiting for an advisor and shown (totals). */
  remote: z.strictObject({ calls: z.int().min(0), waitSeconds: z.int().min(0), sharedSeconds: z.int().min(0) }).optional(),
});
export type FigureSet = z.infer<typeof FigureSet>;

/** GET /api/figures/:month — today's and the month's figures, for the site and per PC, and each day of the month. */
export const Figures = z.strictObject({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  site: z.strictObject({ today: FigureSet, month: FigureSet }),
  pcs: z.array(z.strictObject({ id: PcId, name: z.string(), today: FigureSet, month: FigureSet })),
  days: z.array(z.strictObject({ day: z.string(), sessions: z.int().min(0), minutes: z.int().min(0), helpCalls: z.int().min(0) })),
  /** The sync of the site's figures to the city. */
  city: z.strictObject({ configured: z.boolean(), pending: z.int().min(0), lastOkAt: Millis.optional(), lastError: z.string().optional() }),
});
export type Figures = z.infer<typeof Figures>;
