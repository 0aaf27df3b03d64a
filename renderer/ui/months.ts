import { formatDate, type DateStyle } from './dates';

/**
 * Calendar months as 'YYYY-MM' keys, and their names in a page's language:
 * the city's range of months and the console's month of figures.
 */

/** 'YYYY-MM'. */
export type MonthKey = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function addMonths(month: MonthKey, count: number): MonthKey {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (none when `from` is after `to`). */
export function monthsFrom(from: MonthKey, to: MonthKey): MonthKey[] {
  const out: MonthKey[] = [];
  for (let month = from; month <= to && out.length < 1200; month = addMonths(month, 1)) out.push(month);
  return out;
}

/** 'tammi 2026' (short), 'tammikuu 2026' (long) or 'tammi' (name). */
export type MonthStyle = 'short' | 'long' | 'name';

const STYLES: Record<MonthStyle, DateStyle> = { short: 'monthShortYear', long: 'monthYear', name: 'monthShort' };

/** A month's name in a page's language (a Tupa locale code); a month that is not YYYY-MM is shown as it came. */
export function formatMonth(locale: string, month: MonthKey, style: MonthStyle = 'long'): string {
  const match = MONTH.exec(month);
  if (!match) return month;
  return formatDate(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15, 12), locale, 'UTC', STYLES[style]);
}
