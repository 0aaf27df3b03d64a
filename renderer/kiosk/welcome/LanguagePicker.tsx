import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../preload/contract';
import { LANGUAGE_NAMES } from '../../i18n/languages';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useKioskContext } from '../state';
import { useDisclosure } from '../layout/useDisclosure';

/**
 * One tap per language; each language is named in itself. Where the top bar
 * has room every language is on show; where it has not, one button that
 * names the current language opens the list (the bar's CSS decides, from
 * the bar's own measure: see ScreenHeader).
 */
export function LanguagePicker() {
  const { t } = useTranslation();
  const { snapshot, locale, setLocale } = useKioskContext();
  const menu = useDisclosure();
  return (
    <div className={`language${menu.open ? ' language--open' : ''}`} {...menu.wrapper}>
      <button {...menu.button} className="button language__toggle">
        <Globe />
        <span className="sr-only">{t('common.language')}: </span>
        <span lang={locale} className="language__name">
          {LANGUAGE_NAMES[locale]}
        </span>
        <span aria-hidden="true" className="language__caret">
          ▾
        </span>
      </button>
      <div id={menu.panelId} className="language__options">
        <ChoiceGroup label={t('common.language')}>
          {snapshot.locales.available.map((code: Locale) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="choice"
              aria-pressed={code === locale}
              onClick={() => {
                setLocale(code);
                if (menu.open) menu.close(true);
              }}
            >
              {LANGUAGE_NAMES[code]}
            </button>
          ))}
        </ChoiceGroup>
      </div>
    </div>
  );
}

/** The sign for "language" that needs no reading: a globe. */
function Globe() {
  return (
    <svg className="language__globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="10" />
        <ellipse cx="12" cy="12" rx="4.5" ry="10" />
        <path d="M2 12h20M4 6.5h16M4 17.5h16" />
      </g>
    </svg>
  );
}
