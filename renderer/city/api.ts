import type { Dashboard } from '../../preload/city-contract';
import { RequestError, requestJson } from '../api/request';
import type { Decimal } from '../ui/csv';
import type { MonthRange } from './figures';
import type { CityLocale } from './i18n';

/**
 * The city receiver's dashboard API, on this page's own origin: a cookie
 * session, the figures for a range of months, and the CSV export (a plain
 * download link).
 */
export const CITY_API = {
  session: '/api/session',
  dashboard: '/api/dashboard',
  export: '/api/export.csv',
} as const;

export { RequestError };

export async function signIn(name: string, password: string): Promise<string> {
  const answer = await requestJson<{ name?: unknown }>('POST', CITY_API.session, { name, password });
  return typeof answer?.name === 'string' ? answer.name : name;
}

/** Who is signed in, for the top bar; undefined when the receiver does not say. */
export async function sessionName(): Promise<string | undefined> {
  try {
    const answer = await requestJson<{ name?: unknown }>('GET', CITY_API.session);
    return typeof answer?.name === 'string' ? answer.name : undefined;
  } catch {
    return undefined;
  }
}

export async function signOut(): Promise<void> {
  await requestJson<unknown>('DELETE', CITY_API.session);
}

const rangeQuery = (range: MonthRange) => `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;

/** The figures for a range of months; a body that is not a dashboard at all is refused here rather than drawn. */
export async function loadDashboard(range: MonthRange): Promise<Dashboard> {
  const answer = await requestJson<Partial<Dashboard> | undefined>('GET', `${CITY_API.dashboard}?${rangeQuery(range)}`);
  if (!answer || !Array.isArray(answer.sites) || !Array.isArray(answer.months) || !Array.isArray(answer.rows)) {
    throw new RequestError(200, { error: 'bad-data', message: 'The dashboard answer is not a dashboard.' });
  }
  const rows = answer.rows.filter((r) => !!r && typeof r === 'object' && typeof r.site === 'string' && typeof r.month === 'string');
  return { sites: answer.sites.filter((s) => !!s && typeof s.id === 'string'), months: answer.months.filter((m) => typeof m === 'string'), rows };
}

/** The CSV of a range, with headings in the dashboard's language and the chosen decimal mark. */
export function exportHref(range: MonthRange, decimal: Decimal, lang: CityLocale): string {
  return `${CITY_API.export}?${rangeQuery(range)}&decimal=${decimal}&lang=${lang}`;
}
