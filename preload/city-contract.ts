import { z } from 'zod';

/**
 * The usage-figures sync between a site hub and the city's receiver, and the
 * receiver's dashboard API. Only site-level figures cross it: daily totals,
 * and monthly breakdowns whose cells under SMALL_CELL travel as "<5".
 *
 * Every record is keyed by (site, period, metric) and carries a revision with
 * the full current value: the receiver keeps the highest revision it has
 * seen, so a repeated or reordered batch changes nothing and a late event
 * (a new revision) replaces the old value. The OpenAPI description in
 * docs/city-sync.openapi.json is generated from these schemas
 * (`npm run docs:openapi`).
 */
export const CITY_SYNC_VERSION = 1;

/** Breakdown cells below this leave the site as "<5", never as a number. */
export const SMALL_CELL = 5;
export const SUPPRESSED = '<5';

/** The most records one batch may carry; a hub sends more as several batches. */
export const MAX_BATCH_RECORDS = 1000;

export const SiteId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'a site id is 2 to 40 lower-case letters, digits or dashes');
export type SiteId = z.infer<typeof SiteId>;

export const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day is YYYY-MM-DD');
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');

/**
 * Daily site totals: exact counts (a day's total is not a breakdown cell).
 * `remote-calls`: remote help calls ("Get help on the screen", issue 16).
 * A metric is only ever added, never renamed: a hub of an older release
 * sends a subset, which the receiver takes as it is (CITY_SYNC_VERSION stays).
 */
export const DAILY_METRICS = ['sessions', 'minutes', 'help-calls', 'no-shows', 'pages', 'remote-calls'] as const;
export const DailyMetric = z.enum(DAILY_METRICS);
export type DailyMetric = z.infer<typeof DailyMetric>;

/** Fixed delay buckets (seconds, lower bounds) so that days add up to months exactly. */
export const DELAY_BUCKETS = [0, 30, 60, 120, 300, 600, 1800] as const;
/** The bucket a delay falls in, named by its lower bound: "0", "30", …, "1800" (1800 = half an hour or more). */
export function delayBucket(seconds: number): string {
  let bucket: number = DELAY_BUCKETS[0];
  for (const b of DELAY_BUCKETS) if (seconds >= b) bucket = b;
  return String(bucket);
}

export const END_REASONS = ['time-up', 'resident', 'idle', 'advisor', 'interrupted'] as const;
export const FEEDBACK_FACES = ['good', 'ok', 'bad'] as const;
/** How remote help calls ended (issue 16; main/core/remote-help.ts). */
export const REMOTE_OUTCOMES = ['resident-stopped', 'declined', 'advisor-ended', 'session-ended', 'connection-lost', 'cancelled'] as const;

const buckets = DELAY_BUCKETS.join('|');
/**
 * Monthly breakdown metrics: `language.<code>` (fi, uk, … or fi-x-selko), `hour.<00–23>`,
 * `feedback.<good|ok|bad>`, `end.<reason>`, `help-acknowledged.<bucket>`,
 * `help-resolved.<bucket>` (delay from the call in seconds, bucket lower bound);
 * remote help: `remote-wait.<bucket>`, `remote-length.<bucket>`, `remote-outcome.<reason>`,
 * and the month's totals `remote-answered` (calls an advisor accepted),
 * `remote-wait-seconds` (their seconds until accepted) and
 * `remote-shared-seconds` (seconds the page was shown). A total stands for
 * several calls, so it is "<5" whenever fewer than 5 calls stand behind it
 * (or it is itself under 5): one call's wait or length never leaves the site.
 */
export const BreakdownMetric = z
  .string()
  .regex(
    new RegExp(
      `^(language\\.[a-z]{2,3}(-x-[a-z0-9]{1,8})?|hour\\.([01]\\d|2[0-3])|feedback\\.(${FEEDBACK_FACES.join('|')})|end\\.(${END_REASONS.join('|')})|help-(acknowledged|resolved)\\.(${buckets})|remote-(wait|length)\\.(${buckets})|remote-outcome\\.(${REMOTE_OUTCOMES.join('|')})|remote-(answered|wait-seconds|shared-seconds))$`,
    ),
    'not a known breakdown metric',
  );

