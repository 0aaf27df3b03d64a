/**
 * What each of Tupa's languages shows for Monday 7 December 2026 at 14:05 in
 * Helsinki (12:05 UTC), in every date style of renderer/ui/dates.ts: the
 * expected text for the Node unit test and the Chromium test alike (Sámi and
 * Somali come from Tupa's own names, so they must be the same in both).
 * U+200F (right-to-left mark) is Arabic's own, from CLDR.
 */
import type { DateStyle } from '../../../renderer/ui/dates';

export const DATE_SAMPLE = Date.UTC(2026, 11, 7, 12, 5);
export const DATE_ZONE = 'Europe/Helsinki';

const EXPECTED: Record<string, Record<DateStyle, string>> = {
  fi: {
    clock: '14.05',
    weekdayDate: 'maanantaina 7.12.',
    fullDate: 'maanantaina 7. joulukuuta 2026',
    shortDate: '7.12.2026',
    weekdayShortDate: 'ma 7.12.',
    weekdayShort: 'ma',
    weekdayTime: 'maanantaina 14.05',
    dateTime: '7.12.2026 klo 14.05',
    monthYear: 'joulukuu 2026',
    monthShortYear: 'joulu 2026',
    monthShort: 'joulu',
  },
  sv: {
    clock: '14:05',
    weekdayDate: 'måndag 7/12',
    fullDate: 'måndag 7 december 2026',
    shortDate: '2026-12-07',
    weekdayShortDate: 'mån 7/12',
    weekdayShort: 'mån',
    weekdayTime: 'måndag 14:05',
    dateTime: '2026-12-07 14:05',
    monthYear: 'december 2026',
    monthShortYear: 'dec. 2026',
    monthShort: 'dec.',
  },
  en: {
    clock: '14:05',
    weekdayDate: 'Monday 07/12',
    fullDate: 'Monday, 7 December 2026',
    shortDate: '07/12/2026',
    weekdayShortDate: 'Mon 07/12',
    weekdayShort: 'Mon',
    weekdayTime: 'Monday 14:05',
    dateTime: '07/12/2026, 14:05',
    monthYear: 'December 2026',
    monthShortYear: 'Dec 2026',
    monthShort: 'Dec',
  },
  se: {
    clock: '14:05',
    weekdayDate: 'vuossárga 7.12.',
    fullDate: 'vuossárga 7.12.2026',
    shortDate: '7.12.2026',
    weekdayShortDate: 'vuos 7.12.',
    weekdayShort: 'vuos',
    weekdayTime: 'vuossárga 14:05',
    dateTime: '7.12.2026 14:05',
    monthYear: 'juovlamánnu 2026',
    monthShortYear: 'juov 2026',
    monthShort: 'juov',
  },
  uk: {
    clock: '14:05',
    weekdayDate: 'понеділок, 07.12',
    fullDate: 'понеділок, 7 грудня 2026 р.',
    shortDate: '07.12.2026',
    weekdayShortDate: 'пн, 07.12',
    weekdayShort: 'пн',
    weekdayTime: 'понеділок 14:05',
    dateTime: '07.12.2026, 14:05',
    monthYear: 'грудень 2026 р.',
    monthShortYear: 'груд. 2026 р.',
    monthShort: 'груд.',
  },
  ru: {
    clock: '14:05',
    weekdayDate: 'понедельник, 07.12',
    fullDate: 'понедельник, 7 декабря 2026 г.',
    shortDate: '07.12.2026',
    weekdayShortDate: 'пн, 07.12',
    weekdayShort: 'пн',
    weekdayTime: 'понедельник 14:05',
    dateTime: '07.12.2026, 14:05',
    monthYear: 'декабрь 2026 г.',
    monthShortYear: 'дек. 2026 г.',
    monthShort: 'дек.',
  },
  ar: {
    clock: '14:05',
    weekdayDate: 'الاثنين، 7\u200f/12',
    fullDate: 'الاثنين، 7 ديسمبر 2026',
    shortDate: '7\u200f/12\u200f/2026',
    weekdayShortDate: 'الاثنين، 7\u200f/12',
    weekdayShort: 'الاثنين',
    weekdayTime: 'الاثنين 14:05',
    dateTime: '7\u200f/12\u200f/2026، 14:05',
    monthYear: 'ديسمبر 2026',
    monthShortYear: 'ديسمبر 2026',
    monthShort: 'ديسمبر',
  },
  so: {
    clock: '14:05',
    weekdayDate: 'Isniin, 7/12',
    fullDate: 'Isniin, 7 Diseembar 2026',
    shortDate: '7/12/2026',
    weekdayShortDate: 'Isn, 7/12',
    weekdayShort: 'Isn',
    weekdayTime: 'Isniin 14:05',
    dateTime: '7/12/2026 14:05',
    monthYear: 'Diseembar 2026',
    monthShortYear: 'Dis 2026',
    monthShort: 'Dis',
  },
};

/** Plain-language Finnish writes its dates as Finnish does. */
export const EXPECTED_DATES: Record<string, Record<DateStyle, string>> = { ...EXPECTED, 'fi-x-selko': EXPECTED.fi! };
