import { DateTime } from 'luxon';
import type { Statement } from 'better-sqlite3';
import type { HubStore } from './hub-store';
import { eventTimeProblem } from '../core/plausible-time';
import type { Logger } from '../log/logger';
import { DAILY_METRICS } from '../../preload/city-contract';
import { dailyTotals, eventMetrics, monthlyBreakdown, monthOf, siteDayAndHour } from '../sync/figures';

/** A usage event as the ledger takes it: its id names the fact, so a repeat is stored once. */
export interface LedgerEvent {
  id: string;
  at: number;
  type: string;
  data: Record<string, unknown>;
}

/** How early a booked session may start and still be its booking's check-in (the check-in window is shorter). */
const CHECK_IN_SLACK_MS = 60 * 60_000;
/** A policy stored by an older release has no hold time: the policy's default. */
const DEFAULT_HOLD_MINUTES = 10;
/** Refused events named one by one in the log, per batch (the rest as a count). */
const REFUSALS_NAMED = 5;

/**
 * The hub's usage figures. Every event is stored once (by id) and, in the
 * same transaction, added to its PC's daily aggregates in the site's time
 * zone; the site-level records the city receives are then recomputed for
 * the days and months it touched, each change as a new revision in the
 * outbox. So an event arriving a month late lands in its own day, and a
 * repeated one changes nothing. An event whose time cannot be true (before
 * 2020, older than any retention, ahead of the hub's clock) is refused and
 * named in the log; the caller still confirms it, so the PC's outbox moves on.
 * Days not yet begun get no records: nothing has happened on them.
 */
export class UsageLedger {
  private readonly store: HubStore;
  private readonly logger: Logger | undefined;
  private readonly add: Statement;
  private readonly upsertRecord: Statement;
  private readonly insertEvent: Statement;
  private readonly markSeen: Statement;
  private readonly checkInBooking: Statement;
  /** Called after new figures were recorded (the city sync sends them). */
  onChange: (() => void) | undefined;

  constructor(store: HubStore, logger?: Logger) {
    this.store = store;
    this.logger = logger;
    this.add = store.db.prepare(
      'INSERT INTO usage_daily (day, pc_id, metric, value) VALUES (?, ?, ?, ?) ON CONFLICT (day, pc_id, metric) DO UPDATE SET value = value + excluded.value',
    );
    this.markSeen = store.db.prepare('INSERT INTO usage_seen (id) VALUES (?) ON CONFLICT (id) DO NOTHING');
    this.insertEvent = store.db.prepare('INSERT INTO usage_events (id, at, pc_id, type, data, received_at) VALUES (?, ?, ?, ?, ?, ?)');
    // One booking per check-in: the one running at that moment, else the next one starting within the slack.
    this.checkInBooking = store.db.prepare(
      `UPDATE bookings SET checked_in_at = :at WHERE id = (
         SELECT id FROM bookings WHERE pc_id = :pc AND cancelled_at IS NULL AND checked_in_at IS NULL AND starts_at - :slack <= :at AND ends_at > :at
         ORDER BY starts_at > :at, starts_at LIMIT 1)
       RETURNING starts_at, no_show_at`,
    );
    // Revisions only grow, and never below the hub's clock: a hub restored from an older backup still outranks what it sent before.
    this.upsertRecord = store.db.prepare(
      `INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES (:period, :metric, :value, :now, 0, :now)
       ON CONFLICT (period, metric) DO UPDATE SET value = excluded.value, revision = max(city_records.revision + 1, excluded.revision), updated_at = excluded.updated_at
       WHERE city_records.value <> excluded.value`,
    );
  }

  private get zone(): string {
    return this.store.site()!.timeZone;
  }

