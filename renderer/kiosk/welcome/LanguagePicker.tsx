import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../preload/contract';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { useKioskContext } from '../state';

/** One tap per language; each language is named in itself. */
export function LanguagePicker() {
  const { t } = useTranslation();
  const { snapshot, locale, setLocale } = useKioskContext();
  return (
    <div role="group" aria-label={t('common.language')} className="choice-group">
      <span className="choice-group__label" aria-hidden="true">
        {t('common.language')}
      </span>
      <div className="choice-group__options">
        {snapshot.locales.available.map((code: Locale) => (
          <button
            key={code}
            type="button"
            lang={code}
            className="choice"
            aria-pressed={code === locale}
            onClick={() => setLocale(code)}
          >
            {LANGUAGE_NAMES[code]}
          </button>
        ))}
      </div>
    </div>
  );
}
