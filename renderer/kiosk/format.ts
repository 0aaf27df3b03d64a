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

/** 42:05 or 1:02:05: a countdown that never shows a negative time. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
