/**
 * A bar chart's data (what BarChart.tsx draws), and where its parts go, in
 * CSS pixels: the chart is drawn at the width it has, and wider (its box
 * then scrolls) when the categories (the months of a range, the days of a
 * month) need more room than that. Text sizes come from the page's rem, so
 * larger text makes a larger chart rather than overlapping labels.
 */
import type { Shown } from './shown';

/** How a series is drawn: the page's blue, or one of the three feedback faces (each with its own pattern, not colour alone). */
export type Tone = 'primary' | 'good' | 'ok' | 'bad';

/**
 * One bar: the least and the most it can stand for (the same for an exact
 * count; a city figure that arrived as "<5" is 0–4), and its label as shown
 * and as a screen reader says it.
 */
export interface ChartValue extends Shown {
  low: number;
  high: number;
}

/** A group of bars along the axis (a month, a day): its name below the bars, a second smaller line, and its name in the table. */
export interface ChartCategory {
  key: string;
  label: string;
  sub?: string | undefined;
  name: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  tone: Tone;
  /** One value per category, in the order of the categories. */
  values: ChartValue[];
}

export interface ChartTexts {
  /** "Show the figures as a table", and the table's first column heading ("Month", "Day"). */
  showTable: string;
  category: string;
}

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
  /** How many groups of bars there are (months, days), and how many bars each group has. */
  categories: number;
  series: number;
  /** The widest value label, the widest tick label and the widest category name below the bars (px). */
  labelWidth: number;
  tickWidth: number;
  categoryWidth: number;
  /** The width of the chart's box (0 before it is measured). */
  available: number;
  rem: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  axisWidth: number;
  /** Each category's share of the width, and each bar's. */
  slot: number;
  bar: number;
  /** Values stand upright above their bars where they are wider than the bar. */
  upright: boolean;
  plotTop: number;
  plotHeight: number;
}

export function chartLayout(input: ChartInput): ChartLayout {
  const { rem } = input;
  const categories = Math.max(1, input.categories);
  const series = Math.max(1, input.series);
  const axisWidth = input.tickWidth + 0.6 * rem;
  // Many narrow groups (the days of a month) need less room between them than a few wide ones.
  const gap = (categories > 16 ? 0.4 : 0.75) * rem;
  const end = 0.5 * rem;
  // A category needs room for its bars and for its name below them.
  const minSlot = Math.max(series * 1.25 * rem + gap, input.categoryWidth + 2);
  const width = Math.max(input.available, axisWidth + categories * minSlot + end);
  const slot = (width - axisWidth - end) / categories;
  const bar = Math.min(4 * rem, (slot - gap) / series);
  // A single series may use the gap beside its bar too.
  const upright = input.labelWidth > (series === 1 ? slot - 4 : bar);
  const plotTop = upright ? input.labelWidth + 0.75 * rem : 1.5 * rem;
  const plotHeight = 11 * rem;
  return { width, height: plotTop + plotHeight + 2.8 * rem, axisWidth, slot, bar, upright, plotTop, plotHeight };
}
