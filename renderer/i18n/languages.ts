import type { Locale } from '../../preload/contract';

/** Each language named in itself, as the picker shows it. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  fi: 'Suomi',
  sv: 'Svenska',
  en: 'English',
  se: 'Davvisámegiella',
  'en-XA': '[Ƥšéúðó Éñĝļíšĥ]',
  'ar-XB': 'RTL pseudo',
};

/** The locale Intl uses for dates and numbers (test locales borrow a real one). */
export function intlLocale(locale: Locale): string {
  const wanted = locale === 'en-XA' ? 'en' : locale === 'ar-XB' ? 'ar' : locale;
  return Intl.DateTimeFormat.supportedLocalesOf([wanted]).length > 0 ? wanted : 'fi';
}

export function isRightToLeft(locale: Locale): boolean {
  return locale === 'ar-XB';
}
