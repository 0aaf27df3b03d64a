import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ZOOM, nextZoom, offeredChoice } from '../../../main/core/web-view-rules';

describe('the web view\'s zoom steps', () => {
  it('steps by 25 % and returns to 100 %', () => {
    expect(nextZoom(100, 'in')).toBe(125);
    expect(nextZoom(100, 'out')).toBe(75);
    expect(nextZoom(250, 'reset')).toBe(100);
  });

  it('property: never leaves 50–300 %, and in then out is where it began inside the range', () => {
    fc.assert(
      fc.property(fc.integer({ min: ZOOM.min, max: ZOOM.max }), fc.array(fc.constantFrom('in', 'out', 'reset' as const), { maxLength: 30 }), (start, steps) => {
        let zoom = start;
        for (const step of steps) {
          zoom = nextZoom(zoom, step);
          expect(zoom).toBeGreaterThanOrEqual(ZOOM.min);
          expect(zoom).toBeLessThanOrEqual(ZOOM.max);
        }
        if (start + ZOOM.step <= ZOOM.max) expect(nextZoom(nextZoom(start, 'in'), 'out')).toBe(start);
      }),
    );
  });
});

describe('the files a page may be given', () => {
  const offered = { multiple: false, files: [{ name: 'hakemus.pdf' }, { name: 'cv.pdf' }] };

  it('only files that were offered, one unless the page asked for several', () => {
    expect(offeredChoice(offered, ['cv.pdf', 'hakemus.pdf'])).toEqual(['cv.pdf']);
    expect(offeredChoice({ ...offered, multiple: true }, ['cv.pdf', 'hakemus.pdf'])).toEqual(['cv.pdf', 'hakemus.pdf']);
    expect(offeredChoice(offered, ['/etc/passwd', '../kiosk.sqlite'])).toEqual([]);
  });

  it('property: the answer is always a subset of what was offered', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(fc.string(), { maxLength: 5 }), fc.array(fc.string(), { maxLength: 8 }), (multiple, names, asked) => {
        const choice = offeredChoice({ multiple, files: names.map((name) => ({ name })) }, asked);
        for (const name of choice) expect(names).toContain(name);
        if (!multiple) expect(choice.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
