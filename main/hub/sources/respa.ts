import { z } from 'zod';
import type { OutsideBooking, SourceProblem } from '../../core/booking-source';

/**
 * Respa/Varaamo's reservation list (GET /v1/reservation/), checked with
 * zod. Only the id, resource, times, state and access code are read: the
 * user and reserver fields are never looked at, so nothing of the person
 * who booked passes this module.
 */

const isoTime = z.string().refine((t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t) && !Number.isNaN(Date.parse(t)), {
  error: 'is not an ISO 8601 time',
});

const reservation = z.looseObject({
  id: z.union([z.int(), z.string().min(1).max(100)]),
  resource: z.union([z.string().min(1).max(100), z.int()]),
  begin: isoTime,
  end: isoTime,
  state: z.string().max(40),
  access_code: z.string().nullish(),
});

const page = z.looseObject({
  count: z.int().min(0),
  next: z.string().nullable(),
  previous: z.string().nullable().optional(),
  results: z.array(z.unknown()),
});

/** Times without an offset are UTC in Respa. */
const toMillis = (t: string): number => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t}Z`);

export interface RespaSettings {
  /** Respa resource id → Tupa PC id. */
  map: Record<string, string>;
  /** `requested` reservations hold their PC too. */
  requested: boolean;
}

export interface RespaPage {
  count: number;
  next: string | null;
  /** How many results the page held. */
  size: number;
  bookings: OutsideBooking[];
  problems: SourceProblem[];
}

/** Where a zod issue is, as a JSON path ("results[3].begin"). */
const jsonPath = (prefix: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((at, key) => (typeof key === 'number' ? `${at}[${key}]` : `${at}.${String(key)}`), prefix);

/** Parses one page's text; a page that is not Respa's list at all throws (a parse error with its path). */
export function parseRespaPage(text: string, settings: RespaSettings, offset = 0): RespaPage {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const looksHtml = /^\s*</.test(text);
    throw new RespaParseError('(body)', looksHtml ? 'an HTML page, not JSON (a wrong address, or a login or error page)' : `not JSON: ${(error as Error).message}`);
  }
  const list = page.safeParse(raw);
  if (!list.success) {
    const issue = list.error.issues[0]!;
    throw new RespaParseError(jsonPath('$', issue.path), issue.message);
  }
  const bookings: OutsideBooking[] = [];
  const problems: SourceProblem[] = [];
  list.data.results.forEach((item, i) => {
    const where = `results[${offset + i}]`;
    const r = reservation.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      problems.push({ where: jsonPath(where, issue.path), reason: issue.message });
      return;
    }
    const { id, resource, begin, end, state } = r.data;
    const counts = state === 'confirmed' || (state === 'requested' && settings.requested);
    // Cancelled, denied and others are simply not held: one that was a booking is cancelled as gone.
    if (!counts) return;
    const pcId = settings.map[String(resource)];
    if (!pcId) {
      problems.push({ where: `${where}.resource`, reason: `resource "${String(resource)}" is not in this source's map` });
      return;
    }
    const startsAt = toMillis(begin);
    const endsAt = toMillis(end);
    if (endsAt <= startsAt) {
      problems.push({ where: `${where}.end`, reason: 'ends before it begins' });
      return;
    }
    const code = r.data.access_code;
    if (code !== null && code !== undefined && code !== '' && !/^(\d{4}|\d{6})$/.test(code)) {
      problems.push({ where: `${where}.access_code`, reason: 'is not 4 or 6 digits' });
      return;
    }
    bookings.push({ outsideId: String(id), pcId, startsAt, endsAt, ...(code ? { code } : {}) });
  });
  return { count: list.data.count, next: list.data.next, size: list.data.results.length, bookings, problems };
}

export class RespaParseError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'RespaParseError';
  }
}
