import { z } from 'zod';

/**
 * The lobby status board's feed: what the hub pushes over its WebSocket at
 * /board/events to the read-only page at /board/. No sign-in, so nothing in
 * it may be more than a screen in the lobby shows: the site's name, each PC's
 * name, room, state and times, and the numbers being called. Never a code, a
 * booking id, a PC id or a name of a person. The hub checks every message
 * against this schema before it sends it, and the page again on arrival.
 * The page sends nothing: a message from it closes the connection.
 *
 * The page and the feed come from the same hub, so they are always of one
 * release; a page left open across an upgrade sees another FEED_VERSION and
 * loads itself again.
 */
export const BOARD_FEED_VERSION = 1;
export const BOARD_EVENTS_PATH = '/board/events';

/** The languages the board speaks (its catalogues: resources/locales/board/). */
export const BOARD_LOCALES = ['fi', 'sv', 'en', 'se', 'uk', 'ru', 'ar', 'so', 'fi-x-selko'] as const;
export const BoardLocale = z.enum(BOARD_LOCALES);
export type BoardLocale = z.infer<typeof BoardLocale>;

const Millis = z.number().int().nonnegative();

export const BoardPcState = z.enum(['free', 'in-use', 'booked', 'closed', 'out-of-service']);
export type BoardPcState = z.infer<typeof BoardPcState>;

/** A stretch of free time; no `until`: free beyond what the board looks ahead to (a week). */
export const FreeTime = z.strictObject({ from: Millis, until: Millis.optional() });

export const BoardPc = z.strictObject({
  name: z.string().max(40),
  room: z.string().max(60),
  state: BoardPcState,
  /** free: free until; in-use: the session's end; booked: the booking's end. */
  until: Millis.optional(),
  /** booked: the booking's start; closed: when the site opens again. */
  from: Millis.optional(),
  /** When the PC is next free for a walk-in, and until when. */
  nextFree: FreeTime.optional(),
});
export type BoardPc = z.infer<typeof BoardPc>;

/** A queue number called to a PC, held for it until `until`. */
export const BoardCall = z.strictObject({
  number: z.string().regex(/^[A-Z]-\d{1,4}$/),
  pcName: z.string().max(40),
  until: Millis,
});
export type BoardCall = z.infer<typeof BoardCall>;

export const BoardView = z.strictObject({
  site: z.strictObject({ name: z.string().max(80), timeZone: z.string().max(64) }),
  /** The site's default language first, then the others the board rotates through. */
  languages: z.array(BoardLocale).min(1).max(BOARD_LOCALES.length),
  rotateSeconds: z.int().min(5).max(120),
  /** The hub's time when the view was made. */
  now: Millis,
  /** Open now until `closesAt`, or closed until `opensAt` (absent: not within the next weeks). */
  opening: z.strictObject({ open: z.boolean(), closesAt: Millis.optional(), opensAt: Millis.optional() }),
  pcs: z.array(BoardPc).max(200),
  calls: z.array(BoardCall).max(100),
});
export type BoardView = z.infer<typeof BoardView>;

export const BoardMessage = z.strictObject({ type: z.literal('board'), version: z.literal(BOARD_FEED_VERSION), board: BoardView });
export type BoardMessage = z.infer<typeof BoardMessage>;
