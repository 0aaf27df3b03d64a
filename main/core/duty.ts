import { DateTime } from 'luxon';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export interface Interval {
  from: string; // "09:00"
  to: string; // "15:00" (or "24:00")
}
export interface DutyHours {
  hours: Record<Weekday, readonly Interval[]>;
  exceptions: ReadonlyArray<{ date: string; hours: readonly Interval[] }>;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The on-duty intervals of one day (as instants), exceptions first, in the site's time zone. */
export function dutyIntervals(day: DateTime, duty: DutyHours): Array<{ start: number; end: number }> {
  const date = day.toISODate();
  const exception = duty.exceptions.find((e) => e.date === date);
  const intervals = exception ? exception.hours : duty.hours[WEEKDAYS[day.weekday - 1]!];
  if (intervals.length === 0) return [];
  const midnight = day.startOf('day');
  const at = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return h === 24 ? midnight.plus({ days: 1 }).toMillis() : midnight.set({ hour: h, minute: m }).toMillis();
  };
  return intervals.map((i) => ({ start: at(i.from), end: at(i.to) })).filter((i) => i.end > i.start);
}

export type Duty = { onDuty: true; until: number } | { onDuty: false; nextStart?: number };

/** Whether the advisor is on duty at `now`, and until when (or when next). Looks a week ahead. */
export function dutyAt(now: number, zone: string, duty: DutyHours): Duty {
  const today = DateTime.fromMillis(now, { zone });
  for (let offset = 0; offset < 8; offset++) {
    const day = today.plus({ days: offset });
    for (const interval of dutyIntervals(day, duty).sort((a, b) => a.start - b.start)) {
      if (offset === 0 && interval.start <= now && now < interval.end) return { onDuty: true, until: interval.end };
      if (interval.start > now) return { onDuty: false, nextStart: interval.start };
    }
  }
  return { onDuty: false };
}

/** Today's hours as the kiosk shows them ("09:00–15:00"). */
export function todaysHours(now: number, zone: string, duty: DutyHours): Array<{ start: number; end: number }> {
  return dutyIntervals(DateTime.fromMillis(now, { zone }), duty);
}
