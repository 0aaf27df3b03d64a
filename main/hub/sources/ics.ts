import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import type { OutsideBooking, SourceProblem, SourceSnapshot } from '../../core/booking-source';
import { IcsParseError, libraryReason, scanFeed } from './ics-scan';
import { toInstant, toWallClock, wallMs, ZoneResolver, type ZoneRule } from './ics-time';

export { IcsParseError } from './ics-scan';

/** How an ICS feed maps to PCs and where its codes are (a source's settings). */
export interface IcsOptions {
  /** One feed per PC: every event holds this PC. */
  pcId?: string | undefined;
  /** One feed for the site: the PC named by an event's LOCATION or SUMMARY, through this map (text → PC id, matched case-insensitively). */
  pcRule?: { field: 'LOCATION' | 'SUMMARY'; map: Record<string, string> } | undefined;
  /** A regular expression whose first group is the check-in code, looked for in DESCRIPTION (e.g. "Koodi: (\\d{6})"); absent: no code. */
  codePattern?: string | undefined;
  /** All-day events hold their PC too (default: ignored). */
  includeAllDay?: boolean | undefined;
  /** The site's IANA zone, for floating and date-only times (default Europe/Helsinki; never the process's zone). */
  timeZone?: string | undefined;
  /** Events (VEVENTs) in one feed before it is refused whole (default 20,000). */
  maxEvents?: number | undefined;
  /** Bookings after expanding recurrences in the window before the feed is refused whole (default 50,000). */
  maxBookings?: number | undefined;
}

const DEFAULT_ZONE = 'Europe/Helsinki';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far past the window's ends an instance is still expanded, so an override moved into the window is seen. */
const MARGIN = 7 * DAY;
/** Steps of one event's recurrence before the rest of it is left out as recurring too often. */
const MAX_STEPS = 20_000;
/** Steps of all the feed's recurrences before the feed is refused (about five seconds of ical.js at worst). */
const MAX_FEED_STEPS = 400_000;
/** Exchange's cancelled meetings that stay STATUS:CONFIRMED, in the languages of its clients here. */
const CANCELLED_SUBJECT = /^\s*(canceled|cancelled|peruttu|peruutettu|inställt|inställd|inställd)\s*:/i;
const CODE = /^(\d{4}|\d{6})$/;

interface Settings {
  pcId?: string | undefined;
  pcField?: 'location' | 'summary' | undefined;
  pcMap: Map<string, string>;
  code?: RegExp | undefined;
  includeAllDay: boolean;
}

function settingsOf(options: IcsOptions): Settings {
  if (!options.pcId && !options.pcRule) throw new IcsParseError('options', 'pcId', 'the source names neither a PC nor a rule for finding one');
  let code: RegExp | undefined;
  if (options.codePattern) {
    try {
      code = new RegExp(options.codePattern);
    } catch (error) {
      throw new IcsParseError('options', 'codePattern', `is not a regular expression (${libraryReason(error)})`);
    }
  }
  const pcMap = new Map(Object.entries(options.pcRule?.map ?? {}).map(([text, pc]) => [text.trim().toLowerCase(), pc]));
  return {
    pcId: options.pcId,
    pcField: options.pcRule ? (options.pcRule.field === 'LOCATION' ? 'location' : 'summary') : undefined,
    pcMap,
    code,
    includeAllDay: options.includeAllDay ?? false,
  };
}

/**
 * Parses an ICS feed into the reservations that touch the window (issue 12), with ical.js
 * (recurrences, EXDATE, RECURRENCE-ID overrides) and windows-iana (Exchange's zone names).
 * Only times, ids and the code pass: no ORGANIZER, ATTENDEE, SUMMARY or DESCRIPTION text is
 * put in the snapshot or its problems. An event that cannot be read is a problem naming its
 * line or UID; a feed that cannot be read at all, or is over a limit, throws IcsParseError.
 */
