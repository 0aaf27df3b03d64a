import { MINUTE } from './clock';
import { codeValidFrom, type CheckInWindow, type Slot } from './bookings';
import { openingAt, openPeriods, type Opening, type OpeningHours, type Period } from './opening-hours';

/**
 * What the lobby's status board says of each PC, from the PC's state, its
 * bookings and the site's opening hours: free (until when), in use (until
 * when), booked (from when), closed or out of service, and when it is next
 * free for a walk-in and for how long. Times only: nothing here names a
 * resident or holds a code.
 */

export type BoardPcState = 'free' | 'in-use' | 'booked' | 'closed' | 'out-of-service';

/** A PC as the hub knows it. `phase` is its kiosk's phase (absent: it never reported one). */
export interface BoardPcInput {
  name: string;
  room: string;
  /** Connected to the hub and heard from lately. */
  online: boolean;
  phase: string | undefined;
  /** The running session's end, when a session runs. */
  sessionEndsAt?: number | undefined;
  bookings: readonly Slot[];
}

export interface BoardRules {
  checkIn: CheckInWindow & {
    /** A booking not checked in this many minutes after its start frees its PC until its end. */
    holdMinutes: number;
  };
  walkIn: {
    /** A stretch shorter than this is not free time: no walk-in would be offered in it. */
    minFreeMinutes: number;
    /** A walk-in ends this long before the next booking. */
    gapMinutes: number;
  };
}

/** A stretch of free time: from when, and until when (absent: beyond what the board looks ahead to). */
export interface FreeTime {
  from: number;
  until?: number;
}

export interface BoardPcView {
  name: string;
  room: string;
  state: BoardPcState;
  /** free: free until; in-use: the session's end; booked: the booking's end. */
  until?: number;
  /** booked: the booking's start; closed: when the site opens. */
  from?: number;
  /** When this PC is next free for a walk-in (now, if it is free). */
  nextFree?: FreeTime;
}

/** Phases in which a resident's session runs (its end is known). */
const SESSION_PHASES = new Set(['active', 'warning', 'ending']);
/** Phases after a session, until the PC is back on its welcome screen (seconds, usually). */
const AFTER_SESSION_PHASES = new Set(['wiping', 'feedback']);

/**
 * The times a PC is taken: its running session, and each booking from the
 * moment a walk-in would have to stop for it (its early check-in or the gap,
 * whichever is earlier) to its end. A booking past its hold time is not
 * taken: a no-show, or the rest of a session ended early, is free for
 * walk-ins (a session running in it is taken by itself).
 */
export function takenTimes(pc: BoardPcInput, now: number, rules: BoardRules): Period[] {
  const taken: Period[] = [];
  if (pc.phase !== undefined && SESSION_PHASES.has(pc.phase) && pc.sessionEndsAt !== undefined && pc.sessionEndsAt > now) {
    taken.push({ start: now, end: pc.sessionEndsAt });
  }
  for (const b of pc.bookings) {
    if (b.endsAt <= now || b.endsAt <= b.startsAt) continue;
    if (now >= b.startsAt + rules.checkIn.holdMinutes * MINUTE) continue;
    taken.push({ start: Math.min(codeValidFrom(b, rules.checkIn), b.startsAt - rules.walkIn.gapMinutes * MINUTE), end: b.endsAt });
  }
  return taken.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The free stretches within the open periods, from `now` to `horizon`, that
 * are long enough for a walk-in, in order. A stretch reaching the horizon
 * has no end.
 */
export function freeTimes(taken: readonly Period[], open: readonly Period[], now: number, horizon: number, minFreeMinutes: number): FreeTime[] {
  const out: FreeTime[] = [];
  for (const period of open) {
    let cursor = Math.max(period.start, now);
    const end = Math.min(period.end, horizon);
    const emit = (until: number) => {
      if (until <= cursor) return;
      if (until >= horizon) out.push({ from: cursor });
      else if (until - cursor >= minFreeMinutes * MINUTE) out.push({ from: cursor, until });
    };
    for (const t of taken) {
      if (t.end <= cursor || t.start >= end) continue;
      emit(Math.min(t.start, end));
      cursor = Math.max(cursor, t.end);
      if (cursor >= end) break;
    }
    if (cursor < end) emit(end);
  }
  return out;
}

/**
 * One PC on the board at `now`. `open` are the site's open periods from
 * `now` (main/core/opening-hours.ts openPeriods), `horizon` how far ahead
 * free time is looked for.
 */
export function boardPc(pc: BoardPcInput, now: number, open: readonly Period[], horizon: number, rules: BoardRules): BoardPcView {
  const base = { name: pc.name, room: pc.room };
  if (!pc.online || pc.phase === 'out-of-service') return { ...base, state: 'out-of-service' };
  const taken = takenTimes(pc, now, rules);
  const next = freeTimes(taken, open, now, horizon, rules.walkIn.minFreeMinutes)[0];
  const withNext = next ? { ...base, nextFree: next } : base;
  if (pc.phase !== undefined && (SESSION_PHASES.has(pc.phase) || AFTER_SESSION_PHASES.has(pc.phase))) {
    const until = pc.phase !== undefined && SESSION_PHASES.has(pc.phase) && pc.sessionEndsAt !== undefined && pc.sessionEndsAt > now ? pc.sessionEndsAt : undefined;
    return until === undefined ? { ...withNext, state: 'in-use' } : { ...withNext, state: 'in-use', until };
  }
  const openNow = open.find((p) => p.start <= now && now < p.end);
  if (!openNow) {
    const opens = open.find((p) => p.start > now)?.start;
    return opens === undefined ? { ...withNext, state: 'closed' } : { ...withNext, state: 'closed', from: opens };
  }
  if (next && next.from <= now) return next.until === undefined ? { ...withNext, state: 'free' } : { ...withNext, state: 'free', until: next.until };
  // Not free now: a booking holds it (or starts too soon for a walk-in), or the site closes too soon.
  const blocking = pc.bookings
    .filter((b) => b.endsAt > now && now < b.startsAt + rules.checkIn.holdMinutes * MINUTE && b.startsAt < openNow.end)
    .sort((a, b) => a.startsAt - b.startsAt)[0];
  if (blocking) return { ...withNext, state: 'booked', from: blocking.startsAt, until: blocking.endsAt };
  // The site closes before a walk-in would fit: closed, until it opens again.
  const reopens = open.find((p) => p.start >= openNow.end)?.start;
  return reopens === undefined ? { ...withNext, state: 'closed' } : { ...withNext, state: 'closed', from: reopens };
}

/** How far ahead the board looks for free time. */
export const LOOK_AHEAD_DAYS = 7;

/** The whole board at `now`: whether the site is open (until when, or when it opens) and each PC. */
export function boardView(
  pcs: readonly BoardPcInput[],
  now: number,
  zone: string,
  hours: OpeningHours,
  rules: BoardRules,
): { opening: Opening; pcs: BoardPcView[] } {
  const horizon = now + LOOK_AHEAD_DAYS * 24 * 60 * MINUTE;
  const open = openPeriods(now, horizon, zone, hours);
  return { opening: openingAt(now, zone, hours), pcs: pcs.map((pc) => boardPc(pc, now, open, horizon, rules)) };
}
