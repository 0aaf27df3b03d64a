import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import type { Db } from '../store/database';
import { DEFAULT_TIME_ZONE } from '../core/site-time';
import { siteDayAndHour } from './figures';
import { CITY_SYNC_VERSION, MAX_BATCH_RECORDS, SUPPRESSED, SyncReceipt, type SyncBatch, type SyncRecord } from '../../preload/city-contract';

/** Where the site's figures go: the city's receiver, this site's id there and its token. */
export interface CityTarget {
  url: string;
  siteId: string;
  token: string;
  /** The receiver's CA, when it is not one the system trusts (a city's own CA, the preview). */
  caPem?: string | undefined;
}

export interface CitySyncStatus {
  configured: boolean;
  url?: string | undefined;
  siteId?: string | undefined;
  /** Records waiting for the receiver's confirmation that may go now. */
  pending: number;
  /** Records that wait for their day (or month) to begin, or that the receiver called future a moment ago. */
  notYetDue: number;
  lastOkAt?: number | undefined;
  lastError?: string | undefined;
  lastErrorAt?: number | undefined;
  nextAttemptAt?: number | undefined;
}

const MAX_ANSWER_BYTES = 64 * 1024;
/** Gives up on one attempt after this long (the next one comes with backoff). */
const ATTEMPT_TIMEOUT_MS = 15_000;
/** Backoff between failed attempts: 2 s doubling up to an hour, each with ±50 % jitter. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60 * 60_000;
/** New figures wait this long before a send, so a burst of events goes as one batch. */
const GATHER_MS = 2_000;
/** Even without news, the outbox is looked at this often (a target set from the command line, a missed kick, a new day). */
const CHECK_EVERY_MS = 5 * 60_000;
/** Records the receiver calls future (its clock or zone behind the site's) wait this long before they are offered again. */
const FUTURE_HOLD_MS = 60 * 60_000;

/**
 * Which unconfirmed records may go now. A period that has not begun in the
 * site's zone (today or earlier for a day, this month or earlier for a
 * month) never goes: nothing can have happened on it, and the receiver
 * refuses it. Days (months) from a held one on wait too: the receiver
 * called that one future a moment ago, so it would call the later ones so.
 */
export interface SendWindow {
  /** The site's today, YYYY-MM-DD. */
  today: string;
  heldDaysFrom?: string | undefined;
  heldMonthsFrom?: string | undefined;
}

const DUE = `revision > acked_revision AND period <= substr(:today, 1, length(period))
  AND NOT (length(period) = 10 AND period >= :heldDays) AND NOT (length(period) = 7 AND period >= :heldMonths)`;

const windowParams = (window: SendWindow) => ({ today: window.today, heldDays: window.heldDaysFrom ?? '9999', heldMonths: window.heldMonthsFrom ?? '9999' });

/** The site's today in its own time zone (the hub's site row). */
export function siteToday(db: Db, now: number): string {
  const row = db.prepare('SELECT time_zone FROM site WHERE id = 1').get() as { time_zone: string } | undefined;
  return siteDayAndHour(now, row?.time_zone ?? DEFAULT_TIME_ZONE).day;
}

/** The city target stored at the hub (set with `tupa hub city set`). */
export function readCityTarget(db: Db): CityTarget | undefined {
  const row = db.prepare('SELECT url, site_id, token, ca_pem FROM city_sync WHERE id = 1').get() as
    | { url: string; site_id: string; token: string; ca_pem: string | null }
    | undefined;
  return row ? { url: row.url, siteId: row.site_id, token: row.token, caPem: row.ca_pem ?? undefined } : undefined;
}

export function writeCityTarget(db: Db, target: CityTarget | undefined): void {
  if (!target) {
    db.prepare('DELETE FROM city_sync WHERE id = 1').run();
    return;
  }
  const before = readCityTarget(db);
  const url = target.url.replace(/\/+$/, '');
  // Another receiver, or another site there: it has none of the figures yet, so all of them go again.
  if (before && (before.url !== url || before.siteId !== target.siteId)) db.prepare('UPDATE city_records SET acked_revision = 0').run();
  db.prepare(
    `INSERT INTO city_sync (id, url, site_id, token, ca_pem) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, site_id = excluded.site_id, token = excluded.token, ca_pem = excluded.ca_pem,
       last_error = NULL, last_error_at = NULL`,
  ).run(url, target.siteId, target.token, target.caPem ?? null);
}

