/**
 * Fetching a booking source's answer with its limits enforced while the
 * bytes arrive (issue 12): a size cap (the download stops at the first byte
 * over), a total time and a longest silence between chunks (a server that
 * trickles is cut off), and conditional requests (ETag / Last-Modified).
 * Redirects are followed by hand, at most MAX_REDIRECTS: the Authorization
 * header (a source's token) never follows one to another origin.
 */

export const MAX_REDIRECTS = 5;

/** Follows redirects itself so credentials stay with the origin they were meant for. */
async function fetchFollowing(url: string, init: { method: string; headers: Record<string, string>; body: string | null; signal: AbortSignal }): Promise<Response> {
  let current = url;
  let { method, body } = init;
  let headers = { ...init.headers };
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    const response = await fetch(current, { method, headers, body, signal: init.signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new SourceFetchError('http', `more than ${MAX_REDIRECTS} redirects`, response.status);
    const next = new URL(location, current);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new SourceFetchError('http', `a redirect to a ${next.protocol} address`, response.status);
    // A token is for the server it was given for: never sent on to another origin (as browsers and curl do).
    if (next.origin !== origin) headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !['authorization', 'cookie'].includes(name.toLowerCase())));
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = null;
    }
    current = next.toString();
  }
}

/** Why a source's fetch failed, said for its health: the kind, the HTTP status if any, and a precise reason. */
export class SourceFetchError extends Error {
  constructor(
    readonly kind: 'http' | 'timeout' | 'too-large' | 'too-many' | 'network' | 'parse' | 'auth' | 'file',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SourceFetchError';
  }
}

export interface FetchLimits {
  maxBytes: number;
  totalMs: number;
  /** The longest wait for the next chunk. */
  idleMs: number;
}

export const DEFAULT_LIMITS: FetchLimits = { maxBytes: 10 * 1024 * 1024, totalMs: 30_000, idleMs: 10_000 };

export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export type FetchResult = { status: 'not-modified' } | { status: 'ok'; body: string; validators: Validators; contentType: string };

/** GET (or POST) one URL: the body as text within the limits, or a SourceFetchError. */
export async function limitedFetch(
  url: string,
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string; validators?: Validators | undefined },
  limits: FetchLimits = DEFAULT_LIMITS,
): Promise<FetchResult & { httpStatus: number }> {
  const controller = new AbortController();
  let why: SourceFetchError | undefined;
  const abort = (error: SourceFetchError) => {
    why ??= error;
    controller.abort();
  };
  const total = setTimeout(() => abort(new SourceFetchError('timeout', `no complete answer within ${limits.totalMs / 1000} s`)), limits.totalMs);
  let idle: NodeJS.Timeout | undefined;
  const quiet = () => {
    clearTimeout(idle);
    idle = setTimeout(() => abort(new SourceFetchError('timeout', `the server sent nothing for ${limits.idleMs / 1000} s`)), limits.idleMs);
  };
  const headers: Record<string, string> = { accept: 'application/json, text/calendar;q=0.9, */*;q=0.1', ...init.headers };
  if (init.validators?.etag) headers['if-none-match'] = init.validators.etag;
  if (init.validators?.lastModified) headers['if-modified-since'] = init.validators.lastModified;
  try {
    quiet();
    const response = await fetchFollowing(url, { method: init.method ?? 'GET', headers, body: init.body ?? null, signal: controller.signal });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified', httpStatus: 304 };
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new SourceFetchError('too-large', `the answer is ${declared} bytes, more than the limit of ${limits.maxBytes}`, response.status);
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        quiet();
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > limits.maxBytes) {
          await reader.cancel();
          throw new SourceFetchError('too-large', `the answer passed the limit of ${limits.maxBytes} bytes while downloading`);
        }
        chunks.push(value);
      }
    }
    const body = Buffer.concat(chunks).toString('utf8');
    const contentType = response.headers.get('content-type') ?? '';
    if (!response.ok) {
      const kind = response.status === 401 || response.status === 403 ? 'auth' : 'http';
      throw new SourceFetchError(kind, `HTTP ${response.status}${/html/i.test(contentType) ? ' (an HTML error page)' : ''}`, response.status);
    }
    return {
      status: 'ok',
      httpStatus: response.status,
      body,
      contentType,
      validators: { etag: response.headers.get('etag') ?? undefined, lastModified: response.headers.get('last-modified') ?? undefined },
    };
  } catch (error) {
    if (why) throw why;
    if (error instanceof SourceFetchError) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new SourceFetchError('network', `cannot reach the source${cause ? ` (${cause})` : ''}`);
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
  }
}
