import type { Locale } from '../../preload/contract';
import { intlLocale } from '../i18n/languages';

const cache = new Map<string, Intl.DateTimeFormat>();

/** 14:05 in the site's time zone, in the resident's language's style. */
export function formatClock(at: number, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', timeZone, hourCycle: 'h23' });
    cache.set(key, format);
  }
  return format.format(at);
}

const dayKey = (at: number, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** Whether two moments fall on the same day in the site's time zone. */
export function sameSiteDay(a: number, b: number, timeZone: string): boolean {
  return dayKey(a, timeZone) === dayKey(b, timeZone);
}

/** "maanantai 7.12.": the weekday and date in the site's time zone, in the resident's language's style. */
export function formatDay(at: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', day: 'numeric', month: 'numeric', timeZone }).format(at);
}

/** The same countdown as the console's. */
export { formatCountdown } from '../ui/countdown';
