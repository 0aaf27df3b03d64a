import type { z } from 'zod';
import type { Clock } from '../core/clock';
import type { AdvisorRoutes } from '../../preload/hub-contract';
import type { remoteRoutes } from '../../preload/remote-contract';
import type { RemoteDesk } from './remote-help';

type RemoteRoute = keyof typeof remoteRoutes;
type RemoteHandler<K extends RemoteRoute> = (input: {
  body: z.output<AdvisorRoutes[K]['body']>;
  id: string;
  advisor: { id: number; name: string };
  session: string;
}) => z.input<AdvisorRoutes[K]['response']>;

/**
 * The console's remote-help routes (preload/remote-contract.ts): accept a
 * remote call, then relay to its PC. Every one names the console's own
 * sign-in session, so only the console that accepted may go on.
 */
export function registerRemoteRoutes(register: <K extends RemoteRoute>(name: K, handler: RemoteHandler<K>) => void, desk: RemoteDesk, clock: Clock): void {
  const ok = { ok: true as const };
  register('remoteAccept', ({ id, advisor, session }) => desk.accept(id, advisor, session, clock.now()));
  register('remoteSignal', ({ id, advisor, session, body }) => (desk.fromConsole(id, session, advisor.name, 'signal', { signal: body.signal }), ok));
  register('remotePointer', ({ id, advisor, session, body }) => (desk.fromConsole(id, session, advisor.name, 'pointer', { at: body }), ok));
  register('remoteChat', ({ id, advisor, session, body }) => (desk.fromConsole(id, session, advisor.name, 'chat', { text: body.text }), ok));
  register('remoteEnd', ({ id, advisor, session }) => (desk.endByConsole(id, session, advisor.name, clock.now()), ok));
}
