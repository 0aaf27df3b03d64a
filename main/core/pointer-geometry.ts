/** A rectangle in the kiosk window's device-independent pixels (DIP, the units of a view's bounds). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The advisor's marker on a room PC: a ring this many DIP across (the kiosk UI's marker is 3rem, 48 px). */
export const POINTER_MARKER_DIP = 48;

/**
 * Where the advisor's marker goes over the resident's web view: a small
 * square overlay at the point the advisor chose, given as fractions of the
 * shared frame (the web view itself), kept wholly inside the web view so it
 * never covers the kiosk's own bar or buttons. `centre` is the point within
 * the overlay: the ring is drawn centred there, so near an edge the ring is
 * cut by the edge rather than moved off the point. Bounds are whole DIP (a
 * view's bounds are integers). No overlay for a web view with no area.
 */
export function pointerOverlayBounds(at: { x: number; y: number }, view: Box, size = POINTER_MARKER_DIP): { bounds: Box; centre: { x: number; y: number } } | undefined {
  const left = Math.ceil(view.x);
  const top = Math.ceil(view.y);
  const right = Math.floor(view.x + view.width);
  const bottom = Math.floor(view.y + view.height);
  if (!(right > left && bottom > top) || !(size > 0)) return undefined;
  const side = Math.max(1, Math.min(Math.round(size), right - left, bottom - top));
  const point = { x: view.x + fraction(at.x) * view.width, y: view.y + fraction(at.y) * view.height };
  const x = clamp(Math.round(point.x - side / 2), left, right - side);
  const y = clamp(Math.round(point.y - side / 2), top, bottom - side);
  return {
    bounds: { x, y, width: side, height: side },
    centre: { x: clamp(point.x - x, 0, side), y: clamp(point.y - y, 0, side) },
  };
}

/** A fraction of the frame: out-of-range or non-numbers (never sent by the hub) are held to the frame's edges. */
function fraction(value: number): number {
  return Number.isFinite(value) ? clamp(value, 0, 1) : 0.5;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
