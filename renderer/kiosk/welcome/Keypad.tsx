import { useTranslation } from 'react-i18next';

interface KeypadProps {
  disabled: boolean;
  onDigit: (digit: string) => void;
  onDelete: () => void;
  onClear: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A large on-screen number pad for touch screens (the keyboard works too). */
export function Keypad({ disabled, onDigit, onDelete, onClear }: KeypadProps) {
  const { t } = useTranslation();
  return (
    <div role="group" aria-label={t('welcome.keypad')} className="keypad" dir="ltr">
      {DIGITS.map((d) => (
        <button key={d} type="button" className="keypad__key" disabled={disabled} onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <button type="button" className="keypad__key keypad__key--action" disabled={disabled} aria-label={t('welcome.clearCode')} onClick={onClear}>
        <span aria-hidden="true">C</span>
      </button>
      <button type="button" className="keypad__key" disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="keypad__key keypad__key--action" disabled={disabled} aria-label={t('welcome.deleteDigit')} onClick={onDelete}>
        <span aria-hidden="true">⌫</span>
      </button>
    </div>
  );
}
