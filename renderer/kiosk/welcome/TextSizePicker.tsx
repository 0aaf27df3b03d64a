import { useTranslation } from 'react-i18next';
import { useKioskContext, type TextSize } from '../state';

const SIZES: Array<{ size: TextSize; key: 'common.textNormal' | 'common.textLarger' | 'common.textLargest'; glyph: string }> = [
  { size: 100, key: 'common.textNormal', glyph: 'A' },
  { size: 150, key: 'common.textLarger', glyph: 'A+' },
  { size: 200, key: 'common.textLargest', glyph: 'A++' },
];

export function TextSizePicker() {
  const { t } = useTranslation();
  const { textSize, setTextSize } = useKioskContext();
  return (
    <div role="group" aria-label={t('common.textSize')} className="choice-group">
      <span className="choice-group__label" aria-hidden="true">
        {t('common.textSize')}
      </span>
      <div className="choice-group__options">
        {SIZES.map(({ size, key, glyph }) => (
          <button
            key={size}
            type="button"
            className={`choice choice--size-${size}`}
            aria-pressed={size === textSize}
            onClick={() => setTextSize(size)}
          >
            <span aria-hidden="true">{glyph}</span>
            <span className="sr-only">{t(key)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
