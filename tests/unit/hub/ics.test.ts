/**
 * ICS feeds as Exchange and Google publish them (issue 12): the fixtures in
 * tests/fixtures/ics/ parsed by main/hub/sources/ics.ts (ical.js, windows-iana),
 * over a 14-day window that holds the autumn daylight-saving change
 * (Sunday 25 October 2026 in Helsinki).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIcs, type IcsOptions } from '../../../main/hub/sources/ics';
import type { SourceSnapshot } from '../../../main/core/booking-source';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/ics');
const feed = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
const WINDOW = { from: Date.parse('2026-10-21T00:00:00Z'), to: Date.parse('2026-11-04T00:00:00Z') };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const rows = (s: SourceSnapshot) => s.bookings.map((b) => [b.pcId, iso(b.startsAt), iso(b.endsAt), b.code ?? null]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));

const EXCHANGE: IcsOptions = { pcRule: { field: 'LOCATION', map: { 'PC 1': 'pc-1', 'PC 2': 'pc-2' } }, codePattern: 'Koodi:\\s*(\\d+)' };
const GOOGLE: IcsOptions = { pcId: 'pc-3', codePattern: 'Koodi:\\s*(\\d+)' };

/** Everything of the people in the fixtures: none of it may reach a snapshot or its problems. */
const PERSONAL = ['Matti', 'Meikäläinen', 'Maija', 'Mallikas', 'example.fi', '040 123', 'Liisa', 'Pekka', 'Korhonen', 'Anna', 'Laine', 'Sanna', 'Saarinen', 'Ville', 'Juha', 'Tiimipalaveri', 'Kokoushuone', 'Aurora', 'Viikkoneuvonta', 'Siivous', 'Harjoitusvuoro', 'Busy', 'CV'];

describe('an Exchange feed', () => {
  const snapshot = parseIcs(feed('exchange.ics'), EXCHANGE, WINDOW);

  it('gives the bookings with Windows zone names, with and without quotes and VTIMEZONE, across the autumn change', () => {
    expect(rows(snapshot)).toEqual([
      ['pc-2', '2026-10-21T12:00:00Z', '2026-10-21T13:00:00Z', null], // weekly, summer time (+03)
      ['pc-1', '2026-10-23T07:00:00Z', '2026-10-23T08:00:00Z', '012345'], // FLE Standard Time, no VTIMEZONE
      ['pc-2', '2026-10-26T07:00:00Z', '2026-10-26T08:00:00Z', '0042'], // no UID, quoted TZID, winter time (+02), 4 digits
      ['pc-2', '2026-10-28T13:00:00Z', '2026-10-28T14:00:00Z', null], // weekly, after the change: same wall clock, an hour later in UTC
      ['pc-1', '2026-10-30T11:00:00Z', '2026-10-30T12:30:00Z', '246810'], // "Customized Time Zone" from the feed's VTIMEZONE
    ]);
  });

  it('honours STATUS:CANCELLED and "Canceled:" subjects, and leaves all-day events out by default', () => {
    const ids = snapshot.bookings.map((b) => b.outsideId);
    expect(ids.some((id) => id.includes('9988776655443322110099887766554433'))).toBe(false); // Canceled:
    expect(ids.some((id) => id.includes('3434343434343434343434343434343434'))).toBe(false); // STATUS:CANCELLED
    expect(ids.some((id) => id.includes('AABBCCDDEEFF00112233445566778899AA'))).toBe(false); // all-day
  });

  it('names an event whose LOCATION maps to no PC as a problem, by line and UID, without its text', () => {
    expect(snapshot.problems).toHaveLength(1);
    expect(snapshot.problems[0]!.where).toMatch(/^line 97, UID 040000008200E00074C5B7101A82…/);
    expect(snapshot.problems[0]!.reason).toBe("its LOCATION names no PC in this source's map");
  });

  it('keys the long hex UIDs whole and the event without a UID by a hash of its times and PC', () => {
    const long = snapshot.bookings.find((b) => b.code === '012345')!;
    expect(long.outsideId).toBe('040000008200E00074C5B7101A82E00800000000D0F2F6A4C6DAD80100000000000000001000000050D2A6B0F2E83D4C9E1F2A3B4C5D6E7F');
    const noUid = snapshot.bookings.find((b) => b.code === '0042')!;
    expect(noUid.outsideId).toMatch(/^ics-nouid:[0-9a-f]{24}$/);
    const weekly = snapshot.bookings.filter((b) => b.outsideId.includes('CDCDCDCD')).map((b) => b.outsideId.split('/')[1]);
    expect(weekly).toEqual(['2026-10-21T12:00:00.000Z', '2026-10-28T13:00:00.000Z']);
  });

  it('includes all-day events when the source asks, read from midnight to midnight in the site zone', () => {
    const all = parseIcs(feed('exchange.ics'), { ...EXCHANGE, includeAllDay: true }, WINDOW);
    const day = all.bookings.find((b) => b.outsideId.includes('AABBCCDDEEFF'))!;
    expect([iso(day.startsAt), iso(day.endsAt)]).toEqual(['2026-10-26T22:00:00Z', '2026-10-27T22:00:00Z']);
    const stockholm = parseIcs(feed('exchange.ics'), { ...EXCHANGE, includeAllDay: true, timeZone: 'Europe/Stockholm' }, WINDOW);
    expect(iso(stockholm.bookings.find((b) => b.outsideId.includes('AABBCCDDEEFF'))!.startsAt)).toBe('2026-10-26T23:00:00Z');
  });

  it('maps the PC from SUMMARY when the rule says so, case-insensitively', () => {
    const bySummary = parseIcs(feed('exchange.ics'), { pcRule: { field: 'SUMMARY', map: { 'anna laine': 'pc-9' } } }, WINDOW);
    expect(bySummary.bookings.map((b) => [b.pcId, iso(b.startsAt), b.code ?? null])).toEqual([['pc-9', '2026-10-30T11:00:00Z', null]]);
    expect(bySummary.problems.length).toBeGreaterThan(0);
    expect(bySummary.problems.every((p) => p.reason === "its SUMMARY names no PC in this source's map")).toBe(true);
  });
});

