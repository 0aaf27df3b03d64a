import type { Locale } from '../../preload/contract';
import { pageTexts, type KeysOf, type TextValues } from '../i18n/page-texts';
import en from '../../resources/locales/city/en.json';
import fi from '../../resources/locales/city/fi.json';
import sv from '../../resources/locales/city/sv.json';

/** The dashboard's languages: Finnish first (the CSV export speaks the same three). */
export const CITY_LOCALES = ['fi', 'sv', 'en'] as const satisfies readonly Locale[];
export type CityLocale = (typeof CITY_LOCALES)[number];

export const cityCatalogues: Record<CityLocale, object> = { fi, sv, en };

/** Every text of the dashboard: the keys of the English city catalogue (plural forms under their base key). */
export type CityKey = KeysOf<typeof en>;
/** Looks up one of the dashboard's texts in the current language. */
export type Tr = (key: CityKey, values?: TextValues) => string;

/**
 * The dashboard's own i18next instance, holding only the city catalogues
 * (their "csv" section is the receiver's, for the CSV headings). Finnish
 * unless the coordinator chose another language on this device.
 */
const texts = pageTexts<CityLocale, CityKey>({ locales: CITY_LOCALES, catalogues: cityCatalogues, storageKey: 'tupa.city.language' });

export const createCityI18n = texts.create;

/** The typed text function, the current language and the way to choose another; re-renders when the language changes. */
export const useText = texts.useText;
