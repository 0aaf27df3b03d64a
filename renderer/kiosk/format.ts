import type { Locale } from '../../preload/contract';
import { formatDate } from '../ui/dates';

/** 14:05 in the site's time zone, in the resident's language's style. */
export function formatClock(at: number, locale: Locale, timeZone: string): string {
  return formatDate(at, locale, timeZone, 'clock');
}

const dayKey = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** Whether two moments fall on the same day in the site's time zone. */
export function sameSiteDay(a: number, b: number, timeZone: string): boolean {
  return dayKey(a, timeZone) === dayKey(b, timeZone);
}

/** "maanantai 7.12.": the weekday and date in the site's time zone, in the resident's language's style. */
export function formatDay(at: number, locale: Locale, timeZone: string): string {
  return formatDate(at, locale, timeZone, 'weekdayDate');
}

/** "maanantaina 14.05": the weekday and time, in the resident's language. */
export function formatWeekdayTime(at: number, locale: Locale, timeZone: string): string {
  return formatDate(at, locale, timeZone, 'weekdayTime');
}

/** The same countdown as the console's. */
export { formatCountdown } from '../ui/countdown';