/** How the sync stands at `now`: `window` (default: the site's today, nothing held) says which records may go. */
export function citySyncStatus(db: Db, now: number, options: { nextAttemptAt?: number | undefined; window?: SendWindow } = {}): CitySyncStatus {
  const row = db.prepare('SELECT url, site_id, last_ok_at, last_error, last_error_at FROM city_sync WHERE id = 1').get() as
    | { url: string; site_id: string; last_ok_at: number | null; last_error: string | null; last_error_at: number | null }
    | undefined;
  const window = options.window ?? { today: siteToday(db, now) };
  const { due } = db.prepare(`SELECT count(*) AS due FROM city_records WHERE ${DUE}`).get(windowParams(window)) as { due: number };
  const { all } = db.prepare('SELECT count(*) AS "all" FROM city_records WHERE revision > acked_revision').get() as { all: number };
  if (!row) return { configured: false, pending: due, notYetDue: all - due };
  return {
    configured: true,
    url: row.url,
    siteId: row.site_id,
    pending: due,
    notYetDue: all - due,
    lastOkAt: row.last_ok_at ?? undefined,
    lastError: row.last_error ?? undefined,
    lastErrorAt: row.last_error_at ?? undefined,
    nextAttemptAt: options.nextAttemptAt,
  };
}

/**
 * Every record goes again, at a new revision, so the hub's values win at the
 * receiver even over ones it sent before a restore from an older backup.
 * Returns how many.
 */
export function resendAll(db: Db, now: number): number {
  return db.prepare('UPDATE city_records SET revision = max(revision + 1, ?), acked_revision = 0').run(now).changes;
}

/** The records the receiver has not confirmed at their current revision and that may go now, oldest period first. */
export function pendingRecords(db: Db, window: SendWindow, limit = MAX_BATCH_RECORDS): SyncRecord[] {
  const rows = db
    .prepare(`SELECT period, metric, value, revision FROM city_records WHERE ${DUE} ORDER BY period, metric LIMIT :limit`)
    .all({ ...windowParams(window), limit }) as Array<{ period: string; metric: string; value: string; revision: number }>;
  return rows.map((r) => ({ period: r.period, metric: r.metric, value: r.value === SUPPRESSED ? SUPPRESSED : Number(r.value), revision: r.revision }) as SyncRecord);
}

/** The receiver holds these records at (at least) these revisions. */
export function confirmRecords(db: Db, records: readonly SyncRecord[]): void {
  const confirm = db.prepare('UPDATE city_records SET acked_revision = max(acked_revision, ?) WHERE period = ? AND metric = ?');
  db.transaction(() => {
    for (const r of records) confirm.run(r.revision, r.period, r.metric);
  })();
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    /** A 4xx answer's details: its code, and the JSON path it names (e.g. records[3].value). */
    readonly refusal?: { status: number; error: string; field?: string | undefined },
  ) {
    super(message);
  }
}

/** A receiver's error body (CityError), as far as it is one. */
function errorBody(text: string): { message: string; error: string; field?: string | undefined } {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown; field?: unknown };
    return { message: String(body.message ?? ''), error: String(body.error ?? ''), field: typeof body.field === 'string' ? body.field : undefined };
  } catch {
    return { message: '', error: '' };
  }
}

