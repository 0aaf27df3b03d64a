import i18next, { type TFunction } from 'i18next';
import en from '../../resources/locales/app/en.json';
import fi from '../../resources/locales/app/fi.json';
import se from '../../resources/locales/app/se.json';
import sv from '../../resources/locales/app/sv.json';
import type { Locale } from '../../preload/contract';

/** The few texts the main process shows itself (the advisor app's close dialog), in the site's language. */
export type AppTextKey = keyof typeof en;

export const APP_CATALOGUES: Record<'en' | 'fi' | 'sv' | 'se', Record<AppTextKey, string>> = { en, fi, sv, se };

export function appText(locale: Locale): TFunction {
  return catalogueText(APP_CATALOGUES, locale);
}

/** A translator over a set of flat or nested catalogues, falling back to English. */
export function catalogueText(catalogues: Record<string, object>, locale: string): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    initAsync: false,
    resources: Object.fromEntries(Object.entries(catalogues).map(([lng, texts]) => [lng, { translation: texts }])),
    interpolation: { escapeValue: false },
  });
  return instance.t;
}
