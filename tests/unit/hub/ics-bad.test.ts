/**
 * Bad ICS input (issue 12): an event that cannot be read is a problem naming its
 * line or UID while the others are still read; a feed that cannot be read at
 * all, or is over a limit, is refused whole (IcsParseError) so the source keeps
 * its last good copy. Nothing crashes, nothing is doubled.
 */
import { describe, expect, it } from 'vitest';
import { IcsParseError, parseIcs } from '../../../main/hub/sources/ics';

const WINDOW = { from: Date.parse('2027-03-20T00:00:00Z'), to: Date.parse('2027-04-03T00:00:00Z') };
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const cal = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e.trim().split('\n').map((l) => l.trim()), 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
const ev = (uid: string, start: string, end: string, extra = '') => `${uid ? `UID:${uid}\n` : ''}DTSTART${start}\nDTEND${end}\n${extra}`;
const PC = { pcId: 'pc-1' };

function refusal(run: () => unknown): IcsParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof IcsParseError) return error;
    throw error;
  }
  throw new Error('the feed was not refused');
}

describe('one bad event among good ones', () => {
  it('an unknown TZID is a problem for that event; the others are still read', () => {
    const s = parseIcs(cal(ev('a', ';TZID=Mars/Olympus_Mons:20270322T100000', ';TZID=Mars/Olympus_Mons:20270322T110000'), ev('b', ';TZID=Europe/Helsinki:20270322T100000', ';TZID=Europe/Helsinki:20270322T110000')), PC, WINDOW);
    expect(s.bookings.map((b) => [b.outsideId, iso(b.startsAt)])).toEqual([['b', '2027-03-22T08:00:00Z']]);
    expect(s.problems).toEqual([{ where: 'line 3, UID a', reason: 'unknown time zone TZID "Mars/Olympus_Mons" (neither an IANA nor a Windows name, and no VTIMEZONE in the feed)' }]);
  });

  it('a time in the spring daylight-saving gap is refused, not moved', () => {
    // Helsinki skips 03:00–04:00 on Sunday 28 March 2027.
    const s = parseIcs(cal(ev('gap', ';TZID=Europe/Helsinki:20270328T033000', ';TZID=Europe/Helsinki:20270328T043000'), ev('after', ';TZID=Europe/Helsinki:20270328T043000', ';TZID=Europe/Helsinki:20270328T053000')), PC, WINDOW);
    expect(s.bookings.map((b) => [b.outsideId, iso(b.startsAt), iso(b.endsAt)])).toEqual([['after', '2027-03-28T01:30:00Z', '2027-03-28T02:30:00Z']]);
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]!.where).toBe('line 3, UID gap');
    expect(s.problems[0]!.reason).toMatch(/^DTSTART: 2027-03-28 03:30 does not exist in Europe\/Helsinki/);
  });

  it('a weekly event with one instance in the gap loses that instance only', () => {
    const s = parseIcs(cal(ev('w', ';TZID=FLE Standard Time:20270321T033000', ';TZID=FLE Standard Time:20270321T040000', 'RRULE:FREQ=WEEKLY;COUNT=2')), PC, WINDOW);
    expect(s.bookings.map((b) => iso(b.startsAt))).toEqual(['2027-03-21T01:30:00Z']);
    expect(s.problems.map((p) => p.where)).toEqual(['line 3, UID w, instance 2027-03-28T03:30:00']);
  });

  it('an event ending before it starts, and one with no length, are problems', () => {
    const s = parseIcs(cal(ev('back', ':20270322T100000Z', ':20270322T090000Z'), ev('zero', ':20270322T100000Z', ':20270322T100000Z'), ev('ok', ':20270322T100000Z', ':20270322T110000Z')), PC, WINDOW);
    expect(s.bookings.map((b) => b.outsideId)).toEqual(['ok']);
    expect(s.problems).toEqual([
      { where: 'line 3, UID back', reason: 'ends before it begins' },
      { where: 'line 8, UID zero', reason: 'ends when it begins (no length)' },
    ]);
  });

  it('a duplicate UID keeps the first event and names the second', () => {
    const s = parseIcs(cal(ev('dup', ':20270322T100000Z', ':20270322T110000Z'), ev('dup', ':20270323T100000Z', ':20270323T110000Z')), PC, WINDOW);
    expect(s.bookings.map((b) => [b.outsideId, iso(b.startsAt)])).toEqual([['dup', '2027-03-22T10:00:00Z']]);
    expect(s.problems).toEqual([{ where: 'line 8, UID dup', reason: 'the same UID as the event at line 3; left out' }]);
  });

  it('two identical events without a UID are one booking, not two', () => {
    const s = parseIcs(cal(ev('', ':20270322T100000Z', ':20270322T110000Z'), ev('', ':20270322T100000Z', ':20270322T110000Z'), ev('', ':20270322T120000Z', ':20270322T130000Z')), PC, WINDOW);
    expect(s.bookings).toHaveLength(2);
    expect(new Set(s.bookings.map((b) => b.outsideId)).size).toBe(2);
    expect(s.problems.map((p) => p.where)).toEqual(['line 7']);
    // The key is the content's: the same event gets the same key on the next poll, another PC another key.
    const again = parseIcs(cal(ev('', ':20270322T100000Z', ':20270322T110000Z')), PC, WINDOW);
    expect(again.bookings[0]!.outsideId).toBe(s.bookings[0]!.outsideId);
    const other = parseIcs(cal(ev('', ':20270322T100000Z', ':20270322T110000Z')), { pcId: 'pc-2' }, WINDOW);
    expect(other.bookings[0]!.outsideId).not.toBe(s.bookings[0]!.outsideId);
  });

  it('a second override of the same instance, and an event with no DTSTART, are problems', () => {
    const s = parseIcs(
      cal(
        ev('r', ':20270322T100000Z', ':20270322T110000Z', 'RRULE:FREQ=DAILY;COUNT=3'),
        ev('r', ':20270323T120000Z', ':20270323T130000Z', 'RECURRENCE-ID:20270323T100000Z'),
        ev('r', ':20270323T140000Z', ':20270323T150000Z', 'RECURRENCE-ID:20270323T100000Z'),
        'UID:nostart\nDTEND:20270322T110000Z',
      ),
      PC,
      WINDOW,
    );
    expect(s.bookings.map((b) => iso(b.startsAt))).toEqual(['2027-03-22T10:00:00Z', '2027-03-23T12:00:00Z', '2027-03-24T10:00:00Z']);
    expect(s.problems).toEqual([
      { where: 'line 15, UID r', reason: 'a second override of the same instance (RECURRENCE-ID); left out' },
      { where: 'line 21, UID nostart', reason: 'no DTSTART' },
    ]);
  });

  it('a rule the library cannot expand (hourly on a date) is a problem for that event alone', () => {
    const s = parseIcs(cal(ev('h', ';VALUE=DATE:20270322', ';VALUE=DATE:20270323', 'RRULE:FREQ=HOURLY;COUNT=3'), ev('ok', ':20270322T100000Z', ':20270322T110000Z')), { ...PC, includeAllDay: true }, WINDOW);
    expect(s.bookings.map((b) => b.outsideId)).toContain('ok');
    expect(s.problems.map((p) => [p.where, p.reason.split(':')[0]])).toEqual([['line 3, UID h', 'cannot be read']]);
  });

  it("an override changes its own event only, not another event's instance at the same time", () => {
    const s = parseIcs(
      cal(
        ev('b', ':20270323T140000Z', ':20270323T150000Z', 'RECURRENCE-ID:20270323T100000Z'),
        ev('a', ':20270322T100000Z', ':20270322T110000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
        ev('b', ':20270322T100000Z', ':20270322T110000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
      ),
      PC,
      WINDOW,
    );
    expect(s.bookings.map((b) => [b.outsideId, iso(b.startsAt)]).sort()).toEqual([
      ['a/2027-03-22T10:00:00.000Z', '2027-03-22T10:00:00Z'],
      ['a/2027-03-23T10:00:00.000Z', '2027-03-23T10:00:00Z'],
      ['b/2027-03-22T10:00:00.000Z', '2027-03-22T10:00:00Z'],
      ['b/2027-03-23T10:00:00.000Z', '2027-03-23T14:00:00Z'],
    ]);
  });

  it('a code that is not 4 or 6 digits is a problem; no match is no code; leading zeros are kept', () => {
    const s = parseIcs(
      cal(ev('five', ':20270322T100000Z', ':20270322T110000Z', 'DESCRIPTION:Koodi: 12345'), ev('none', ':20270322T120000Z', ':20270322T130000Z', 'DESCRIPTION:Tervetuloa'), ev('zero', ':20270322T140000Z', ':20270322T150000Z', 'DESCRIPTION:Koodi: 000123')),
      { ...PC, codePattern: 'Koodi: (\\d+)' },
      WINDOW,
    );
    expect(s.bookings.map((b) => [b.outsideId, b.code ?? null])).toEqual([['none', null], ['zero', '000123']]);
    expect(s.problems).toEqual([{ where: 'line 3, UID five', reason: 'the code found in DESCRIPTION is not 4 or 6 digits' }]);
  });

  it('a date-only start is read in the site zone, not the process zone', () => {
    const feed = cal(ev('day', ';VALUE=DATE:20270322', ';VALUE=DATE:20270323'));
    const prior = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const s = parseIcs(feed, { ...PC, includeAllDay: true }, WINDOW);
      expect(s.bookings.map((b) => [iso(b.startsAt), iso(b.endsAt)])).toEqual([['2027-03-21T22:00:00Z', '2027-03-22T22:00:00Z']]);
      const floating = parseIcs(cal(ev('f', ':20270322T100000', ':20270322T110000')), PC, WINDOW);
      expect(iso(floating.bookings[0]!.startsAt)).toBe('2027-03-22T08:00:00Z');
    } finally {
      if (prior === undefined) delete process.env.TZ;
      else process.env.TZ = prior;
    }
  });
});

