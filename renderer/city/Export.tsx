import { useState } from 'react';
import { exportHref, type Decimal } from './api';
import type { MonthRange } from './figures';
import { useFormat } from './format';

/**
 * The months shown as a CSV file, with headings in the dashboard's language
 * and the decimal mark the coordinator's spreadsheet expects (a Finnish
 * Excel reads "1,5" as a number and "1.5" as text).
 */
export function Export({ range }: { range: MonthRange }) {
  const { tr, format, locale } = useFormat();
  const [decimal, setDecimal] = useState<Decimal>('comma');
  const options: Array<{ value: Decimal; label: string }> = [
    { value: 'comma', label: tr('export.comma') },
    { value: 'point', label: tr('export.point') },
  ];
  return (
    <section id="export" className="panel" aria-labelledby="export-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="export-heading">{tr('export.heading')}</h2>
      </div>
      <p>{tr('export.intro', { from: format.month(range.from), to: format.month(range.to) })}</p>
      <fieldset className="export__decimal">
        <legend className="field__label">{tr('export.decimal')}</legend>
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" name="decimal" value={o.value} checked={decimal === o.value} onChange={() => setDecimal(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
      <a className="button button--primary button--large export__download" href={exportHref(range, decimal, locale)} download={`tupa-${range.from}-${range.to}.csv`}>
        {tr('export.download')}
      </a>
    </section>
  );
}
