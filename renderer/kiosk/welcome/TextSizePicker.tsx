import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useKioskContext, type TextSize } from '../state';

const SIZES: Array<{ size: TextSize; key: 'common.textNormal' | 'common.textLarger' | 'common.textLargest'; glyph: string }> = [
  { size: 100, key: 'common.textNormal', glyph: 'A' },
  { size: 150, key: 'common.textLarger', glyph: 'A+' },
  { size: 200, key: 'common.textLargest', glyph: 'A++' },
];

/** Three buttons on one line; each glyph shows its size at a fixed scale, so the row stays small at the largest text. */
export function TextSizePicker() {
  const { t } = useTranslation();
  const { textSize, setTextSize } = useKioskContext();
  return (
    <ChoiceGroup label={t('common.textSize')}>
      {SIZES.map(({ size, key, glyph }) => (
        <button key={size} type="button" className={`choice choice--size choice--size-${size}`} aria-pressed={size === textSize} onClick={() => setTextSize(size)}>
          <span aria-hidden="true" dir="ltr">
            {glyph}
          </span>
          <span className="sr-only">{t(key)}</span>
        </button>
      ))}
    </ChoiceGroup>
  );
}
