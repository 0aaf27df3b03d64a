import { DateTime } from 'luxon';
import { HOUR, MINUTE } from './clock';
import { checkHorizon, type Slot } from './bookings';
import { dayPeriods, openPeriods, type OpeningHours, type Period } from './opening-hours';

/**
 * The free times residents may book for themselves: for one site day, every
 * PC's start times on the policy's grid, for each allowed length, that are
 * not past, lie inside one opening period, keep the gap from other bookings
 * and fall within the booking horizon. The hub checks a self-booking against
 * the very same rule (`whyNotFree`), so what a kiosk lists is what it may take.
 */

/** The site policy's selfBooking section, with bookings.maxDaysAhead. */
export interface FreeTimePolicy {
  lengths: readonly number[];
  stepMinutes: number;
  gapMinutes: number;
  daysAhead: number;
  /** bookings.maxDaysAhead: the site's horizon for every booking. */
  maxDaysAhead: number;
}

export interface FreeTimeSite {
  zone: string;
  hours: OpeningHours;
  policy: FreeTimePolicy;
}

/** A booking that blocks a PC (its own, any source). */
export interface Taken extends Slot {
  pcId: string;
}

export interface FreeTime extends Slot {
  pcId: string;
  minutes: number;
}

/** Why a time cannot be self-booked (a code the kiosk translates). */
export type NotFreeReason = 'length' | 'past' | 'too-far-ahead' | 'closed' | 'off-grid' | 'taken';

/**
 * A time the resident saw listed a moment before it began stays bookable
 * this long after its start (the list is never refreshed under their
 * finger); the list itself shows no time that has begun.
 */
export const LATE_PICK_MS = 2 * MINUTE;

/** The last site day a resident may book on: today plus the lesser of the two horizons. */
export function lastBookableDay(now: number, site: FreeTimeSite): string {
  const days = Math.min(site.policy.daysAhead, site.policy.maxDaysAhead);
  return DateTime.fromMillis(now, { zone: site.zone }).startOf('day').plus({ days }).toISODate()!;
}

export interface BookableDay {
  /** YYYY-MM-DD in the site's zone. */
  date: string;
  /** False: closed all day, or already closed for the rest of today. */
  open: boolean;
}

/** Today and the next days the policy allows, each marked open or closed. */
export function bookableDays(now: number, site: FreeTimeSite): BookableDay[] {
  const today = DateTime.fromMillis(now, { zone: site.zone }).startOf('day');
  const count = Math.min(site.policy.daysAhead, site.policy.maxDaysAhead) + 1;
  const shortest = Math.min(...site.policy.lengths) * MINUTE;
  return Array.from({ length: count }, (_, i) => {
    const date = today.plus({ days: i }).toISODate()!;
    const open = dayPeriods(date, site.zone, site.hours).some((p) => p.end - Math.max(p.start, now) >= shortest);
    return { date, open };
  });
}

/** Whether an instant is on the grid: whole minutes past the hour that are a multiple of the step (in the site's zone). */
export function onGrid(at: number, zone: string, stepMinutes: number): boolean {
  const dt = DateTime.fromMillis(at, { zone });
  return dt.second === 0 && dt.millisecond === 0 && dt.minute % stepMinutes === 0;
}

/** The site day [start, end) of a date, 23 or 25 hours on a change day. */
function dayBounds(date: string, zone: string): Period | undefined {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) return undefined;
  const start = day.startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

/** Grid instants within [from, to): each real hour of the day (a repeated hour twice, a skipped one never), step by step. */
function gridStarts(from: number, to: number, zone: string, stepMinutes: number): number[] {
  const starts: number[] = [];
  // The hour the day starts in; hours then follow as instants, so a clock change neither skips nor repeats one.
  let hour = DateTime.fromMillis(from, { zone }).startOf('hour').toMillis();
  for (; hour < to; hour += HOUR) {
    for (let minute = 0; minute < 60; minute += stepMinutes) {
      const at = hour + minute * MINUTE;
      if (at >= from && at < to) starts.push(at);
    }
  }
  return starts;
}

/** True when the slot, widened by the gap either side, meets none of the PC's bookings. */
function clear(slot: Slot, taken: readonly Slot[], gapMs: number): boolean {
  return taken.every((b) => slot.endsAt + gapMs <= b.startsAt || b.endsAt + gapMs <= slot.startsAt);
}

