import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { HOUR } from '../core/clock';
import { generateCode } from '../core/codes';
import { bookableDays, freeTimes, limitReached, whyNotFree, type FreeTimeSite, type Taken } from '../core/free-times';
import { siteDay } from '../core/site-time';
import type { Statement } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import type { BookablePc, SelfBookingAnswer, SelfBookingRequest } from '../../preload/hub-contract';
import type { HubStore } from './hub-store';
import { bookingCode } from './booking-codes';

/** Bookings a day's free times must keep clear of start up to a day before it (a long booking from the evening before). */
const DAY = 24 * HOUR;

/**
 * Self-booking at the hub: the kiosks' questions (which days, which free
 * times) and the booking itself, decided in one SQLite transaction, so two
 * kiosks taking the same time at once get one booking and one "taken".
 * The rule is main/core/free-times.ts; the limits against one person
 * booking every slot come from the site policy. The code goes back only
 * to the kiosk that asked: it is never logged nor audited.
 */
export class SelfBookingDesk {
  /** The bookings near a day (prepared once: asked at every "which times are free?"). */
  private near: Statement | undefined;

  constructor(
    private readonly deps: {
      store: HubStore;
      logger: Logger;
      /** A booking was made on these PCs: their schedules go out, the consoles hear it. */
      onChange: (pcIds: string[]) => void;
    },
  ) {}

  /** One kiosk's request, answered (a refusal carries a reason code the kiosk translates). */
  answer(kioskPcId: string, request: SelfBookingRequest, now: number): SelfBookingAnswer {
    const policy = this.deps.store.site()!.policy;
    if (!policy.selfBooking.enabled) return { kind: 'refused', reason: 'disabled' };
    switch (request.kind) {
      case 'days':
        return { kind: 'days', days: bookableDays(now, this.site()), lengths: [...policy.selfBooking.lengths].sort((a, b) => a - b) };
      case 'times':
        return this.times(request.date, now);
      case 'book':
        return this.book(kioskPcId, request, now);
    }
  }

  private site(): FreeTimeSite {
    const { timeZone, policy } = this.deps.store.site()!;
    return { zone: timeZone, hours: policy.openingHours, policy: { ...policy.selfBooking, maxDaysAhead: policy.bookings.maxDaysAhead } };
  }

  /** The PCs residents may book: paired and not revoked, in name order. */
  private pcs(): BookablePc[] {
    return this.deps.store
      .pcs()
      .filter((p) => p.paired && !p.revoked)
      .map((p) => ({ id: p.id, name: p.name, room: p.room }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fi') || a.id.localeCompare(b.id));
  }

  /** Every PC's free times on one site day. */
  times(date: string, now: number): SelfBookingAnswer {
    const site = this.site();
    const pcs = this.pcs();
    const start = DateTime.fromISO(date, { zone: site.zone }).startOf('day').toMillis();
    // The bookings that can touch this day's times (one may start the evening before, a late time may end the next day).
    this.near ??= this.deps.store.db.prepare('SELECT pc_id AS pcId, starts_at AS startsAt, ends_at AS endsAt FROM bookings WHERE cancelled_at IS NULL AND ends_at > ? AND starts_at < ?');
    const taken = this.near.all(Math.max(now, start) - DAY, start + 2 * DAY) as Taken[];
    const times = freeTimes({ date, now, site, pcIds: pcs.map((p) => p.id), taken }).map((t) => ({ pcId: t.pcId, startsAt: t.startsAt, minutes: t.minutes }));
    return { kind: 'times', date, pcs, times };
  }

  private book(kioskPcId: string, request: Extract<SelfBookingRequest, { kind: 'book' }>, now: number): SelfBookingAnswer {
    const { store } = this.deps;
    const code = generateCode();
    const outcome = store.db
      .transaction((): SelfBookingAnswer => {
        const pc = this.pcs().find((p) => p.id === request.pcId);
        if (!pc) return { kind: 'refused', reason: 'unknown-pc' };
        const site = this.site();
        const reason = whyNotFree({ startsAt: request.startsAt, minutes: request.minutes }, { now, site, taken: store.liveBookings(now, pc.id) });
        if (reason) return { kind: 'refused', reason };
        const limit = limitReached(this.counts(kioskPcId, pc.id, request.startsAt, now), store.site()!.policy.selfBooking);
        if (limit) return { kind: 'refused', reason: limit };
        const endsAt = request.startsAt + request.minutes * 60_000;
        const id = `b-${randomBytes(5).toString('hex')}`;
        store.addBooking({ id, pcId: pc.id, startsAt: request.startsAt, endsAt, source: 'self', ...bookingCode(store.site()!.codeKey, code) }, `kiosk:${kioskPcId}`, now);
        store.audit(now, `kiosk:${kioskPcId}`, 'booking created', id, { pcId: pc.id, startsAt: request.startsAt, endsAt, source: 'self' });
        return { kind: 'booked', code, pc, startsAt: request.startsAt, endsAt };
      })
      // Immediate: the command line on this machine may write the same table from its own process.
      .immediate();
    if (outcome.kind === 'booked') {
      this.deps.logger.info('self-booking made', { pc: outcome.pc.id, kiosk: kioskPcId });
      this.deps.onChange([outcome.pc.id]);
    } else if (outcome.kind === 'refused') {
      this.deps.logger.info('self-booking refused', { kiosk: kioskPcId, reason: outcome.reason });
    }
    return outcome;
  }

  private counts(kioskPcId: string, pcId: string, startsAt: number, now: number) {
    const { db } = this.deps.store;
    const day = siteDay(startsAt, this.deps.store.site()!.timeZone);
    const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    return {
      fromKioskLastHour: count("SELECT count(*) AS n FROM bookings WHERE source = 'self' AND created_by = ? AND created_at > ?", `kiosk:${kioskPcId}`, now - HOUR),
      openOnPcThatDay: count(
        "SELECT count(*) AS n FROM bookings WHERE source = 'self' AND pc_id = ? AND cancelled_at IS NULL AND ends_at > ? AND starts_at >= ? AND starts_at < ?",
        pcId,
        now,
        day.start,
        day.end,
      ),
    };
  }
}
