import { DateTime } from 'luxon';
import { dutyIntervals, type DutyHours } from './duty';
import type { Slot } from './bookings';

/**
 * The centre's opening hours as instants. The policy writes them as a weekly
 * schedule with dated exceptions, in the site's time zone (the same shape as
 * the advisor's hours); here they become open periods, with a day that ends
 * at 24:00 and a next day that starts at 00:00 joined into one, so a site
 * open at all hours never "closes" at midnight.
 */
export type OpeningHours = DutyHours;

export interface Period {
  start: number;
  end: number;
}

/** How far ahead a period is looked for: beyond this a site counts as closed (or open without end). */
const HORIZON_DAYS = 40;
/** The windows looked at in turn: most answers lie within a day or two, so the long look is rare. */
const WINDOWS_DAYS = [2, 9, HORIZON_DAYS];

/** One day's intervals, remembered per policy object (a policy is replaced, never changed, so the memo is never stale). */
const memo = new WeakMap<OpeningHours, Map<string, readonly Period[]>>();
function dayIntervals(day: DateTime, zone: string, hours: OpeningHours): readonly Period[] {
  let days = memo.get(hours);
  if (!days) memo.set(hours, (days = new Map()));
  const key = `${zone} ${day.toISODate()}`;
  let found = days.get(key);
  if (!found) {
    found = dutyIntervals(day, hours);
    // A long-running hub looks at ever new days: keep the memo small.
    if (days.size > 2000) days.clear();
    days.set(key, found);
  }
  return found;
}

/** The open periods that touch [from, to), merged where they meet or overlap, in order. */
export function openPeriods(from: number, to: number, zone: string, hours: OpeningHours): Period[] {
  const first = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
  const raw: Period[] = [];
  for (let day = first; day.toMillis() < to; day = day.plus({ days: 1 })) raw.push(...dayIntervals(day, zone, hours));
  raw.sort((a, b) => a.start - b.start);
  const merged: Period[] = [];
  for (const p of raw) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged.filter((p) => p.end > from && p.start < to);
}

export type Opening = { open: true; closesAt?: number } | { open: false; opensAt?: number };

/**
 * Whether the site is open at `now`: if so until when (absent: not within
 * the horizon, e.g. open at all hours), if not when it opens next (absent:
 * no opening within the horizon).
 */
export function openingAt(now: number, zone: string, hours: OpeningHours): Opening {
  const start = DateTime.fromMillis(now, { zone });
  for (const days of WINDOWS_DAYS) {
    const windowEnd = start.plus({ days }).toMillis();
    const periods = openPeriods(now, windowEnd, zone, hours);
    const current = periods.find((p) => p.start <= now && now < p.end);
    // A period that reaches the window's end may go on beyond it: look further.
    if (current && current.end < windowEnd) return { open: true, closesAt: current.end };
    const next = periods.find((p) => p.start > now);
    if (!current && next) return { open: false, opensAt: next.start };
    if (days === HORIZON_DAYS) return current ? { open: true } : { open: false };
  }
  return { open: false };
}

/** The latest a session running at `now` may last: closing time, or `wanted` when the site stays open past it. */
export function endByClosing(now: number, wanted: number, zone: string, hours: OpeningHours): number {
  const opening = openingAt(now, zone, hours);
  if (!opening.open) return now;
  return opening.closesAt === undefined ? wanted : Math.min(wanted, opening.closesAt);
}

/** True when the whole slot lies inside one open period (a booking may not span a closed hour). */
export function withinOpening(slot: Slot, zone: string, hours: OpeningHours): boolean {
  return openPeriods(slot.startsAt, slot.endsAt, zone, hours).some((p) => p.start <= slot.startsAt && slot.endsAt <= p.end);
}

/** One site day's open periods (the date in the site's zone, YYYY-MM-DD), clipped to that day. */
export function dayPeriods(date: string, zone: string, hours: OpeningHours): Period[] {
  const day = DateTime.fromISO(date, { zone }).startOf('day');
  const start = day.toMillis();
  const end = day.plus({ days: 1 }).toMillis();
  return openPeriods(start, end, zone, hours).map((p) => ({ start: Math.max(p.start, start), end: Math.min(p.end, end) }));
}

/** The refusal in words for the command line and the hub's API: the day's hours, as "08:00–20:00" (or closed). */
export function openingText(slot: Slot, zone: string, hours: OpeningHours): string {
  const date = DateTime.fromMillis(slot.startsAt, { zone }).toISODate()!;
  const periods = dayPeriods(date, zone, hours);
  const time = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
  const text = periods.length ? periods.map((p) => `${time(p.start)}–${p.end === DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toMillis() ? '24:00' : time(p.end)}`).join(', ') : 'closed all day';
  return `the site is open on ${date} ${periods.length ? `at ${text}` : `— ${text}`} (the site policy's openingHours); a booking must lie inside one opening period`;
}