describe('a Google feed', () => {
  const snapshot = parseIcs(feed('google.ics'), GOOGLE, WINDOW);

  it('expands the daily RRULE with its EXDATEs, the override listed before its master and a cancelled instance', () => {
    expect(rows(snapshot)).toEqual([
      ['pc-3', '2026-10-22T07:00:00Z', '2026-10-22T08:00:00Z', '777000'],
      ['pc-3', '2026-10-23T07:00:00Z', '2026-10-23T08:00:00Z', '777000'],
      // 24th and 25th: EXDATE; from the 26th the wall clock is in winter time (+02)
      ['pc-3', '2026-10-26T08:00:00Z', '2026-10-26T09:00:00Z', '777000'],
      ['pc-3', '2026-10-27T12:00:00Z', '2026-10-27T13:00:00Z', '777001'], // the override, moved to 14:00 with its own code
      // 28th: the override is STATUS:CANCELLED
      ['pc-3', '2026-10-29T08:00:00Z', '2026-10-29T09:00:00Z', '777000'],
      ['pc-3', '2026-10-30T08:00:00Z', '2026-10-30T09:00:00Z', '777000'], // UNTIL is inclusive
      ['pc-3', '2026-11-01T12:00:00Z', '2026-11-01T13:30:00Z', null], // UTC, no code in its description
    ]);
    expect(snapshot.problems).toEqual([]);
  });

  it('keys a moved instance by its UID and its original start, so a move is a move and not a new booking', () => {
    const moved = snapshot.bookings.find((b) => b.code === '777001')!;
    expect(moved.outsideId).toBe('6k3lq2v9b1m0a8c7d6e5f4g3h2@google.com/2026-10-27T08:00:00.000Z');
  });

  it('gives the same outside ids on every poll and whatever the window, within it', () => {
    const again = parseIcs(feed('google.ics'), GOOGLE, WINDOW);
    expect(again).toEqual(snapshot);
    const later = parseIcs(feed('google.ics'), GOOGLE, { from: Date.parse('2026-10-26T00:00:00Z'), to: WINDOW.to });
    const ids = new Set(snapshot.bookings.map((b) => b.outsideId));
    expect(later.bookings.length).toBe(5);
    expect(later.bookings.every((b) => ids.has(b.outsideId))).toBe(true);
  });

  it('reads a free/busy feed in UTC over the night the clocks go back', () => {
    const busy = parseIcs(feed('google-freebusy.ics'), { pcId: 'pc-4' }, WINDOW);
    expect(rows(busy)).toEqual([
      ['pc-4', '2026-10-24T23:00:00Z', '2026-10-25T00:30:00Z', null],
      ['pc-4', '2026-10-25T00:30:00Z', '2026-10-25T02:00:00Z', null], // 03:30–04:00 happens twice in Helsinki; UTC has no doubt
      ['pc-4', '2026-10-26T07:00:00Z', '2026-10-26T09:00:00Z', null],
    ]);
  });
});

describe('UNTIL, EXDATE and RECURRENCE-ID written in UTC for an event in a Windows zone (as Exchange writes them)', () => {
  it('end the rule, remove and move the right instances across the autumn change', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:x',
      'RECURRENCE-ID:20261027T080000Z',
      'DTSTART;TZID=FLE Standard Time:20261027T120000',
      'DTEND;TZID=FLE Standard Time:20261027T130000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:x',
      'DTSTART;TZID=FLE Standard Time:20261023T100000',
      'DTEND;TZID=FLE Standard Time:20261023T110000',
      'RRULE:FREQ=DAILY;UNTIL=20261028T080000Z',
      'EXDATE:20261024T070000Z,20261026T080000Z',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const s = parseIcs(text, { pcId: 'pc-1' }, WINDOW);
    expect(rows(s).map((r) => r[1])).toEqual(['2026-10-23T07:00:00Z', '2026-10-25T08:00:00Z', '2026-10-27T10:00:00Z', '2026-10-28T08:00:00Z']);
    expect(s.problems).toEqual([]);
  });
});

describe('privacy', () => {
  it('puts nothing of ORGANIZER, ATTENDEE, SUMMARY or DESCRIPTION in a snapshot or its problems', () => {
    const snapshots = [
      parseIcs(feed('exchange.ics'), { ...EXCHANGE, includeAllDay: true }, WINDOW),
      parseIcs(feed('exchange.ics'), { pcRule: { field: 'SUMMARY', map: { 'anna laine': 'pc-9' } } }, WINDOW),
      parseIcs(feed('google.ics'), { ...GOOGLE, includeAllDay: true }, WINDOW),
      parseIcs(feed('google-freebusy.ics'), { pcId: 'pc-4' }, WINDOW),
    ];
    for (const s of snapshots) {
      const text = JSON.stringify(s);
      for (const word of PERSONAL) expect(text).not.toContain(word);
      for (const b of s.bookings) expect(Object.keys(b).sort()).toEqual(b.code ? ['code', 'endsAt', 'outsideId', 'pcId', 'startsAt'] : ['endsAt', 'outsideId', 'pcId', 'startsAt']);
    }
  });
});
