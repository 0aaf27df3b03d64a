import { describe, expect, it } from 'vitest';
import { describeError } from '../../../renderer/advisor/errors';
import { HubRequestError } from '../../../renderer/advisor/api';
import { openingProblem } from '../../../main/core/opening-check';
import { DateTime } from 'luxon';
import en from '../../../resources/locales/advisor/en.json';
import fi from '../../../resources/locales/advisor/fi.json';

const zone = 'Europe/Helsinki';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const hours = (from: string, to: string) => {
  const day = [{ from, to }];
  return { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, exceptions: [] };
};

/** The console's own text for a key, with its values filled in (as i18next would). */
const tr = (catalogue: typeof en) => (key: string, values: Record<string, string | number> = {}) => {
  const [group, name] = key.split('.') as [keyof typeof en, string];
  const text = (catalogue[group] as Record<string, string>)[name]!;
  return text.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(values[v]));
};

/** The hub's refusal exactly as HubBookings sends it. */
function refusal(startsAt: number, endsAt: number, openingHours: ReturnType<typeof hours>): HubRequestError {
  const problem = openingProblem({ startsAt, endsAt }, zone, openingHours)!;
  return new HubRequestError(400, { error: problem.reason, message: problem.detail, field: problem.field });
}

describe('the console says a booking outside opening hours in its own words', () => {
  it('with the day\'s hours, in the advisor\'s language', () => {
    const error = refusal(at('2026-12-07T18:00'), at('2026-12-07T19:00'), hours('08:00', '16:00'));
    expect(describeError(error, tr(en) as never)).toBe('The centre is not open at that time. On that day it is open 08:00–16:00. Choose a time within the opening hours.');
    expect(describeError(error, tr(fi) as never)).toContain('08:00–16:00');
    expect(describeError(error, tr(fi) as never)).not.toContain('site policy');
  });

  it('a closed day is named as one', () => {
    const error = refusal(at('2026-12-12T10:00'), at('2026-12-12T11:00'), hours('08:00', '16:00'));
    expect(describeError(error, tr(en) as never)).toBe('The centre is closed all day on that day. Choose another day.');
  });
});
