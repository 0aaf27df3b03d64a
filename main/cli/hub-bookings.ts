import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatSiteDateTime } from '../core/site-time';
import { HubBookings, HubError } from '../hub/bookings';
import { HubStore } from '../hub/hub-store';
import { UsageLedger } from '../hub/usage-ledger';
import { CommandError, type AddedBooking, type BookingView } from './bookings';

/** Where a hub's database is: the data folder of a headless hub, or the hub embedded in a PC. */
export function hubDatabase(dataDir: string, hubDataDir: string | undefined): string | undefined {
  const candidates = hubDataDir ? [join(hubDataDir, 'hub.sqlite')] : [join(dataDir, 'hub', 'hub.sqlite')];
  return candidates.find((file) => existsSync(file));
}

/**
 * Runs an action on the site hub's database through the hub's own rules
 * (codes made with the site key, overlaps refused, every change audited,
 * a moved or cancelled booking's no-shows counted again by the hub's own
 * ledger). A running hub notices the change and pushes it to the PCs within
 * a second. The action may be async: the database closes when it settles.
 */
export function withHub<T>(file: string, action: (bookings: HubBookings, store: HubStore) => T): T {
  const store = new HubStore(file);
  const fail = (error: unknown): never => {
    if (error instanceof HubError) throw new CommandError(error.error, error.message, error.field);
    throw error;
  };
  let result: T;
  try {
    if (!store.site()) throw new CommandError('no-site', `${file} holds no site yet: start the hub once first`);
    const ledger = new UsageLedger(store);
    result = action(new HubBookings(store, () => undefined, (pcId, startsAt, at) => ledger.bookingChanged(pcId, startsAt, at)), store);
  } catch (error) {
    store.close();
    return fail(error);
  }
  if (result instanceof Promise) return result.catch(fail).finally(() => store.close()) as T;
  store.close();
  return result;
}

export function addAtHub(file: string, input: { pc: string | undefined; start: string | undefined; end: string | undefined; code?: string | undefined }, now: number): AddedBooking {
  if (!input.pc) throw new CommandError('missing-option', '--pc is required', 'pc');
  if (!input.start) throw new CommandError('missing-option', '--start is required, e.g. --start 2026-11-23T14:00', 'start');
  if (!input.end) throw new CommandError('missing-option', '--end is required, e.g. --end 2026-11-23T15:00', 'end');
  return withHub(file, (bookings, store) => {
    const made = bookings.create({ pcId: input.pc!, start: input.start!, end: input.end! }, 'cli', now, input.code);
    const zone = store.site()!.timeZone;
    const pc = store.pc(made.booking.pcId);
    const notes = pc && !pc.lastSeen ? [`${pc.name} has not connected to the hub yet; it gets the booking when it does`] : [];
    return {
      id: made.booking.id,
      pc: made.booking.pcId,
      start: formatSiteDateTime(made.booking.startsAt, zone),
      end: formatSiteDateTime(made.booking.endsAt, zone),
      code: made.code,
      notes,
    };
  });
}

export function listAtHub(file: string, now: number, pc: string | undefined): BookingView[] {
  return withHub(file, (_bookings, store) => {
    const zone = store.site()!.timeZone;
    return store.liveBookings(now, pc).map((b) => ({
      id: b.id,
      pc: b.pcId,
      start: formatSiteDateTime(b.startsAt, zone),
      end: formatSiteDateTime(b.endsAt, zone),
      status: b.startsAt <= now ? 'now' : 'upcoming',
    }));
  });
}

export function cancelAtHub(file: string, id: string | undefined, now: number): BookingView {
  if (!id) throw new CommandError('missing-argument', 'give the id of the booking to cancel (see "bookings list")', 'id');
  return withHub(file, (bookings, store) => {
    const booking = store.booking(id);
    bookings.cancel(id, 'cli', now);
    const zone = store.site()!.timeZone;
    return { id, pc: booking!.pcId, start: formatSiteDateTime(booking!.startsAt, zone), end: formatSiteDateTime(booking!.endsAt, zone), status: 'cancelled' };
  });
}
