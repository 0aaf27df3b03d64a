import { performance } from 'node:perf_hooks';
import { parseIcs, type IcsOptions } from '../../main/hub/sources/ics';
import { percentile } from './stats';

const DAY = 86_400_000;
const ZONES = ['FLE Standard Time', 'Europe/Helsinki', ''];

export interface IcsBenchResult {
  events: number;
  recurring: number;
  overrides: number;
  bytes: number;
  bookings: number;
  problems: number;
  samples: number[];
  median: number;
  max: number;
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '');
/** A wall-clock stamp in a zone, as a feed writes it (the instant is only roughly where it lands; the bench needs volume, not exact times). */
const at = (zone: string, ms: number) => (zone ? `;TZID=${zone}:${stamp(ms)}` : `:${stamp(ms)}Z`);

/**
 * A site's feed of `events` VEVENTs in the style of Exchange and Google: one in five recurring
 * (daily or weekly, with an EXDATE, every tenth with an override listed before its master),
 * Windows and IANA zone names, attendees and descriptions with codes, over 10 PCs by LOCATION.
 */
export function benchFeed(events: number, from: number): { text: string; recurring: number; overrides: number } {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tupa bench//EN'];
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  let recurring = 0;
  let overrides = 0;
  for (let i = 0; i < events; i++) {
    const zone = ZONES[i % ZONES.length]!;
    const start = from - 10 * DAY + Math.floor(random() * 30) * DAY + (8 + Math.floor(random() * 11)) * 3_600_000 + Math.floor(random() * 4) * 900_000;
    const end = start + (30 + Math.floor(random() * 4) * 30) * 60_000;
    const uid = `040000008200E00074C5B7101A82E008${i.toString(16).padStart(8, '0')}D80100000000000000001000000${(i * 7919).toString(16).padStart(12, '0')}`;
    const body = [
      `UID:${uid}`,
      `DTSTART${at(zone, start)}`,
      `DTEND${at(zone, end)}`,
      `LOCATION:PC ${(i % 10) + 1}`,
      `SUMMARY:Varaus ${i}`,
      `DESCRIPTION:Koodi: ${String(i % 1_000_000).padStart(6, '0')}\\nVaraaja: Asiakas ${i}`,
      `ORGANIZER;CN=Neuvonta:mailto:neuvonta@example.fi`,
      `ATTENDEE;CN=Asiakas ${i};PARTSTAT=ACCEPTED:mailto:asiakas${i}@example.fi`,
      'X-MICROSOFT-CDO-BUSYSTATUS:BUSY',
    ];
    if (i % 5 === 0) {
      recurring++;
      body.push(i % 2 ? 'RRULE:FREQ=WEEKLY;COUNT=6' : 'RRULE:FREQ=DAILY;COUNT=20', `EXDATE${at(zone, start + (i % 2 ? 7 : 1) * DAY)}`);
      if (i % 10 === 0) {
        overrides++;
        const rid = start + 2 * DAY;
        lines.push('BEGIN:VEVENT', `UID:${uid}`, `RECURRENCE-ID${at(zone, rid)}`, `DTSTART${at(zone, rid + 3_600_000)}`, `DTEND${at(zone, rid + 5_400_000)}`, `LOCATION:PC ${(i % 10) + 1}`, 'END:VEVENT');
      }
    }
    lines.push('BEGIN:VEVENT', ...body, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR', '');
  return { text: lines.join('\r\n'), recurring, overrides };
}

/** parseIcs on a 5,000-event feed for a 14-day window, `rounds` times after one warm-up. */
export function measureIcs(options = { events: 5_000, rounds: 5 }): IcsBenchResult {
  const from = Date.parse('2026-10-21T00:00:00Z');
  const window = { from, to: from + 14 * DAY };
  const feed = benchFeed(options.events, from);
  const map = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`PC ${i + 1}`, `pc-${i + 1}`]));
  const ics: IcsOptions = { pcRule: { field: 'LOCATION', map }, codePattern: 'Koodi: (\\d{6})' };
  let snapshot = parseIcs(feed.text, ics, window);
  const samples: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const started = performance.now();
    snapshot = parseIcs(feed.text, ics, window);
    samples.push(performance.now() - started);
  }
  return {
    events: options.events + feed.overrides,
    recurring: feed.recurring,
    overrides: feed.overrides,
    bytes: Buffer.byteLength(feed.text),
    bookings: snapshot.bookings.length,
    problems: snapshot.problems.length,
    samples,
    median: percentile(samples, 50),
    max: Math.max(...samples),
  };
}
