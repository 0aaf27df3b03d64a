import i18next, { type i18n } from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type WithoutPlural<K extends string> = K extends `${infer Base}${PluralSuffix}` ? Base : K;

/** The dotted keys of a nested catalogue, plural forms under their base key ('help.waiting_one' → 'help.waiting'). */
export type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? WithoutPlural<`${Prefix}${K}`> : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type TextValues = Record<string, string | number>;

export interface PageText<L extends string, K extends string> {
  /** Looks up one of the page's texts in the current language. */
  tr: (key: K, values?: TextValues) => string;
  locale: L;
  /** Switches the page to another language and remembers the choice on this device. */
  choose: (locale: L) => void;
}

/**
 * The texts of a page that has its own catalogues (the advisor console, the
 * city dashboard): one i18next instance holding only those catalogues, in
 * the first of `locales` (Finnish) unless the person chose another language
 * on this device, and a typed text function. `K` is the page's key type,
 * KeysOf its English catalogue, so a wrong key is a compile error.
 */
export function pageTexts<L extends string, K extends string>(options: { locales: readonly [L, ...L[]]; catalogues: Record<L, object>; storageKey: string }) {
  const { locales, catalogues, storageKey } = options;
  const first = locales[0];
  const isLocale = (value: string | null | undefined): value is L => (locales as readonly string[]).includes(value ?? '');

  function stored(): L {
    try {
      const value = localStorage.getItem(storageKey);
      return isLocale(value) ? value : first;
    } catch {
      return first;
    }
  }

  function remember(locale: L): void {
    try {
      localStorage.setItem(storageKey, locale);
    } catch {
      // Private windows may refuse storage: the choice then lasts for this page only.
    }
  }

  function create(): i18n {
    const instance = i18next.createInstance();
    void instance.use(initReactI18next).init({
      lng: stored(),
      fallbackLng: [first, 'en'],
      resources: Object.fromEntries(Object.entries(catalogues as Record<string, object>).map(([lng, translation]) => [lng, { translation }])),
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
    });
    return instance;
  }

  /** The typed text function and the current language; re-renders when the language changes. */
  function useText(): PageText<L, K> {
    const { t, i18n } = useTranslation();
    const language = i18n.language;
    return useMemo(() => {
      const lookup = t as unknown as (key: string, values?: TextValues) => string;
      return {
        tr: (key: K, values?: TextValues) => lookup(key, values),
        locale: isLocale(language) ? language : first,
        choose: (locale: L) => {
          remember(locale);
          void i18n.changeLanguage(locale);
        },
      };
    }, [t, i18n, language]);
  }

  return { create, useText };
}