const Revision = z.int().min(1);

/** A daily total: exact. */
export const DailyRecord = z.strictObject({
  period: Day,
  metric: DailyMetric,
  value: z.int().min(0).max(10_000_000),
  revision: Revision,
});

/** A monthly breakdown cell: "<5" or a count of at least 5. */
export const BreakdownRecord = z.strictObject({
  period: Month,
  metric: BreakdownMetric,
  value: z.union([z.literal(SUPPRESSED), z.int().min(SMALL_CELL, `a breakdown cell under ${SMALL_CELL} must be sent as "${SUPPRESSED}"`).max(10_000_000)]),
  revision: Revision,
});

export const SyncRecord = z.union([DailyRecord, BreakdownRecord]);
export type SyncRecord = z.infer<typeof SyncRecord>;

/** POST /api/v1/figures — Authorization: Bearer <the site's token>. */
export const SyncBatch = z.strictObject({
  version: z.literal(CITY_SYNC_VERSION),
  site: SiteId,
  /** A fresh id per send attempt of a batch (for the receiver's log; replays are harmless anyway). */
  batchId: z.uuid(),
  records: z.array(SyncRecord).min(1).max(MAX_BATCH_RECORDS),
});
export type SyncBatch = z.infer<typeof SyncBatch>;

/** What the receiver did with a batch: every record is now at least as new as sent. */
export const SyncReceipt = z.strictObject({
  /** Records stored as new or newer values. */
  stored: z.int().min(0),
  /** Records the receiver already had at this revision or a newer one (a repeat): acknowledged, nothing changed. */
  unchanged: z.int().min(0),
});
export type SyncReceipt = z.infer<typeof SyncReceipt>;

/** Every refused request's body. `field` names the JSON path of the first bad value. */
export const CityError = z.strictObject({ error: z.string(), message: z.string(), field: z.string().optional() });
export type CityError = z.infer<typeof CityError>;

// ---- the coordinator's dashboard (same origin, signed in) ----

/** A figure as the city holds it: a number, or "<5" for a suppressed cell. */
export const Cell = z.union([z.int().min(0), z.literal(SUPPRESSED)]);
export type Cell = z.infer<typeof Cell>;

/** One site's month: daily totals summed, and the breakdown cells as received. */
export const SiteMonth = z.strictObject({
  site: SiteId,
  month: Month,
  sessions: z.int().min(0),
  minutes: z.int().min(0),
  helpCalls: z.int().min(0),
  noShows: z.int().min(0),
  /** Pages printed (issue 14): a daily total like the others. */
  pages: z.int().min(0),
  /** Remote help calls (issue 16): a daily total like help calls; their wait and length are in the breakdown. */
  remoteCalls: z.int().min(0),
  /** Breakdown cells by metric, e.g. { "feedback.good": 12, "language.so": "<5" }. */
  breakdown: z.record(z.string(), Cell),
  /** When the newest record of this month arrived (ms since the epoch). */
  updatedAt: z.int().min(0),
});
export type SiteMonth = z.infer<typeof SiteMonth>;

/** GET /api/dashboard?from=YYYY-MM&to=YYYY-MM */
export const Dashboard = z.strictObject({
  sites: z.array(z.strictObject({ id: SiteId, name: z.string(), lastSyncAt: z.int().min(0).optional() })),
  months: z.array(Month),
  rows: z.array(SiteMonth),
});
export type Dashboard = z.infer<typeof Dashboard>;

// ---- the coordinator's session (same origin) ----

/** POST /api/session — sets an HttpOnly, Secure, SameSite=Strict cookie; answers CitySession. */
export const CitySignIn = z.strictObject({ name: z.string().min(1).max(100), password: z.string().min(1).max(1024) });
export type CitySignIn = z.infer<typeof CitySignIn>;

/** The answer of POST /api/session and GET /api/session (401 CityError when not signed in). DELETE /api/session signs out. */
export const CitySession = z.strictObject({ name: z.string() });
export type CitySession = z.infer<typeof CitySession>;
