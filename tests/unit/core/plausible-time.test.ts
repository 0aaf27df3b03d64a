import { describe, expect, it } from 'vitest';
import { EVENT_FUTURE_LEEWAY_MS, eventTimeProblem, FIRST_FIGURES_AT, MAX_EVENT_AGE_DAYS } from '../../../main/core/plausible-time';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 11, 6, 12, 0);

describe('which event times a hub can count', () => {
  it('refuses a time before 2020 (a PC clock at 0 is 1970), saying the year and not the time', () => {
    expect(eventTimeProblem(0, NOW)).toEqual({ reason: 'before-2020', detail: 'stamped before 2020-01-01, when no Tupa PC counted anything (year 1970: a clock that was reset)' });
    expect(eventTimeProblem(Number.NaN, NOW)?.reason).toBe('before-2020');
    expect(eventTimeProblem(FIRST_FIGURES_AT - 1, Date.UTC(2020, 5, 1))?.reason).toBe('before-2020');
    expect(eventTimeProblem(FIRST_FIGURES_AT, Date.UTC(2020, 5, 1))).toBeUndefined();
  });

  it('refuses an event older than the longest retention (400 days), takes one just inside it', () => {
    expect(eventTimeProblem(NOW - (MAX_EVENT_AGE_DAYS + 1) * DAY, NOW)).toEqual({ reason: 'too-old', detail: '401 days old; events older than 400 days are not counted' });
    expect(eventTimeProblem(NOW - MAX_EVENT_AGE_DAYS * DAY, NOW)).toBeUndefined();
  });

  it('takes an event up to ten minutes ahead of the hub\'s clock, refuses one further ahead', () => {
    expect(eventTimeProblem(NOW + EVENT_FUTURE_LEEWAY_MS, NOW)).toBeUndefined();
    expect(eventTimeProblem(NOW + EVENT_FUTURE_LEEWAY_MS + 1, NOW)).toEqual({ reason: 'in-the-future', detail: "11 minutes ahead of the hub's clock (more than 10 allowed)" });
  });
});
