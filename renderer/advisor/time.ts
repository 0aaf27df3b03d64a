import type { AdvisorLocale } from './i18n';
import { formatDate } from '../ui/dates';

/**
 * Times in the site's time zone (board.site.timeZone), whatever the zone of
 * the advisor's own device. A day is a site day: midnight to midnight there.
 */

export const MINUTE = 60_000;

/** 'YYYY-MM-DD': a calendar day in the site's zone. */
export type DayKey = string;

const partsCache = new Map<string, Intl.DateTimeFormat>();

function partsFormat(zone: string): Intl.DateTimeFormat {
  let format = partsCache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(zone, format);
  }
  return format;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The site's wall-clock reading at an instant. */
export function wallTime(at: number, zone: string): WallTime {
  const parts = Object.fromEntries(partsFormat(zone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the site's clock is ahead of UTC at an instant. */
function offsetAt(at: number, zone: string): number {
  const w = wallTime(at, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time in the site's zone (in a repeated hour: the first; in a skipped hour: just after it). */
export function instantOf(day: DayKey, hhmm: string, zone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  const first = asUtc - offsetAt(asUtc, zone);
  const second = asUtc - offsetAt(first, zone);
  return Math.min(first, second);
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(at: number, zone: string): DayKey {
  const w = wallTime(at, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

export function addDays(day: DayKey, days: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
}

/** Midnight to midnight in the site's zone (23 or 25 hours on the days the clocks change). */
export function dayBounds(day: DayKey, zone: string): { start: number; end: number } {
  return { start: instantOf(day, '00:00', zone), end: instantOf(addDays(day, 1), '00:00', zone) };
}

/** 'HH:MM' at the site. */
export function hhmm(at: number, zone: string): string {
  const w = wallTime(at, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** 'YYYY-MM-DDTHH:MM': a wall-clock time the hub reads in the site's zone (it refuses a skipped or repeated hour itself). */
export function siteLocalIso(day: DayKey, time: string): string {
  return `${day}T${time}`;
}

/** 14:05, in the advisor's language's style, at the site. */
export function formatClock(at: number, locale: AdvisorLocale, zone: string): string {
  return formatDate(at, locale, zone, 'clock');
}

/** Monday 23 November 2026, at the site. */
export function formatDay(day: DayKey, locale: AdvisorLocale, zone: string): string {
  return formatDate(instantOf(day, '12:00', zone), locale, zone, 'fullDate');
}

/** 23.11.2026 (or the language's short form), at the site. */
export function formatShortDay(day: DayKey, locale: AdvisorLocale, zone: string): string {
  return formatDate(instantOf(day, '12:00', zone), locale, zone, 'shortDate');
}

/** ma 15.6. (the weekday and the day of the month, in the language's short form), at the site. */
export function formatDayOfMonth(day: DayKey, locale: AdvisorLocale, zone: string): string {
  return formatDate(instantOf(day, '12:00', zone), locale, zone, 'weekdayShortDate');
}

/** ma (the weekday's short name), at the site. */
export function formatWeekday(day: DayKey, locale: AdvisorLocale, zone: string): string {
  return formatDate(instantOf(day, '12:00', zone), locale, zone, 'weekdayShort');
}

/** 15.6.2026 klo 14.05 (or the language's form), at the site. */
export function formatDateTime(at: number, locale: AdvisorLocale, zone: string): string {
  return formatDate(at, locale, zone, 'dateTime');
}
