/**
 * Properties of parseIcs over feeds made at random (issue 12): whatever the
 * events, zones and recurrences, every booking touches the window, begins before
 * it ends, holds a known PC, and no outside id is given twice; the same text
 * parses to the same snapshot on every poll.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../../main/hub/sources/ics';

const BASE = Date.parse('2026-10-20T00:00:00Z');
const MIN = 60_000;
const ZONES = ['', 'Europe/Helsinki', 'FLE Standard Time', 'W. Europe Standard Time', 'America/New_York'];

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '');
const at = (zone: string, ms: number) => (zone ? `;TZID=${zone}:${stamp(ms)}` : `:${stamp(ms)}Z`);

const eventArb = fc.record({
  uid: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: undefined }),
  startMin: fc.integer({ min: -20 * 24 * 60, max: 30 * 24 * 60 }),
  lengthMin: fc.integer({ min: -30, max: 8 * 60 }),
  zone: fc.constantFrom(...ZONES),
  rule: fc.constantFrom('', 'RRULE:FREQ=DAILY;COUNT=10', 'RRULE:FREQ=WEEKLY;BYDAY=MO,TH', 'RRULE:FREQ=HOURLY;INTERVAL=5;COUNT=40'),
  exdateDays: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
  override: fc.option(fc.record({ nth: fc.integer({ min: 0, max: 5 }), shiftMin: fc.integer({ min: -600, max: 600 }), cancelled: fc.boolean() }), { nil: undefined }),
  location: fc.constantFrom('PC 1', 'pc 2', 'Kokoushuone'),
  allDay: fc.boolean(),
});
type Ev = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

function feedOf(events: Ev[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0'];
  for (const e of events) {
    const start = BASE + e.startMin * MIN;
    const end = start + e.lengthMin * MIN;
    const props = [e.uid ? `UID:${e.uid}` : '', `LOCATION:${e.location}`];
    if (e.allDay) props.push(`DTSTART;VALUE=DATE:${stamp(start).slice(0, 8)}`);
    else props.push(`DTSTART${at(e.zone, start)}`, `DTEND${at(e.zone, end)}`);
    if (e.rule) props.push(e.rule);
    if (e.rule && e.exdateDays !== undefined && !e.allDay) props.push(`EXDATE${at(e.zone, start + e.exdateDays * 24 * 60 * MIN)}`);
    if (e.override && e.uid && e.rule && !e.allDay) {
      const rid = start + e.override.nth * 24 * 60 * MIN;
      lines.push('BEGIN:VEVENT', `UID:${e.uid}`, `RECURRENCE-ID${at(e.zone, rid)}`, `DTSTART${at(e.zone, rid + e.override.shiftMin * MIN)}`, `DTEND${at(e.zone, rid + (e.override.shiftMin + 45) * MIN)}`, e.override.cancelled ? 'STATUS:CANCELLED' : 'LOCATION:PC 1', 'END:VEVENT');
    }
    lines.push('BEGIN:VEVENT', ...props.filter(Boolean), 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

describe('parseIcs on random feeds', () => {
  it('keeps every booking in the window, starting before it ends, on a mapped PC, with no outside id twice; the same on every poll', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 12 }),
        fc.integer({ min: -5 * 24 * 60, max: 10 * 24 * 60 }),
        fc.integer({ min: 60, max: 14 * 24 * 60 }),
        fc.boolean(),
        (events, fromMin, spanMin, includeAllDay) => {
          const window = { from: BASE + fromMin * MIN, to: BASE + (fromMin + spanMin) * MIN };
          const text = feedOf(events);
          const options = { pcRule: { field: 'LOCATION' as const, map: { 'PC 1': 'pc-1', 'PC 2': 'pc-2' } }, includeAllDay };
          const snapshot = parseIcs(text, options, window);
          const ids = new Set<string>();
          for (const b of snapshot.bookings) {
            expect(b.startsAt).toBeLessThan(b.endsAt);
            expect(b.startsAt).toBeLessThan(window.to);
            expect(b.endsAt).toBeGreaterThan(window.from);
            expect(['pc-1', 'pc-2']).toContain(b.pcId);
            expect(ids.has(b.outsideId)).toBe(false);
            ids.add(b.outsideId);
          }
          for (const p of snapshot.problems) expect(p.where).toMatch(/^line \d+/);
          expect(parseIcs(text, options, window)).toEqual(snapshot);
        },
      ),
      { numRuns: 150 },
    );
  });
});
