import i18next, { type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { useMemo } from 'react';
import type { Locale } from '../../preload/contract';
import en from '../../resources/locales/advisor/en.json';
import fi from '../../resources/locales/advisor/fi.json';
import sv from '../../resources/locales/advisor/sv.json';
import se from '../../resources/locales/advisor/se.json';

/** The advisor console's languages: Finnish first. */
export const ADVISOR_LOCALES = ['fi', 'sv', 'en', 'se'] as const satisfies readonly Locale[];
export type AdvisorLocale = (typeof ADVISOR_LOCALES)[number];

export const advisorCatalogues: Record<AdvisorLocale, object> = { fi, sv, en, se };

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type WithoutPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;
type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? WithoutPlural<`${Prefix}${K}`> : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every text of the console: the keys of the English advisor catalogue (plural forms under their base key). */
export type AdvisorKey = KeysOf<typeof en>;
export type TextValues = Record<string, string | number>;
/** Looks up one of the console's texts in the current language. */
export type Tr = (key: AdvisorKey, values?: TextValues) => string;

const STORED = 'tupa.advisor.language';

function storedLocale(): AdvisorLocale {
  try {
    const value = localStorage.getItem(STORED);
    return (ADVISOR_LOCALES as readonly string[]).includes(value ?? '') ? (value as AdvisorLocale) : 'fi';
  } catch {
    return 'fi';
  }
}

export function rememberLocale(locale: AdvisorLocale): void {
  try {
    localStorage.setItem(STORED, locale);
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page only.
  }
}

/**
 * The console's own i18next instance, holding only the advisor catalogues
 * (the kiosk's texts are a separate catalogue). Finnish unless the advisor
 * chose another language on this device.
 */
export function createAdvisorI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: storedLocale(),
    fallbackLng: ['fi', 'en'],
    resources: Object.fromEntries(Object.entries(advisorCatalogues).map(([lng, translation]) => [lng, { translation }])),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** The typed text function and the current language; re-renders when the language changes. */
export function useText(): { tr: Tr; locale: AdvisorLocale } {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const lookup = t as unknown as (key: string, values?: TextValues) => string;
    const locale = (ADVISOR_LOCALES as readonly string[]).includes(language) ? (language as AdvisorLocale) : 'fi';
    return { tr: (key: AdvisorKey, values?: TextValues) => lookup(key, values), locale };
  }, [t, language]);
}
