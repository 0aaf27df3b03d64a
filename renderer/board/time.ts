import type { Tr } from './i18n';

/**
 * Times on the board: 24-hour, in the site's time zone, the same for every
 * language ("14:05"); the day in words from the board's own catalogue
 * ("tomorrow", "Mon"), since the browser has no day names for some of the
 * languages (Northern Sámi) and would fall back to English.
 */
const formats = new Map<string, { time: Intl.DateTimeFormat; date: Intl.DateTimeFormat; weekday: Intl.DateTimeFormat }>();

function formatsFor(zone: string) {
  let f = formats.get(zone);
  if (!f) {
    f = {
      time: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      weekday: new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }),
    };
    formats.set(zone, f);
  }
  return f;
}

export function hhmm(at: number, zone: string): string {
  return formatsFor(zone).time.format(at);
}

const DAY_KEYS = { Mon: 'days.mon', Tue: 'days.tue', Wed: 'days.wed', Thu: 'days.thu', Fri: 'days.fri', Sat: 'days.sat', Sun: 'days.sun' } as const;

/** Days between two site dates ("2026-12-07"), counted by the calendar. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "14:05" today, "tomorrow 14:05", or "Mon 14:05" within the week, in the board's language. */
export function when(at: number, now: number, zone: string, tr: Tr): string {
  const f = formatsFor(zone);
  const time = hhmm(at, zone);
  const days = daysBetween(f.date.format(now), f.date.format(at));
  if (days <= 0) return tr('when.today', { time });
  if (days === 1) return tr('when.tomorrow', { time });
  const day = tr(DAY_KEYS[f.weekday.format(at) as keyof typeof DAY_KEYS]);
  return tr('when.day', { day, time });
}
