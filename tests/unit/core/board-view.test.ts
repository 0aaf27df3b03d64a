import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { boardPc, boardView, freeTimes, takenTimes, type BoardPcInput, type BoardRules } from '../../../main/core/board-view';
import { openPeriods, type OpeningHours } from '../../../main/core/opening-hours';

const zone = 'Europe/Helsinki';
const MIN = 60_000;
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const ALWAYS = [{ from: '00:00', to: '24:00' }];
const always: OpeningHours = { hours: { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS }, exceptions: [] };
const day = (from: string, to: string) => [{ from, to }];
const weekdays: OpeningHours = {
  hours: { mon: day('08:00', '20:00'), tue: day('08:00', '20:00'), wed: day('08:00', '20:00'), thu: day('08:00', '20:00'), fri: day('08:00', '16:00'), sat: [], sun: [] },
  exceptions: [],
};
const rules: BoardRules = { checkIn: { earlyMinutes: 5, holdMinutes: 10 }, walkIn: { minFreeMinutes: 15, gapMinutes: 5 } };
const pc = (more: Partial<BoardPcInput> = {}): BoardPcInput => ({ name: 'PC 1', room: 'Tupa', online: true, phase: 'welcome', bookings: [], ...more });
const view = (input: BoardPcInput, now: number, hours: OpeningHours = always) => boardView([input], now, zone, hours, rules).pcs[0]!;

// Monday 7 December 2026.
const MON_10 = at('2026-12-07T10:00');

describe('the status board, PC by PC', () => {
  it('a PC with no bookings at a site open at all hours is free, with no end in sight', () => {
    expect(view(pc(), MON_10)).toEqual({ name: 'PC 1', room: 'Tupa', state: 'free', nextFree: { from: MON_10 } });
  });

  it('a PC free until its next booking: the walk-in would stop at the early check-in or the gap, whichever is earlier', () => {
    const booking = { startsAt: at('2026-12-07T12:00'), endsAt: at('2026-12-07T13:00') };
    expect(view(pc({ bookings: [booking] }), MON_10)).toMatchObject({ state: 'free', until: at('2026-12-07T11:55'), nextFree: { from: MON_10, until: at('2026-12-07T11:55') } });
  });

  it('a booking that starts too soon for a walk-in makes the PC booked from its start; it is next free after the booking', () => {
    const booking = { startsAt: at('2026-12-07T10:15'), endsAt: at('2026-12-07T11:00') };
    expect(view(pc({ bookings: [booking] }), MON_10)).toEqual({
      name: 'PC 1',
      room: 'Tupa',
      state: 'booked',
      from: booking.startsAt,
      until: booking.endsAt,
      nextFree: { from: booking.endsAt },
    });
  });

  it('a booking not checked in stays booked for the hold time, then frees its PC until its end', () => {
    const booking = { startsAt: at('2026-12-07T10:00'), endsAt: at('2026-12-07T11:00') };
    const later = { startsAt: at('2026-12-07T12:00'), endsAt: at('2026-12-07T13:00') };
    expect(view(pc({ bookings: [booking, later] }), at('2026-12-07T10:09'))).toMatchObject({ state: 'booked', from: booking.startsAt, nextFree: { from: booking.endsAt } });
    expect(view(pc({ bookings: [booking, later] }), at('2026-12-07T10:10'))).toMatchObject({ state: 'free', until: at('2026-12-07T11:55') });
  });

  it('a PC in a session is in use until the session ends, and free after it', () => {
    const ends = at('2026-12-07T10:45');
    expect(view(pc({ phase: 'active', sessionEndsAt: ends }), MON_10)).toEqual({ name: 'PC 1', room: 'Tupa', state: 'in-use', until: ends, nextFree: { from: ends } });
    expect(view(pc({ phase: 'warning', sessionEndsAt: ends }), MON_10).state).toBe('in-use');
  });

  it('a PC clearing or asking for feedback after a session is still in use, with no end time, and next free now', () => {
    expect(view(pc({ phase: 'wiping' }), MON_10)).toEqual({ name: 'PC 1', room: 'Tupa', state: 'in-use', nextFree: { from: MON_10 } });
  });

  it('a PC out of service or not connected is out of service, with no free time promised', () => {
    expect(view(pc({ phase: 'out-of-service' }), MON_10)).toEqual({ name: 'PC 1', room: 'Tupa', state: 'out-of-service' });
    expect(view(pc({ online: false }), MON_10)).toEqual({ name: 'PC 1', room: 'Tupa', state: 'out-of-service' });
  });

  it('outside opening hours every PC is closed, next free when the site opens', () => {
    const friday = at('2026-12-11T17:00');
    const monday = at('2026-12-14T08:00');
    const board = boardView([pc(), pc({ name: 'PC 2' })], friday, zone, weekdays, rules);
    expect(board.opening).toEqual({ open: false, opensAt: monday });
    expect(board.pcs.map((p) => [p.state, p.from, p.nextFree])).toEqual([
      ['closed', monday, { from: monday, until: at('2026-12-14T20:00') }],
      ['closed', monday, { from: monday, until: at('2026-12-14T20:00') }],
    ]);
  });

  it('free time ends at closing, and a PC is closed when closing comes too soon for a walk-in', () => {
    expect(view(pc(), at('2026-12-07T19:00'), weekdays)).toMatchObject({ state: 'free', until: at('2026-12-07T20:00') });
    expect(view(pc(), at('2026-12-07T19:50'), weekdays)).toMatchObject({ state: 'closed', from: at('2026-12-08T08:00'), nextFree: { from: at('2026-12-08T08:00') } });
  });

  it('a gap between bookings shorter than a walk-in is not free time', () => {
    const first = { startsAt: at('2026-12-07T10:30'), endsAt: at('2026-12-07T11:00') };
    const second = { startsAt: at('2026-12-07T11:15'), endsAt: at('2026-12-07T12:00') };
    // 11:00 to 11:10 (the second's early check-in) is 10 minutes: too short.
    expect(view(pc({ bookings: [second, first] }), MON_10).nextFree).toEqual({ from: MON_10, until: at('2026-12-07T10:25') });
    expect(view(pc({ bookings: [second, first] }), at('2026-12-07T10:20')).nextFree).toEqual({ from: at('2026-12-07T12:00') });
  });

  it('free times on the day the clocks go back keep real durations (25-hour day)', () => {
    // 25 October 2026: 04:00 happens twice in Helsinki.
    const booking = { startsAt: at('2026-10-25T05:00'), endsAt: at('2026-10-25T06:00') };
    const now = at('2026-10-25T02:00');
    const free = view(pc({ bookings: [booking] }), now).nextFree!;
    expect(free.from).toBe(now);
    expect((free.until! - free.from) / MIN).toBe(4 * 60 - 5);
  });

  it('cancelled or past bookings are not taken time', () => {
    expect(takenTimes(pc({ bookings: [{ startsAt: MON_10 - 120 * MIN, endsAt: MON_10 - 60 * MIN }] }), MON_10, rules)).toEqual([]);
  });
});

