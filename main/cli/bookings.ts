import { randomBytes } from 'node:crypto';
import { MINUTE } from '../core/clock';
import { checkHorizon, checkSlot, findOverlap, horizonText, type SlotProblem } from '../core/bookings';
import { codeLengthOf, codeProblem } from '../core/code-lengths';
import { generateCode, hashCode } from '../core/codes';
import { openingProblem } from '../core/opening-check';
import { latestWalkInEnd } from '../core/walk-in';
import { formatSiteDateTime, parseSiteDateTime } from '../core/site-time';
import type { KioskConfig } from '../config/schema';
import type { KioskStore } from '../store/kiosk-store';

/** A command's failure: which input was wrong and why, in words IT can act on. */
export class CommandError extends Error {
  readonly field: string | undefined;
  readonly code: string;

  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = 'CommandError';
    this.code = code;
    this.field = field;
  }
}

export interface BookingView {
  id: string;
  pc: string;
  start: string;
  end: string;
  status: 'upcoming' | 'now' | 'past' | 'cancelled';
}

export interface AddedBooking extends Omit<BookingView, 'status'> {
  code: string;
  notes: string[];
}

interface Context {
  config: KioskConfig;
  store: KioskStore;
  now: number;
}

function newBookingId(): string {
  return `b-${randomBytes(4).toString('hex')}`;
}

function slotProblemText(p: SlotProblem): string {
  switch (p.reason) {
    case 'end-not-after-start':
      return 'the end must be after the start';
    case 'in-the-past':
      return 'the booking would already be over';
    case 'too-short':
      return `a booking must last at least ${p.minMinutes} minutes`;
    case 'too-long':
      return `a booking may last at most ${p.maxMinutes / 60} hours`;
  }
}

export function addBooking(
  ctx: Context,
  input: { pc: string | undefined; start: string | undefined; end: string | undefined; code?: string | undefined },
  codeKey: Buffer,
): AddedBooking {
  const { config, store, now } = ctx;
  const zone = config.timeZone;
  if (!input.pc) throw new CommandError('missing-option', '--pc is required (this PC is "' + config.pc.id + '")', 'pc');
  if (!input.start) throw new CommandError('missing-option', '--start is required, e.g. --start 2026-11-23T14:00', 'start');
  if (!input.end) throw new CommandError('missing-option', '--end is required, e.g. --end 2026-11-23T15:00', 'end');
  if (input.pc !== config.pc.id) {
    throw new CommandError('unknown-pc', `this database belongs to PC "${config.pc.id}", not "${input.pc}"`, 'pc');
  }
  // IT may give the booking's own code (e.g. one from Varaamo, 4 or 6 digits); otherwise a new one is made.
  const given = input.code === undefined ? undefined : input.code.trim();
  const bad = given === undefined ? undefined : codeProblem(given);
  if (bad) throw new CommandError('bad-code', `--code: ${bad}`, 'code');
  const start = parseSiteDateTime(input.start, zone);
  if (!start.ok) throw new CommandError(`start-${start.reason}`, `--start: ${start.detail}`, 'start');
  const end = parseSiteDateTime(input.end, zone);
  if (!end.ok) throw new CommandError(`end-${end.reason}`, `--end: ${end.detail}`, 'end');
  const slot = { startsAt: start.at, endsAt: end.at };
  const problem = checkSlot(slot, now);
  if (problem) throw new CommandError(problem.reason, `--${problem.field}: ${slotProblemText(problem)}`, problem.field);
  const far = checkHorizon(slot.startsAt, now, zone, config.bookings.maxDaysAhead);
  if (far) throw new CommandError(far.reason, `--start: ${horizonText(far)}`, far.field);
  const closed = openingProblem(slot, zone, config.openingHours);
  if (closed) throw new CommandError(closed.reason, `--${closed.field}: ${closed.detail}`, closed.field);

  const live = store.bookings.live(config.pc.id, now);
  const clash = findOverlap(live, slot);
  if (clash) {
    throw new CommandError(
      'overlap',
      `the time overlaps booking ${clash.id} (${formatSiteDateTime(clash.startsAt, zone)} to ${formatSiteDateTime(clash.endsAt, zone)}); nothing was added`,
      'start',
    );
  }

  const code = given ?? generateCode();
  const id = newBookingId();
  const codeLength = codeLengthOf(code);
  store.bookings.add({ id, pcId: config.pc.id, startsAt: slot.startsAt, endsAt: slot.endsAt, codeHash: hashCode(codeKey, code), codeLength }, now);

  const notes: string[] = [];
  const running = store.sessions.open(config.pc.id)[0];
  if (running) {
    const limit = latestWalkInEnd([slot], now, running.plannedEnd, config.walkIn, config.checkIn);
    if (limit < running.plannedEnd && running.kind === 'walk-in') {
      notes.push(`the walk-in session running now will end at ${formatSiteDateTime(Math.max(now, limit), zone)} to keep the gap before this booking`);
    }
  }
  if (slot.startsAt - config.checkIn.earlyMinutes * MINUTE <= now) notes.push('the code works from now');
  return { id, pc: config.pc.id, start: formatSiteDateTime(slot.startsAt, zone), end: formatSiteDateTime(slot.endsAt, zone), code, notes };
}

export function listBookings(ctx: Context, options: { all: boolean }): BookingView[] {
  const { config, store, now } = ctx;
  const from = options.all ? now - 30 * 24 * 60 * MINUTE : now;
  const rows = options.all ? store.bookings.all(config.pc.id, from) : store.bookings.live(config.pc.id, from);
  return rows.map((b) => ({
    id: b.id,
    pc: b.pcId,
    start: formatSiteDateTime(b.startsAt, config.timeZone),
    end: formatSiteDateTime(b.endsAt, config.timeZone),
    status: b.cancelledAt !== null ? 'cancelled' : b.endsAt <= now ? 'past' : b.startsAt <= now ? 'now' : 'upcoming',
  }));
}

export function cancelBooking(ctx: Context, id: string | undefined): BookingView {
  const { config, store, now } = ctx;
  if (!id) throw new CommandError('missing-argument', 'give the id of the booking to cancel (see "bookings list")', 'id');
  const booking = store.bookings.get(id);
  if (!booking || booking.pcId !== config.pc.id) throw new CommandError('not-found', `there is no booking "${id}" on this PC`, 'id');
  if (booking.cancelledAt !== null) throw new CommandError('already-cancelled', `booking ${id} was already cancelled`, 'id');
  if (booking.endsAt <= now) throw new CommandError('already-over', `booking ${id} is already over`, 'id');
  store.bookings.cancel(id, now);
  return { id, pc: booking.pcId, start: formatSiteDateTime(booking.startsAt, config.timeZone), end: formatSiteDateTime(booking.endsAt, config.timeZone), status: 'cancelled' };
}
