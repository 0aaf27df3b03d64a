/** The zoom steps a resident can take in the web view, in percent. */
export const ZOOM = { min: 50, max: 300, step: 25 } as const;

/** One step larger or smaller, or back to 100 %: relative, so quick taps never undo each other. */
export function nextZoom(current: number, change: 'in' | 'out' | 'reset'): number {
  const wanted = change === 'reset' ? 100 : current + (change === 'in' ? ZOOM.step : -ZOOM.step);
  return Math.min(ZOOM.max, Math.max(ZOOM.min, wanted));
}

/** The files that answer a page's request: only names that were offered, and one unless the page asked for several. */
export function offeredChoice(offered: { multiple: boolean; files: ReadonlyArray<{ name: string }> }, names: readonly string[]): string[] {
  const allowed = new Set(offered.files.map((f) => f.name));
  return names.filter((n) => allowed.has(n)).slice(0, offered.multiple ? names.length : 1);
}