export function parseIcs(text: string, options: IcsOptions, window: { from: number; to: number }): SourceSnapshot {
  const settings = settingsOf(options);
  const scan = scanFeed(text, options.maxEvents ?? 20_000);
  let calendar: ICAL.Component;
  try {
    const jcal: unknown = ICAL.parse(text);
    const first = Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal[0] : jcal;
    calendar = new ICAL.Component(first as unknown[]);
  } catch (error) {
    throw new IcsParseError('parse', 'feed', `not a readable iCalendar feed: ${libraryReason(error)}`);
  }
  if (calendar.name !== 'vcalendar') throw new IcsParseError('parse', 'feed', 'the feed holds no VCALENDAR');
  // Each event on its own, without the calendar as parent: ical.js would otherwise look up every
  // TZID it does not know (Exchange's Windows names) among all the calendar's components, for every
  // time of every event. Zones are this parser's: ZoneResolver, with the feed's VTIMEZONEs.
  const events = (calendar.jCal[2] as unknown[][]).filter((c) => c[0] === 'vevent').map((c) => new ICAL.Component(c));
  const feed = new Feed(settings, new ZoneResolver(options.timeZone ?? DEFAULT_ZONE, calendar), window, options.maxBookings ?? 50_000);
  feed.read(events, scan.eventLines);
  return { bookings: feed.bookings, problems: feed.problems };
}

interface Entry {
  comp: ICAL.Component;
  where: string;
}

class Feed {
  readonly bookings: OutsideBooking[] = [];
  readonly problems: SourceProblem[] = [];
  private readonly ids = new Set<string>();
  private steps = 0;

  constructor(
    private readonly settings: Settings,
    private readonly zones: ZoneResolver,
    private readonly window: { from: number; to: number },
    private readonly maxBookings: number,
  ) {}

  read(events: ICAL.Component[], lines: number[]): void {
    const masters = new Map<string, Entry>();
    const overrides = new Map<string, Entry[]>();
    events.forEach((comp, i) => {
      const uid = textOf(comp, 'uid')?.trim();
      const line = lines.length === events.length ? `line ${lines[i]}` : `event ${i + 1}`;
      const entry: Entry = { comp, where: uid ? `${line}, UID ${shortUid(uid)}` : line };
      if (!uid) return this.guarded(entry, () => this.single(entry, undefined));
      if (comp.hasProperty('recurrence-id')) {
        const list = overrides.get(uid) ?? [];
        list.push(entry);
        overrides.set(uid, list);
      } else if (masters.has(uid)) {
        this.problem(entry.where, `the same UID as the event at ${masters.get(uid)!.where.split(',')[0]}; left out`);
      } else {
        masters.set(uid, entry);
      }
    });
    for (const [uid, master] of masters) {
      const own = overrides.get(uid) ?? [];
      overrides.delete(uid);
      this.guarded(master, () => this.master(uid, master, own));
    }
    // Overrides whose master is not in the feed (some exports send the changed instance alone).
    for (const [uid, list] of overrides) for (const entry of list) this.guarded(entry, () => this.single(entry, uid));
  }

  /** An event the library cannot expand (an hourly rule on a date, a broken RRULE) is a problem for that event alone. */
  private guarded(entry: Entry, read: () => void): void {
    try {
      read();
    } catch (error) {
      if (error instanceof IcsParseError) throw error;
      this.problem(entry.where, `cannot be read: ${libraryReason(error)}`);
    }
  }

