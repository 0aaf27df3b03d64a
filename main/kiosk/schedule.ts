import { inSession } from '../core/session-machine';
import { latestSessionEnd } from '../core/session-bounds';
import type { StoredBooking } from '../store/bookings';
import { watchForeignWrites } from '../store/watch';
import type { ScheduleEntry } from '../../preload/hub-contract';
import type { KioskContext } from './feature';

export interface Schedule {
  /** The PC's live bookings, as last read from its database. */
  bookings(): readonly StoredBooking[];
  /** Re-reads the bookings (another process, or the same connection, changed them). */
  reloadFromStore(): void;
  /** The hub's schedule for this PC replaces the cached one (the hub wins). */
  replace(entries: readonly ScheduleEntry[]): { added: number; changed: number; cancelled: number };
}

/**
 * The PC's own copy of its schedule: read from its database at start, again
 * whenever another connection (the command line) writes, and replaced by the
 * hub's. A booking added during a session shortens it to keep the gap.
 */
export function setupSchedule(ctx: KioskContext): Schedule {
  const { store, clock, scheduler } = ctx.deps;
  let bookings: StoredBooking[] = [];

  const reload = () => {
    bookings = store.bookings.live(ctx.config.pc.id, clock.now());
  };

  /** A booking added during a walk-in (or an extension) shortens the session to keep its gap. */
  const clampToBookings = () => {
    const state = ctx.state;
    if (!inSession(state)) return;
    const s = state.session;
    const latest = latestSessionEnd(s, bookings, clock.now(), ctx.config);
    if (latest < s.endsAt) {
      ctx.log.warn('session shortened by a new booking', { session: s.id });
      ctx.dispatch({ type: 'clamp', latestEnd: latest });
    }
  };

  const schedule: Schedule = {
    bookings: () => bookings,
    reloadFromStore() {
      reload();
      ctx.log.info('bookings changed', { bookings: bookings.length });
      clampToBookings();
      ctx.emit();
    },
    replace(entries) {
      const pcId = ctx.config.pc.id;
      const rows = entries.map((e) => ({ id: e.id, pcId, startsAt: e.startsAt, endsAt: e.endsAt, codeHash: Buffer.from(e.codeHash, 'base64') }));
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
  });
  return schedule;
}
