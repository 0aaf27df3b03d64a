import type { FigureSet, Figures } from '../../preload/hub-contract';
import { intlLocale } from '../i18n/languages';
import type { ChartCategory, ChartValue } from '../ui/chart-layout';
import { addMonths, formatMonth, type MonthKey } from '../ui/months';
import type { AdvisorKey, AdvisorLocale, Tr } from './i18n';
import { dayKey, formatClock, formatDateTime, formatDayOfMonth, formatWeekday } from './time';

/**
 * The figures view's words and numbers, apart from the screen: the months
 * the advisor can pick, the columns of the tables, the chart's days and
 * summary, and the line about the sync to the city. Numbers and dates are
 * in the console's language (Finnish: 1 234, ma 15.6., kesäkuu 2026) and
 * times at the site.
 */

/** How far back the month list reaches: two years of months, this one included. */
export const MONTHS_OFFERED = 24;

/** The months to pick from, newest first: this month and the ones before it, never a month still to come. */
export function monthChoices(current: MonthKey, count = MONTHS_OFFERED): MonthKey[] {
  return Array.from({ length: count }, (_, i) => addMonths(current, -i));
}

/** The columns of the per-PC tables, in order: sessions (all, booked, walk-in), minutes, help calls, calls cancelled at once, no-shows and the three faces. */
export const COLUMNS = [
  { key: 'sessions', label: 'figures.total', group: 'sessions' },
  { key: 'booked', label: 'figures.booked', group: 'sessions' },
  { key: 'walkIns', label: 'figures.walkIns', group: 'sessions' },
  { key: 'minutes', label: 'figures.minutes' },
  { key: 'helpCalls', label: 'figures.helpCalls' },
  { key: 'helpCancelled', label: 'figures.helpCancelled' },
  { key: 'noShows', label: 'figures.noShows' },
  { key: 'pages', label: 'printer.pages' },
  { key: 'remoteCalls', label: 'remote.figuresColumn' },
  { key: 'good', label: 'figures.good', group: 'feedback' },
  { key: 'ok', label: 'figures.ok', group: 'feedback' },
  { key: 'bad', label: 'figures.bad', group: 'feedback' },
] as const satisfies ReadonlyArray<{ key: string; label: AdvisorKey; group?: 'sessions' | 'feedback' }>;

export type Column = (typeof COLUMNS)[number];

/** The headings over the grouped columns. */
export const COLUMN_GROUPS = { sessions: 'figures.sessions', feedback: 'figures.feedback' } as const satisfies Record<string, AdvisorKey>;

/** The table's columns as its header shows them: a group's heading over its columns, a single column's heading over both header rows. */
export function columnHeads(): Array<{ kind: 'group'; group: keyof typeof COLUMN_GROUPS; span: number } | { kind: 'single'; column: Column }> {
  const heads: ReturnType<typeof columnHeads> = [];
  for (const column of COLUMNS) {
    const last = heads.at(-1);
    if (!('group' in column)) heads.push({ kind: 'single', column });
    else if (last?.kind === 'group' && last.group === column.group) last.span += 1;
    else heads.push({ kind: 'group', group: column.group, span: 1 });
  }
  return heads;
}

export function columnValue(set: FigureSet, column: Column['key']): number {
  if (column === 'remoteCalls') return set.remote?.calls ?? 0;
  return column === 'good' || column === 'ok' || column === 'bad' ? set.feedback[column] : set[column];
}

/** What the chart can show per day. */
export const DAY_FIGURES = [
  { key: 'sessions', label: 'figures.chartSessions', title: 'figures.chartSessionsTitle' },
  { key: 'minutes', label: 'figures.chartMinutes', title: 'figures.chartMinutesTitle' },
  { key: 'helpCalls', label: 'figures.chartHelpCalls', title: 'figures.chartHelpCallsTitle' },
] as const satisfies ReadonlyArray<{ key: string; label: AdvisorKey; title: AdvisorKey }>;

export type DayFigure = (typeof DAY_FIGURES)[number]['key'];

/** Numbers, months, days and times in the console's language, at the site. */
export class FiguresFormat {
  private readonly numbers: Intl.NumberFormat;

  constructor(
    readonly locale: AdvisorLocale,
    readonly zone: string,
  ) {
    this.numbers = new Intl.NumberFormat(intlLocale(locale));
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  /** kesäkuu 2026 */
  month(month: MonthKey): string {
    return formatMonth(this.locale, month);
  }

  /** An instant: the time alone on `today` (a site day), the date and time otherwise ("14.05", "31.5.2026 klo 14.05"). */
  when(at: number, today: string): string {
    return dayKey(at, this.zone) === today ? formatClock(at, this.locale, this.zone) : formatDateTime(at, this.locale, this.zone);
  }

  /** The days of a month for the chart: the day's number with its weekday below it, and "ma 15.6." in the table. */
  dayCategories(days: ReadonlyArray<{ day: string }>): ChartCategory[] {
    return days.map(({ day }) => ({
      key: day,
      label: String(Number(day.slice(8))),
      sub: formatWeekday(day, this.locale, this.zone),
      name: formatDayOfMonth(day, this.locale, this.zone),
    }));
  }

  /** Exact counts as chart values. */
  chartValues(values: readonly number[]): ChartValue[] {
    return values.map((v) => ({ low: v, high: v, text: this.number(v) }));
  }
}

/** The chart's words: the month's total and its busiest day, or that there was none. */
export function daySummary(days: Figures['days'], figure: DayFigure, tr: Tr, format: FiguresFormat): string {
  const total = days.reduce((sum, d) => sum + d[figure], 0);
  if (total === 0) return tr('figures.chartSummaryNone');
  const busiest = days.reduce((best, d) => (d[figure] > best[figure] ? d : best));
  return tr('figures.chartSummary', {
    total: format.number(total),
    day: formatDayOfMonth(busiest.day, format.locale, format.zone),
    value: format.number(busiest[figure]),
  });
}

/**
 * How the sync to the city stands, for IT, in one or two sentences: not set
 * up; or when figures last reached the city and how many wait to be sent;
 * and the last attempt's error while the sync is failing.
 */
export function citySyncText(city: Figures['city'], today: string, tr: Tr, format: FiguresFormat): { text: string; failing: boolean } {
  if (!city.configured) return { text: tr('figures.cityNotSetUp'), failing: false };
  const state =
    city.lastOkAt === undefined
      ? tr('figures.cityNeverSent', { count: city.pending })
      : tr('figures.citySent', { count: city.pending, time: format.when(city.lastOkAt, today) });
  if (city.lastError === undefined) return { text: state, failing: false };
  return { text: `${state} ${tr('figures.cityFailing', { error: city.lastError })}`, failing: true };
}