  /** A recurring event with its overrides, or a single event. */
  private master(uid: string, master: Entry, own: Entry[]): void {
    // Its own overrides only: left to itself, ical.js relates every override in the calendar, whatever its UID (and in quadratic time).
    const event = new ICAL.Event(master.comp, { exceptions: [], strictExceptions: true });
    if (!event.isRecurring()) {
      this.single(master, uid);
      for (const o of own) this.problem(o.where, 'a RECURRENCE-ID for an event that does not recur; left out');
      return;
    }
    const startZone = this.zones.forProperty(master.comp.getFirstProperty('dtstart'));
    if (!startZone.ok) return this.problem(master.where, startZone.reason);
    localizeRules(master.comp, startZone.rule);
    const seen = new Set<string>();
    for (const o of own) {
      const ridProp = o.comp.getFirstProperty('recurrence-id')!;
      const ridValue = ridProp.getFirstValue();
      if (ridValue instanceof ICAL.Time) ridProp.setValue(toWallClock(ridValue, startZone.rule));
      const rid = ridProp.getFirstValue();
      const key = rid instanceof ICAL.Time ? rid.toString() : '';
      if (seen.has(key)) {
        this.problem(o.where, 'a second override of the same instance (RECURRENCE-ID); left out');
        continue;
      }
      seen.add(key);
      event.relateException(o.comp);
    }
    const duration = wallMs(event.endDate) - wallMs(event.startDate);
    const iterator = event.iterator();
    let steps = 0;
    for (let t = iterator.next(); t; t = iterator.next()) {
      if (++steps > MAX_STEPS) return this.problem(master.where, `recurs more than ${MAX_STEPS} times before the window ends; the rest left out`);
      if (++this.steps > MAX_FEED_STEPS) throw new IcsParseError('too-many', master.where, `the feed's recurrences take more than ${MAX_FEED_STEPS} steps to expand (the limit); nothing of it was applied`);
      const wall = wallMs(t);
      if (wall > this.window.to + MARGIN) break;
      if (wall + duration < this.window.from - MARGIN) continue;
      const details = event.getOccurrenceDetails(t);
      const rid = toInstant(details.recurrenceId, startZone.rule);
      const instanceKey = rid.ok ? new Date(rid.ms).toISOString() : details.recurrenceId.toString();
      const item = details.item.component;
      const isOverride = details.item !== event;
      const where = isOverride ? (own.find((o) => o.comp === item)?.where ?? master.where) : `${master.where}, instance ${instanceKey}`;
      const startRule = isOverride ? this.zones.forProperty(item.getFirstProperty('dtstart')) : startZone;
      if (!startRule.ok) {
        this.problem(where, startRule.reason);
        continue;
      }
      const endRule = isOverride ? this.endRule(item, startRule.rule) : startZone;
      if (!endRule.ok) {
        this.problem(where, endRule.reason);
        continue;
      }
      this.emit({ item, master: master.comp, where, start: details.startDate, end: details.endDate, startRule: startRule.rule, endRule: endRule.rule, outsideId: () => `${uid}/${instanceKey}` });
    }
  }

  /** An event that does not recur (or an override without its master): one booking at most. */
  private single(entry: Entry, uid: string | undefined): void {
    const { comp } = entry;
    const dtstart = comp.getFirstProperty('dtstart');
    const start = dtstart?.getFirstValue();
    if (!(start instanceof ICAL.Time)) return this.problem(entry.where, 'no DTSTART');
    const startRule = this.zones.forProperty(dtstart);
    if (!startRule.ok) return this.problem(entry.where, startRule.reason);
    const endRule = this.endRule(comp, startRule.rule);
    if (!endRule.ok) return this.problem(entry.where, endRule.reason);
    const end = endOf(comp, start);
    const ridProp = comp.getFirstProperty('recurrence-id');
    const outsideId = (pcId: string): string => {
      if (!uid) {
        const raw = `${propText(dtstart)}|${propText(comp.getFirstProperty('dtend') ?? comp.getFirstProperty('duration'))}|${pcId}`;
        return `ics-nouid:${createHash('sha256').update(raw).digest('hex').slice(0, 24)}`;
      }
      if (!ridProp) return uid;
      const rid = ridProp.getFirstValue();
      const ridRule = this.zones.forProperty(ridProp);
      const ms = rid instanceof ICAL.Time && ridRule.ok ? toInstant(rid, ridRule.rule) : undefined;
      return `${uid}/${ms?.ok ? new Date(ms.ms).toISOString() : String(rid)}`;
    };
    this.emit({ item: comp, master: comp, where: entry.where, start, end, startRule: startRule.rule, endRule: endRule.rule, outsideId });
  }

  private endRule(comp: ICAL.Component, startRule: ZoneRule) {
    const dtend = comp.getFirstProperty('dtend');
    if (!dtend) return { ok: true as const, rule: startRule };
    const tzid = dtend.getParameter('tzid');
    const value = dtend.getFirstValue();
    const utc = value instanceof ICAL.Time && value.zone === ICAL.Timezone.utcTimezone;
    // A DTEND with no zone of its own is read in its DTSTART's.
    return tzid || utc ? this.zones.forProperty(dtend) : { ok: true as const, rule: startRule };
  }

