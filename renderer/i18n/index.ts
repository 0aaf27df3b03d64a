import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../resources/locales/en.json';
import fi from '../../resources/locales/fi.json';
import sv from '../../resources/locales/sv.json';
import se from '../../resources/locales/se.json';
import type { Locale } from '../../preload/contract';
import { accentLong, mirror, pseudoCatalogue } from './pseudo';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export const catalogues: Record<Locale, object> = {
  fi,
  sv,
  en,
  se,
  'en-XA': pseudoCatalogue(en, accentLong),
  'ar-XB': pseudoCatalogue(en, mirror),
};

/** One i18next instance for the kiosk; Finnish first, English behind every missing string. */
export function createI18n(initial: Locale = 'fi'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: initial,
    fallbackLng: ['fi', 'en'],
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, translation]) => [lng, { translation }])),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
