import type { Locale } from '../../preload/contract';
import { pageTexts, type KeysOf, type TextValues } from '../i18n/page-texts';
import en from '../../resources/locales/advisor/en.json';
import fi from '../../resources/locales/advisor/fi.json';
import sv from '../../resources/locales/advisor/sv.json';
import se from '../../resources/locales/advisor/se.json';

/** The advisor console's languages: Finnish first. */
export const ADVISOR_LOCALES = ['fi', 'sv', 'en', 'se'] as const satisfies readonly Locale[];
export type AdvisorLocale = (typeof ADVISOR_LOCALES)[number];

export const advisorCatalogues: Record<AdvisorLocale, object> = { fi, sv, en, se };

/** Every text of the console: the keys of the English advisor catalogue (plural forms under their base key). */
export type AdvisorKey = KeysOf<typeof en>;
/** Looks up one of the console's texts in the current language. */
export type Tr = (key: AdvisorKey, values?: TextValues) => string;

/**
 * The console's own i18next instance, holding only the advisor catalogues
 * (the kiosk's texts are a separate catalogue). Finnish unless the advisor
 * chose another language on this device.
 */
const texts = pageTexts<AdvisorLocale, AdvisorKey>({ locales: ADVISOR_LOCALES, catalogues: advisorCatalogues, storageKey: 'tupa.advisor.language' });

export const createAdvisorI18n = texts.create;

/** The typed text function, the current language and the way to choose another; re-renders when the language changes. */
export const useText = texts.useText;
