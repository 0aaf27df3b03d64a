import { DateTime } from 'luxon';
import {
  DAILY_METRICS,
  SMALL_CELL,
  SUPPRESSED,
  delayBucket,
  type Cell,
  type DailyMetric,
} from '../../preload/city-contract';
import { cancelledQuickly } from '../core/help-calls';

/**
 * How usage events become figures. A PC's events add to its daily
 * aggregates (metric → count, per site day); the site's figures for the
 * city are sums over PCs: exact daily totals, and monthly breakdowns whose
 * small cells are suppressed. Everything here is pure, so it is tested
 * with properties.
 */

/** A stored usage event as the hub holds it (kiosk events, and the hub's own help-call records). */
export interface FigureEvent {
  at: number;
  type: string;
  data: Record<string, unknown>;
}

const QUARTER_HOUR = 15 * 60_000;

/** The hub's count of help calls cancelled unanswered within seconds (neither a breakdown nor a daily metric: it stays at the site). */
export const HELP_CANCELLED = 'help-cancelled';
const dayHourCache = new Map<string, { day: string; hour: string }>();

/**
 * The site day (YYYY-MM-DD) and hour (00–23) of an instant, in the site's
 * time zone. Every zone's offset is a whole number of quarter hours, so the
 * answer is the same within a UTC quarter hour: it is remembered per
 * quarter (a year's catch-up asks for the same quarters many times).
 */
export function siteDayAndHour(at: number, zone: string): { day: string; hour: string } {
  const key = `${zone} ${Math.floor(at / QUARTER_HOUR)}`;
  const known = dayHourCache.get(key);
  if (known) return known;
  const dt = DateTime.fromMillis(at, { zone });
  const answer = { day: dt.toFormat('yyyy-MM-dd'), hour: dt.toFormat('HH') };
  if (dayHourCache.size > 50_000) dayHourCache.clear();
  dayHourCache.set(key, answer);
  return answer;
}

/** The primary language subtag ("en-GB" → "en"), keeping a private-use variant: plain-language Finnish (fi-x-selko) is counted apart from Finnish. */
export function languageOf(tag: unknown): string {
  const text = String(tag).toLowerCase();
  const variant = /-(x-[a-z0-9]{1,8})$/.exec(text);
  const primary = text.split('-')[0]!;
  return variant ? `${primary}-${variant[1]}` : primary;
}

/**
 * The daily metrics one event adds to, and by how much. Unknown event
 * types add nothing (an older hub meeting a newer event keeps it raw).
 */
export function eventMetrics(event: FigureEvent, zone: string): { day: string; add: Array<[string, number]> } {
  const { day, hour } = siteDayAndHour(event.at, zone);
  const d = event.data;
  switch (event.type) {
    case 'session-started':
      // A booking checked in again after a crash is the same visit: not another session (its minutes still add up).
      if (d.resumed === true) return { day, add: [] };
      return { day, add: [[`sessions.${String(d.kind)}`, 1], [`language.${languageOf(d.language)}`, 1], [`hour.${hour}`, 1]] };
    case 'session-ended':
      return { day, add: [['minutes', Number(d.minutes) || 0], [`end.${String(d.reason)}`, 1]] };
    case 'feedback':
      return { day, add: [[`feedback.${String(d.score)}`, 1]] };
    // Printed pages: a count only (pages × copies of a job the printer accepted).
    case 'pages-printed':
      return { day, add: [['pages', Number(d.pages) || 0]] };
    // A call counts when the resident asks (so one never answered counts too); its outcome and delays when it closes.
    case 'help-requested':
      return { day, add: [['help-calls', 1]] };
    case 'help-call': {
      const add: Array<[string, number]> = [[`help-outcome.${String(d.outcome)}`, 1]];
      if (typeof d.toAcknowledgeSeconds === 'number') add.push([`help-acknowledged.${delayBucket(d.toAcknowledgeSeconds)}`, 1]);
      if (typeof d.toResolveSeconds === 'number') add.push([`help-resolved.${delayBucket(d.toResolveSeconds)}`, 1]);
      // Cancelled unanswered within seconds: a mistap, not a help call (counted apart; the city gets help calls without it).
      if (cancelledQuickly(d)) add.push([HELP_CANCELLED, 1]);
      return { day, add };
    }
    // Help from afar (issue 16): one event per ended call, seconds and the reason only.
    case 'remote-help': {
      const add: Array<[string, number]> = [['remote-calls', 1], [`remote-outcome.${String(d.reason)}`, 1]];
      if (typeof d.waitSeconds === 'number') add.push(['remote-wait-seconds', d.waitSeconds], [`remote-wait.${delayBucket(d.waitSeconds)}`, 1]);
      if (typeof d.sharedSeconds === 'number') add.push(['remote-shared-seconds', d.sharedSeconds], [`remote-length.${delayBucket(d.sharedSeconds)}`, 1]);
      return { day, add };
    }
    default:
      return { day, add: [] };
  }
}

