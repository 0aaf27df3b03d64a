import { BarChart as SharedBarChart, type Tone } from '../ui/BarChart';
import { amountBounds, type Amount, type MonthKey } from './figures';
import { useFormat } from './format';

export type { Tone };

export interface Series {
  key: string;
  label: string;
  tone: Tone;
  /** One amount per month, in the order of `months`; undefined: no figures for that month. */
  values: Array<Amount | undefined>;
}

/**
 * The shared bar chart (renderer/ui/BarChart.tsx) over a range of months:
 * each month named below its bars (with the year under January and under
 * the first month), and a count that arrived as "<5" (or a sum that
 * includes one) drawn dashed up to the most it can be, never as 0.
 */
export function BarChart({ id, title, summary, months, series, wide = false }: { id: string; title: string; summary: string; months: MonthKey[]; series: Series[]; wide?: boolean }) {
  const { tr, format } = useFormat();
  return (
    <SharedBarChart
      id={id}
      title={title}
      summary={summary}
      wide={wide}
      categories={months.map((month, i) => ({
        key: month,
        label: format.month(month, 'name'),
        sub: i === 0 || month.endsWith('-01') ? month.slice(0, 4) : undefined,
        name: format.month(month),
      }))}
      series={series.map((s) => ({ ...s, values: s.values.map((v) => ({ ...(v ? amountBounds(v) : { low: 0, high: 0 }), ...format.maybeAmount(v) })) }))}
      formatTick={(t) => format.number(t)}
      texts={{ showTable: tr('charts.showTable'), category: tr('charts.month') }}
    />
  );
}