  /**
   * Stores a PC's events (each once) and adds the new ones to the figures;
   * returns how many were new. Times are on the hub's clock; one ahead of
   * it counts as now (beyond the leeway with a warning for IT), one before
   * 2020 or older than any retention is refused (see eventTimeProblem).
   */
  record(pcId: string, events: readonly LedgerEvent[], now: number): number {
    const zone = this.zone;
    const touched = new Set<string>();
    const refused: string[] = [];
    const ahead: string[] = [];
    let added = 0;
    this.store.db.transaction(() => {
      for (const raw of events) {
        const problem = eventTimeProblem(raw.at, now);
        if (problem && problem.reason !== 'in-the-future') {
          // Seen all the same, so a PC sending it again (its confirmation lost) is not named again.
          if (this.markSeen.run(raw.id).changes === 1) refused.push(`${raw.type}: ${problem.detail}`);
          continue;
        }
        // Ahead of the hub's clock: counted now. The skew it was corrected by was measured at the last
        // heartbeat, and a PC's clock stepped since (NTP, a test clock) must not lose a session.
        const event = raw.at > now ? { ...raw, at: now } : raw;
        // Each fact once, by its id, even long after its raw row was deleted (the ids are kept, nothing else).
        if (this.markSeen.run(event.id).changes !== 1) continue;
        if (problem) ahead.push(`${raw.type}: ${problem.detail}`);
        this.insertEvent.run(event.id, event.at, pcId, event.type, JSON.stringify(event.data), now);
        added++;
        const { day, add } = eventMetrics(event, zone);
        for (const [metric, n] of add) if (n > 0) this.add.run(day, pcId, metric, n);
        touched.add(day);
        if (event.type === 'session-started' && event.data.kind === 'booked') this.checkIn(pcId, event.at, zone, touched);
      }
      this.refresh(touched, now);
    })();
    if (refused.length > 0) this.logRefused(pcId, refused);
    for (const what of ahead.slice(0, REFUSALS_NAMED)) this.logger?.warn('usage event counted at the hub\'s now: its time was ahead (check the PC\'s clock)', { pc: pcId, event: what });
    if (added > 0) this.onChange?.();
    return added;
  }

  /** IT reads which PC sent events with impossible times, of what type and how far off (never the time itself). */
  private logRefused(pcId: string, refused: readonly string[]): void {
    for (const what of refused.slice(0, REFUSALS_NAMED)) this.logger?.warn('usage event refused: its time cannot be true (check the PC\'s clock)', { pc: pcId, event: what });
    if (refused.length > REFUSALS_NAMED) {
      this.logger?.warn('more usage events refused for their times', { pc: pcId, count: refused.length - REFUSALS_NAMED });
    }
  }

  /**
   * Bookings not checked in within the policy's hold time (checkIn.holdMinutes)
   * become no-shows at once, counted on their own day: the PC lets them go
   * for walk-ins at the same moment. A PC's late check-in event still undoes
   * one (checkIn below). Returns how many.
   */
  sweepNoShows(now: number): number {
    const holdMs = (this.store.site()!.policy.checkIn?.holdMinutes ?? DEFAULT_HOLD_MINUTES) * 60_000;
    const zone = this.zone;
    const touched = new Set<string>();
    let count = 0;
    this.store.db.transaction(() => {
      const rows = this.store.db
        .prepare(
          `UPDATE bookings SET no_show_at = ? WHERE starts_at <= ? AND cancelled_at IS NULL AND checked_in_at IS NULL AND no_show_at IS NULL
           RETURNING pc_id, starts_at`,
        )
        .all(now, now - holdMs) as Array<{ pc_id: string; starts_at: number }>;
      count = rows.length;
      const days = new Map(rows.map((r) => [`${siteDayAndHour(r.starts_at, zone).day} ${r.pc_id}`, r]));
      for (const r of days.values()) touched.add(this.recountNoShows(r.pc_id, r.starts_at, zone));
      this.refresh(touched, now);
    })();
    if (count > 0) this.onChange?.();
    return count;
  }

  /** A booking was moved or cancelled: the no-shows of its (former) day at its PC are counted again. */
  bookingChanged(pcId: string, startsAt: number, now: number): void {
    this.store.db.transaction(() => this.refresh(new Set([this.recountNoShows(pcId, startsAt, this.zone)]), now))();
    this.onChange?.();
  }

  /** A booked session started at this PC: its booking is checked in (and is no longer a no-show if it was counted as one). */
  private checkIn(pcId: string, at: number, zone: string, touched: Set<string>): void {
    const rows = this.checkInBooking.all({ at, pc: pcId, slack: CHECK_IN_SLACK_MS }) as Array<{ starts_at: number; no_show_at: number | null }>;
    for (const r of rows) if (r.no_show_at !== null) touched.add(this.recountNoShows(pcId, r.starts_at, zone));
  }

