import { DateTime } from 'luxon';
import { z } from 'zod';
import { BreakdownRecord, DailyRecord, Day, Month, SyncBatch, SyncRecord } from '../../preload/city-contract';
import type { CityError } from '../../preload/city-contract';
import { FIRST_FIGURES_DAY } from '../core/plausible-time';

/** A refused request: its status and the CityError body it answers with. */
export class CityRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CityRefusal';
  }

  body(): CityError {
    return this.field === undefined ? { error: this.error, message: this.message } : { error: this.error, message: this.message, field: this.field };
  }
}

/** A JSON path as people read it: records[3].value. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(body)';
}

/**
 * Checks a request against a schema; on failure, a 400 naming the first
 * bad value by its JSON path, with the schema's own message where it has
 * one (the contract's "a breakdown cell under 5 must be sent as "<5"").
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, raw: unknown, refine?: (issue: z.core.$ZodIssue) => { path: PropertyKey[]; issue: z.core.$ZodIssue }): z.output<S> {
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0]!;
  const { path, issue } = refine ? refine(first) : { path: first.path, issue: first };
  const field = jsonPath(path);
  throw new CityRefusal(400, 'invalid', `${field}: ${describeIssue(issue)}`, field);
}

/** A batch as the contract defines it, with a precise message for the first bad value. */
export function parseBatch(raw: unknown): SyncBatch {
  return parseOrRefuse(SyncBatch, raw, (issue) => {
    const [top, index] = issue.path;
    const records = (raw as { records?: unknown }).records;
    if (top !== 'records' || typeof index !== 'number' || !Array.isArray(records)) return { path: issue.path, issue };
    // A record is a daily total or a breakdown cell, as its period says: judged against that one
    // (the union alone would report whichever branch zod tried last).
    const record = records[index] as unknown;
    const schema = recordSchemaFor(record);
    const inner = schema === undefined ? undefined : schema.safeParse(record, { reportInput: true });
    const found = inner && !inner.success ? inner.error.issues[0] : undefined;
    if (found) return { path: ['records', index, ...found.path], issue: found };
    if (schema === undefined && record !== null && typeof record === 'object' && !Array.isArray(record)) {
      const period = (record as { period?: unknown }).period;
      return {
        path: ['records', index, 'period'],
        issue: { code: 'custom', path: [], message: 'must be a day (YYYY-MM-DD, for a daily total) or a month (YYYY-MM, for a breakdown cell)', input: period },
      };
    }
    return { path: issue.path, issue };
  });
}

function recordSchemaFor(record: unknown): z.ZodType | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return SyncRecord;
  const period = (record as { period?: unknown }).period;
  if (Day.safeParse(period).success) return DailyRecord;
  if (Month.safeParse(period).success) return BreakdownRecord;
  return undefined;
}

/**
 * What the schema cannot say: a day that is not in the calendar, a period
 * before 2020 (when no site counted anything: a reset clock or a broken
 * sender), a period after the receiver's today (a day may be up to one day
 * ahead, for a site a zone or a clock skew ahead; a month not after this
 * month), a key sent twice in one batch.
 */
export function checkPeriods(batch: SyncBatch, now: number, zone: string): void {
  const today = DateTime.fromMillis(now, { zone });
  const lastDay = today.plus({ days: 1 }).toISODate()!;
  const thisMonth = today.toFormat('yyyy-MM');
  const seen = new Map<string, number>();
  batch.records.forEach((record, index) => {
    const field = `records[${index}].period`;
    if (record.period < FIRST_FIGURES_DAY.slice(0, record.period.length)) {
      throw new CityRefusal(400, 'too-early', `${field}: ${record.period} is before ${FIRST_FIGURES_DAY.slice(0, record.period.length)}, when no site counted anything (a PC or hub clock that was reset?)`, field);
    }
    if (record.period.length === 10) {
      if (!DateTime.fromISO(record.period, { zone }).isValid) throw new CityRefusal(400, 'invalid', `${field}: ${record.period} is not a day in the calendar`, field);
      if (record.period > lastDay) {
        throw new CityRefusal(400, 'future', `${field}: ${record.period} is in the future (the receiver's date is ${today.toISODate()} in ${zone})`, field);
      }
    } else if (record.period > lastDay.slice(0, 7)) {
      // The same day of leeway as for days: a site a zone or a clock skew ahead may already be in next month.
      throw new CityRefusal(400, 'future', `${field}: ${record.period} is in the future (the receiver's month is ${thisMonth} in ${zone})`, field);
    }
    const key = `${record.period} ${record.metric}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new CityRefusal(400, 'duplicate', `records[${index}]: the same period and metric as records[${earlier}]; a batch carries each (period, metric) once`, `records[${index}]`);
    }
    seen.set(key, index);
  });
}

const TYPES: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'an object' };

/** One issue in words: zod's generic wording made plain, a schema's own message kept as it is. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const found = 'input' in issue && issue.input !== undefined ? ` (found ${preview(issue.input)})` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? `is missing: must be ${TYPES[issue.expected] ?? issue.expected}` : `must be ${TYPES[issue.expected] ?? issue.expected}${found}`;
    case 'invalid_value':
      return `must be ${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map((v) => JSON.stringify(v)).join(', ')}${found}`;
    case 'too_small':
      if (!/^Too small/.test(issue.message)) return `${issue.message}${found}`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return Number(issue.minimum) === 0 && issue.origin === 'number' ? `must not be negative${found}` : `must be at least ${issue.minimum}${found}`;
    case 'too_big':
      if (!/^Too big/.test(issue.message)) return `${issue.message}${found}`;
      return issue.origin === 'array' ? `must have at most ${issue.maximum} item(s)` : `must be at most ${issue.maximum}${found}`;
    case 'invalid_union': {
      const forms = issue.errors.map((branch) => (branch[0] ? describeIssue(branch[0]).replace(/ \(found .*\)$/, '') : 'valid')).join(', or ');
      return `${forms}${found}`;
    }
    case 'invalid_format':
      return `${issue.format === 'uuid' ? 'must be a UUID' : issue.message}${found}`;
    default:
      return `${issue.message}${found}`;
  }
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = DateTime.fromISO(`${from}-01`, { zone: 'UTC' }); m.toFormat('yyyy-MM') <= to; m = m.plus({ months: 1 })) months.push(m.toFormat('yyyy-MM'));
  return months;
}

/** The month after a month (YYYY-MM). */
export function nextMonth(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).plus({ months: 1 }).toFormat('yyyy-MM');
}

export const MAX_RANGE_MONTHS = 120;

/** ?from=YYYY-MM&to=YYYY-MM: both optional (the last twelve months up to this one). */
export const MonthRange = z.strictObject({ from: Month.optional(), to: Month.optional() });

export function monthRange(query: { from?: string | undefined; to?: string | undefined }, now: number, zone: string): { from: string; to: string } {
  const thisMonth = DateTime.fromMillis(now, { zone }).toFormat('yyyy-MM');
  const to = query.to ?? thisMonth;
  const from = query.from ?? DateTime.fromISO(`${to}-01`, { zone: 'UTC' }).minus({ months: 11 }).toFormat('yyyy-MM');
  if (from > to) throw new CityRefusal(400, 'invalid', `from: ${from} is after to (${to})`, 'from');
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  if (index(to) - index(from) + 1 > MAX_RANGE_MONTHS) throw new CityRefusal(400, 'invalid', `from: at most ${MAX_RANGE_MONTHS} months at a time`, 'from');
  return { from, to };
}
