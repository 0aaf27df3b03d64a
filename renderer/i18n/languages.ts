import type { Locale } from '../../preload/contract';
import { intlDateLocale } from '../ui/dates';

/** Each language named in itself, as the picker shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  fi: 'Suomi',
  sv: 'Svenska',
  en: 'English',
  se: 'Davvisámegiella',
  uk: 'Українська',
  ru: 'Русский',
  ar: 'العربية',
  so: 'Soomaali',
  'fi-x-selko': 'Selkosuomi',
  'en-XA': '[Ƥšéúðó Éñĝļíšĥ]',
  'ar-XB': 'RTL pseudo',
};

/** The locale Intl uses for numbers (test locales borrow a real one; a language the runtime lacks borrows Finnish). Dates: ui/dates.ts. */
export function intlLocale(locale: Locale): string {
  const wanted = intlDateLocale(locale);
  return Intl.NumberFormat.supportedLocalesOf([wanted]).length > 0 ? wanted : 'fi';
}

/** The languages written right to left. */
export function isRightToLeft(locale: string): boolean {
  return locale === 'ar' || locale === 'ar-XB';
}
