import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIME_ZONE = 'Europe/Helsinki';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export type ParsedInstant =
  | { ok: true; at: number }
  | { ok: false; reason: 'invalid' | 'nonexistent' | 'ambiguous'; detail: string };

const HAS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const HAS_OFFSET = /T[^Z+-]*(Z|[+-]\d{2}(:?\d{2})?)$/i;
const OFFSET = /([+-])(\d{2}):?(\d{2})?$/;
/** Offsets in use on Earth run from -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = { '+': 14 * 60, '-': 12 * 60 } as const;

/** Why an explicit offset (`+25:00`, `+02:99`) cannot be one, if it cannot. */
function offsetProblem(text: string): string | undefined {
  const match = OFFSET.exec(text);
  if (!match || /Z$/i.test(text)) return undefined;
  const [, sign, hours, minutes = '00'] = match as unknown as [string, '+' | '-', string, string | undefined];
  if (Number(minutes) < 60 && Number(hours) * 60 + Number(minutes) <= MAX_OFFSET_MINUTES[sign]) return undefined;
  return `"${sign}${hours}:${minutes}" is not a valid UTC offset (offsets run from -12:00 to +14:00, e.g. +02:00)`;
}

/**
 * Reads an ISO 8601 date-time. With an offset (`Z`, `+02:00`) it is exact;
 * without one it is the site's wall-clock time, and a time that does not
 * exist (the hour skipped in spring) or exists twice (the hour repeated in
 * autumn) is refused rather than guessed.
 */
export function parseSiteDateTime(text: string, zone: string): ParsedInstant {
  const trimmed = text.trim();
  if (!HAS_TIME.test(trimmed)) {
    return { ok: false, reason: 'invalid', detail: `"${trimmed}" needs a date and a time, e.g. 2026-11-23T14:00` };
  }
  if (HAS_OFFSET.test(trimmed)) {
    const wrong = offsetProblem(trimmed);
    if (wrong) return { ok: false, reason: 'invalid', detail: wrong };
    const dt = DateTime.fromISO(trimmed, { setZone: true });
    if (!dt.isValid) return { ok: false, reason: 'invalid', detail: dt.invalidExplanation ?? 'not an ISO 8601 date-time' };
    return { ok: true, at: dt.toMillis() };
  }
  const local = DateTime.fromISO(trimmed, { zone });
  if (!local.isValid) return { ok: false, reason: 'invalid', detail: local.invalidExplanation ?? 'not an ISO 8601 date-time' };
  const wall = DateTime.fromISO(trimmed, { zone: 'UTC' });
  const sameWall = (dt: DateTime) =>
    dt.year === wall.year && dt.month === wall.month && dt.day === wall.day && dt.hour === wall.hour && dt.minute === wall.minute;
  if (!sameWall(local)) {
    return { ok: false, reason: 'nonexistent', detail: `${trimmed} does not exist in ${zone} (the clocks skip that hour)` };
  }
  // A wall time that maps to two instants (the hour repeated in autumn) is ambiguous.
  const offsets = new Set([local.minus({ hours: 3 }).offset, local.offset, local.plus({ hours: 3 }).offset]);
  const readings = [...offsets]
    .map((offset) => wall.minus({ minutes: offset }))
    .filter((instant) => sameWall(instant.setZone(zone)));
  if (readings.length > 1) {
    const examples = readings.map((r) => r.setZone(zone).toISO({ suppressMilliseconds: true, suppressSeconds: true })).join(' or ');
    return {
      ok: false,
      reason: 'ambiguous',
      detail: `${trimmed} happens twice in ${zone} (the clocks go back); give the offset, e.g. ${examples}`,
    };
  }
  return { ok: true, at: local.toMillis() };
}

/** Midnight to midnight in the site's time zone (23 or 25 hours on change days). */
export function siteDay(at: number, zone: string): { start: number; end: number } {
  const dt = DateTime.fromMillis(at, { zone });
  const start = dt.startOf('day');
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
}

/** `2026-03-29T14:00+03:00`: an instant as the site's wall-clock time with its offset. */
export function formatSiteDateTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true, includeOffset: true }) ?? '';
}

/**
 * An instant's wall-clock time in the site's zone, `HH:mm`, with its offset
 * (`03:30+03:00`) where the same wall time happens twice that day (the
 * hour repeated in autumn), so the listing says which of the two it is.
 */
export function formatSiteTime(at: number, zone: string): string {
  const dt = DateTime.fromMillis(at, { zone });
  const time = dt.toFormat('HH:mm');
  // The other reading of this wall time, under an offset in use three hours either side.
  const twice = [dt.minus({ hours: 3 }).offset, dt.plus({ hours: 3 }).offset]
    .filter((offset) => offset !== dt.offset)
    .some((offset) => DateTime.fromMillis(at + (dt.offset - offset) * 60_000, { zone }).toFormat('yyyy-MM-dd HH:mm') === dt.toFormat('yyyy-MM-dd HH:mm'));
  return twice ? `${time}${dt.toFormat('ZZ')}` : time;
}