/** POSTs one batch; resolves with the receipt, or rejects with a message fit for IT (no token, no values). */
export function postBatch(target: CityTarget, batch: SyncBatch, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<SyncReceipt> {
  const url = new URL(`${target.url}/api/v1/figures`);
  const body = Buffer.from(JSON.stringify(batch));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${target.token}` },
        ...(target.caPem ? { ca: target.caPem } : {}),
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          // A receipt is a few dozen bytes; an error body a few hundred.
          if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`the receiver's answer is over ${MAX_ANSWER_BYTES / 1024} KB`));
          else chunks.push(c);
        });
        res.on('error', (e) => reject(new SendError(`the answer broke off: ${e.message}`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status === 200) {
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              return reject(new SendError('the receiver answered 200 with something that is not JSON'));
            }
            const receipt = SyncReceipt.safeParse(json);
            return receipt.success ? resolve(receipt.data) : reject(new SendError('the receiver answered 200 without a receipt'));
          }
          const { message, error, field } = errorBody(text);
          const retryAfter = Number(res.headers['retry-after']);
          reject(
            new SendError(`HTTP ${status}${message ? `: ${message.slice(0, 200)}` : ''}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined, {
              status,
              error,
              field,
            }),
          );
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    // The socket timeout only counts silence: a receiver that trickles bytes meets this deadline instead.
    const deadline = setTimeout(() => req.destroy(new Error(`no complete answer within ${Math.round((2 * timeoutMs) / 1000)} s`)), 2 * timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', (e: Error & { code?: string }) => reject(new SendError(e.code && !e.message.includes(e.code) ? `${e.code}: ${e.message}` : e.message)));
    req.end(body);
  });
}

/** What one attempt came to: nothing to send, all sent, failed, or a refused record put out of the way (the rest go next). */
type Attempt = 'idle' | 'sent' | 'failed' | 'cleared';

/**
 * Sends the site's figures to the city from the durable outbox
 * (city_records): batch after batch of records whose revision the receiver
 * has not confirmed. A failed attempt is retried with exponential backoff
 * and jitter; a repeated or lost answer does no harm, since every record is
 * the full current value at a revision. No refused record holds the others
 * up: one the receiver refuses for what it is is set aside, one it calls
 * future waits an hour, and the next batch goes at once.
 */
export class CitySync {
  private timer: Scheduled | undefined;
  private check: Scheduled | undefined;
  private running = false;
  private stopped = false;
  private failures = 0;
  private nextAt: number | undefined;
  private hold: { days?: string; months?: string; until: number } | undefined;
  private readonly deps: { db: Db; clock: Clock; scheduler: Scheduler; logger: Logger; timeoutMs?: number; random?: () => number };

  constructor(deps: { db: Db; clock: Clock; scheduler: Scheduler; logger: Logger; timeoutMs?: number; random?: () => number }) {
    this.deps = deps;
  }

  start(): void {
    this.stopped = false;
    this.check = this.deps.scheduler.every(CHECK_EVERY_MS, () => {
      if (this.nextAt === undefined) this.schedule(0);
    });
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.check?.cancel();
  }

  /** New figures: sent shortly, unless a retry is already waiting (the backoff holds). */
  kick(): void {
    if (this.nextAt === undefined && this.failures === 0) this.schedule(GATHER_MS);
  }

  /** Sends now, whatever the backoff (IT's "sync now"). */
  now(): void {
    this.failures = 0;
    this.schedule(0);
  }

  status(): CitySyncStatus {
    return citySyncStatus(this.deps.db, this.deps.clock.now(), { nextAttemptAt: this.nextAt, window: this.window() });
  }

  /** Resolves when nothing is pending or an attempt did not send its batch (tests, the preview's "sync now"). */
  async drain(): Promise<CitySyncStatus> {
    for (;;) {
      const before = this.status();
      if (!before.configured || before.pending === 0) return before;
      if ((await this.attempt()) !== 'sent') return this.status();
    }
  }

  /** Which records may go now: the site's today, and what the receiver called future within the hour. */
  private window(): SendWindow {
    const now = this.deps.clock.now();
    if (this.hold && this.hold.until <= now) this.hold = undefined;
    return { today: siteToday(this.deps.db, now), heldDaysFrom: this.hold?.days, heldMonthsFrom: this.hold?.months };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.nextAt = this.deps.clock.now() + delayMs;
    this.timer = this.deps.scheduler.at(this.nextAt, () => {
      this.nextAt = undefined;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    const result = await this.attempt();
    if (this.stopped || result === 'idle') return;
    if (result === 'sent' || result === 'cleared') {
      // A record put out of the way is progress, not a failure: the rest go at once.
      if (result === 'sent') this.failures = 0;
      if (this.status().pending > 0) this.schedule(0);
      return;
    }
    this.failures++;
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(this.failures - 1, 20));
    const jittered = Math.round(base * (0.5 + (this.deps.random ?? Math.random)()));
    this.schedule(Math.max(jittered, this.retryAfterMs ?? 0));
  }

  private retryAfterMs: number | undefined;

  /**
   * A record the receiver refuses (400 naming records[i]) would block every
   * record behind it. One refused for what it is (a value, a period before
   * 2020) is set aside: marked as confirmed at its revision, so a later
   * change sends it again, and named in the log. One it calls future (its
   * clock or zone behind the site's) waits an hour, with every later period
   * of its kind. Returns what was done, for the status; undefined when the
   * refusal names no record.
   */
  private clearRefused(records: readonly SyncRecord[], error: unknown): string | undefined {
    const refusal = error instanceof SendError ? error.refusal : undefined;
    if (refusal?.status !== 400 || !refusal.field) return undefined;
    const index = /^records\[(\d+)\]/.exec(refusal.field)?.[1];
    const record = index === undefined ? undefined : records[Number(index)];
    if (!record) return undefined;
    if (refusal.error === 'future') {
      const now = this.deps.clock.now();
      const kind = record.period.length === 10 ? 'days' : 'months';
      // The batch held nothing already held, so this period is earlier than any held one of its kind.
      this.hold = { ...(this.hold && this.hold.until > now ? this.hold : {}), [kind]: record.period, until: now + FUTURE_HOLD_MS };
      this.deps.logger.warn('the city receiver calls figures future (its clock or time zone differs from the site\'s); they wait an hour', { from: record.period });
      return `${kind} from ${record.period} wait an hour`;
    }
    confirmRecords(this.deps.db, [record]);
    const name = `${record.period} ${record.metric}`;
    this.deps.logger.error('a figure the city receiver refuses was set aside', { figure: name, error: refusal.error });
    return `${name} set aside`;
  }

  /** One batch of the records that may go now. */
  private async attempt(): Promise<Attempt> {
    if (this.running) return 'idle';
    const { db, clock, logger } = this.deps;
    const target = readCityTarget(db);
    if (!target) return 'idle';
    const records = pendingRecords(db, this.window());
    if (records.length === 0) return 'idle';
    this.running = true;
    this.retryAfterMs = undefined;
    const batch: SyncBatch = { version: CITY_SYNC_VERSION, site: target.siteId, batchId: randomUUID(), records };
    try {
      const receipt = await postBatch(target, batch, this.deps.timeoutMs);
      // Stopped meanwhile (the hub is shutting down): the database may be closed; the next start sends again.
      if (this.stopped) return 'idle';
      confirmRecords(db, records);
      db.prepare('UPDATE city_sync SET last_ok_at = ?, last_error = NULL, last_error_at = NULL WHERE id = 1').run(clock.now());
      logger.info('figures sent to the city', { records: records.length, stored: receipt.stored, unchanged: receipt.unchanged });
      return 'sent';
    } catch (error) {
      if (this.stopped) return 'idle';
      const cleared = this.clearRefused(records, error);
      const message = `${(error as Error).message}${cleared ? ` (${cleared}; the rest go on)` : ''}`;
      this.retryAfterMs = error instanceof SendError ? error.retryAfterMs : undefined;
      db.prepare('UPDATE city_sync SET last_error = ?, last_error_at = ? WHERE id = 1').run(message.slice(0, 300), clock.now());
      if (cleared) return 'cleared';
      logger.warn('figures not sent to the city; will retry', { records: records.length, error: message.slice(0, 300) });
      return 'failed';
    } finally {
      this.running = false;
    }
  }
}
