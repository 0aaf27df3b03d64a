import { LanguageChoice } from '../ui/LanguageChoice';
import { CITY_LOCALES, useText } from './i18n';

/** One button per language, each named in itself; the choice is remembered on this device. */
export function LanguagePicker() {
  const { tr, locale, choose } = useText();
  return <LanguageChoice label={tr('common.language')} locales={CITY_LOCALES} current={locale} onChoose={choose} />;
}