  /** Sets a PC's no-shows for the day of `startsAt` from its bookings; returns the day. */
  private recountNoShows(pcId: string, startsAt: number, zone: string): string {
    const start = DateTime.fromMillis(startsAt, { zone }).startOf('day');
    const day = start.toFormat('yyyy-MM-dd');
    const { n } = this.store.db
      .prepare(
        `SELECT count(*) AS n FROM bookings WHERE pc_id = ? AND starts_at >= ? AND starts_at < ?
         AND no_show_at IS NOT NULL AND checked_in_at IS NULL AND cancelled_at IS NULL`,
      )
      .get(pcId, start.toMillis(), start.plus({ days: 1 }).toMillis()) as { n: number };
    if (n > 0) this.store.db.prepare("INSERT INTO usage_daily (day, pc_id, metric, value) VALUES (?, ?, 'no-shows', ?) ON CONFLICT DO UPDATE SET value = excluded.value").run(day, pcId, n);
    else this.store.db.prepare("DELETE FROM usage_daily WHERE day = ? AND pc_id = ? AND metric = 'no-shows'").run(day, pcId);
    return day;
  }

  /**
   * Recomputes the site-level records of these days and of their months; a
   * changed value is a new revision. A day or month not yet begun in the
   * site's zone (a future booking moved or cancelled) gets none: nothing can
   * have happened on it, and the city would refuse it.
   */
  private refresh(touched: ReadonlySet<string>, now: number): void {
    const today = siteDayAndHour(now, this.zone).day;
    const days = [...touched].filter((day) => day <= today);
    const sums = (from: string, to: string) =>
      new Map(
        (this.store.db.prepare('SELECT metric, sum(value) AS v FROM usage_daily WHERE day >= ? AND day <= ? GROUP BY metric').all(from, to) as Array<{
          metric: string;
          v: number;
        }>).map((r) => [r.metric, r.v]),
      );
    const months = new Set<string>();
    for (const day of days) {
      months.add(monthOf(day));
      for (const [metric, value] of Object.entries(dailyTotals(sums(day, day)))) this.upsertRecord.run({ period: day, metric, value: String(value), now });
    }
    for (const month of months) {
      for (const [metric, cell] of monthlyBreakdown(sums(`${month}-01`, `${month}-31`))) this.upsertRecord.run({ period: month, metric, value: String(cell), now });
    }
  }

  /**
   * Days counted before this release knew one of the city's daily metrics
   * (pages, remote-calls) have no record of it in the outbox: they are
   * counted again, with their months' breakdowns, so what was recorded
   * before the upgrade reaches the city too. A value that is already there
   * stays as it is (no new revision). Run at start; returns how many days.
   */
  catchUpMetrics(now: number): number {
    const days = this.store.db
      .prepare(
        `SELECT u.day FROM (SELECT DISTINCT day FROM usage_daily) u LEFT JOIN city_records c ON c.period = u.day
         GROUP BY u.day HAVING count(c.metric) < ?`,
      )
      .pluck()
      .all(DAILY_METRICS.length) as string[];
    const today = siteDayAndHour(now, this.zone).day;
    const due = days.filter((day) => day <= today);
    if (due.length === 0) return 0;
    this.store.db.transaction(() => this.refresh(new Set(due), now))();
    this.onChange?.();
    return due.length;
  }

  /** A PC's (or every PC's) daily figures between two site days, inclusive. */
  pcFigures(fromDay: string, toDay: string): Array<{ day: string; pcId: string; metric: string; value: number }> {
    return (
      this.store.db
        .prepare('SELECT day, pc_id, metric, value FROM usage_daily WHERE day >= ? AND day <= ? ORDER BY day, pc_id, metric')
        .all(fromDay, toDay) as Array<{ day: string; pc_id: string; metric: string; value: number }>
    ).map((r) => ({ day: r.day, pcId: r.pc_id, metric: r.metric, value: r.value }));
  }

  /**
   * Raw events that happened and arrived before this are deleted (their
   * figures stay, and their ids in usage_seen, so a PC sending one again
   * however late adds nothing). Returns how many.
   */
  deleteRawBefore(before: number): number {
    return this.store.db.prepare('DELETE FROM usage_events WHERE received_at < ? AND at < ?').run(before, before).changes;
  }
}
