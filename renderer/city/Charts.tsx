import { useState } from 'react';
import { addAmounts, feedbackOf, FEEDBACK_FACES, NO_AMOUNT, type Amount, type CountFigure, type Face, type Figures, type MonthKey } from './figures';
import { BarChart, type Series } from './BarChart';
import { useFormat } from './format';
import type { CityKey } from './i18n';
import { SelectField } from '../ui/SelectField';

const ALL = '';

const COUNT_CHARTS: Array<{ figure: Exclude<CountFigure, 'noShows' | 'pages' | 'remoteCalls'>; title: CityKey }> = [
  { figure: 'sessions', title: 'charts.sessions' },
  { figure: 'minutes', title: 'charts.minutes' },
  { figure: 'helpCalls', title: 'charts.helpCalls' },
];

export const FACE_NAMES: Record<Face, CityKey> = { good: 'faces.good', ok: 'faces.ok', bad: 'faces.bad' };

const total = (values: Array<Amount | undefined>) => values.reduce<Amount>((sum, v) => (v ? addAmounts(sum, v) : sum), NO_AMOUNT);

/**
 * Sessions, minutes, help calls and feedback per month, for all sites
 * together or for one: each chart with its title, a one-line summary and its
 * figures as a table.
 */
export function Charts({ figures, months }: { figures: Figures; months: MonthKey[] }) {
  const { tr, format } = useFormat();
  const [scope, setScope] = useState(ALL);
  const sites = figures.sites().filter((s) => figures.rows({ site: s.id }).length > 0);
  const site = sites.some((s) => s.id === scope) ? scope : ALL;
  const rowsOf = (month: MonthKey) => figures.rows(site === ALL ? { month } : { month, site });

  const countSummary = (values: Array<Amount | undefined>) => {
    const sum = total(values).known;
    if (sum === 0) return tr('charts.summaryNone');
    const most = values.reduce((best, v, i) => ((v?.known ?? 0) > (values[best]?.known ?? 0) ? i : best), 0);
    return tr('charts.summary', { total: format.number(sum), month: format.month(months[most]!), value: format.number(values[most]?.known ?? 0) });
  };

  // A month without figures (no row for it) is not a month of zeros.
  const present = months.map((m) => rowsOf(m).length > 0);
  const feedback = months.map((m, i) => (present[i] ? feedbackOf(rowsOf(m)) : undefined));
  const faces: Series[] = FEEDBACK_FACES.map((face) => ({ key: face, label: tr(FACE_NAMES[face]), tone: face, values: feedback.map((f) => f?.[face]) }));
  const faceTotals = Object.fromEntries(faces.map((s) => [s.key, format.amountInWords(total(s.values))]));

  return (
    <section id="charts" className="panel" aria-labelledby="charts-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="charts-heading">{tr('charts.heading')}</h2>
        <SelectField
          id="chart-scope"
          label={tr('charts.scope')}
          value={site}
          options={[{ value: ALL, label: tr('charts.allSites') }, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
          onChange={setScope}
          inline
        />
      </div>
      <div className="charts">
        {COUNT_CHARTS.map(({ figure, title }) => {
          const values = months.map((m, i) =>
            present[i] ? { known: rowsOf(m).reduce((sum, r) => sum + (Number.isFinite(r[figure]) ? r[figure] : 0), 0), suppressed: 0 } : undefined,
          );
          return (
            <BarChart
              key={figure}
              id={`chart-${figure}`}
              title={tr(title)}
              summary={countSummary(values)}
              months={months}
              series={[{ key: figure, label: tr('charts.value'), tone: 'primary', values }]}
            />
          );
        })}
        <BarChart
          id="chart-feedback"
          title={tr('charts.feedback')}
          summary={tr('charts.feedbackSummary', { good: faceTotals.good!, ok: faceTotals.ok!, bad: faceTotals.bad! })}
          months={months}
          series={faces}
          wide
        />
      </div>
      <p className="hint">{tr('charts.suppressedNote')}</p>
    </section>
  );
}
