import { inSession } from '../core/session-machine';
import { latestSessionEnd } from '../core/session-bounds';
import { holdingBookings, useFromSessions, type BookingUse } from '../core/release';
import type { StoredBooking } from '../store/bookings';
import { watchForeignWrites } from '../store/watch';
import type { ScheduleEntry } from '../../preload/hub-contract';
import type { KioskContext } from './feature';
import type { Opening } from './opening';

export interface Schedule {
  /** The PC's live bookings, as last read from its database (every code that may still check in). */
  bookings(): readonly StoredBooking[];
  /**
   * The bookings that still hold the PC now: without the no-shows past their
   * hold time and the bookings whose session ended early (both free for
   * walk-ins until they end). Walk-ins, extensions and the welcome screen go by these.
   */
  holding(): readonly StoredBooking[];
  /** Re-reads the bookings (another process, or the same connection, changed them). */
  reloadFromStore(): void;
  /** The hub's schedule for this PC replaces the cached one (the hub wins). */
  replace(entries: readonly ScheduleEntry[]): { added: number; changed: number; cancelled: number };
}

/**
 * The PC's own copy of its schedule: read from its database at start, again
 * whenever another connection (the command line) writes, and replaced by the
 * hub's. A booking added during a session, or a change of opening hours,
 * shortens it to keep the gap and end by closing.
 */
export function setupSchedule(ctx: KioskContext, opening: Opening): Schedule {
  const { store, clock, scheduler } = ctx.deps;
  let bookings: StoredBooking[] = [];
  /** What this PC's sessions say of each booking (read again when a session starts or ends). */
  let uses = new Map<string, BookingUse>();

  const readUses = () => {
    uses = new Map();
    for (const b of bookings) {
      const use = useFromSessions(store.sessions.ofBooking(b.id));
      if (use) uses.set(b.id, use);
    }
  };

  const reload = () => {
    bookings = store.bookings.live(ctx.config.pc.id, clock.now());
    readUses();
  };

  const holding = () => holdingBookings(bookings, clock.now(), ctx.config.checkIn, (id) => uses.get(id));

  /** A booking added during a walk-in (or an extension), or closing brought forward, shortens the session. */
  const clamp = (why: string) => {
    const state = ctx.state;
    if (!inSession(state)) return;
    const s = state.session;
    const latest = latestSessionEnd(s, holding(), clock.now(), ctx.config, opening.closesAt());
    if (latest < s.endsAt) {
      ctx.log.warn(`session shortened by ${why}`, { session: s.id });
      ctx.dispatch({ type: 'clamp', latestEnd: latest });
    }
  };

  const schedule: Schedule = {
    bookings: () => bookings,
    holding,
    reloadFromStore() {
      reload();
      ctx.log.info('bookings changed', { bookings: bookings.length });
      clamp('a new booking');
      ctx.emit();
    },
    replace(entries) {
      const pcId = ctx.config.pc.id;
      const rows = entries.map((e) => ({ id: e.id, pcId, startsAt: e.startsAt, endsAt: e.endsAt, codeHash: Buffer.from(e.codeHash, 'base64'), codeLength: e.codeLength }));
      const change = store.bookings.replaceFor(pcId, rows, clock.now());
      schedule.reloadFromStore();
      return change;
    },
  };

  ctx.register({
    start() {
      reload();
      const watch = watchForeignWrites(store.db, scheduler, ctx.guarded('reload bookings', () => schedule.reloadFromStore()));
      ctx.whileRunning(() => watch.cancel());
    },
    effect(effect) {
      // A booked session started or ended: its booking holds the PC, or lets the rest go.
      if ((effect.type === 'record-start' || effect.type === 'record-end') && effect.session.bookingId !== undefined) readUses();
    },
    policyChanged() {
      clamp('a change of opening hours');
    },
  });
  return schedule;
}
