import type { SourceSnapshot } from '../../core/booking-source';
import { DEFAULT_LIMITS, limitedFetch, SourceFetchError, type FetchLimits, type Validators } from './limited-fetch';
import { parseRespaPage, RespaParseError, type RespaSettings } from './respa';

/**
 * Fetches a window of reservations from a Respa/Varaamo API (`/v1/`): every
 * page (`next`), at most `maxPages` pages and `maxReservations`
 * reservations, each page within the byte and time limits. Authentication:
 * none, a fixed token, or a JWT from `POST /api-token-auth/` renewed once
 * on a 401.
 */

export type RespaAuth = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'jwt'; username: string; password: string };

export interface RespaRequest extends RespaSettings {
  baseUrl: string;
  auth: RespaAuth;
  window: { from: number; to: number };
  limits?: FetchLimits;
  maxPages?: number;
  maxReservations?: number;
  /** From the last good first page, when it was the only one. */
  validators?: Validators | undefined;
  /** A JWT kept from the last sync (renewed when refused). */
  jwt?: string | undefined;
}

export type RespaResult = { status: 'not-modified'; jwt?: string | undefined } | { status: 'ok'; snapshot: SourceSnapshot; validators?: Validators | undefined; jwt?: string | undefined };

export const PAGE_SIZE = 500;

/** The first page's address: the mapped resources, the window (with its `+` encoded), 500 a page. */
export function reservationUrl(baseUrl: string, resources: string[], window: { from: number; to: number }): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/reservation/`);
  url.searchParams.set('resource', resources.join(','));
  url.searchParams.set('start', new Date(window.from).toISOString().replace('Z', '+00:00'));
  url.searchParams.set('end', new Date(window.to).toISOString().replace('Z', '+00:00'));
  url.searchParams.set('page_size', String(PAGE_SIZE));
  return url.toString();
}

async function signIn(baseUrl: string, auth: Extract<RespaAuth, { kind: 'jwt' }>, limits: FetchLimits): Promise<string> {
  const url = new URL('/api-token-auth/', baseUrl).toString();
  const answer = await limitedFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: auth.username, password: auth.password }) }, limits);
  if (answer.status !== 'ok') throw new SourceFetchError('auth', 'the sign-in answered 304');
  let token: unknown;
  try {
    token = (JSON.parse(answer.body) as { token?: unknown }).token;
  } catch {
    throw new SourceFetchError('parse', '/api-token-auth/: the answer is not JSON');
  }
  if (typeof token !== 'string' || token.length === 0) throw new SourceFetchError('parse', '/api-token-auth/: $.token is missing');
  return token;
}

export async function fetchRespa(request: RespaRequest): Promise<RespaResult> {
  const limits = request.limits ?? DEFAULT_LIMITS;
  const maxPages = request.maxPages ?? 50;
  const maxReservations = request.maxReservations ?? 20_000;
  const origin = new URL(request.baseUrl).origin;
  let jwt = request.jwt;
  const authHeader = (): Record<string, string> => {
    if (request.auth.kind === 'token') return { authorization: `Token ${request.auth.token}` };
    if (request.auth.kind === 'jwt' && jwt) return { authorization: `JWT ${jwt}` };
    return {};
  };
  if (request.auth.kind === 'jwt' && !jwt) jwt = await signIn(request.baseUrl, request.auth, limits);

  const snapshot: SourceSnapshot = { bookings: [], problems: [] };
  let url: string | null = reservationUrl(request.baseUrl, Object.keys(request.map), request.window);
  let validators: Validators | undefined;
  let renewed = false;
  let seen = 0;
  for (let pageNo = 0; url; pageNo++) {
    if (pageNo >= maxPages) throw new SourceFetchError('too-many', `more than ${maxPages} pages`);
    if (new URL(url).origin !== origin) throw new SourceFetchError('parse', `$.next points to another server (${new URL(url).origin})`);
    let answer;
    try {
      answer = await limitedFetch(url, { headers: authHeader(), validators: pageNo === 0 ? request.validators : undefined }, limits);
    } catch (error) {
      if (error instanceof SourceFetchError && error.status === 401 && request.auth.kind === 'jwt' && !renewed) {
        renewed = true;
        jwt = await signIn(request.baseUrl, request.auth, limits);
        pageNo--;
        continue;
      }
      throw error;
    }
    if (answer.status === 'not-modified') return { status: 'not-modified', jwt };
    let parsed;
    try {
      parsed = parseRespaPage(answer.body, request, seen);
    } catch (error) {
      if (error instanceof RespaParseError) throw new SourceFetchError('parse', `page ${pageNo + 1}: ${error.message}`);
      throw error;
    }
    if (parsed.count > maxReservations) throw new SourceFetchError('too-many', `${parsed.count} reservations, more than the limit of ${maxReservations}`);
    seen += parsed.size;
    if (seen > maxReservations) throw new SourceFetchError('too-many', `more than ${maxReservations} reservations`);
    snapshot.bookings.push(...parsed.bookings);
    snapshot.problems.push(...parsed.problems.map((p) => ({ ...p })));
    if (pageNo === 0 && !parsed.next) validators = answer.validators;
    url = parsed.next;
  }
  return { status: 'ok', snapshot, validators, jwt };
}