describe('a feed refused whole', () => {
  it('malformed text names its line without quoting it', () => {
    const broken = cal(ev('a', ':20270322T100000Z', ':20270322T110000Z')).replace('DTEND:', 'Matti Meikäläinen soitti\r\nDTEND:');
    const error = refusal(() => parseIcs(broken, PC, WINDOW));
    expect([error.kind, error.where, error.reason]).toEqual(['parse', 'line 6', 'is not an iCalendar line (NAME:value)']);
    expect(error.message).not.toContain('Matti');
  });

  it('an HTML error page, an empty answer and a calendar never closed are refused', () => {
    expect(refusal(() => parseIcs('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>', PC, WINDOW)).reason).toMatch(/does not begin with BEGIN:VCALENDAR/);
    expect(refusal(() => parseIcs('', PC, WINDOW)).reason).toBe('the feed is empty');
    const unclosed = refusal(() => parseIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Matti Meikäläinen\r\n', PC, WINDOW));
    expect(unclosed.kind).toBe('parse');
    expect(unclosed.message).not.toContain('Matti');
  });

  it('100,000 events are refused by the count limit in well under a second', () => {
    const one = 'BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20270322T100000Z\r\nDTEND:20270322T110000Z\r\nEND:VEVENT\r\n';
    const text = `BEGIN:VCALENDAR\r\n${one.repeat(100_000)}END:VCALENDAR\r\n`;
    const started = performance.now();
    const error = refusal(() => parseIcs(text, PC, WINDOW));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.kind).toBe('too-many');
    expect(error.reason).toBe('more than 20000 events in the feed (the limit); nothing of it was applied');
  });

  it('a rule that recurs every minute is cut, and too many bookings in the window refuse the feed', () => {
    const minutely = cal(ev('m', ':20260101T000000Z', ':20260101T000030Z', 'RRULE:FREQ=MINUTELY'));
    const s = parseIcs(minutely, PC, WINDOW);
    expect(s.bookings).toEqual([]);
    expect(s.problems).toEqual([{ where: 'line 3, UID m', reason: 'recurs more than 20000 times before the window ends; the rest left out' }]);
    const many = Array.from({ length: 40 }, (_, i) => ev(`m${i}`, ':20260101T000000Z', ':20260101T000030Z', 'RRULE:FREQ=MINUTELY'));
    const started = performance.now();
    const budget = refusal(() => parseIcs(cal(...many), PC, WINDOW));
    expect(performance.now() - started).toBeLessThan(15_000);
    expect([budget.kind, budget.where]).toEqual(['too-many', 'line 123, UID m20']);
    const error = refusal(() => parseIcs(cal(ev('h', ':20270322T000000Z', ':20270322T003000Z', 'RRULE:FREQ=HOURLY')), { ...PC, maxBookings: 100 }, WINDOW));
    expect([error.kind, error.reason]).toEqual(['too-many', 'more than 100 bookings in the window (the limit); nothing of the feed was applied']);
  });

  it("the source's own settings: no PC at all, or a code pattern that is not a regular expression", () => {
    expect(refusal(() => parseIcs(cal(), {}, WINDOW)).kind).toBe('options');
    const bad = refusal(() => parseIcs(cal(), { ...PC, codePattern: 'Koodi: (\\d+' }, WINDOW));
    expect([bad.kind, bad.where]).toEqual(['options', 'codePattern']);
  });
});
