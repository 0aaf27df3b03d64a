import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { dayPeriods, endByClosing, openPeriods, openingAt, openingText, withinOpening, type OpeningHours } from '../../../main/core/opening-hours';

const zone = 'Europe/Helsinki';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const ALWAYS = [{ from: '00:00', to: '24:00' }];
const weekdays = (from: string, to: string): OpeningHours => ({
  hours: { mon: [{ from, to }], tue: [{ from, to }], wed: [{ from, to }], thu: [{ from, to }], fri: [{ from, to }], sat: [], sun: [] },
  exceptions: [],
});
const always: OpeningHours = { hours: { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS }, exceptions: [] };

describe('opening hours', () => {
  it('open on a weekday until closing, closed at night with the next opening', () => {
    const hours = weekdays('08:00', '20:00');
    expect(openingAt(at('2026-12-07T10:00'), zone, hours)).toEqual({ open: true, closesAt: at('2026-12-07T20:00') });
    expect(openingAt(at('2026-12-07T20:00'), zone, hours)).toEqual({ open: false, opensAt: at('2026-12-08T08:00') });
    // Friday evening: next opening is Monday.
    expect(openingAt(at('2026-12-11T21:00'), zone, hours)).toEqual({ open: false, opensAt: at('2026-12-14T08:00') });
  });

  it('a site open at all hours never closes at midnight', () => {
    expect(openingAt(at('2026-12-07T23:59'), zone, always)).toEqual({ open: true });
    expect(endByClosing(at('2026-12-07T23:30'), at('2026-12-08T00:30'), zone, always)).toBe(at('2026-12-08T00:30'));
  });

  it('hours past midnight join the next day\'s first range', () => {
    const late: OpeningHours = { ...weekdays('08:00', '24:00'), exceptions: [] };
    late.hours.tue = [{ from: '00:00', to: '02:00' }, { from: '08:00', to: '24:00' }];
    expect(openingAt(at('2026-12-07T23:00'), zone, late)).toEqual({ open: true, closesAt: at('2026-12-08T02:00') });
  });

  it('a dated exception replaces the weekday: a holiday is closed, a short day closes early', () => {
    const hours = { ...weekdays('08:00', '20:00'), exceptions: [{ date: '2026-12-24', hours: [{ from: '08:00', to: '12:00' }] }, { date: '2026-12-25', hours: [] }] };
    expect(openingAt(at('2026-12-24T10:00'), zone, hours)).toEqual({ open: true, closesAt: at('2026-12-24T12:00') });
    expect(openingAt(at('2026-12-24T13:00'), zone, hours)).toEqual({ open: false, opensAt: at('2026-12-28T08:00') });
    expect(dayPeriods('2026-12-25', zone, hours)).toEqual([]);
  });

  it('a day with no opening hours and no schedule at all', () => {
    const never: OpeningHours = { hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] };
    expect(openingAt(at('2026-12-07T10:00'), zone, never)).toEqual({ open: false });
    expect(endByClosing(at('2026-12-07T10:00'), at('2026-12-07T11:00'), zone, never)).toBe(at('2026-12-07T10:00'));
  });

  it('a walk-in is cut at closing', () => {
    const hours = weekdays('08:00', '20:00');
    expect(endByClosing(at('2026-12-07T19:30'), at('2026-12-07T20:30'), zone, hours)).toBe(at('2026-12-07T20:00'));
    expect(endByClosing(at('2026-12-07T18:00'), at('2026-12-07T19:00'), zone, hours)).toBe(at('2026-12-07T19:00'));
  });

  it('a booking must lie inside one opening period, and the refusal names the day\'s hours', () => {
    const hours = weekdays('08:00', '20:00');
    expect(withinOpening({ startsAt: at('2026-12-07T19:00'), endsAt: at('2026-12-07T20:00') }, zone, hours)).toBe(true);
    const crossing = { startsAt: at('2026-12-07T19:30'), endsAt: at('2026-12-07T20:30') };
    expect(withinOpening(crossing, zone, hours)).toBe(false);
    expect(openingText(crossing, zone, hours)).toContain('on 2026-12-07 at 08:00–20:00');
    expect(openingText({ startsAt: at('2026-12-12T10:00'), endsAt: at('2026-12-12T11:00') }, zone, hours)).toContain('closed all day');
  });

  it('daylight saving: the spring-forward day is open its real hours (23 h day)', () => {
    // 2027-03-28: clocks go 03:00 → 04:00 in Helsinki.
    expect(dayPeriods('2027-03-28', zone, always)).toEqual([{ start: at('2027-03-28T00:00'), end: at('2027-03-29T00:00') }]);
    expect(at('2027-03-29T00:00') - at('2027-03-28T00:00')).toBe(23 * 3600_000);
    const night: OpeningHours = { hours: { ...always.hours, sun: [{ from: '02:00', to: '05:00' }] }, exceptions: [] };
    const [p] = dayPeriods('2027-03-28', zone, night);
    expect(p!.end - p!.start).toBe(2 * 3600_000);
  });

  it('property: open periods never overlap or touch, and openingAt agrees with them', () => {
    const range = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 })).filter(([a, b]) => b > a);
    const day = fc.array(range, { maxLength: 2 }).map((rs) => rs.map(([a, b]) => ({ from: `${String(a).padStart(2, '0')}:00`, to: `${String(b).padStart(2, '0')}:00` })));
    fc.assert(
      fc.property(fc.tuple(day, day, day, day, day, day, day), fc.integer({ min: 0, max: 14 * 24 * 60 }), (days, minutes) => {
        const [mon, tue, wed, thu, fri, sat, sun] = days;
        const hours: OpeningHours = { hours: { mon, tue, wed, thu, fri, sat, sun }, exceptions: [] };
        const start = at('2026-12-07T00:00');
        const periods = openPeriods(start, start + 20 * 86_400_000, zone, hours);
        for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBeGreaterThan(periods[i - 1]!.end);
        const now = start + minutes * 60_000;
        const o = openingAt(now, zone, hours);
        const inside = periods.some((p) => p.start <= now && now < p.end);
        expect(o.open).toBe(inside);
        if (o.open && o.closesAt !== undefined) expect(periods.some((p) => p.end === o.closesAt)).toBe(true);
        if (!o.open && o.opensAt !== undefined) expect(o.opensAt).toBeGreaterThan(now);
      }),
      { numRuns: 200 },
    );
  });
});
