import type { Locale } from '../../preload/contract';

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
