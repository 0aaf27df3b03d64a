import type { Locale } from '../../preload/contract';
import { intlDateLocale } from '../ui/dates';

export { LANGUAGE_NAMES } from './language-names';

/** The locale Intl uses for numbers (test locales borrow a real one; a language the runtime lacks borrows Finnish). Dates: ui/dates.ts. */
export function intlLocale(locale: Locale): string {
  const wanted = intlDateLocale(locale);
  return Intl.NumberFormat.supportedLocalesOf([wanted]).length > 0 ? wanted : 'fi';
}

/** The languages written right to left. */
export function isRightToLeft(locale: string): boolean {
  return locale === 'ar' || locale === 'ar-XB';
}
