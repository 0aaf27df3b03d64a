import type { Locale } from '../../preload/contract';
import { LANGUAGE_NAMES } from '../i18n/languages';
import { ChoiceGroup } from './ChoiceGroup';

/** One button per language, each named in itself (pages with their own catalogues: the advisor console, the city dashboard). */
export function LanguageChoice<L extends Locale>({ label, locales, current, onChoose }: { label: string; locales: readonly L[]; current: L; onChoose: (locale: L) => void }) {
  return (
    <ChoiceGroup label={label}>
      {locales.map((code) => (
        <button key={code} type="button" lang={code} className="choice" aria-pressed={code === current} onClick={() => onChoose(code)}>
          {LANGUAGE_NAMES[code]}
        </button>
      ))}
    </ChoiceGroup>
  );
}
