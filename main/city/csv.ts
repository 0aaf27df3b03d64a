import { z } from 'zod';
import en from '../../resources/locales/city/en.json';
import fi from '../../resources/locales/city/fi.json';
import sv from '../../resources/locales/city/sv.json';
import { SUPPRESSED, type Cell, type Dashboard } from '../../preload/city-contract';
import { catalogueText } from '../i18n/app-text';
import { MonthRange } from './validation';
import { csvDocument, decimalText, defuse, oneDecimal } from '../sync/csv';


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

const COLUMNS: readonly CsvTextKey[] = ['siteId', 'siteName', 'month', 'sessions', 'minutes', 'helpCalls', 'noShows', 'pages', 'remoteCalls', 'remoteWaitMinutes', 'remoteSharedMinutes', 'averageMinutes', 'feedbackGood', 'feedbackOk', 'feedbackBad'];

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
  const names = new Map(dashboard.sites.map((s) => [s.id, s.name]));
  const rows: string[][] = [COLUMNS.map((c) => t(`csv.${c}`))];
  for (const row of dashboard.rows) {
    const average = row.sessions > 0 ? oneDecimal(row.minutes, row.sessions) : '';
    rows.push([
      row.site,
      defuse(names.get(row.site) ?? ''),
      row.month,
      String(row.sessions),
      String(row.minutes),
      String(row.helpCalls),
      String(row.noShows),
      String(row.pages ?? 0),
      String(row.remoteCalls ?? 0),
      decimalText(remoteWaitMinutes(row.breakdown), options.decimal),
      decimalText(remoteSharedMinutes(row.breakdown), options.decimal),
      decimalText(average, options.decimal),
      cell(row.breakdown['feedback.good']),
      cell(row.breakdown['feedback.ok']),
      cell(row.breakdown['feedback.bad']),
    ]);
  }
  return csvDocument(rows, options.decimal);
}

function cell(value: Cell | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The average wait of the accepted remote calls in minutes (one decimal): "<5" when either total was suppressed, empty when none was accepted. */
export function remoteWaitMinutes(breakdown: Readonly<Record<string, Cell>>): string {
  const answered = breakdown['remote-answered'];
  const wait = breakdown['remote-wait-seconds'] ?? 0;
  if (answered === undefined) return '';
  if (typeof answered !== 'number' || typeof wait !== 'number') return SUPPRESSED;
  return oneDecimal(wait, answered * 60);
}

/** The minutes the page was shown in remote help (one decimal), or "<5" as the site sent it. */
export function remoteSharedMinutes(breakdown: Readonly<Record<string, Cell>>): string {
  const shared = breakdown['remote-shared-seconds'] ?? 0;
  return typeof shared === 'number' ? oneDecimal(shared, 60) : SUPPRESSED;
}
