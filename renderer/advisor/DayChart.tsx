import { useState } from 'react';
import type { Figures } from '../../preload/hub-contract';
import { BarChart } from '../ui/BarChart';
import { ChoiceGroup } from '../ui/ChoiceGroup';
import { DAY_FIGURES, daySummary, type DayFigure, type FiguresFormat } from './figures';
import { useText } from './i18n';

/**
 * The month day by day in the shared bar chart: sessions, minutes or help
 * calls (one at a time, chosen with toggle buttons), with a title, a
 * one-line summary and the same figures as a table.
 */
export function DayChart({ figures, format }: { figures: Figures; format: FiguresFormat }) {
  const { tr } = useText();
  const [figure, setFigure] = useState<DayFigure>('sessions');
  const chosen = DAY_FIGURES.find((f) => f.key === figure)!;
  const month = format.month(figures.month);
  return (
    <div className="figures-view__chart">
      <ChoiceGroup label={tr('figures.chartShows')}>
        {DAY_FIGURES.map((f) => (
          <button key={f.key} type="button" className="choice" aria-pressed={f.key === figure} onClick={() => setFigure(f.key)}>
            {tr(f.label)}
          </button>
        ))}
      </ChoiceGroup>
      <BarChart
        id="figures-chart"
        title={tr(chosen.title, { month })}
        summary={daySummary(figures.days, figure, tr, format)}
        categories={format.dayCategories(figures.days)}
        series={[{ key: figure, label: tr(chosen.label), tone: 'primary', values: format.chartValues(figures.days.map((d) => d[figure])) }]}
        formatTick={(t) => format.number(t)}
        texts={{ showTable: tr('figures.showTable'), category: tr('figures.day') }}
        quietZeros
        headingLevel={4}
      />
    </div>
  );
}
