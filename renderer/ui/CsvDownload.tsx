import { useState } from 'react';
import type { Decimal } from './csv';

export interface CsvTexts {
  /** The question, and its two answers. */
  decimal: string;
  comma: string;
  point: string;
  download: string;
}

/**
 * A choice of decimal mark and the download link it makes (a plain link:
 * the session cookie goes along). `name` tells this choice's radio buttons
 * apart from any other on the page.
 */
export function CsvDownload({ name, texts, href, fileName }: { name: string; texts: CsvTexts; href: (decimal: Decimal) => string; fileName: string }) {
  const [decimal, setDecimal] = useState<Decimal>('comma');
  const options: Array<{ value: Decimal; label: string }> = [
    { value: 'comma', label: texts.comma },
    { value: 'point', label: texts.point },
  ];
  return (
    <>
      <fieldset className="export__decimal">
        <legend className="field__label">{texts.decimal}</legend>
        {options.map((o) => (
          <label key={o.value} className="radio">
            <input type="radio" name={name} value={o.value} checked={decimal === o.value} onChange={() => setDecimal(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </fieldset>
      <a className="button button--primary button--large export__download" href={href(decimal)} download={fileName}>
        {texts.download}
      </a>
    </>
  );
}
