import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../i18n/languages';
import { ChoiceGroup } from '../ui/ChoiceGroup';
import { ADVISOR_LOCALES, rememberLocale, useText } from './i18n';

/** One button per language, each named in itself; the choice is remembered on this device. */
export function LanguagePicker() {
  const { tr, locale } = useText();
  const { i18n } = useTranslation();
  return (
    <ChoiceGroup label={tr('common.language')}>
      {ADVISOR_LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="choice"
          aria-pressed={code === locale}
          onClick={() => {
            rememberLocale(code);
            void i18n.changeLanguage(code);
          }}
        >
          {LANGUAGE_NAMES[code]}
        </button>
      ))}
    </ChoiceGroup>
  );
}
