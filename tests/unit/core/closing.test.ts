import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { MINUTE } from '../../../main/core/clock';
import { endByClosing, openingAt, type OpeningHours } from '../../../main/core/opening-hours';
import { openingProblem } from '../../../main/core/opening-check';
import { walkInWindow } from '../../../main/core/walk-in';
import { checkExtension } from '../../../main/core/extension';
import { advisorExtension, latestSessionEnd } from '../../../main/core/session-bounds';
import { step, type MachinePolicy, type State } from '../../../main/core/session-machine';

const zone = 'Europe/Helsinki';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const every = (from: string, to: string): OpeningHours => {
  const day = [{ from, to }];
  return { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, exceptions: [] };
};
const walkIn = { enabled: true, minFreeMinutes: 15, gapMinutes: 5, maxMinutes: 120 };
const checkIn = { earlyMinutes: 5 };
const gapPolicy = { walkIn, checkIn };
const extension = { enabled: true, minutes: 15, maxPerSession: 2 };
const closes = (now: number, hours: OpeningHours) => endByClosing(now, Number.POSITIVE_INFINITY, zone, hours);

describe('closing time bounds every session', () => {
  const hours = every('08:00', '16:00');

  it('a walk-in ends at closing, and is not offered when closing is too near', () => {
    expect(walkInWindow([], at('2026-12-07T15:00'), walkIn, checkIn, closes(at('2026-12-07T15:00'), hours))).toEqual({ allowed: true, endsAt: at('2026-12-07T16:00') });
    expect(walkInWindow([], at('2026-12-07T15:50'), walkIn, checkIn, closes(at('2026-12-07T15:50'), hours))).toMatchObject({ allowed: false, reason: 'too-short' });
    // Closed: the latest end is now.
    expect(closes(at('2026-12-07T17:00'), hours)).toBe(at('2026-12-07T17:00'));
  });

  it('an extension past closing is refused; an advisor\'s is cut to closing', () => {
    const session = { endsAt: at('2026-12-07T15:50'), extensions: 0, kind: 'walk-in' as const };
    const closesAt = closes(at('2026-12-07T15:40'), hours);
    expect(checkExtension(session, [], at('2026-12-07T15:40'), { extension, ...gapPolicy }, closesAt)).toEqual({ allowed: false, reason: 'closing' });
    expect(checkExtension({ ...session, endsAt: at('2026-12-07T15:30') }, [], at('2026-12-07T15:20'), { extension, ...gapPolicy }, closesAt)).toEqual({
      allowed: true,
      endsAt: at('2026-12-07T15:45'),
    });
    expect(advisorExtension(session, [], at('2026-12-07T15:40'), 30, gapPolicy, closesAt)).toEqual({ allowed: true, endsAt: at('2026-12-07T16:00'), minutes: 10, shortened: true });
  });

  it('a change of hours clamps a running session, a booked one too', () => {
    const booked = { kind: 'booked' as const, bookingId: 'b-1', endsAt: at('2026-12-07T17:00') };
    const bookings = [{ id: 'b-1', startsAt: at('2026-12-07T15:00'), endsAt: at('2026-12-07T17:00') }];
    expect(latestSessionEnd(booked, bookings, at('2026-12-07T15:30'), gapPolicy, closes(at('2026-12-07T15:30'), hours))).toBe(at('2026-12-07T16:00'));
    expect(latestSessionEnd(booked, bookings, at('2026-12-07T15:30'), gapPolicy)).toBe(at('2026-12-07T17:00'));
  });

  it('the warnings come before closing as before a booked end', () => {
    const policy: MachinePolicy = { warningMinutes: [10, 5, 1], idleTimeoutMs: 60 * MINUTE, idlePromptMs: 30_000, feedback: { enabled: false, timeoutMs: 0 } };
    const start = at('2026-12-07T15:30');
    const endsAt = walkInWindow([], start, walkIn, checkIn, closes(start, hours));
    if (!endsAt.allowed) throw new Error('walk-in refused');
    let state: State = step({ phase: 'welcome' }, { type: 'start', session: { id: 's', kind: 'walk-in', endsAt: endsAt.endsAt, language: 'fi' } }, { now: start, mono: 0 }, policy).state;
    const warnings: Array<[number, number]> = [];
    for (let m = 1; m <= 30; m++) {
      const t = { now: start + m * MINUTE, mono: m * MINUTE };
      const result = step(state, { type: 'tick' }, t, policy);
      for (const e of result.effects) if (e.type === 'warning') warnings.push([m, e.minutesLeft]);
      state = result.state;
    }
    expect(warnings).toEqual([
      [20, 10],
      [25, 5],
      [29, 1],
    ]);
    expect(state.phase).toBe('ending');
  });

  it('property: no walk-in, extension or clamped session ends after closing, across the autumn DST change', () => {
    // 2026-10-25: Helsinki turns the clocks back at 04:00 (EEST) to 03:00 (EET).
    const dayStart = at('2026-10-25T00:00');
    const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
    const range = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })).filter(([a, b]) => b > a);
    fc.assert(
      fc.property(range, fc.integer({ min: 0, max: 25 * 60 }), fc.integer({ min: 1, max: 240 }), ([from, to], minute, advisorMinutes) => {
        const hoursOf = every(hhmm(from), to === 96 ? '24:00' : hhmm(to));
        const now = dayStart + minute * MINUTE;
        const opening = openingAt(now, zone, hoursOf);
        const closesAt = closes(now, hoursOf);
        const window = walkInWindow([], now, walkIn, checkIn, closesAt);
        if (!opening.open) {
          expect(closesAt).toBe(now);
          expect(window.allowed).toBe(false);
          return;
        }
        const closing = opening.closesAt ?? Number.POSITIVE_INFINITY;
        if (window.allowed) expect(window.endsAt).toBeLessThanOrEqual(closing);
        const session = { kind: 'walk-in' as const, endsAt: window.allowed ? window.endsAt : now + 20 * MINUTE, extensions: 0 };
        const ext = checkExtension(session, [], now, { extension, ...gapPolicy }, closesAt);
        if (ext.allowed) expect(ext.endsAt).toBeLessThanOrEqual(closing);
        const adv = advisorExtension(session, [], now, advisorMinutes, gapPolicy, closesAt);
        if (adv.allowed) expect(adv.endsAt).toBeLessThanOrEqual(closing);
        expect(Math.min(session.endsAt, latestSessionEnd(session, [], now, gapPolicy, closesAt))).toBeLessThanOrEqual(closing);
      }),
      { numRuns: 400 },
    );
  });
});

