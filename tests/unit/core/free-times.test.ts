import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { MINUTE } from '../../../main/core/clock';
import { bookableDays, freeTimes, lastBookableDay, limitReached, onGrid, whyNotFree, type FreeTimeSite, type Taken } from '../../../main/core/free-times';
import { withinOpening, type OpeningHours } from '../../../main/core/opening-hours';

const zone = 'Europe/Helsinki';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
const ALWAYS = [{ from: '00:00', to: '24:00' }];
const always: OpeningHours = { hours: { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS }, exceptions: [] };
const weekdays = (from: string, to: string): OpeningHours => ({
  hours: { mon: [{ from, to }], tue: [{ from, to }], wed: [{ from, to }], thu: [{ from, to }], fri: [{ from, to }], sat: [], sun: [] },
  exceptions: [],
});
const POLICY = { lengths: [30, 60], stepMinutes: 15, gapMinutes: 5, daysAhead: 7, maxDaysAhead: 60 };
const site = (hours: OpeningHours, policy: Partial<typeof POLICY> = {}): FreeTimeSite => ({ zone, hours, policy: { ...POLICY, ...policy } });

describe('free times', () => {
  it('lists each PC\'s grid times inside opening hours, for each length, none past and none crossing closing', () => {
    const s = site(weekdays('08:00', '12:00'), { lengths: [30, 60] });
    const times = freeTimes({ date: '2026-12-07', now: at('2026-12-07T10:07'), site: s, pcIds: ['pc-1', 'pc-2'], taken: [] });
    const pc1 = times.filter((t) => t.pcId === 'pc-1');
    expect(pc1.filter((t) => t.minutes === 30).map((t) => hhmm(t.startsAt))).toEqual(['10:15', '10:30', '10:45', '11:00', '11:15', '11:30']);
    expect(pc1.filter((t) => t.minutes === 60).map((t) => hhmm(t.startsAt))).toEqual(['10:15', '10:30', '10:45', '11:00']);
    expect(times.filter((t) => t.pcId === 'pc-2')).toHaveLength(pc1.length);
  });

  it('keeps the gap before and after other bookings on the same PC only', () => {
    const s = site(weekdays('08:00', '12:00'), { lengths: [30], gapMinutes: 5 });
    const taken: Taken[] = [{ pcId: 'pc-1', startsAt: at('2026-12-07T09:00'), endsAt: at('2026-12-07T10:00') }];
    const times = freeTimes({ date: '2026-12-07', now: at('2026-12-07T07:00'), site: s, pcIds: ['pc-1', 'pc-2'], taken });
    const pc1 = times.filter((t) => t.pcId === 'pc-1').map((t) => hhmm(t.startsAt));
    // 08:30–09:00 ends right at the booking (no gap): not offered; 10:00 starts right after it: not offered.
    expect(pc1).toContain('08:15');
    expect(pc1).not.toContain('08:30');
    expect(pc1).not.toContain('10:00');
    expect(pc1).toContain('10:15');
    expect(times.filter((t) => t.pcId === 'pc-2').map((t) => hhmm(t.startsAt))).toContain('09:00');
  });

  it('a closed day, a day beyond the horizon and a day already over have no free times', () => {
    const s = site(weekdays('08:00', '12:00'), { daysAhead: 3 });
    const now = at('2026-12-07T09:00');
    expect(freeTimes({ date: '2026-12-12', now, site: s, pcIds: ['pc-1'], taken: [] })).toEqual([]);
    expect(freeTimes({ date: '2026-12-11', now, site: s, pcIds: ['pc-1'], taken: [] })).toEqual([]);
    expect(freeTimes({ date: '2026-12-10', now, site: s, pcIds: ['pc-1'], taken: [] }).length).toBeGreaterThan(0);
    expect(freeTimes({ date: '2026-12-06', now, site: s, pcIds: ['pc-1'], taken: [] })).toEqual([]);
    expect(freeTimes({ date: 'not-a-date', now, site: s, pcIds: ['pc-1'], taken: [] })).toEqual([]);
  });

  it('the bookable days run from today to the lesser horizon, with closed days marked', () => {
    const s = site(weekdays('08:00', '12:00'), { daysAhead: 7, maxDaysAhead: 3 });
    // Friday 11:45: today has less than the shortest length left, the weekend is closed.
    expect(bookableDays(at('2026-12-11T11:45'), s)).toEqual([
      { date: '2026-12-11', open: false },
      { date: '2026-12-12', open: false },
      { date: '2026-12-13', open: false },
      { date: '2026-12-14', open: true },
    ]);
    expect(lastBookableDay(at('2026-12-11T11:45'), s)).toBe('2026-12-14');
    expect(bookableDays(at('2026-12-07T09:00'), site(always, { daysAhead: 0 }))).toEqual([{ date: '2026-12-07', open: true }]);
  });

  it('across the spring change the skipped hour has no times, and lengths are real minutes', () => {
    const s = site(always, { lengths: [60], stepMinutes: 30, gapMinutes: 0 });
    const times = freeTimes({ date: '2026-03-29', now: at('2026-03-28T12:00'), site: s, pcIds: ['pc-1'], taken: [] });
    const labels = times.map((t) => hhmm(t.startsAt));
    expect(labels.slice(0, 8)).toEqual(['00:00', '00:30', '01:00', '01:30', '02:00', '02:30', '04:00', '04:30']);
    // A 23-hour day: 46 half hours.
    expect(times).toHaveLength(46);
    for (const t of times) expect(t.endsAt - t.startsAt).toBe(60 * MINUTE);
  });

  it('across the autumn change the repeated hour is offered twice, as two different instants', () => {
    const s = site(always, { lengths: [30], stepMinutes: 30, gapMinutes: 0 });
    const times = freeTimes({ date: '2026-10-25', now: at('2026-10-24T12:00'), site: s, pcIds: ['pc-1'], taken: [] });
    // A 25-hour day: 50 half hours, 03:00 and 03:30 twice.
    expect(times).toHaveLength(50);
    expect(times.filter((t) => hhmm(t.startsAt) === '03:00')).toHaveLength(2);
    expect(new Set(times.map((t) => t.startsAt)).size).toBe(50);
  });

  it('a site open past midnight keeps its late times (the booking may end after midnight)', () => {
    const s = site(always, { lengths: [60], stepMinutes: 30 });
    const times = freeTimes({ date: '2026-12-07', now: at('2026-12-07T22:00'), site: s, pcIds: ['pc-1'], taken: [] });
    expect(times.map((t) => hhmm(t.startsAt))).toContain('23:30');
  });

  it('says why a wanted time is not free, with a code for each rule', () => {
    const s = site(weekdays('08:00', '12:00'), { daysAhead: 3 });
    const now = at('2026-12-07T09:00');
    const taken = [{ startsAt: at('2026-12-07T10:00'), endsAt: at('2026-12-07T11:00') }];
    const why = (iso: string, minutes = 30) => whyNotFree({ startsAt: at(iso), minutes }, { now, site: s, taken });
    expect(why('2026-12-07T09:15')).toBeUndefined();
    expect(why('2026-12-07T09:15', 45)).toBe('length');
    expect(why('2026-12-07T08:45')).toBe('past');
    // Picked from the list just before it began: still bookable for LATE_PICK_MS.
    expect(whyNotFree({ startsAt: at('2026-12-07T09:00'), minutes: 30 }, { now: at('2026-12-07T09:01'), site: s, taken })).toBeUndefined();
    expect(whyNotFree({ startsAt: at('2026-12-07T09:00'), minutes: 30 }, { now: at('2026-12-07T09:03'), site: s, taken })).toBe('past');
    expect(why('2026-12-11T09:00')).toBe('too-far-ahead');
    expect(why('2026-12-07T09:10')).toBe('off-grid');
    expect(why('2026-12-07T11:45')).toBe('closed');
    expect(why('2026-12-07T09:30')).toBe('taken');
  });

  it('limits: a kiosk\'s hour and a PC\'s day', () => {
    const policy = { maxPerKioskPerHour: 2, maxOpenPerPcPerDay: 3 };
    expect(limitReached({ fromKioskLastHour: 1, openOnPcThatDay: 2 }, policy)).toBeUndefined();
    expect(limitReached({ fromKioskLastHour: 2, openOnPcThatDay: 0 }, policy)).toBe('kiosk-limit');
    expect(limitReached({ fromKioskLastHour: 0, openOnPcThatDay: 3 }, policy)).toBe('pc-day-limit');
  });
});

