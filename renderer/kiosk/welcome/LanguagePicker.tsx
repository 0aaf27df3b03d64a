import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../preload/contract';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useKioskContext } from '../state';

/** One tap per language; each language is named in itself. */
export function LanguagePicker() {
  const { t } = useTranslation();
  const { snapshot, locale, setLocale } = useKioskContext();
  return (
    <ChoiceGroup label={t('common.language')}>
      {snapshot.locales.available.map((code: Locale) => (
        <button key={code} type="button" lang={code} className="choice" aria-pressed={code === locale} onClick={() => setLocale(code)}>
          {LANGUAGE_NAMES[code]}
        </button>
      ))}
    </ChoiceGroup>
  );
}