describe('a booking must lie inside the opening hours', () => {
  const hours = every('08:00', '16:00');

  it('names the start when the site is closed then, the end when it runs past closing, with the day\'s hours', () => {
    expect(openingProblem({ startsAt: at('2026-12-07T09:00'), endsAt: at('2026-12-07T10:00') }, zone, hours)).toBeUndefined();
    const early = openingProblem({ startsAt: at('2026-12-07T07:00'), endsAt: at('2026-12-07T09:00') }, zone, hours);
    expect(early).toMatchObject({ field: 'start', reason: 'outside-opening' });
    expect(early?.detail).toContain('08:00–16:00');
    expect(openingProblem({ startsAt: at('2026-12-07T15:30'), endsAt: at('2026-12-07T16:30') }, zone, hours)).toMatchObject({ field: 'end' });
    const holiday = { ...hours, exceptions: [{ date: '2026-12-24', hours: [] }] };
    expect(openingProblem({ startsAt: at('2026-12-24T09:00'), endsAt: at('2026-12-24T10:00') }, zone, holiday)?.detail).toContain('closed all day');
  });

  it('the hours of a DST day are the wall-clock hours', () => {
    const problem = openingProblem({ startsAt: at('2026-03-29T02:00'), endsAt: at('2026-03-29T05:00') }, zone, every('04:00', '20:00'));
    expect(problem).toMatchObject({ field: 'start' });
    expect(problem?.detail).toContain('04:00–20:00');
    expect(openingProblem({ startsAt: at('2026-03-29T04:00'), endsAt: at('2026-03-29T05:00') }, zone, every('04:00', '20:00'))).toBeUndefined();
  });
});
