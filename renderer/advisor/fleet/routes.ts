import type { fleetRoutes } from '../../../preload/fleet-contract';
import type { Method } from '../../api/request';

/** The fleet routes' methods and paths (preload/fleet-contract.ts), spread into ADVISOR_ROUTES. */
export const FLEET_ROUTES: { readonly [K in keyof typeof fleetRoutes]: { readonly method: Method; readonly path: string } } = {
  outOfService: { method: 'POST', path: '/api/pcs/:id/out-of-service' },
  inService: { method: 'POST', path: '/api/pcs/:id/in-service' },
  restart: { method: 'POST', path: '/api/pcs/:id/restart' },
  resetAll: { method: 'POST', path: '/api/fleet/reset-all' },
  pcLogs: { method: 'GET', path: '/api/pcs/:id/logs' },
  hubLogs: { method: 'GET', path: '/api/hub/logs' },
};
