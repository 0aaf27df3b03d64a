/** Text sizes as the page draws them, for laying out the charts (chart-layout.ts). */

/** The CSS pixels of one rem (text may be set larger than 16 px). */
export function remPx(): number {
  const size = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

let canvas: CanvasRenderingContext2D | null | undefined;

/** How wide a text is in the page's font at `px` (bold or not); an estimate where the browser cannot measure. */
export function textWidth(text: string, px: number, bold = false): number {
  if (canvas === undefined) canvas = document.createElement('canvas').getContext('2d');
  if (!canvas) return text.length * 0.6 * px;
  canvas.font = `${bold ? 700 : 400} ${px}px ${getComputedStyle(document.body).fontFamily}`;
  return canvas.measureText(text).width;
}
