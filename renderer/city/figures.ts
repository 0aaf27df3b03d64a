import type { Cell, Dashboard, SiteMonth } from '../../preload/city-contract';
import { addMonths, isMonth, monthsFrom, type MonthKey } from '../ui/months';

/**
 * The dashboard's arithmetic, apart from the screen: months, sums and the
 * share of good feedback. The renderer takes only types from preload/, so
 * the few values it needs from the city contract are written out here; a
 * unit test checks that each equals the contract's.
 */

/** A breakdown cell under 5 as it arrives: never a number. */
export const SUPPRESSED = '<5';
/** The largest count a suppressed cell can stand for. */
export const SUPPRESSED_AT_MOST = 4;
export const FEEDBACK_FACES = ['good', 'ok', 'bad'] as const;
export const END_REASONS = ['time-up', 'resident', 'idle', 'advisor', 'interrupted'] as const;
/** Help delay buckets, seconds (lower bounds); remote help's wait and length use them too. */
export const DELAY_BUCKETS = [0, 30, 60, 120, 300, 600, 1800] as const;
/** How help on the screen ended (remote help, issue 16). */
export const REMOTE_OUTCOMES = ['resident-stopped', 'declined', 'advisor-ended', 'session-ended', 'connection-lost', 'cancelled'] as const;

export type Face = (typeof FEEDBACK_FACES)[number];

export { addMonths, isMonth, monthsFrom, type MonthKey } from '../ui/months';

