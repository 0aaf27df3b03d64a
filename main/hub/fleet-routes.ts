import type { HubServices } from './services';
import type { RouteRegistrar } from './server';
import { HubError } from './bookings';

/**
 * The console's fleet routes (issue 15): advisors put a PC out of service
 * and back; administrators restart a PC, reset every PC, and read logs.
 * Each command is audited by services.command, each log fetch by the fleet.
 */
export function registerFleetRoutes(register: RouteRegistrar, services: HubServices): void {
  const fleet = () => {
    if (!services.fleet) throw new HubError(404, 'no-fleet', 'this hub has no fleet view');
    return services.fleet;
  };
  register('outOfService', ({ id, body, advisor }) => services.command(id, { kind: 'out-of-service', reason: body.reason }, advisor.name));
  register('inService', ({ id, advisor }) => services.command(id, { kind: 'in-service' }, advisor.name));
  register('restart', ({ id, advisor }) => services.command(id, { kind: 'restart' }, advisor.name), 'admin');
  register('resetAll', ({ body, advisor }) => fleet().resetAll(body.warnMinutes, advisor.name), 'admin');
  register('pcLogs', ({ id, advisor }) => fleet().pcLogs(id, advisor.name), 'admin');
  register('hubLogs', ({ advisor }) => fleet().hubLogs(advisor.name), 'admin');
}
