import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';

/**
 * Times of an ICS feed as instants (issue 12). ical.js expands recurrences in
 * wall-clock time; this file says which zone a wall-clock time is in and turns
 * it into milliseconds: an IANA name (Google), a Windows name as Exchange writes
 * it (through windows-iana, preferring the site's own zone where the Windows
 * name covers it), else the feed's own VTIMEZONE (Exchange's "Customized Time
 * Zone"). Floating and date-only times are read in the site's zone, never the
 * process's.
 */

/** How one property's wall-clock times become instants. */
export type ZoneRule =
  | { kind: 'iana'; zone: string }
  | { kind: 'vtimezone'; timezone: ICAL.Timezone };

export type ZoneAnswer = { ok: true; rule: ZoneRule } | { ok: false; reason: string };

/** Resolves TZIDs once per feed: the feed's VTIMEZONEs, and a cache of names already looked up. */
export class ZoneResolver {
  private readonly cache = new Map<string, ZoneAnswer>();
  private readonly vtimezones = new Map<string, ICAL.Component>();

  constructor(
    readonly siteZone: string,
    calendar: ICAL.Component,
  ) {
    for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
      const tzid = vtz.getFirstPropertyValue('tzid');
      if (typeof tzid === 'string') this.vtimezones.set(tzid, vtz);
    }
  }

  /** The rule for a DTSTART/DTEND/RECURRENCE-ID property: its TZID, UTC ("Z"), or the site's zone for floating and date-only times. */
  forProperty(prop: ICAL.Property | null): ZoneAnswer {
    const tzid = prop?.getParameter('tzid');
    if (typeof tzid === 'string' && tzid.length > 0) return this.forTzid(tzid);
    const value = prop?.getFirstValue();
    if (value instanceof ICAL.Time && !value.isDate && value.zone === ICAL.Timezone.utcTimezone) return { ok: true, rule: { kind: 'iana', zone: 'UTC' } };
    return { ok: true, rule: { kind: 'iana', zone: this.siteZone } };
  }

  forTzid(raw: string): ZoneAnswer {
    const cached = this.cache.get(raw);
    if (cached) return cached;
    const answer = this.lookUp(raw);
    this.cache.set(raw, answer);
    return answer;
  }

  private lookUp(raw: string): ZoneAnswer {
    const tzid = raw.trim().replace(/^"(.*)"$/, '$1');
    if (IANAZone.isValidZone(tzid)) return { ok: true, rule: { kind: 'iana', zone: tzid } };
    // Some exporters prefix the IANA name with a path ("/mozilla.org/20050126_1/Europe/Helsinki").
    const tail = /([A-Za-z_]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(tzid)?.[1];
    if (tail && tzid.startsWith('/') && IANAZone.isValidZone(tail)) return { ok: true, rule: { kind: 'iana', zone: tail } };
    const iana = findIana(tzid);
    if (iana.length > 0) {
      const zone = (iana as string[]).includes(this.siteZone) ? this.siteZone : iana.find((z) => IANAZone.isValidZone(z));
      if (zone) return { ok: true, rule: { kind: 'iana', zone } };
    }
    const vtz = this.vtimezones.get(raw) ?? this.vtimezones.get(tzid);
    if (vtz) return { ok: true, rule: { kind: 'vtimezone', timezone: new ICAL.Timezone({ component: vtz, tzid }) } };
    return { ok: false, reason: `unknown time zone TZID "${tzid.slice(0, 80)}" (neither an IANA nor a Windows name, and no VTIMEZONE in the feed)` };
  }
}

/** A wall-clock time as if it were UTC: cheap, and within 14 hours of the real instant (for a first look at the window). */
export function wallMs(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.isDate ? 0 : t.hour, t.isDate ? 0 : t.minute, t.isDate ? 0 : t.second);
}

export type InstantAnswer = { ok: true; ms: number } | { ok: false; reason: string };

/** The instant of a wall-clock time under a rule; a time that the clocks skip (the spring change) is refused, not moved. */
export function toInstant(t: ICAL.Time, rule: ZoneRule): InstantAnswer {
  if (rule.kind === 'vtimezone') {
    const local = t.clone();
    if (local.isDate) local.isDate = false;
    return { ok: true, ms: wallMs(t) - rule.timezone.utcOffset(local) * 1000 };
  }
  const hour = t.isDate ? 0 : t.hour;
  const minute = t.isDate ? 0 : t.minute;
  const offset = hourOffset(rule.zone, t.year, t.month, t.day, hour);
  if (offset === undefined) return { ok: false, reason: `not a valid time in ${rule.zone}` };
  if (offset === 'gap') {
    return { ok: false, reason: `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(hour)}:${pad(minute)} does not exist in ${rule.zone} (the clocks skip it when daylight saving starts)` };
  }
  return { ok: true, ms: wallMs(t) - offset };
}

/**
 * The zone's offset for a wall-clock hour, or 'gap' where the clocks skip that hour (the spring
 * change); the earlier offset where the hour happens twice (the autumn change). Kept per zone and
 * hour: a feed asks for the same hours thousands of times, and each answer costs luxon an Intl call.
 */
const offsets = new Map<string, number | 'gap' | undefined>();

function hourOffset(zone: string, year: number, month: number, day: number, hour: number): number | 'gap' | undefined {
  const key = `${zone}|${year}-${month}-${day}T${hour}`;
  if (offsets.has(key)) return offsets.get(key);
  const dt = DateTime.fromObject({ year, month, day, hour }, { zone });
  const answer = !dt.isValid ? undefined : dt.hour !== hour || dt.day !== day ? 'gap' : dt.offset * 60_000;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, answer);
  return answer;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * A UTC time (UNTIL, EXDATE or RECURRENCE-ID written with "Z", as Exchange and Google do) as the
 * wall clock of the zone the event's DTSTART is in, so ical.js compares it with the wall-clock
 * instances it expands; any other time is returned as it is.
 */
export function toWallClock(time: ICAL.Time, rule: ZoneRule): ICAL.Time {
  if (time.isDate || time.zone !== ICAL.Timezone.utcTimezone) return time;
  if (rule.kind === 'iana' && rule.zone === 'UTC') return time;
  const ms = wallMs(time);
  let parts: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  if (rule.kind === 'iana') {
    parts = DateTime.fromMillis(ms, { zone: rule.zone });
  } else {
    const shifted = new Date(ms + rule.timezone.utcOffset(time) * 1000);
    parts = { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes(), second: shifted.getUTCSeconds() };
  }
  return ICAL.Time.fromData({ year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, isDate: false });
}
