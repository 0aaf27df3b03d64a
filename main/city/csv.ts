import { z } from 'zod';
import en from '../../resources/locales/city/en.json';
import fi from '../../resources/locales/city/fi.json';
import sv from '../../resources/locales/city/sv.json';
import type { Cell, Dashboard } from '../../preload/city-contract';
import { catalogueText } from '../i18n/app-text';
import { MonthRange } from './validation';

export const CSV_LANGUAGES = ['fi', 'en', 'sv'] as const;
export type CsvLanguage = (typeof CSV_LANGUAGES)[number];
export type CsvTextKey = keyof typeof en.csv;

/** The catalogues of the export's header row (resources/locales/city/). */
export const CITY_CATALOGUES: Record<CsvLanguage, { csv: Record<CsvTextKey, string> }> = { en, fi, sv };

/** ?from=&to=&decimal=point|comma&lang=fi|en|sv */
export const ExportQuery = MonthRange.extend({
  decimal: z.enum(['point', 'comma']).default('point'),
  lang: z.enum(CSV_LANGUAGES).default('fi'),
});
export type ExportOptions = { decimal: 'point' | 'comma'; lang: CsvLanguage };

const COLUMNS: readonly CsvTextKey[] = ['siteId', 'siteName', 'month', 'sessions', 'minutes', 'helpCalls', 'noShows', 'averageMinutes', 'feedbackGood', 'feedbackOk', 'feedbackBad'];

/**
 * The dashboard's rows as a spreadsheet: UTF-8 with a byte-order mark (so
 * Excel reads the letters right), CRLF lines, fields quoted per RFC 4180.
 * With decimal "comma" the decimal separator is "," and fields are
 * separated by ";", as Excel with Finnish settings expects. Text a
 * spreadsheet would run as a formula (= + - @ at the start) gets a leading
 * apostrophe.
 */
export function renderCsv(dashboard: Dashboard, options: ExportOptions): string {
  const t = catalogueText(CITY_CATALOGUES, options.lang);
  const separator = options.decimal === 'comma' ? ';' : ',';
  const names = new Map(dashboard.sites.map((s) => [s.id, s.name]));
  const line = (fields: readonly string[]) => fields.map((f) => quote(f, separator)).join(separator);
  const lines = [line(COLUMNS.map((c) => t(`csv.${c}`)))];
  for (const row of dashboard.rows) {
    const average = row.sessions > 0 ? oneDecimal(row.minutes, row.sessions) : '';
    lines.push(
      line([
        row.site,
        defuse(names.get(row.site) ?? ''),
        row.month,
        String(row.sessions),
        String(row.minutes),
        String(row.helpCalls),
        String(row.noShows),
        options.decimal === 'comma' ? average.replace('.', ',') : average,
        cell(row.breakdown['feedback.good']),
        cell(row.breakdown['feedback.ok']),
        cell(row.breakdown['feedback.bad']),
      ]),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** a / b to one decimal, halves rounded up, in whole numbers (45.05 is 45.1, which toFixed would make 45.0). */
export function oneDecimal(a: number, b: number): string {
  const tenths = Math.round((a * 10) / b);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function cell(value: Cell | undefined): string {
  return value === undefined ? '' : String(value);
}

/** A text a spreadsheet would take for a formula, made plain text with a leading apostrophe. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with the separator, a quote or a line break goes in quotes, its quotes doubled. */
export function quote(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