/** The month an instant falls in, on this device's calendar. */
export function monthOf(at: number): MonthKey {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export interface MonthRange {
  from: MonthKey;
  to: MonthKey;
}

/** The last 12 months up to the current one. */
export function lastTwelveMonths(now: number): MonthRange {
  const to = monthOf(now);
  return { from: addMonths(to, -11), to };
}

// ---- figures -----------------------------------------------------------

/**
 * A sum of counts some of which may have been suppressed: `known` is the sum
 * of the numbers, `suppressed` how many "<5" cells it leaves out (each 0–4).
 */
export interface Amount {
  known: number;
  suppressed: number;
}

export const NO_AMOUNT: Amount = { known: 0, suppressed: 0 };

export function addAmounts(a: Amount, b: Amount): Amount {
  return { known: a.known + b.known, suppressed: a.suppressed + b.suppressed };
}

/** A breakdown cell as an amount: absent counts as none; anything that is not a count is treated as suppressed. */
export function cellAmount(cell: Cell | undefined): Amount {
  if (cell === undefined) return NO_AMOUNT;
  if (typeof cell === 'number' && Number.isFinite(cell) && cell >= 0) return { known: cell, suppressed: 0 };
  return { known: 0, suppressed: 1 };
}

/** The smallest and largest value an amount can be. */
export function amountBounds(amount: Amount): { low: number; high: number } {
  return { low: amount.known, high: amount.known + amount.suppressed * SUPPRESSED_AT_MOST };
}

/** The exact totals a site sends daily (never suppressed). */
export const COUNT_FIGURES = ['sessions', 'minutes', 'helpCalls', 'noShows', 'pages', 'remoteCalls'] as const;
export type CountFigure = (typeof COUNT_FIGURES)[number];
/** What the table can show: an exact total, or the share of good feedback. */
export const FIGURES = [...COUNT_FIGURES, 'satisfaction'] as const;
export type Figure = (typeof FIGURES)[number];

/**
 * The share of good faces among all feedback: exact, or (where some counts
 * arrived as "<5") the range it must lie in; not computable when every
 * count is under 5.
 */
export type Share = { kind: 'share'; low: number; high: number } | { kind: 'no-answers' } | { kind: 'suppressed' };

export type Feedback = Record<Face, Amount>;

export function feedbackOf(rows: readonly SiteMonth[]): Feedback {
  const out: Feedback = { good: NO_AMOUNT, ok: NO_AMOUNT, bad: NO_AMOUNT };
  for (const row of rows) for (const face of FEEDBACK_FACES) out[face] = addAmounts(out[face], cellAmount(row.breakdown?.[`feedback.${face}`]));
  return out;
}

/** Good faces among all answers: lowest with the fewest good and the most other answers, highest the other way round. */
export function shareOf(feedback: Feedback): Share {
  const known = FEEDBACK_FACES.some((face) => feedback[face].known > 0);
  if (!known) return FEEDBACK_FACES.some((face) => feedback[face].suppressed > 0) ? { kind: 'suppressed' } : { kind: 'no-answers' };
  const good = amountBounds(feedback.good);
  const others = [amountBounds(feedback.ok), amountBounds(feedback.bad)];
  const othersLow = others.reduce((sum, b) => sum + b.low, 0);
  const othersHigh = others.reduce((sum, b) => sum + b.high, 0);
  // Some count is known and above 0, so neither sum below is 0.
  return { kind: 'share', low: good.low / (good.low + othersHigh), high: good.high / (good.high + othersLow) };
}

/** A count that may be missing or damaged in the data: a whole number of at least 0, or 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** What one table cell holds: no figures at all for it, an exact total, or a share of good feedback. */
export type Value = { kind: 'missing' } | { kind: 'count'; value: number } | Share;

/** One figure over some site-months (a cell, a site's total, a month's total, the grand total). */
export function figureOf(figure: Figure, rows: readonly SiteMonth[]): Value {
  if (rows.length === 0) return { kind: 'missing' };
  if (figure === 'satisfaction') return shareOf(feedbackOf(rows));
  return { kind: 'count', value: rows.reduce((sum, row) => sum + count(row[figure]), 0) };
}

/** The rows of the dashboard, findable by site and month (a city may have dozens of sites over years of months). */
export class Figures {
  private readonly byKey = new Map<string, SiteMonth>();
  private readonly bySite = new Map<string, SiteMonth[]>();
  private readonly byMonth = new Map<MonthKey, SiteMonth[]>();

  constructor(readonly dashboard: Dashboard) {
    for (const row of dashboard.rows) {
      this.byKey.set(`${row.site}|${row.month}`, row);
      for (const [index, key] of [[this.bySite, row.site], [this.byMonth, row.month]] as const) {
        const list = index.get(key);
        if (list) list.push(row);
        else index.set(key, [row]);
      }
    }
  }

  row(site: string, month: MonthKey): SiteMonth | undefined {
    return this.byKey.get(`${site}|${month}`);
  }

  rows(filter: { site?: string; month?: MonthKey } = {}): SiteMonth[] {
    const { site, month } = filter;
    if (site !== undefined && month !== undefined) {
      const row = this.row(site, month);
      return row ? [row] : [];
    }
    if (site !== undefined) return this.bySite.get(site) ?? [];
    if (month !== undefined) return this.byMonth.get(month) ?? [];
    return this.dashboard.rows;
  }

  /** The sites to list: the receiver's sites in its order, then any site that has rows but no entry (named by its id). */
  sites(): Array<{ id: string; name: string; lastSyncAt?: number | undefined }> {
    const known = new Set(this.dashboard.sites.map((s) => s.id));
    const extra = [...new Set(this.dashboard.rows.map((r) => r.site))].filter((id) => !known.has(id)).map((id) => ({ id, name: id }));
    return [...this.dashboard.sites, ...extra];
  }

  /** The months to show: the receiver's list, or the range asked for if it sent none. */
  months(range: MonthRange): MonthKey[] {
    const months = this.dashboard.months.filter(isMonth);
    return months.length > 0 ? months : monthsFrom(range.from, range.to);
  }
}

// ---- syncing -------------------------------------------------------------

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A site that has not sent figures for longer than this is behind: its figures may be incomplete. */
export const STALE_AFTER_MS = 3 * DAY_MS;

export type SyncState = { kind: 'never' } | { kind: 'recent'; at: number } | { kind: 'stale'; at: number; days: number };

export function syncState(lastSyncAt: number | undefined, now: number): SyncState {
  if (lastSyncAt === undefined || !Number.isFinite(lastSyncAt) || lastSyncAt <= 0) return { kind: 'never' };
  const age = now - lastSyncAt;
  return age > STALE_AFTER_MS ? { kind: 'stale', at: lastSyncAt, days: Math.floor(age / DAY_MS) } : { kind: 'recent', at: lastSyncAt };
}

// ---- breakdowns ------------------------------------------------------------

export type BreakdownGroup = 'language' | 'hour' | 'end' | 'help-acknowledged' | 'help-resolved' | 'remote-wait' | 'remote-length' | 'remote-outcome' | 'feedback';
export const BREAKDOWN_GROUPS: readonly BreakdownGroup[] = ['language', 'hour', 'end', 'help-acknowledged', 'help-resolved', 'remote-wait', 'remote-length', 'remote-outcome', 'feedback'];
const DELAY_GROUPS: readonly BreakdownGroup[] = ['help-acknowledged', 'help-resolved', 'remote-wait', 'remote-length'];

/** One group's cells, in the order a reader expects: fixed lists in their order, languages by count (largest first), hours by the clock. */
export function breakdownCells(breakdown: Readonly<Record<string, Cell>> | undefined, group: BreakdownGroup): Array<{ item: string; cell: Cell }> {
  const prefix = `${group}.`;
  const cells = Object.entries(breakdown ?? {})
    .filter(([metric]) => metric.startsWith(prefix))
    .map(([metric, cell]) => ({ item: metric.slice(prefix.length), cell }));
  const fixed: readonly string[] | undefined =
    group === 'end'
      ? END_REASONS
      : group === 'feedback'
        ? FEEDBACK_FACES
        : group === 'remote-outcome'
          ? REMOTE_OUTCOMES
          : DELAY_GROUPS.includes(group)
            ? DELAY_BUCKETS.map(String)
            : undefined;
  if (fixed) {
    const rank = (item: string) => (fixed.includes(item) ? fixed.indexOf(item) : fixed.length);
    return cells.sort((a, b) => rank(a.item) - rank(b.item) || a.item.localeCompare(b.item));
  }
  if (group === 'hour') return cells.sort((a, b) => a.item.localeCompare(b.item));
  const size = (cell: Cell) => (typeof cell === 'number' ? cell : -1);
  return cells.sort((a, b) => size(b.cell) - size(a.cell) || a.item.localeCompare(b.item));
}

// ---- help on the screen ------------------------------------------------------

/** Minutes of remote help as the site sent them: none at all, suppressed (fewer than 5 calls behind them), or a number. */
export type RemoteMinutes = { kind: 'none' } | { kind: 'suppressed' } | { kind: 'minutes'; value: number };

/**
 * A month's average wait until an advisor accepted a call, and the minutes
 * the page was shown in all, from the site's monthly totals
 * (remote-answered, remote-wait-seconds, remote-shared-seconds): exact, or
 * suppressed as the site sent them. main/city/csv.ts writes the same for
 * the export (a unit test holds the two together).
 */
export function remoteMinutes(breakdown: Readonly<Record<string, Cell>> | undefined): { wait: RemoteMinutes; shown: RemoteMinutes } {
  const answered = breakdown?.['remote-answered'];
  // Tenths of a minute rounded as the export rounds them (halves up, in whole numbers), so the screen and the file agree.
  const minutes = (seconds: Cell, per: number): RemoteMinutes =>
    typeof seconds === 'number' ? { kind: 'minutes', value: Math.round((seconds * 10) / (60 * per)) / 10 } : { kind: 'suppressed' };
  return {
    // No call accepted: no wait to average. Accepted within the second: no seconds sent, an average of 0.
    wait: answered === undefined ? { kind: 'none' } : typeof answered === 'number' && answered > 0 ? minutes(breakdown?.['remote-wait-seconds'] ?? 0, answered) : { kind: 'suppressed' },
    shown: minutes(breakdown?.['remote-shared-seconds'] ?? 0, 1),
  };
}
