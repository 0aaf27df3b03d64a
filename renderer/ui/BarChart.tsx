import { useState } from 'react';
import { chartLayout, ticksFor, type ChartCategory, type ChartSeries, type ChartTexts, type Tone } from './chart-layout';
import { remPx, textWidth } from './measure';
import { ScrollRegion } from './ScrollRegion';
import { ShownText } from './ShownText';

export type { ChartCategory, ChartSeries, ChartTexts, ChartValue, Tone } from './chart-layout';

/** A bar of a series: solid for the blue and good faces, stripes for OK, dots for bad (the pattern is its fill). */
const barProps = (id: string, tone: Tone) =>
  tone === 'ok' || tone === 'bad' ? { className: `chart__bar tone--${tone}`, fill: `url(#${id}-${tone})` } : { className: `chart__bar chart__bar--solid tone--${tone}` };

/**
 * A bar chart of one or more series per category, drawn in SVG at the width
 * it has (wider, and scrollable, when the categories need more room). The
 * chart is an image named by its title and summary; the same figures are in
 * a table below it. A value that is not exact (a city "<5") is drawn dashed
 * up to the most it can be, labelled with what is known, never as 0.
 * `quietZeros` leaves the label off bars of 0 (a month of days, most of
 * them empty); the table still says 0.
 */
export function BarChart({
  id,
  title,
  summary,
  categories,
  series,
  formatTick,
  texts,
  wide = false,
  quietZeros = false,
  headingLevel = 3,
}: {
  id: string;
  title: string;
  summary: string;
  categories: ChartCategory[];
  series: ChartSeries[];
  formatTick: (value: number) => string;
  texts: ChartTexts;
  wide?: boolean;
  quietZeros?: boolean;
  /** The title's heading level: 3 under a section's heading, 4 under a part of one. */
  headingLevel?: 3 | 4;
}) {
  const [available, setAvailable] = useState(0);

  const rem = remPx();
  const font = 0.75 * rem;
  const top = Math.max(...ticksFor(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v.high)))));
  const ticks = ticksFor(top);
  const layout = chartLayout({
    categories: categories.length,
    series: series.length,
    labelWidth: Math.max(0, ...series.flatMap((s) => s.values.map((v) => textWidth(v.text, font, true)))),
    tickWidth: Math.max(...ticks.map((t) => textWidth(formatTick(t), font))),
    categoryWidth: Math.max(0, ...categories.map((c) => Math.max(textWidth(c.label, font), c.sub ? textWidth(c.sub, font) : 0))),
    available,
    rem,
  });
  const { width, height, axisWidth, slot, bar, upright } = layout;
  const y = (value: number) => layout.plotTop + layout.plotHeight - (value / top) * layout.plotHeight;
  const base = layout.plotTop + layout.plotHeight;
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;
  const Heading = headingLevel === 4 ? 'h4' : 'h3';

  return (
    <figure className={`chart${wide ? ' chart--wide' : ''}`} aria-labelledby={titleId}>
      <figcaption className="chart__caption">
        <Heading id={titleId}>{title}</Heading>
        <p id={summaryId} className="chart__summary">
          {summary}
        </p>
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart__legend">
          {series.map((s) => (
            <li key={s.key} className="chart__key">
              <svg width="16" height="16" aria-hidden="true" focusable="false">
                <rect x="0.5" y="0.5" width="15" height="15" {...barProps(id, s.tone)} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <ScrollRegion labelledBy={titleId} onWidth={setAvailable}>
        <svg className="chart__svg" role="img" aria-labelledby={`${titleId} ${summaryId}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
          <defs>
            <pattern id={`${id}-ok`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#ffffff" />
              <rect width="3" height="6" fill="#4b5563" />
            </pattern>
            <pattern id={`${id}-bad`} width="6" height="6" patternUnits="userSpaceOnUse">
              <rect width="6" height="6" fill="#a4231c" />
              <circle cx="3" cy="3" r="1.3" fill="#ffffff" />
            </pattern>
          </defs>
          {ticks.map((t) => (
            <g key={t} className="chart__tick">
              <line x1={axisWidth} x2={width} y1={y(t)} y2={y(t)} className={t === 0 ? 'chart__axis' : 'chart__grid'} />
              <text x={axisWidth - 0.4 * rem} y={y(t)} dy="0.35em" textAnchor="end" className="chart__tick-label">
                {formatTick(t)}
              </text>
            </g>
          ))}
          {categories.map((category, i) => {
            const left = axisWidth + i * slot + (slot - bar * series.length) / 2;
            const centre = axisWidth + i * slot + slot / 2;
            return (
              <g key={category.key}>
                {series.map((s, k) => {
                  const { low, high, text } = s.values[i]!;
                  const x = left + k * bar;
                  const uncertain = high > low;
                  // A dashed box at least half a rem tall, so that "<5" is seen even beside large bars.
                  const dashedTop = uncertain ? Math.min(y(high), y(low) - 0.5 * rem) : y(low);
                  return (
                    <g key={s.key}>
                      {low > 0 ? <rect x={x + 1} y={y(low)} width={bar - 2} height={y(0) - y(low)} {...barProps(id, s.tone)} /> : null}
                      {uncertain ? <rect x={x + 1} y={dashedTop} width={bar - 2} height={y(low) - dashedTop} className={`chart__uncertain tone--${s.tone}`} /> : null}
                      {quietZeros && high === 0 ? null : <BarLabel x={x + bar / 2} y={Math.min(dashedTop, y(low)) - 0.3 * rem} upright={upright} text={text} />}
                    </g>
                  );
                })}
                <text x={centre} y={base + 1.1 * rem} textAnchor="middle" className="chart__category">
                  {category.label}
                </text>
                {category.sub ? (
                  <text x={centre} y={base + 2.3 * rem} textAnchor="middle" className="chart__sub">
                    {category.sub}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </ScrollRegion>
      <details className="chart__data">
        <summary>
          {texts.showTable}
          {/* Several of these on a page: each says aloud which chart it belongs to. */}
          <span className="sr-only">: {title}</span>
        </summary>
        <ScrollRegion labelledBy={`${id}-data`}>
          <table className="data-table">
            <caption id={`${id}-data`} className="sr-only">
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">{texts.category}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="data-table__num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((category, i) => (
                <tr key={category.key}>
                  <th scope="row">{category.name}</th>
                  {series.map((s) => (
                    <td key={s.key} className="data-table__num">
                      <ShownText shown={s.values[i]!} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

/** A bar's value just above it: across, or upright (reading upwards) where it is wider than the bar. */
function BarLabel({ x, y, upright, text }: { x: number; y: number; upright: boolean; text: string }) {
  return upright ? (
    <text x={x} y={y} dy="0.35em" transform={`rotate(-90 ${x} ${y})`} textAnchor="start" className="chart__value">
      {text}
    </text>
  ) : (
    <text x={x} y={y} textAnchor="middle" className="chart__value">
      {text}
    </text>
  );
}
