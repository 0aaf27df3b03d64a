import { randomBytes } from 'node:crypto';
import { checkHorizon, checkSlot, findOverlap, horizonText, type SlotProblem } from '../core/bookings';
import { codeProblem } from '../core/code-lengths';
import { generateCode } from '../core/codes';
import { openingProblem } from '../core/opening-check';
import { formatSiteDateTime, parseSiteDateTime } from '../core/site-time';
import type { BookingView } from '../../preload/hub-contract';
import type { HubStore } from './hub-store';
import { bookingCode } from './booking-codes';

/** A refused request: an HTTP status, a stable error name and a message an advisor can act on. */
export class HubError extends Error {
  readonly status: number;
  readonly error: string;
  readonly field: string | undefined;
  /** For a 429: when to try again (sent as Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, error: string, message: string, field?: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'HubError';
    this.status = status;
    this.error = error;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const SLOT_TEXT: Record<SlotProblem['reason'], string> = {
  'end-not-after-start': 'the end must be after the start',
  'in-the-past': 'the booking would already be over',
  'too-short': 'a booking must last at least 5 minutes',
  'too-long': 'a booking may last at most 12 hours',
};

/** A policy stored by an older release has no bookings section (it is read as it was stored when it no longer parses). */
const DEFAULT_MAX_DAYS_AHEAD = 60;

/** A booking as the console sees it: times, its PC and where it came from (never its code). */
export const bookingView = (b: BookingView): BookingView => ({
  id: b.id,
  pcId: b.pcId,
  startsAt: b.startsAt,
  endsAt: b.endsAt,
  ...(b.source ? { source: b.source } : {}),
  ...(b.from ? { from: { sourceId: b.from.sourceId, kind: b.from.kind } } : {}),
  ...(b.noCode ? { noCode: true as const } : {}),
});

/** An imported booking is changed at its source (the next sync would undo a change made here). */
function refuseImported(existing: BookingView, what: 'move' | 'cancel'): void {
  if (existing.source === 'import') {
    throw new HubError(409, 'imported', `this booking comes from the booking source "${existing.from?.sourceId ?? ''}": ${what} it there; the next sync brings the change here`);
  }
}
const view = bookingView;

/** Bookings at the hub: codes are made here, overlaps refused, every change audited and pushed. */
export class HubBookings {
  constructor(
    private readonly store: HubStore,
    private readonly onChange: (pcIds: string[]) => void,
    /**
     * A booking that may have been counted as a no-show was moved or
     * cancelled: its day's figures are counted again (UsageLedger.bookingChanged,
     * wherever the change comes from: the console, the command line).
     */
    private readonly noShowsChanged: (pcId: string, startsAt: number, now: number) => void,
  ) {}

  private parse(text: string, field: 'start' | 'end'): number {
    const site = this.store.site()!;
    const parsed = parseSiteDateTime(text, site.timeZone);
    if (!parsed.ok) throw new HubError(400, `${field}-${parsed.reason}`, `${field}: ${parsed.detail}`, field);
    return parsed.at;
  }

  private check(pcId: string, startsAt: number, endsAt: number, now: number, except?: string): void {
    const pc = this.store.pc(pcId);
    if (!pc || pc.revoked) throw new HubError(404, 'unknown-pc', `there is no PC "${pcId}" at this site`, 'pcId');
    const problem = checkSlot({ startsAt, endsAt }, now);
    if (problem) throw new HubError(400, problem.reason, SLOT_TEXT[problem.reason], problem.field);
    const site = this.store.site()!;
    const far = checkHorizon(startsAt, now, site.timeZone, site.policy.bookings?.maxDaysAhead ?? DEFAULT_MAX_DAYS_AHEAD);
    if (far) throw new HubError(400, far.reason, horizonText(far), far.field);
    // Existing bookings stay when the hours change; a new or moved one must lie inside them.
    const closed = site.policy.openingHours && openingProblem({ startsAt, endsAt }, site.timeZone, site.policy.openingHours);
    if (closed) throw new HubError(400, closed.reason, closed.detail, closed.field);
    const clash = findOverlap(this.store.liveBookings(now, pcId).filter((b) => b.id !== except), { startsAt, endsAt });
    if (clash) {
      const zone = this.store.site()!.timeZone;
      throw new HubError(
        409,
        'overlap',
        `${pc.name} is already booked ${formatSiteDateTime(clash.startsAt, zone).slice(11, 16)}–${formatSiteDateTime(clash.endsAt, zone).slice(11, 16)}`,
        'start',
      );
    }
  }

  /**
   * A new booking with a new 6-digit code. `given` is for IT and tests only
   * (the preview's test route): a code of their own, 4 or 6 digits, as the
   * booking sources bring; the console never sends one.
   */
  create(input: { pcId: string; start: string; end: string }, actor: string, now: number, given?: string): { booking: BookingView; code: string } {
    const startsAt = this.parse(input.start, 'start');
    const endsAt = this.parse(input.end, 'end');
    const problem = given === undefined ? undefined : codeProblem(given);
    if (problem) throw new HubError(400, 'bad-code', problem, 'code');
    return this.store.transaction(() => {
      this.check(input.pcId, startsAt, endsAt, now);
      const code = given ?? generateCode();
      const booking = { id: `b-${randomBytes(5).toString('hex')}`, pcId: input.pcId, startsAt, endsAt, ...bookingCode(this.store.site()!.codeKey, code) };
      this.store.addBooking(booking, actor, now);
      this.store.audit(now, actor, 'booking created', booking.id, { pcId: booking.pcId, startsAt, endsAt });
      this.onChange([booking.pcId]);
      return { booking: view(booking), code };
    });
  }

  move(id: string, input: { start: string; end: string; pcId?: string | undefined }, actor: string, now: number): BookingView {
    const startsAt = this.parse(input.start, 'start');
    const endsAt = this.parse(input.end, 'end');
    return this.store.transaction(() => {
      const existing = this.store.booking(id);
      if (!existing || existing.cancelled) throw new HubError(404, 'unknown-booking', `there is no booking "${id}"`);
      refuseImported(existing, 'move');
      const pcId = input.pcId ?? existing.pcId;
      this.check(pcId, startsAt, endsAt, now, id);
      this.store.moveBooking(id, pcId, startsAt, endsAt, now);
      // Moved to a new time, it is not a no-show (yet); where it was, the day is counted again.
      this.store.db.prepare('UPDATE bookings SET no_show_at = NULL WHERE id = ?').run(id);
      this.noShowsChanged(existing.pcId, existing.startsAt, now);
      this.store.audit(now, actor, 'booking moved', id, { from: { pcId: existing.pcId, startsAt: existing.startsAt, endsAt: existing.endsAt }, to: { pcId, startsAt, endsAt } });
      this.onChange([...new Set([existing.pcId, pcId])]);
      return view({ ...existing, pcId, startsAt, endsAt });
    });
  }

  cancel(id: string, actor: string, now: number): void {
    this.store.transaction(() => {
      const existing = this.store.booking(id);
      if (!existing || existing.cancelled) throw new HubError(404, 'unknown-booking', `there is no booking "${id}" to cancel`);
      refuseImported(existing, 'cancel');
      this.store.cancelBooking(id, now);
      this.noShowsChanged(existing.pcId, existing.startsAt, now);
      this.store.audit(now, actor, 'booking cancelled', id, { pcId: existing.pcId });
      this.onChange([existing.pcId]);
    });
  }
}
