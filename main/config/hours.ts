import { z } from 'zod';

/**
 * Hours of the day and dates as IT writes them in a configuration or a
 * site policy. A range whose end is not after its start, or a date that is
 * not on the calendar, would be dropped silently by the rules that use
 * them; they are refused here instead.
 */

const FROM = /^([01]\d|2[0-3]):[0-5]\d$/;
const TO = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Ranges of one day, each from before to ("09:00"-"15:00"; "24:00" ends at midnight). */
export const hourRanges = z
  .array(
    z.strictObject({
      from: z.string().regex(FROM, { error: 'must be a time such as "09:00"' }),
      to: z.string().regex(TO, { error: 'must be a time such as "15:30"' }),
    }),
  )
  .superRefine((ranges, ctx) => {
    ranges.forEach((range, i) => {
      // "HH:MM" text sorts as the time of day does.
      if (FROM.test(range.from) && TO.test(range.to) && range.to <= range.from) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'to'],
          input: range.to,
          message: `must be later than "from" (${range.from}); hours past midnight are a second range from "00:00"`,
        });
      }
    });
  })
  .default([]);

/** True for a YYYY-MM-DD that is on the calendar (2028-02-29 is, 2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Dated exceptions to a weekly schedule: each a real date, each date once. */
export const datedHours = z
  .array(
    z.strictObject({
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date such as "2026-12-24"' })
        .refine(isCalendarDate, { error: 'must be a date on the calendar (year-month-day)' }),
      hours: hourRanges,
    }),
  )
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((exception, i) => {
      if (seen.has(exception.date)) {
        ctx.addIssue({ code: 'custom', path: [i, 'date'], input: exception.date, message: 'another exception already has this date' });
      }
      seen.add(exception.date);
    });
  })
  .default([]);
