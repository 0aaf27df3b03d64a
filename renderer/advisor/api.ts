import type { AdvisorRoutes, ApiError, RouteBody, RouteResponse } from '../../preload/hub-contract';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The advisor routes' methods and paths. The renderer may take only types
 * from preload/, so the table is written out here; the compiler checks that
 * every route of the contract is present, and a unit test checks that each
 * method and path equals the contract's.
 */
export const ADVISOR_ROUTES: { readonly [K in keyof AdvisorRoutes]: { readonly method: Method; readonly path: string } } = {
  signIn: { method: 'POST', path: '/api/session' },
  signOut: { method: 'DELETE', path: '/api/session' },
  board: { method: 'GET', path: '/api/board' },
  acknowledge: { method: 'POST', path: '/api/help/:id/acknowledge' },
  resolve: { method: 'POST', path: '/api/help/:id/resolve' },
  createBooking: { method: 'POST', path: '/api/bookings' },
  moveBooking: { method: 'PUT', path: '/api/bookings/:id' },
  cancelBooking: { method: 'DELETE', path: '/api/bookings/:id' },
  extend: { method: 'POST', path: '/api/pcs/:id/extend' },
  end: { method: 'POST', path: '/api/pcs/:id/end' },
  reset: { method: 'POST', path: '/api/pcs/:id/reset' },
  revoke: { method: 'POST', path: '/api/pcs/:id/revoke' },
  pairingCode: { method: 'POST', path: '/api/pairing-codes' },
  policy: { method: 'GET', path: '/api/policy' },
  setPolicy: { method: 'PUT', path: '/api/policy' },
  figures: { method: 'GET', path: '/api/figures/:id' },
};

/** A refused request: the hub's answer (status, stable error name, message, field), or status 0 when the hub was not reached. */
export class HubRequestError extends Error {
  readonly status: number;
  readonly error: string;
  readonly field: string | undefined;
  /** From Retry-After (429): how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: ApiError, retryAfterSeconds?: number) {
    super(body.message);
    this.name = 'HubRequestError';
    this.status = status;
    this.error = body.error;
    this.field = body.field;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function isApiError(value: unknown): value is ApiError {
  return !!value && typeof value === 'object' && typeof (value as ApiError).error === 'string' && typeof (value as ApiError).message === 'string';
}

/** Seconds to wait, from a Retry-After header or from the hub's message ("… in 12 s"). */
function retryAfter(response: Response, body: ApiError): number | undefined {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const inText = /(\d+)\s*s\b/.exec(body.message);
  return inText ? Number(inText[1]) : undefined;
}

/**
 * Calls one advisor route on this page's own origin (the hub): the session
 * cookie goes along, the browser adds Origin, and a refusal becomes a
 * HubRequestError carrying the hub's ApiError.
 */
export async function callHub<K extends keyof AdvisorRoutes>(
  name: K,
  options: { id?: string; body?: RouteBody<K> } = {},
): Promise<RouteResponse<K>> {
  const route = ADVISOR_ROUTES[name];
  const path = route.path.replace(':id', encodeURIComponent(options.id ?? ''));
  const init: RequestInit = { method: route.method, credentials: 'same-origin', headers: { accept: 'application/json' } };
  if (route.method !== 'GET') {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(options.body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new HubRequestError(0, { error: 'network', message: 'The hub cannot be reached.' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = isApiError(body) ? body : { error: 'http', message: `HTTP ${response.status}` };
    throw new HubRequestError(response.status, error, response.status === 429 ? retryAfter(response, error) : undefined);
  }
  return body as RouteResponse<K>;
}