/** Breakdown metrics: the ones that leave the site monthly, small cells suppressed. */
const BREAKDOWN_PREFIXES = ['language.', 'hour.', 'feedback.', 'end.', 'help-acknowledged.', 'help-resolved.', 'remote-outcome.', 'remote-wait.', 'remote-length.'];

export function isBreakdownMetric(metric: string): boolean {
  return BREAKDOWN_PREFIXES.some((p) => metric.startsWith(p));
}

/** A site's daily totals from its summed daily metrics: exact, as the city receives them. */
export function dailyTotals(sums: ReadonlyMap<string, number>): Record<DailyMetric, number> {
  const get = (m: string) => sums.get(m) ?? 0;
  const totals: Record<DailyMetric, number> = {
    sessions: get('sessions.booked') + get('sessions.walk-in'),
    minutes: get('minutes'),
    'help-calls': get('help-calls') - get(HELP_CANCELLED),
    'no-shows': get('no-shows'),
    pages: get('pages'),
    'remote-calls': get('remote-calls'),
  };
  for (const m of DAILY_METRICS) if (!Number.isInteger(totals[m]) || totals[m] < 0) totals[m] = 0;
  return totals;
}

/** A breakdown cell as it may leave the site: "<5" under SMALL_CELL, the count otherwise. */
export function suppress(value: number): Cell {
  return value < SMALL_CELL ? SUPPRESSED : value;
}

/**
 * Remote help's figures from summed metrics: the calls, how many an advisor
 * accepted (the calls with a wait) and how many were shown (with a length),
 * and their seconds in total.
 */
export function remoteTotals(sums: ReadonlyMap<string, number>): { calls: number; answered: number; shown: number; waitSeconds: number; sharedSeconds: number } {
  let answered = 0;
  let shown = 0;
  for (const [metric, value] of sums) {
    if (metric.startsWith('remote-wait.')) answered += value;
    else if (metric.startsWith('remote-length.')) shown += value;
  }
  const get = (m: string) => sums.get(m) ?? 0;
  return { calls: get('remote-calls'), answered, shown, waitSeconds: get('remote-wait-seconds'), sharedSeconds: get('remote-shared-seconds') };
}

/** A total over `behind` calls as it may leave the site: "<5" while fewer than SMALL_CELL calls stand behind it. */
function suppressTotal(value: number, behind: number): Cell {
  return behind < SMALL_CELL ? SUPPRESSED : suppress(value);
}

/**
 * A month's breakdown cells (only cells that hold something), suppressed;
 * with remote help's monthly totals, each "<5" while it stands for fewer
 * than SMALL_CELL calls.
 */
export function monthlyBreakdown(sums: ReadonlyMap<string, number>): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const [metric, value] of sums) if (value > 0 && isBreakdownMetric(metric)) cells.set(metric, suppress(value));
  const remote = remoteTotals(sums);
  if (remote.answered > 0) cells.set('remote-answered', suppress(remote.answered));
  // Sent wherever there are calls behind it, even at 0 seconds: no cell must say "none" of a single call.
  if (remote.answered > 0) cells.set('remote-wait-seconds', suppressTotal(remote.waitSeconds, remote.answered));
  if (remote.shown > 0) cells.set('remote-shared-seconds', suppressTotal(remote.sharedSeconds, remote.shown));
  return cells;
}

/** The month (YYYY-MM) of a site day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}
