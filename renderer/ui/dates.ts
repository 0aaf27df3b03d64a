import se from '../../resources/locales/dates/se.json';
import so from '../../resources/locales/dates/so.json';

/**
 * Every date and time Tupa shows, in one place for the kiosk, the status
 * board and the console: 24-hour always, in the site's time zone, in the
 * reader's language. Chromium has no locale data for some of Tupa's
 * languages (Northern Sámi, Somali) and Intl would silently answer in
 * English there, so those languages are formatted here from the day and
 * month names in resources/locales/dates/ (CLDR's) and their usual order.
 * Arabic keeps Latin digits (ar-u-nu-latn); English follows British order
 * (Monday 7 December, never 12/7).
 */

export type DateStyle =
  | 'clock' // 14:05 (Finnish 14.05)
  | 'weekdayDate' // maanantai 7.12.
  | 'fullDate' // maanantai 7. joulukuuta 2026
  | 'shortDate' // 7.12.2026
  | 'weekdayShortDate' // ma 7.12.
  | 'weekdayShort' // ma
  | 'weekdayTime' // maanantaina 14.05
  | 'dateTime' // 7.12.2026 14.05
  | 'monthYear' // joulukuu 2026
  | 'monthShortYear' // jouluk. 2026
  | 'monthShort'; // jouluk.

const TIME = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  clock: TIME,
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'numeric' },
  fullDate: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  shortDate: { day: 'numeric', month: 'numeric', year: 'numeric' },
  weekdayShortDate: { weekday: 'short', day: 'numeric', month: 'numeric' },
  weekdayShort: { weekday: 'short' },
  weekdayTime: { weekday: 'long', ...TIME },
  dateTime: { day: 'numeric', month: 'numeric', year: 'numeric', ...TIME },
  monthYear: { month: 'long', year: 'numeric' },
  monthShortYear: { month: 'short', year: 'numeric' },
  monthShort: { month: 'short' },
};

interface DateNames {
  weekdays: string[];
  weekdaysShort: string[];
  months: string[];
  monthsShort: string[];
  patterns: Record<DateStyle, string>;
}

/** The languages Tupa formats itself, whatever the runtime has: the same text in Node, Chromium and Electron. */
export const OWN_DATE_NAMES: Readonly<Record<string, DateNames>> = { se, so };

/** The Intl locale for a Tupa language: test locales borrow a real one, plain Finnish is Finnish, Arabic keeps Latin digits. */
export function intlDateLocale(locale: string): string {
  switch (locale) {
    case 'en':
    case 'en-XA':
      return 'en-GB';
    case 'ar':
    case 'ar-XB':
      return 'ar-u-nu-latn';
    case 'fi-x-selko':
      return 'fi';
    default:
      return locale;
  }
}

const numbers = new Map<string, Intl.DateTimeFormat>();

/** The site's wall-clock reading: numbers only, so any runtime gives the same. */
function wall(at: number, zone: string) {
  let format = numbers.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    numbers.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  const y = Number(parts.year);
  const m = Number(parts.month);
  const d = Number(parts.day);
  return { y, m, d, hour: Number(parts.hour) % 24, minute: Number(parts.minute), weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}

const pad = (n: number) => String(n).padStart(2, '0');

function ownFormat(names: DateNames, at: number, zone: string, style: DateStyle): string {
  const w = wall(at, zone);
  const fields: Record<string, string> = {
    weekday: names.weekdays[w.weekday]!,
    wd: names.weekdaysShort[w.weekday]!,
    d: String(w.d),
    M: String(w.m),
    y: String(w.y),
    month: names.months[w.m - 1]!,
    mon: names.monthsShort[w.m - 1]!,
    HH: pad(w.hour),
    mm: pad(w.minute),
  };
  return names.patterns[style].replace(/\{(\w+)\}/g, (_, field: string) => fields[field] ?? '');
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A moment in the site's zone, in a Tupa language (a kiosk, board or console locale code), in one of the styles above. */
export function formatDate(at: number, locale: string, zone: string, style: DateStyle): string {
  const own = OWN_DATE_NAMES[locale];
  if (own) return ownFormat(own, at, zone, style);
  const key = `${locale}|${zone}|${style}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlDateLocale(locale), { ...OPTIONS[style], timeZone: zone });
    formats.set(key, format);
  }
  return format.format(at);
}

/** Whether Tupa can format dates in a language without falling back to another: its own names, or the runtime's. */
export function hasDateData(locale: string): boolean {
  return locale in OWN_DATE_NAMES || Intl.DateTimeFormat.supportedLocalesOf([intlDateLocale(locale)]).length > 0;
}
