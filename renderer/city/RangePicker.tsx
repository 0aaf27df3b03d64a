import { useState, type FormEvent } from 'react';
import { addMonths, monthOf, monthsFrom, type MonthKey, type MonthRange } from './figures';
import { useFormat } from './format';
import { SelectField } from '../ui/SelectField';

/** How far back the month lists reach (five years), besides any month already chosen. */
const MONTHS_OFFERED = 60;

/**
 * The months shown: from and to, newest first in each list, applied with a
 * button (so that moving through a list with the arrow keys does not fetch
 * at every step).
 */
export function RangePicker({ range, now, busy, onShow }: { range: MonthRange; now: number; busy: boolean; onShow: (range: MonthRange) => void }) {
  const { tr, format } = useFormat();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  const [wrong, setWrong] = useState(false);
  const current = monthOf(now);
  const offered = new Set<MonthKey>([...monthsFrom(addMonths(current, -(MONTHS_OFFERED - 1)), current), range.from, range.to, from, to]);
  const options = [...offered].sort().reverse();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (from > to) {
      setWrong(true);
      return;
    }
    setWrong(false);
    onShow({ from, to });
  };

  const select = (id: string, label: string, value: MonthKey, set: (m: MonthKey) => void) => (
    <SelectField
      id={id}
      label={label}
      value={value}
      options={options.map((m) => ({ value: m, label: format.month(m) }))}
      onChange={set}
      className="range__field"
      invalid={wrong}
      describedBy={wrong ? 'range-error' : undefined}
    />
  );

  return (
    <form className="range" onSubmit={submit} noValidate>
      <fieldset className="range__set">
        <legend className="range__legend">{tr('range.legend')}</legend>
        <div className="range__fields">
          {select('range-from', tr('range.from'), from, setFrom)}
          {select('range-to', tr('range.to'), to, setTo)}
          <button type="submit" className="button button--primary range__show" aria-disabled={busy || undefined}>
            {tr('range.show')}
          </button>
        </div>
        {wrong ? (
          <p id="range-error" className="field__error" role="alert">
            {tr('range.fromAfterTo')}
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}