describe('free times: properties', () => {
  const DAYS = ['2026-03-29', '2026-10-25', '2026-12-07', '2026-12-12'];
  const hoursArb = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 1, max: 24 }))
    .map(([from, length]): OpeningHours => {
      const to = Math.min(24, from + length);
      const range = [{ from: `${String(from).padStart(2, '0')}:00`, to: `${String(to).padStart(2, '0')}:00` }];
      return { hours: { mon: range, tue: range, wed: range, thu: range, fri: range, sat: range, sun: [] }, exceptions: [] };
    });
  const policyArb = fc.record({
    lengths: fc.uniqueArray(fc.constantFrom(15, 30, 45, 60, 90), { minLength: 1, maxLength: 3 }),
    stepMinutes: fc.constantFrom(5, 10, 15, 20, 30, 60),
    gapMinutes: fc.integer({ min: 0, max: 30 }),
    daysAhead: fc.integer({ min: 0, max: 10 }),
    maxDaysAhead: fc.integer({ min: 1, max: 60 }),
  });
  const bookingsArb = (day: number) =>
    fc.array(
      fc.record({ pcId: fc.constantFrom('pc-1', 'pc-2'), start: fc.integer({ min: -120, max: 24 * 60 }), minutes: fc.integer({ min: 5, max: 180 }) }).map((b) => ({
        pcId: b.pcId,
        startsAt: day + b.start * MINUTE,
        endsAt: day + (b.start + b.minutes) * MINUTE,
      })),
      { maxLength: 12 },
    );
  const caseArb = fc.constantFrom(...DAYS).chain((date) => {
    const day = at(`${date}T00:00`);
    return fc.record({
      date: fc.constant(date),
      hours: hoursArb,
      policy: policyArb,
      taken: bookingsArb(day),
      now: fc.integer({ min: -2 * 24 * 60, max: 24 * 60 }).map((m) => day + m * MINUTE),
    });
  });

  it('no free time overlaps a booking plus the gap, none crosses closing, all are on the grid, none is past', () => {
    fc.assert(
      fc.property(caseArb, ({ date, hours, policy, taken, now }) => {
        const s = site(hours, policy);
        const gap = policy.gapMinutes * MINUTE;
        for (const t of freeTimes({ date, now, site: s, pcIds: ['pc-1', 'pc-2'], taken })) {
          for (const b of taken.filter((x) => x.pcId === t.pcId)) {
            expect(t.endsAt + gap <= b.startsAt || b.endsAt + gap <= t.startsAt).toBe(true);
          }
          expect(withinOpening(t, zone, hours)).toBe(true);
          expect(onGrid(t.startsAt, zone, policy.stepMinutes)).toBe(true);
          expect(t.startsAt).toBeGreaterThanOrEqual(now);
          expect(t.endsAt - t.startsAt).toBe(t.minutes * MINUTE);
          expect(DateTime.fromMillis(t.startsAt, { zone }).toISODate()).toBe(date);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the hub\'s check agrees with the list: every listed time is free, every other grid time not yet begun is refused with a reason', () => {
    fc.assert(
      fc.property(caseArb, ({ date, hours, policy, taken, now }) => {
        const s = site(hours, policy);
        const listed = freeTimes({ date, now, site: s, pcIds: ['pc-1'], taken });
        const key = (startsAt: number, minutes: number) => `${startsAt}/${minutes}`;
        const free = new Set(listed.map((t) => key(t.startsAt, t.minutes)));
        const mine = taken.filter((b) => b.pcId === 'pc-1');
        const dayStart = at(`${date}T00:00`);
        for (let m = 0; m < 25 * 60; m += policy.stepMinutes) {
          const startsAt = dayStart + m * MINUTE;
          if (DateTime.fromMillis(startsAt, { zone }).toISODate() !== date || startsAt < now) continue;
          for (const minutes of policy.lengths) {
            const reason = whyNotFree({ startsAt, minutes }, { now, site: s, taken: mine });
            expect(reason === undefined, `${hhmm(startsAt)} ${minutes} min: ${reason}`).toBe(free.has(key(startsAt, minutes)));
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
