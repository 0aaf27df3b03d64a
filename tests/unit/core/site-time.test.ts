import { afterEach, describe, expect, it } from 'vitest';
import { Settings } from 'luxon';
import { DEFAULT_TIME_ZONE, formatSiteDateTime, formatSiteTime, isValidTimeZone, parseSiteDateTime, siteDay } from '../../../main/core/site-time';

const H = 3_600_000;
const ZONE = 'Europe/Helsinki';

function at(text: string): number {
  const r = parseSiteDateTime(text, ZONE);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.detail}`);
  return r.at;
}

describe('time zones', () => {
  it('the default site zone is Europe/Helsinki', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Helsinki');
  });

  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/Helsinki')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Kemijarvi')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('parseSiteDateTime', () => {
  it('reads a time with an explicit offset exactly', () => {
    expect(parseSiteDateTime('2026-06-01T12:00+03:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 9, 0) });
    expect(parseSiteDateTime('2026-06-01T12:00:30+0300', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 9, 0, 30) });
    expect(parseSiteDateTime('2026-01-15T08:00-05:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 0, 15, 13, 0) });
  });

  it('reads Z (either case) as UTC, whatever the site zone', () => {
    expect(parseSiteDateTime('2026-06-01T12:00Z', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 12, 0) });
    expect(parseSiteDateTime('2026-06-01T12:00:00.250z', 'America/New_York')).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 12, 0, 0, 250) });
  });

  it('reads a time without an offset as the site\'s wall-clock time (summer and winter)', () => {
    expect(parseSiteDateTime('2026-06-01T12:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 9, 0) });
    expect(parseSiteDateTime('2026-01-15T12:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 0, 15, 10, 0) });
    expect(parseSiteDateTime('2026-01-15T12:00', 'UTC')).toEqual({ ok: true, at: Date.UTC(2026, 0, 15, 12, 0) });
  });

  it('keeps seconds and milliseconds of a local time, and ignores surrounding spaces', () => {
    expect(parseSiteDateTime('  2026-06-01T12:00:45.125 ', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 9, 0, 45, 125) });
  });

  it('refuses a wall time skipped in spring (2026-03-29 03:30 does not exist in Helsinki)', () => {
    const r = parseSiteDateTime('2026-03-29T03:30', ZONE);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('nonexistent');
    expect(r.detail).toContain('2026-03-29T03:30');
    expect(r.detail).toContain(ZONE);
  });

  it('accepts the wall times either side of the spring gap', () => {
    expect(at('2026-03-29T02:59')).toBe(Date.UTC(2026, 2, 29, 0, 59));
    expect(at('2026-03-29T04:00')).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(at('2026-03-29T04:00') - at('2026-03-29T02:59')).toBe(60_000);
  });

  it('refuses a wall time repeated in autumn (2026-10-25 03:30 happens twice) and offers both readings', () => {
    const r = parseSiteDateTime('2026-10-25T03:30', ZONE);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('ambiguous');
    expect(r.detail).toContain('2026-10-25T03:30+03:00');
    expect(r.detail).toContain('2026-10-25T03:30+02:00');
  });

  it('with the offset given, both readings of the repeated hour are accepted, an hour apart', () => {
    expect(at('2026-10-25T03:30+02:00') - at('2026-10-25T03:30+03:00')).toBe(H);
  });

  it('accepts the wall times either side of the repeated hour', () => {
    expect(at('2026-10-25T02:59')).toBe(Date.UTC(2026, 9, 24, 23, 59));
    expect(at('2026-10-25T04:00')).toBe(Date.UTC(2026, 9, 25, 2, 0));
  });

  it('refuses strings that are not ISO date-times, saying why', () => {
    for (const text of ['', 'tomorrow', '2026-13-01T10:00', '2026-02-30T10:00', '2026-06-01T25:00', '01.06.2026 12:00', '2026-13-01T10:00Z']) {
      const r = parseSiteDateTime(text, ZONE);
      expect(r, text).toMatchObject({ ok: false, reason: 'invalid' });
      if (!r.ok) expect(r.detail.length, text).toBeGreaterThan(0);
    }
  });

  it('a booking 02:00–05:00 local on 2026-10-25 lasts four real hours', () => {
    expect(at('2026-10-25T05:00') - at('2026-10-25T02:00')).toBe(4 * H);
  });

  it('a booking 02:00–05:00 local on 2026-03-29 lasts two real hours', () => {
    expect(at('2026-03-29T05:00') - at('2026-03-29T02:00')).toBe(2 * H);
  });

  describe('with the process in another time zone', () => {
    const saved = Settings.defaultZone;
    afterEach(() => {
      Settings.defaultZone = saved;
    });

    it('a local time is read in the site zone, not the machine\'s', () => {
      Settings.defaultZone = 'America/New_York';
      expect(parseSiteDateTime('2026-06-01T12:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 5, 1, 9, 0) });
    });

    it('a date without a time is read as midnight in the machine\'s zone instead of the site\'s (or refused)', () => {
      // HAS_OFFSET (/(Z|[+-]\d{2}(:?\d{2})?)$/) takes the "-29" day of
      // "2026-03-29" for a UTC offset, so the string goes down the
      // with-offset path and luxon reads it in the process's default zone.
      Settings.defaultZone = 'UTC';
      const r = parseSiteDateTime('2026-03-29', ZONE);
      const siteMidnight = Date.UTC(2026, 2, 28, 22, 0); // 2026-03-29T00:00+02:00
      expect(r.ok ? r.at : siteMidnight).toBe(siteMidnight);
    });
  });
});

describe('siteDay', () => {
  it('an ordinary day runs midnight to midnight, 24 hours', () => {
    const day = siteDay(Date.UTC(2026, 5, 1, 9, 0), ZONE);
    expect(day).toEqual({ start: Date.UTC(2026, 4, 31, 21, 0), end: Date.UTC(2026, 5, 1, 21, 0) });
  });

  it('the spring change day lasts 23 hours', () => {
    const day = siteDay(at('2026-03-29T12:00'), ZONE);
    expect(day.start).toBe(at('2026-03-29T00:00'));
    expect(day.end).toBe(at('2026-03-30T00:00'));
    expect(day.end - day.start).toBe(23 * H);
  });

  it('the autumn change day lasts 25 hours', () => {
    const day = siteDay(at('2026-10-25T12:00'), ZONE);
    expect(day.start).toBe(at('2026-10-25T00:00'));
    expect(day.end - day.start).toBe(25 * H);
  });

  it('an instant just before local midnight belongs to that day, midnight itself to the next', () => {
    const midnight = at('2026-06-02T00:00');
    expect(siteDay(midnight - 1, ZONE).end).toBe(midnight);
    expect(siteDay(midnight, ZONE).start).toBe(midnight);
  });

  it('late evening UTC is already the next day in Helsinki', () => {
    expect(siteDay(Date.UTC(2026, 5, 1, 22, 0), ZONE).start).toBe(Date.UTC(2026, 5, 1, 21, 0));
  });
});

describe('formatSiteDateTime', () => {
  it('shows the site wall time with its offset, to the minute', () => {
    expect(formatSiteDateTime(Date.UTC(2026, 2, 29, 11, 0), ZONE)).toBe('2026-03-29T14:00+03:00');
    expect(formatSiteDateTime(Date.UTC(2026, 0, 15, 10, 0), ZONE)).toBe('2026-01-15T12:00+02:00');
  });

  it('tells the two 03:30s of the autumn change apart by their offsets', () => {
    expect(formatSiteDateTime(Date.UTC(2026, 9, 25, 0, 30), ZONE)).toBe('2026-10-25T03:30+03:00');
    expect(formatSiteDateTime(Date.UTC(2026, 9, 25, 1, 30), ZONE)).toBe('2026-10-25T03:30+02:00');
  });

  it('round-trips through parseSiteDateTime', () => {
    for (const t of [Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30), Date.UTC(2026, 2, 29, 1, 0), Date.UTC(2026, 5, 1, 9, 0)]) {
      expect(parseSiteDateTime(formatSiteDateTime(t, ZONE), ZONE)).toEqual({ ok: true, at: t });
    }
  });
});

describe('offsets that cannot be', () => {
  it('+25:00, +02:60 and -13:00 are not offsets; -12:00 to +14:00 are', () => {
    expect(parseSiteDateTime('2026-03-02T10:00+25:00', ZONE)).toEqual({ ok: false, reason: 'invalid', detail: '"+25:00" is not a valid UTC offset (offsets run from -12:00 to +14:00, e.g. +02:00)' });
    expect(parseSiteDateTime('2026-03-02T10:00+0260', ZONE)).toMatchObject({ ok: false, detail: expect.stringContaining('"+02:60" is not a valid UTC offset') });
    expect(parseSiteDateTime('2026-03-02T10:00-13:00', ZONE)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(parseSiteDateTime('2026-03-02T10:00-12:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 2, 2, 22, 0) });
    expect(parseSiteDateTime('2026-03-02T10:00+14:00', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 2, 1, 20, 0) });
    expect(parseSiteDateTime('2026-03-02T10:00+0530', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 2, 2, 4, 30) });
    expect(parseSiteDateTime('2026-03-02T10:00Z', ZONE)).toEqual({ ok: true, at: Date.UTC(2026, 2, 2, 10, 0) });
  });
});

describe('formatSiteTime: a wall-clock time, with its offset only where it happens twice', () => {
  it('marks both readings of the hour repeated in autumn, and nothing else', () => {
    expect(formatSiteTime(at('2026-10-25T02:59'), ZONE)).toBe('02:59');
    expect(formatSiteTime(at('2026-10-25T03:00+03:00'), ZONE)).toBe('03:00+03:00');
    expect(formatSiteTime(at('2026-10-25T03:59+03:00'), ZONE)).toBe('03:59+03:00');
    expect(formatSiteTime(at('2026-10-25T03:00+02:00'), ZONE)).toBe('03:00+02:00');
    expect(formatSiteTime(at('2026-10-25T03:59+02:00'), ZONE)).toBe('03:59+02:00');
    expect(formatSiteTime(at('2026-10-25T04:00'), ZONE)).toBe('04:00');
    // Spring: the skipped hour leaves nothing ambiguous.
    expect(formatSiteTime(at('2026-03-29T02:59'), ZONE)).toBe('02:59');
    expect(formatSiteTime(at('2026-03-29T04:00'), ZONE)).toBe('04:00');
    expect(formatSiteTime(at('2026-11-23T14:00'), ZONE)).toBe('14:00');
  });
});
