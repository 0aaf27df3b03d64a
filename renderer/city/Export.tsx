import { CsvDownload } from '../ui/CsvDownload';
import { exportHref } from './api';
import type { MonthRange } from './figures';
import { useFormat } from './format';

/**
 * The months shown as a CSV file, with headings in the dashboard's language
 * and the decimal mark the coordinator's spreadsheet expects.
 */
export function Export({ range }: { range: MonthRange }) {
  const { tr, format, locale } = useFormat();
  return (
    <section id="export" className="panel" aria-labelledby="export-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="export-heading">{tr('export.heading')}</h2>
      </div>
      <p>{tr('export.intro', { from: format.month(range.from), to: format.month(range.to) })}</p>
      <CsvDownload
        name="decimal"
        texts={{ decimal: tr('export.decimal'), comma: tr('export.comma'), point: tr('export.point'), download: tr('export.download') }}
        href={(decimal) => exportHref(range, decimal, locale)}
        fileName={`tupa-${range.from}-${range.to}.csv`}
      />
    </section>
  );
}