  private emit(o: {
    item: ICAL.Component;
    master: ICAL.Component;
    where: string;
    start: ICAL.Time;
    end: ICAL.Time;
    startRule: ZoneRule;
    endRule: ZoneRule;
    outsideId: (pcId: string) => string;
  }): void {
    if (cancelled(o.item)) return;
    if (o.start.isDate && !this.settings.includeAllDay) return;
    if (wallMs(o.start) > this.window.to + DAY || wallMs(o.end) < this.window.from - DAY) return;
    const start = toInstant(o.start, o.startRule);
    if (!start.ok) return this.problem(o.where, `DTSTART: ${start.reason}`);
    const end = toInstant(o.end, o.endRule);
    if (!end.ok) return this.problem(o.where, `DTEND: ${end.reason}`);
    if (end.ms < start.ms) return this.problem(o.where, 'ends before it begins');
    if (end.ms === start.ms) return this.problem(o.where, 'ends when it begins (no length)');
    if (start.ms >= this.window.to || end.ms <= this.window.from) return;
    const pcId = this.pcOf(o.item, o.master);
    if (!pcId) return this.problem(o.where, `its ${this.settings.pcField === 'location' ? 'LOCATION' : 'SUMMARY'} names no PC in this source's map`);
    const code = this.codeOf(o.item, o.master);
    if (code === false) return this.problem(o.where, 'the code found in DESCRIPTION is not 4 or 6 digits');
    const outsideId = o.outsideId(pcId);
    if (this.ids.has(outsideId)) return this.problem(o.where, 'the same event again (same UID and start, or same times and PC); left out');
    this.ids.add(outsideId);
    if (this.bookings.length >= this.maxBookings) {
      throw new IcsParseError('too-many', o.where, `more than ${this.maxBookings} bookings in the window (the limit); nothing of the feed was applied`);
    }
    this.bookings.push(code ? { outsideId, pcId, startsAt: start.ms, endsAt: end.ms, code } : { outsideId, pcId, startsAt: start.ms, endsAt: end.ms });
  }

  private pcOf(item: ICAL.Component, master: ICAL.Component): string | undefined {
    if (this.settings.pcId) return this.settings.pcId;
    const field = this.settings.pcField!;
    const text = textOf(item, field) ?? textOf(master, field);
    return text === undefined ? undefined : this.settings.pcMap.get(text.trim().toLowerCase());
  }

  /** The code, undefined where there is none, false where the pattern found something that is not a code. */
  private codeOf(item: ICAL.Component, master: ICAL.Component): string | undefined | false {
    if (!this.settings.code) return undefined;
    const description = textOf(item, 'description') ?? textOf(master, 'description');
    if (description === undefined) return undefined;
    const match = this.settings.code.exec(description);
    if (!match) return undefined;
    const found = (match[1] ?? match[0]).trim();
    return CODE.test(found) ? found : false;
  }

  private problem(where: string, reason: string): void {
    this.problems.push({ where, reason });
  }
}

/** UNTIL and EXDATE written in UTC, turned to the wall clock of DTSTART's zone that ical.js expands in. */
function localizeRules(comp: ICAL.Component, rule: ZoneRule): void {
  for (const prop of comp.getAllProperties('rrule')) {
    const recur = prop.getFirstValue();
    if (recur instanceof ICAL.Recur && recur.until) recur.until = toWallClock(recur.until, rule);
  }
  for (const prop of comp.getAllProperties('exdate')) {
    const values = prop.getValues();
    if (values.some((v) => v instanceof ICAL.Time && v.zone === ICAL.Timezone.utcTimezone)) prop.setValues(values.map((v) => (v instanceof ICAL.Time ? toWallClock(v, rule) : v)));
  }
}

function cancelled(comp: ICAL.Component): boolean {
  if (textOf(comp, 'status')?.trim().toUpperCase() === 'CANCELLED') return true;
  return CANCELLED_SUBJECT.test(textOf(comp, 'summary') ?? '');
}

function endOf(comp: ICAL.Component, start: ICAL.Time): ICAL.Time {
  const dtend = comp.getFirstPropertyValue('dtend');
  if (dtend instanceof ICAL.Time) return dtend;
  const duration = comp.getFirstPropertyValue('duration');
  const end = start.clone();
  if (duration instanceof ICAL.Duration) end.addDuration(duration);
  else if (start.isDate) end.day += 1; // RFC 5545: a date-only start with no end lasts the day
  return end;
}

function textOf(comp: ICAL.Component, name: string): string | undefined {
  const value = comp.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : undefined;
}

function propText(prop: ICAL.Property | null): string {
  return prop ? prop.toICALString() : '';
}

/** A UID as a problem names it: the whole of it when short, else its start and end (Exchange's are 100+ hex digits). */
function shortUid(uid: string): string {
  return uid.length <= 60 ? uid : `${uid.slice(0, 28)}…${uid.slice(-28)}`;
}
