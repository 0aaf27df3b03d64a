import { z } from 'zod';

/**
 * Self-booking at any kiosk (issue 11): what a kiosk asks its hub and what
 * the hub answers (carried in hub-contract.ts's "self-booking" messages),
 * and what the kiosk UI gets through preload/contract.ts. Apart from both
 * so the kiosk's contract needs nothing of the hub's.
 */

const Millis = z.number().int().nonnegative();
const PcId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

/** YYYY-MM-DD: a site day. */
export const SiteDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const SelfBookingRequest = z.discriminatedUnion('kind', [
  /** The days a resident may pick (today and the next the policy allows) and the lengths offered. */
  z.strictObject({ kind: z.literal('days') }),
  /** Every PC's free times on one site day. */
  z.strictObject({ kind: z.literal('times'), date: SiteDate }),
  /** Take one free time. */
  z.strictObject({ kind: z.literal('book'), pcId: PcId, startsAt: Millis, minutes: z.int().min(15).max(240) }),
]);
export type SelfBookingRequest = z.infer<typeof SelfBookingRequest>;

/**
 * Why a self-booking step was refused, as a code the kiosk translates:
 * taken (just taken by someone else, or too close to another booking),
 * closed (outside opening hours), too-far-ahead, past, off-grid, length,
 * kiosk-limit (too many from this kiosk this hour), pc-day-limit (too many
 * open on that PC that day), unknown-pc, disabled (the site does not offer it).
 */
export const SelfBookingRefusal = z.enum(['taken', 'closed', 'too-far-ahead', 'past', 'off-grid', 'length', 'kiosk-limit', 'pc-day-limit', 'unknown-pc', 'disabled']);
export type SelfBookingRefusal = z.infer<typeof SelfBookingRefusal>;

/** A PC as a resident picks it: its name and room. */
export const BookablePc = z.strictObject({ id: PcId, name: z.string().max(40), room: z.string().max(60) });
export type BookablePc = z.infer<typeof BookablePc>;
/** One free time (its PC named in the answer's pcs, so each name travels once). */
export const FreeTimeView = z.strictObject({ pcId: PcId, startsAt: Millis, minutes: z.int().min(1).max(240) });
export type FreeTimeView = z.infer<typeof FreeTimeView>;

export const SelfBookingAnswer = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('days'), days: z.array(z.strictObject({ date: SiteDate, open: z.boolean() })).max(32), lengths: z.array(z.int().min(1)).max(4) }),
  z.strictObject({ kind: z.literal('times'), date: SiteDate, pcs: z.array(BookablePc).max(500), times: z.array(FreeTimeView).max(20_000) }),
  z.strictObject({ kind: z.literal('booked'), code: z.string().regex(/^\d{6}$/), pc: BookablePc, startsAt: Millis, endsAt: Millis }),
  z.strictObject({ kind: z.literal('refused'), reason: SelfBookingRefusal }),
]);
export type SelfBookingAnswer = z.infer<typeof SelfBookingAnswer>;


/** What the kiosk UI gets: the hub's answer, or "unavailable" when the hub cannot be reached (nothing is booked offline). */
export const SelfBookingReply = z.discriminatedUnion('kind', [...SelfBookingAnswer.options, z.strictObject({ kind: z.literal('unavailable') })]);
export type SelfBookingReply = z.infer<typeof SelfBookingReply>;
