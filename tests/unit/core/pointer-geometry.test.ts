import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { POINTER_MARKER_DIP, pointerOverlayBounds, type Box } from '../../../main/core/pointer-geometry';

const VIEW: Box = { x: 0, y: 96, width: 1280, height: 624 };

const box = fc.record({
  x: fc.integer({ min: 0, max: 2000 }),
  y: fc.integer({ min: 0, max: 2000 }),
  width: fc.integer({ min: 1, max: 4000 }),
  height: fc.integer({ min: 1, max: 4000 }),
});
// Fractions spread evenly over the frame (fc.double crowds them near 0), with both edges included.
const fraction = fc.integer({ min: 0, max: 10_000 }).map((n) => n / 10_000);
const at = fc.record({ x: fraction, y: fraction });

describe("where the advisor's marker goes over the web view", () => {
  it('a point in the middle: a 48 DIP square centred on it', () => {
    expect(pointerOverlayBounds({ x: 0.5, y: 0.5 }, VIEW)).toEqual({ bounds: { x: 616, y: 384, width: 48, height: 48 }, centre: { x: 24, y: 24 } });
    // A quarter across and three quarters down the web view, which starts 96 DIP from the top.
    expect(pointerOverlayBounds({ x: 0.25, y: 0.75 }, VIEW)).toEqual({ bounds: { x: 296, y: 540, width: 48, height: 48 }, centre: { x: 24, y: 24 } });
  });

  it('a corner: the square stays inside the web view and the ring stays on the point', () => {
    expect(pointerOverlayBounds({ x: 0, y: 0 }, VIEW)).toEqual({ bounds: { x: 0, y: 96, width: 48, height: 48 }, centre: { x: 0, y: 0 } });
    expect(pointerOverlayBounds({ x: 1, y: 1 }, VIEW)).toEqual({ bounds: { x: 1232, y: 672, width: 48, height: 48 }, centre: { x: 48, y: 48 } });
    expect(pointerOverlayBounds({ x: 0.01, y: 0.5 }, VIEW)?.centre.x).toBeCloseTo(12.8);
  });

  it('a web view smaller than the marker gets a marker its size; an empty one none', () => {
    expect(pointerOverlayBounds({ x: 0.5, y: 0.5 }, { x: 10, y: 10, width: 30, height: 200 })?.bounds).toEqual({ x: 10, y: 95, width: 30, height: 30 });
    expect(pointerOverlayBounds({ x: 0.5, y: 0.5 }, { x: 10, y: 10, width: 0, height: 200 })).toBeUndefined();
    expect(pointerOverlayBounds({ x: 0.5, y: 0.5 }, VIEW, 0)).toBeUndefined();
  });

  it('out-of-range fractions (never sent by the hub) are held to the edges', () => {
    expect(pointerOverlayBounds({ x: 7, y: -3 }, VIEW)).toEqual(pointerOverlayBounds({ x: 1, y: 0 }, VIEW));
    expect(pointerOverlayBounds({ x: Number.NaN, y: 0.5 }, VIEW)).toEqual(pointerOverlayBounds({ x: 0.5, y: 0.5 }, VIEW));
  });

  it('property: whole DIP, inside the web view, the marker size or the view\'s, and the ring centre exactly on the point', () => {
    fc.assert(
      fc.property(at, box, fc.integer({ min: 1, max: 200 }), (point, view, size) => {
        const placed = pointerOverlayBounds(point, view, size)!;
        const { bounds, centre } = placed;
        for (const n of Object.values(bounds)) expect(Number.isInteger(n)).toBe(true);
        expect(bounds.x).toBeGreaterThanOrEqual(view.x);
        expect(bounds.y).toBeGreaterThanOrEqual(view.y);
        expect(bounds.x + bounds.width).toBeLessThanOrEqual(view.x + view.width);
        expect(bounds.y + bounds.height).toBeLessThanOrEqual(view.y + view.height);
        expect(bounds.width).toBe(Math.min(size, view.width, view.height));
        expect(bounds.height).toBe(bounds.width);
        expect(bounds.x + centre.x).toBeCloseTo(view.x + point.x * view.width, 6);
        expect(bounds.y + centre.y).toBeCloseTo(view.y + point.y * view.height, 6);
        expect(centre.x).toBeGreaterThanOrEqual(0);
        expect(centre.x).toBeLessThanOrEqual(bounds.width);
      }),
    );
  });

  it('property: away from the edges the square is centred on the point (within half a DIP)', () => {
    fc.assert(
      fc.property(at, box, (point, view) => {
        const px = view.x + point.x * view.width;
        const py = view.y + point.y * view.height;
        const half = POINTER_MARKER_DIP / 2;
        fc.pre(px - half - 1 >= view.x && px + half + 1 <= view.x + view.width && py - half - 1 >= view.y && py + half + 1 <= view.y + view.height);
        const { centre } = pointerOverlayBounds(point, view)!;
        expect(Math.abs(centre.x - half)).toBeLessThanOrEqual(0.5);
        expect(Math.abs(centre.y - half)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('property: a point further right or down never moves the square left or up', () => {
    fc.assert(
      fc.property(at, at, box, (a, b, view) => {
        const first = pointerOverlayBounds(a, view)!.bounds;
        const second = pointerOverlayBounds({ x: Math.max(a.x, b.x), y: Math.max(a.y, b.y) }, view)!.bounds;
        expect(second.x).toBeGreaterThanOrEqual(first.x);
        expect(second.y).toBeGreaterThanOrEqual(first.y);
      }),
    );
  });
});