/** The open periods a day's bookings may lie in (unclipped: a site open past midnight keeps its late slots). */
function periodsOf(day: Period, zone: string, hours: OpeningHours): Period[] {
  return openPeriods(day.start, day.end + 24 * HOUR, zone, hours);
}

const inOnePeriod = (slot: Slot, periods: readonly Period[]) => periods.some((p) => p.start <= slot.startsAt && slot.endsAt <= p.end);

/**
 * The free times of every PC on one site day (`date`, YYYY-MM-DD), in order
 * of start, then PC (in the order given), then length.
 */
export function freeTimes(input: { date: string; now: number; site: FreeTimeSite; pcIds: readonly string[]; taken: readonly Taken[] }): FreeTime[] {
  const { date, now, site, pcIds } = input;
  const { zone, policy } = site;
  const day = dayBounds(date, zone);
  if (!day || date > lastBookableDay(now, site) || day.end <= now) return [];
  const periods = periodsOf(day, zone, site.hours);
  if (periods.length === 0) return [];
  const gapMs = policy.gapMinutes * MINUTE;
  const byPc = new Map<string, Taken[]>(pcIds.map((id) => [id, []]));
  for (const b of input.taken) byPc.get(b.pcId)?.push(b);
  const lengths = [...policy.lengths].sort((a, b) => a - b);
  const out: FreeTime[] = [];
  for (const startsAt of gridStarts(Math.max(day.start, now), day.end, zone, policy.stepMinutes)) {
    for (const minutes of lengths) {
      const slot = { startsAt, endsAt: startsAt + minutes * MINUTE };
      if (!inOnePeriod(slot, periods)) continue;
      for (const pcId of pcIds) if (clear(slot, byPc.get(pcId)!, gapMs)) out.push({ pcId, minutes, startsAt, endsAt: slot.endsAt });
    }
  }
  // In order of start, then PC (as given), then length.
  const order = new Map(pcIds.map((id, i) => [id, i]));
  out.sort((a, b) => a.startsAt - b.startsAt || order.get(a.pcId)! - order.get(b.pcId)! || a.minutes - b.minutes);
  return out;
}

/** Why one PC's time cannot be self-booked now, or undefined when it is free (the same rule as `freeTimes`). */
export function whyNotFree(wanted: { startsAt: number; minutes: number }, input: { now: number; site: FreeTimeSite; taken: readonly Slot[] }): NotFreeReason | undefined {
  const { now, site } = input;
  const { zone, policy } = site;
  if (!policy.lengths.includes(wanted.minutes)) return 'length';
  if (wanted.startsAt < now - LATE_PICK_MS) return 'past';
  const horizon = Math.min(policy.daysAhead, policy.maxDaysAhead);
  if (checkHorizon(wanted.startsAt, now, zone, horizon)) return 'too-far-ahead';
  if (!onGrid(wanted.startsAt, zone, policy.stepMinutes)) return 'off-grid';
  const slot = { startsAt: wanted.startsAt, endsAt: wanted.startsAt + wanted.minutes * MINUTE };
  const date = DateTime.fromMillis(wanted.startsAt, { zone }).toISODate()!;
  if (!inOnePeriod(slot, periodsOf(dayBounds(date, zone)!, zone, site.hours))) return 'closed';
  if (!clear(slot, input.taken, policy.gapMinutes * MINUTE)) return 'taken';
  return undefined;
}

/** Self-bookings already made, for the limits against one person booking every slot. */
export interface SelfBookingCounts {
  /** Self-bookings made from this kiosk within the last hour (cancelled ones too: made is made). */
  fromKioskLastHour: number;
  /** Open (not cancelled, not over) self-bookings on the wanted PC on the wanted site day. */
  openOnPcThatDay: number;
}

export type LimitReason = 'kiosk-limit' | 'pc-day-limit';

export function limitReached(counts: SelfBookingCounts, policy: { maxPerKioskPerHour: number; maxOpenPerPcPerDay: number }): LimitReason | undefined {
  if (counts.fromKioskLastHour >= policy.maxPerKioskPerHour) return 'kiosk-limit';
  if (counts.openOnPcThatDay >= policy.maxOpenPerPcPerDay) return 'pc-day-limit';
  return undefined;
}
