import { SUPPRESSED, type Cell, type Dashboard, type DailyMetric, type SiteMonth } from '../../preload/city-contract';
import type { MonthFigure, SiteRow } from './store';

const DAILY_FIELDS: Record<DailyMetric, 'sessions' | 'minutes' | 'helpCalls' | 'noShows' | 'pages' | 'remoteCalls'> = {
  sessions: 'sessions',
  minutes: 'minutes',
  'help-calls': 'helpCalls',
  'no-shows': 'noShows',
  pages: 'pages',
  'remote-calls': 'remoteCalls',
};

/**
 * The coordinator's view of a range of months: every site, and one row per
 * site and month that has figures: the daily totals summed over the month's
 * days, the breakdown cells as received ("<5" stays "<5").
 */
export function buildDashboard(sites: readonly SiteRow[], figures: readonly MonthFigure[], months: readonly string[]): Dashboard {
  const rows = new Map<string, SiteMonth>();
  for (const f of figures) {
    const key = `${f.site} ${f.month}`;
    let row = rows.get(key);
    if (!row) {
      row = { site: f.site, month: f.month, sessions: 0, minutes: 0, helpCalls: 0, noShows: 0, pages: 0, remoteCalls: 0, breakdown: {}, updatedAt: 0 };
      rows.set(key, row);
    }
    row.updatedAt = Math.max(row.updatedAt, f.receivedAt);
    if (f.daily) {
      const field = DAILY_FIELDS[f.metric as DailyMetric];
      if (field) row[field] += f.value ?? 0;
    } else {
      row.breakdown[f.metric] = (f.value ?? SUPPRESSED) as Cell;
    }
  }
  return {
    sites: sites.map((s) => (s.lastSyncAt === undefined ? { id: s.id, name: s.name } : { id: s.id, name: s.name, lastSyncAt: s.lastSyncAt })),
    months: [...months],
    rows: [...rows.values()].sort((a, b) => (a.site === b.site ? (a.month < b.month ? -1 : 1) : a.site < b.site ? -1 : 1)),
  };
}
