/**
 * Where a bar chart's parts go, in CSS pixels: the chart is drawn at the
 * width it has, and wider (its box then scrolls) when the months need more
 * room than that. Text sizes come from the page's rem, so larger text makes
 * a larger chart rather than overlapping labels.
 */

/** 0 and a few round steps up to at least `max`. */
export function ticksFor(max: number): number[] {
  if (!(max > 0)) return [0, 5];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= rough && Number.isInteger(s)) ?? Math.ceil(rough);
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}

export interface ChartInput {
  months: number;
  series: number;
  /** The widest value label, the widest tick label and the widest month name (px). */
  labelWidth: number;
  tickWidth: number;
  monthWidth: number;
  /** The width of the chart's box (0 before it is measured). */
  available: number;
  rem: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  axisWidth: number;
  /** Each month's share of the width, and each bar's. */
  slot: number;
  bar: number;
  /** Values stand upright above their bars where they are wider than the bar. */
  upright: boolean;
  plotTop: number;
  plotHeight: number;
}

export function chartLayout(input: ChartInput): ChartLayout {
  const { rem } = input;
  const months = Math.max(1, input.months);
  const series = Math.max(1, input.series);
  const axisWidth = input.tickWidth + 0.6 * rem;
  const gap = 0.75 * rem;
  const end = 0.5 * rem;
  // A month needs room for its bars and for its name below them.
  const minSlot = Math.max(series * 1.25 * rem + gap, input.monthWidth + 2);
  const width = Math.max(input.available, axisWidth + months * minSlot + end);
  const slot = (width - axisWidth - end) / months;
  const bar = Math.min(4 * rem, (slot - gap) / series);
  // A single series may use the gap beside its bar too.
  const upright = input.labelWidth > (series === 1 ? slot - 4 : bar);
  const plotTop = upright ? input.labelWidth + 0.75 * rem : 1.5 * rem;
  const plotHeight = 11 * rem;
  return { width, height: plotTop + plotHeight + 2.8 * rem, axisWidth, slot, bar, upright, plotTop, plotHeight };
}
