/** The value at percentile p (nearest rank) of the samples; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** One line of `npm run bench`'s table and JSON: met is null where there is no goal. */
export interface Row {
  metric: string;
  value: number;
  unit: string;
  goal: string;
  met: boolean | null;
  detail: string;
}
