import type { AdvisorRoutes, RouteBody, RouteResponse } from '../../preload/hub-contract';
import { RequestError, requestJson, type Method } from '../api/request';
import type { Decimal } from '../ui/csv';
import type { AdvisorLocale } from './i18n';
import { POLICY_EDITOR_ROUTES } from './policy/routes';
import { FLEET_ROUTES } from './fleet/routes';
import { REMOTE_ROUTES } from './remote/routes';

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
  acknowledgeAlert: { method: 'POST', path: '/api/alerts/:id/acknowledge' },
  createBooking: { method: 'POST', path: '/api/bookings' },
  moveBooking: { method: 'PUT', path: '/api/bookings/:id' },
  cancelBooking: { method: 'DELETE', path: '/api/bookings/:id' },
  extend: { method: 'POST', path: '/api/pcs/:id/extend' },
  end: { method: 'POST', path: '/api/pcs/:id/end' },
  reset: { method: 'POST', path: '/api/pcs/:id/reset' },
  printRelease: { method: 'POST', path: '/api/pcs/:id/print/release' },
  printCancel: { method: 'POST', path: '/api/pcs/:id/print/cancel' },
  revoke: { method: 'POST', path: '/api/pcs/:id/revoke' },
  pairingCode: { method: 'POST', path: '/api/pairing-codes' },
  policy: { method: 'GET', path: '/api/policy' },
  setPolicy: { method: 'PUT', path: '/api/policy' },
  figures: { method: 'GET', path: '/api/figures/:id' },
  queueCall: { method: 'POST', path: '/api/queue/call' },
  queueSkip: { method: 'POST', path: '/api/queue/:id/skip' },
  queueClear: { method: 'POST', path: '/api/queue/clear' },
  sources: { method: 'GET', path: '/api/sources' },
  syncSource: { method: 'POST', path: '/api/sources/:id/sync' },
  checkInFor: { method: 'POST', path: '/api/bookings/:id/check-in' },
  ...POLICY_EDITOR_ROUTES,
  updates: { method: 'GET', path: '/api/updates' },
  updatePilot: { method: 'POST', path: '/api/updates/:id/pilot' },
  updateConfirm: { method: 'POST', path: '/api/updates/:id/confirm' },
  ...FLEET_ROUTES,
  ...REMOTE_ROUTES,
};

/** A refused request to the hub (the shared RequestError, under the name the console has always used). */
export { RequestError as HubRequestError };

/**
 * Calls one advisor route on this page's own origin (the hub): the session
 * cookie goes along, the browser adds Origin, and a refusal becomes a
 * HubRequestError carrying the hub's ApiError (renderer/api/request.ts).
 */
export async function callHub<K extends keyof AdvisorRoutes>(
  name: K,
  options: { id?: string; body?: RouteBody<K> } = {},
): Promise<RouteResponse<K>> {
  const route = ADVISOR_ROUTES[name];
  const path = route.path.replace(':id', encodeURIComponent(options.id ?? ''));
  return requestJson<RouteResponse<K>>(route.method, path, options.body);
}

/**
 * A month's figures as a CSV file (a plain download link: the cookie goes
 * along), with headings in the console's language; Northern Sámi has no CSV
 * headings of its own and gets the Finnish ones.
 */
export function figuresCsvHref(month: string, decimal: Decimal, locale: AdvisorLocale): string {
  const lang = locale === 'se' ? 'fi' : locale;
  return `${ADVISOR_ROUTES.figures.path.replace(':id', encodeURIComponent(month))}/csv?decimal=${decimal}&lang=${lang}`;
}
