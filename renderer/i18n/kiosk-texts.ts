/**
 * The kiosk's catalogues and its i18next instance, without the type
 * augmentation (index.ts adds that for the renderer), so Node tests and
 * tools can use them without typing every other i18next instance as the kiosk's.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../resources/locales/en.json';
import fi from '../../resources/locales/fi.json';
import sv from '../../resources/locales/sv.json';
import se from '../../resources/locales/se.json';
import uk from '../../resources/locales/uk.json';
import ru from '../../resources/locales/ru.json';
import ar from '../../resources/locales/ar.json';
import so from '../../resources/locales/so.json';
import selko from '../../resources/locales/fi-x-selko.json';
import type { Locale } from '../../preload/contract';
import { accentLong, isolatePlaceholders, mirror, pseudoCatalogue } from './pseudo';


export const catalogues: Record<Locale, object> = {
  fi,
  sv,
  en,
  se,
  uk,
  ru,
  // Right to left: every inserted value (a PC's name, a time, a code) is isolated so it reads in its own direction.
  ar: isolatePlaceholders(ar),
  so,
  'fi-x-selko': selko,
  'en-XA': pseudoCatalogue(en, accentLong),
  'ar-XB': isolatePlaceholders(pseudoCatalogue(en, mirror)),
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
