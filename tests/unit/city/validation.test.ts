import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPeriods, CityRefusal, jsonPath, monthRange, monthsBetween, nextMonth, parseBatch } from '../../../main/city/validation';
import { MAX_BATCH_RECORDS, SyncBatch } from '../../../preload/city-contract';

const NOW = Date.UTC(2026, 5, 15, 9, 0);

function refusal(run: () => unknown): { status: number; error: string; message: string; field?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof CityRefusal) return { status: error.status, ...error.body() };
    throw error;
  }
  throw new Error('not refused');
}

const batch = (records: unknown[], extra: object = {}) => ({ version: 1, site: 'kemi', batchId: randomUUID(), records, ...extra });

describe('checking a batch', () => {
  it('accepts exactly what the contract accepts', () => {
    const good = batch([{ period: '2026-05-04', metric: 'sessions', value: 0, revision: 1 }, { period: '2026-05', metric: 'help-resolved.1800', value: '<5', revision: 2 }]);
    expect(parseBatch(good)).toEqual(SyncBatch.parse(good));
  });

  it('judges a record by its period: a day against the daily totals, a month against the breakdowns', () => {
    expect(refusal(() => parseBatch(batch([{ period: '2026-05-04', metric: 'feedback.good', value: 5, revision: 1 }])))).toMatchObject({
      field: 'records[0].metric',
      message: 'records[0].metric: must be one of "sessions", "minutes", "help-calls", "no-shows", "pages", "remote-calls" (found "feedback.good")',
    });
    expect(refusal(() => parseBatch(batch([{ period: '2026-05', metric: 'sessions', value: 5, revision: 1 }])))).toMatchObject({
      field: 'records[0].metric',
      message: 'records[0].metric: not a known breakdown metric (found "sessions")',
    });
    expect(refusal(() => parseBatch(batch([{ period: '2026-05', metric: 'feedback.ok', value: '3', revision: 1 }])))).toMatchObject({
      field: 'records[0].value',
      message: 'records[0].value: must be "<5", or must be a number (found "3")',
    });
    expect(refusal(() => parseBatch(batch([{ period: '2026-05-01', metric: 'minutes', value: 1.5, revision: 1 }])))).toMatchObject({ field: 'records[0].value', message: 'records[0].value: must be a whole number (found 1.5)' });
    expect(refusal(() => parseBatch(batch([{ period: '2026-05-01', metric: 'minutes', value: 1 }])))).toMatchObject({ field: 'records[0].revision', message: 'records[0].revision: is missing: must be a number' });
    expect(refusal(() => parseBatch(batch(['x'])))).toMatchObject({ field: 'records[0]' });
  });

  it('reports the first bad value in the order of the body', () => {
    const bad = batch([{ period: '2026-05-01', metric: 'sessions', value: 1, revision: 1 }, { period: '2026-05-01', metric: 'sessions', value: -1, revision: 1 }, { period: 'x', metric: 'y', value: 1, revision: 1 }], { site: 'Kemi' });
    expect(refusal(() => parseBatch(bad))).toEqual({ status: 400, error: 'invalid', field: 'site', message: 'site: a site id is 2 to 40 lower-case letters, digits or dashes (found "Kemi")' });
    expect(refusal(() => parseBatch({ ...bad, site: 'kemi' }))).toMatchObject({ field: 'records[1].value' });
    expect(refusal(() => parseBatch(batch(Array.from({ length: MAX_BATCH_RECORDS + 1 }, () => ({}))))).field).toBe('records');
  });

  it('refuses days after tomorrow, months after tomorrow\'s, days not in the calendar, a key twice', () => {
    const at = (period: string, metric = period.length === 7 ? 'hour.10' : 'sessions') => SyncBatch.parse(batch([{ period, metric, value: 5, revision: 1 }]));
    expect(() => checkPeriods(at('2026-06-16'), NOW, 'Europe/Helsinki')).not.toThrow();
    expect(() => checkPeriods(at('2026-06'), NOW, 'Europe/Helsinki')).not.toThrow();
    expect(refusal(() => checkPeriods(at('2026-06-17'), NOW, 'Europe/Helsinki'))).toMatchObject({ error: 'future', field: 'records[0].period' });
    expect(refusal(() => checkPeriods(at('2026-07'), NOW, 'Europe/Helsinki'))).toMatchObject({ message: "records[0].period: 2026-07 is in the future (the receiver's month is 2026-06 in Europe/Helsinki)" });
    // On the month's last evening a site a little ahead may already send next month's cells (the same day of leeway as for days).
    expect(() => checkPeriods(at('2026-07'), Date.UTC(2026, 5, 30, 20, 30), 'Europe/Helsinki')).not.toThrow();
    // 23:30 UTC on the 30th is already July 1st in Helsinki.
    expect(() => checkPeriods(at('2026-07'), Date.UTC(2026, 5, 30, 23, 30), 'Europe/Helsinki')).not.toThrow();
    // Mid-month, next month is refused in any zone.
    expect(refusal(() => checkPeriods(at('2026-07'), Date.UTC(2026, 5, 29, 23, 30), 'UTC'))).toMatchObject({ error: 'future' });
    expect(refusal(() => checkPeriods(at('2025-02-29'), NOW, 'Europe/Helsinki'))).toMatchObject({ message: 'records[0].period: 2025-02-29 is not a day in the calendar' });
    const twice = SyncBatch.parse(batch([{ period: '2026-05', metric: 'hour.10', value: 5, revision: 1 }, { period: '2026-05', metric: 'hour.11', value: 5, revision: 1 }, { period: '2026-05', metric: 'hour.10', value: 6, revision: 2 }]));
    expect(refusal(() => checkPeriods(twice, NOW, 'Europe/Helsinki'))).toEqual({ status: 400, error: 'duplicate', field: 'records[2]', message: 'records[2]: the same period and metric as records[0]; a batch carries each (period, metric) once' });
  });

  it('refuses a period before 2020 (year 0000, a PC clock reset to 1970), day or month, and takes 2020-01-01 itself', () => {
    const at = (period: string, metric = period.length === 7 ? 'hour.10' : 'sessions') => SyncBatch.parse(batch([{ period: '2026-05-04', metric: 'minutes', value: 1, revision: 1 }, { period, metric, value: 5, revision: 1 }]));
    expect(refusal(() => checkPeriods(at('0000-01-01'), NOW, 'Europe/Helsinki'))).toEqual({
      status: 400,
      error: 'too-early',
      field: 'records[1].period',
      message: 'records[1].period: 0000-01-01 is before 2020-01-01, when no site counted anything (a PC or hub clock that was reset?)',
    });
    expect(refusal(() => checkPeriods(at('1970-01-01'), NOW, 'Europe/Helsinki'))).toMatchObject({ error: 'too-early', field: 'records[1].period' });
    expect(refusal(() => checkPeriods(at('2019-12-31'), NOW, 'Europe/Helsinki'))).toMatchObject({ error: 'too-early' });
    expect(refusal(() => checkPeriods(at('1970-01'), NOW, 'Europe/Helsinki'))).toMatchObject({ error: 'too-early', message: expect.stringContaining('1970-01 is before 2020-01,') });
    expect(refusal(() => checkPeriods(at('2019-12'), NOW, 'Europe/Helsinki'))).toMatchObject({ error: 'too-early' });
    expect(() => checkPeriods(at('2020-01-01'), NOW, 'Europe/Helsinki')).not.toThrow();
    expect(() => checkPeriods(at('2020-01'), NOW, 'Europe/Helsinki')).not.toThrow();
  });
});

describe('months', () => {
  it('lists and steps months across a year', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(monthRange({}, NOW, 'Europe/Helsinki')).toEqual({ from: '2025-07', to: '2026-06' });
    expect(monthRange({ to: '2026-01' }, NOW, 'Europe/Helsinki')).toEqual({ from: '2025-02', to: '2026-01' });
  });

  it('writes JSON paths as people read them', () => {
    expect(jsonPath(['records', 3, 'value'])).toBe('records[3].value');
    expect(jsonPath([])).toBe('(body)');
  });
});
