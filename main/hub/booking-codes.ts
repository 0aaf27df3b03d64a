import { codeLengthOf } from '../core/code-lengths';
import { findCodes, hashCode, openCode, pcCodeKey, sealCode } from '../core/codes';
import type { ScheduleEntry } from '../../preload/hub-contract';
import type { HubBooking, HubStore } from './hub-store';

/**
 * Booking codes at the hub. Each PC gets a key of its own (derived from the
 * site's) and only its own bookings, each code hashed with that key: what a
 * PC's data folder gives away is that PC's bookings, never another PC's
 * nor the site's key. The hub keeps each code sealed, so it can hash it for
 * whichever PC the booking is on, and again when it moves.
 */

/** What the hub stores of a new booking's code. */
export function bookingCode(siteKey: Buffer, code: string): Pick<HubBooking, 'codeHash' | 'codeSealed'> {
  return { codeHash: hashCode(siteKey, code), codeSealed: sealCode(siteKey, code) };
}

/** The key the hub gives this PC (at pairing, and in every welcome). */
export function codeKeyOf(store: HubStore, pcId: string): Buffer {
  return pcCodeKey(store.site()!.codeKey, pcId);
}

/** A PC's schedule: its own bookings ending after `from`, each code hashed with the PC's key. */
export function scheduleFor(store: HubStore, pcId: string, from: number): ScheduleEntry[] {
  const siteKey = store.site()!.codeKey;
  const key = pcCodeKey(siteKey, pcId);
  return store.liveBookings(from, pcId).map((b) => {
    const code = b.codeSealed && openCode(siteKey, b.codeSealed);
    // A code the hub could not find (sealOldCodes) goes as a hash no typed code matches.
    const codeHash = code === undefined ? hashCode(key, `unknown:${b.id}`) : hashCode(key, code);
    // A 4-digit code's length goes too (never the code), so the kiosk asks for 4 digits. Six is the
    // default and goes unsaid: a 6-digit booking's entry is exactly what PCs of an older release parse.
    const short = code !== undefined && codeLengthOf(code) === 4;
    return { id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, codeHash: codeHash.toString('base64'), ...(short ? { codeLength: 4 as const } : {}) };
  });
}

/**
 * Bookings made before PCs had keys of their own hold their code only as a
 * hash under the site's key. The hub holds that key, so it finds those
 * codes as anyone holding key and hashes could (all million tried, once
 * for every such booking, a few seconds) and seals them, so each PC can be
 * given its own hashes. Runs when the hub starts; once every live booking
 * is sealed there is nothing to do.
 */
export function sealOldCodes(store: HubStore, from: number): { sealed: number; notFound: number } {
  const old = store.unsealedBookings(from);
  if (old.length === 0) return { sealed: 0, notFound: 0 };
  const siteKey = store.site()!.codeKey;
  const found = findCodes(siteKey, old.map((b) => b.codeHash));
  let sealed = 0;
  store.transaction(() => {
    for (const b of old) {
      const code = found.get(b.codeHash.toString('hex'));
      if (code === undefined) continue;
      store.sealBooking(b.id, sealCode(siteKey, code));
      sealed++;
    }
  });
  return { sealed, notFound: old.length - sealed };
}