describe('free time, as properties', () => {
  const base = MON_10;
  const bookingsArb = fc.array(
    fc.record({ start: fc.integer({ min: -90, max: 600 }), length: fc.integer({ min: 15, max: 120 }) }).map(({ start, length }) => ({
      startsAt: base + start * MIN,
      endsAt: base + (start + length) * MIN,
    })),
    { maxLength: 6 },
  );
  const sessionArb = fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined });
  const hoursArb = fc.constantFrom(always, weekdays);
  const nowArb = fc.integer({ min: 0, max: 16 * 60 }).map((m) => at('2026-12-07T06:00') + m * MIN);

  it('the next free time lies in opening hours, in no taken time, from now on, and is long enough', () => {
    fc.assert(
      fc.property(bookingsArb, sessionArb, hoursArb, nowArb, (bookings, session, hours, now) => {
        const input = pc({ bookings, phase: session ? 'active' : 'welcome', sessionEndsAt: session ? now + session * MIN : undefined });
        const free = view(input, now, hours).nextFree;
        if (!free) return;
        expect(free.from).toBeGreaterThanOrEqual(now);
        const end = free.until ?? free.from + 24 * 60 * MIN;
        if (free.until !== undefined) expect(free.until - free.from).toBeGreaterThanOrEqual(rules.walkIn.minFreeMinutes * MIN);
        const open = openPeriods(now, now + 8 * 24 * 60 * MIN, zone, hours);
        for (let t = free.from; t < Math.min(end, free.from + 24 * 60 * MIN); t += MIN) {
          expect(open.some((p) => p.start <= t && t < p.end)).toBe(true);
          for (const taken of takenTimes(input, now, rules)) expect(t >= taken.start && t < taken.end).toBe(false);
        }
      }),
    );
  });

  it('no earlier minute starts a free stretch long enough for a walk-in (a minute-by-minute search agrees)', () => {
    fc.assert(
      fc.property(bookingsArb, hoursArb, nowArb, (bookings, hours, now) => {
        const input = pc({ bookings });
        const free = view(input, now, hours).nextFree;
        const taken = takenTimes(input, now, rules);
        const open = openPeriods(now, now + 8 * 24 * 60 * MIN, zone, hours);
        const usable = (t: number) => open.some((p) => p.start <= t && t < p.end) && !taken.some((x) => t >= x.start && t < x.end);
        const until = free?.from ?? now + 24 * 60 * MIN;
        for (let t = now; t < until; t += MIN) {
          if (!usable(t)) continue;
          let length = 0;
          while (length < rules.walkIn.minFreeMinutes && usable(t + length * MIN)) length++;
          expect(length).toBeLessThan(rules.walkIn.minFreeMinutes);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a PC is shown free exactly when its next free time is now', () => {
    fc.assert(
      fc.property(bookingsArb, hoursArb, nowArb, (bookings, hours, now) => {
        const shown = view(pc({ bookings }), now, hours);
        expect(shown.state === 'free').toBe(shown.nextFree?.from === now);
        expect(['free', 'booked', 'closed']).toContain(shown.state);
      }),
    );
  });

  it('free stretches never overlap and come in order', () => {
    fc.assert(
      fc.property(bookingsArb, hoursArb, nowArb, (bookings, hours, now) => {
        const horizon = now + 7 * 24 * 60 * MIN;
        const list = freeTimes(takenTimes(pc({ bookings }), now, rules), openPeriods(now, horizon, zone, hours), now, horizon, 15);
        for (let i = 1; i < list.length; i++) expect(list[i]!.from).toBeGreaterThanOrEqual(list[i - 1]!.until!);
      }),
    );
  });
});

describe('boardPc on its own', () => {
  it('takes the open periods it is given', () => {
    const open = [{ start: MON_10 + 30 * MIN, end: MON_10 + 90 * MIN }];
    expect(boardPc(pc(), MON_10, open, MON_10 + 24 * 60 * MIN, rules)).toMatchObject({ state: 'closed', from: MON_10 + 30 * MIN, nextFree: { from: MON_10 + 30 * MIN, until: MON_10 + 90 * MIN } });
  });
});
