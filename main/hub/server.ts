import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { addSecurityHeaders, httpsServerFactory } from '../api/web-security';
import { limitJsonDepth } from '../api/json-body';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import { advisorFigures, advisorFiguresCsv, FiguresCsvQuery } from './figures-view';
import { advisorRoutes, ApiError, PairRequest, type AdvisorRoutes } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubServices } from './services';
import type { HubStore } from './hub-store';
import { tokenHash } from './auth';
import { ConnectionGuard } from './connection-guard';
import { registerPolicyRoutes } from './policy-routes';
import { hubNetworkSchema, type HubLimits } from '../config/hub';
import { BOARD_EVENTS_PATH } from '../../preload/board-contract';
import { checkInTarget, sourcesView, syncNow } from './sources/console';
import type { SourceSync } from './sources/sync';
import { registerUpdateRoutes, type UpdateDesk } from './updates';
import { registerFleetRoutes } from './fleet-routes';
import type { RemoteDesk } from './remote-help';
import { registerRemoteRoutes } from './remote-routes';

export interface HubServerOptions {
  store: HubStore;
  services: HubServices;
  clock: Clock;
  logger: Logger;
  host: string;
  port: number;
  /** The built advisor console (out/renderer); absent: the API only. */
  rendererDir: string | undefined;
  bodyLimit?: number;
  rateLimitPerMinute?: number;
  /** How long a request may take to arrive, headers and body (default 15 s). */
  requestTimeoutMs?: number;
  /** Connections and TLS handshakes (default: the hub configuration's defaults). */
  limits?: HubLimits;
  /** The lobby status board's feed (/board/events); absent: no board. */
  board?: { add(socket: WebSocket): void };
  /** Booking sources (issue 12): their health, "Sync now" and "Check in for them". */
  sources?: SourceSync;
  /** Updates through the hub (main/hub/updates.ts); absent: none served. */
  updates?: UpdateDesk;
  /** Help from afar: the accepting console's routes (main/hub/remote-routes.ts). */
  remote?: RemoteDesk;
}

const SESSION_COOKIE = 'tupa_session';

type Advisor = { id: number; name: string; admin: boolean };

export type Handler<K extends keyof AdvisorRoutes> = (input: {
  body: z.output<AdvisorRoutes[K]['body']>;
  id: string;
  advisor: Advisor;
  /** The console's sign-in session (hex of its token's hash): a remote call belongs to one console. */
  session: string;
  request: FastifyRequest;
  reply: FastifyReply;
}) => Promise<z.input<AdvisorRoutes[K]['response']>> | z.input<AdvisorRoutes[K]['response']>;

/** Registers one console route from the contract: who may call it, and its handler (feature modules register theirs). */
export type RouteRegistrar = <K extends keyof AdvisorRoutes>(name: K, handler: Handler<K>, access?: 'open' | 'advisor' | 'admin') => void;

/**
 * The hub's HTTPS and WebSocket server: the advisor API and console, the
 * PCs' WebSocket, pairing. Every body is checked against the contract; a
 * browser's Origin must be the hub itself; sizes and rates are limited.
 */
export async function startHubServer(options: HubServerOptions): Promise<{ app: FastifyInstance; port: number }> {
  const { store, services, clock, logger } = options;
  const site = store.site()!;
  const limits = options.limits ?? hubNetworkSchema.parse({}).limits;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    trustProxy: false,
    serverFactory: httpsServerFactory({ key: site.serverKey, cert: site.serverCert }, options.requestTimeoutMs ?? 15_000, limits.handshakeSeconds * 1000),
  });
  // A site has a handful of PCs and advisors: no one machine may take every connection (docs/site-hub.md).
  const guard = new ConnectionGuard({
    limits: { max: limits.maxConnections, perSource: limits.connectionsPerSource, reserved: limits.reservedConnections },
    silentMs: limits.silentSeconds * 1000,
    clock,
    logger,
  });
  guard.attach(app.server);

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // A paired PC reconnecting is never held back: after a hub restart every PC
    // comes back at once, maybe all from one address (NAT, a proxy).
    allowList: (request) => {
      if (request.url !== '/kiosk') return false;
      const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      return token !== undefined && store.pcByToken(tokenHash(token)) !== undefined;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate-limited',
      message: `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });
  // One message per turn of the event loop: a PC sending many at once waits its turn behind the others (and,
  // as its messages queue up, ws stops reading its socket), instead of holding the hub until they are all done.
  await app.register(websocket, { options: { maxPayload: 256 * 1024, allowSynchronousEvents: false } });

  addSecurityHeaders(app, { https: true });
  limitJsonDepth(app);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error instanceof HubError) {
      if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply.code(error.status).send(apiError(error.error, error.message, error.field));
    }
    if (error instanceof z.ZodError) return reply.code(400).send(apiError('invalid', z.prettifyError(error), String(error.issues[0]?.path.join('.') ?? '')));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(apiError('too-large', 'The request body is too large.'));
    if (error.statusCode === 429) return reply.code(429).send(apiError('rate-limited', error.message));
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send(apiError('bad-request', error.message));
    logger.error('hub request failed', { error: error.name });
    return reply.code(500).send(apiError('internal', 'The hub could not complete the request.'));
  });

  // ---- who is asking -----------------------------------------------------------

  const sessionOf = (request: FastifyRequest): Buffer | undefined => {
    // A request with an Authorization header is judged by it alone, never by a cookie as well.
    const token = request.headers.authorization !== undefined ? /^Bearer (\S+)$/.exec(request.headers.authorization)?.[1] : request.cookies[SESSION_COOKIE];
    return token ? tokenHash(token) : undefined;
  };
  const advisorOf = (request: FastifyRequest): Advisor | undefined => {
    const session = sessionOf(request);
    const advisor = session ? store.advisorBySession(session, clock.now()) : undefined;
    if (advisor) guard.trust(request.ip);
    return advisor;
  };

  /**
   * A browser sends Origin with every state-changing request and WebSocket:
   * it must be this hub. Requests without Origin come from programs (the
   * command line, PCs) and must carry a bearer token instead of a cookie.
   */
  const originOk = (request: FastifyRequest, needsOrigin: boolean): boolean => {
    const origin = request.headers.origin;
    if (origin === undefined) return !needsOrigin || /^Bearer /.test(request.headers.authorization ?? '');
    return origin === `https://${request.headers.host}`;
  };

  const requireAdvisor = async (request: FastifyRequest, reply: FastifyReply): Promise<Advisor | undefined> => {
    const mutating = request.method !== 'GET';
    if (!originOk(request, mutating)) {
      await reply.code(403).send(apiError('origin', 'This request must come from the hub\'s own console.'));
      return undefined;
    }
    const advisor = advisorOf(request);
    if (!advisor) {
      await reply.code(401).send(apiError('unauthorized', 'Sign in first.'));
      return undefined;
    }
    return advisor;
  };

  // ---- the advisor API, route by route from the contract ---------------------------

  const IdParam = z.string().min(1).max(64);
  /** open: no sign-in needed (signing in); admin: administrators only (site policy, pairing, updates, logs). */
  const register: RouteRegistrar = (name, handler, access = 'advisor') => {
    const route = advisorRoutes[name];
    app.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => {
        const advisor = access === 'open' ? ({ id: 0, name: '', admin: false } as Advisor) : await requireAdvisor(request, reply);
        if (!advisor) return reply;
        if (access === 'admin' && !advisor.admin) {
          store.audit(clock.now(), `advisor:${advisor.name}`, 'refused: administrators only', name);
          return reply.code(403).send(apiError('admin-only', 'Only an administrator may do this.'));
        }
        const body = route.body.parse(request.body ?? {});
        const params = request.params as { id?: string };
        const id = params.id === undefined ? '' : IdParam.parse(params.id);
        const session = sessionOf(request)?.toString('hex') ?? '';
        const result = await handler({ body: body as never, id, advisor, session, request, reply });
        return route.response.parse(result);
      },
    });
  };

  register(
    'signIn',
    async ({ body, request, reply }) => {
      const result = await services.signIn(body.name, body.password, request.ip);
      if (!result.ok) {
        if (result.retryAfterSeconds) throw new HubError(429, 'slow-down', result.message, undefined, result.retryAfterSeconds);
        throw new HubError(401, 'wrong-credentials', result.message);
      }
      guard.trust(request.ip);
      void reply.setCookie(SESSION_COOKIE, result.token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: 12 * 3600 });
      // Programs (no Origin) get the token to send as a bearer; a browser page never sees it (HttpOnly stays meaningful).
      if (request.headers.origin === undefined) reply.header('X-Tupa-Token', result.token);
      return { name: result.name, admin: result.admin };
    },
    'open',
  );
  register('signOut', ({ request, reply }) => {
    const token = request.cookies[SESSION_COOKIE] ?? /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token) {
      const session = tokenHash(token);
      store.endAdvisorSession(session);
      services.advisors.closeEnded((open) => !open.equals(session));
    }
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });
  register('board', ({ advisor }) => services.board(advisor.name, advisor.admin));
  register('acknowledge', ({ id, advisor }) => services.help.acknowledge(id, advisor.name, clock.now()));
  register('resolve', ({ id, advisor }) => services.help.resolve(id, advisor.name, clock.now()));
  register('acknowledgeAlert', ({ id, advisor }) => services.alerts.acknowledge(id, advisor.name, clock.now()));
  register('createBooking', ({ body, advisor }) => services.bookings.create(body, `advisor:${advisor.name}`, clock.now()));
  register('moveBooking', ({ body, id, advisor }) => services.bookings.move(id, body, `advisor:${advisor.name}`, clock.now()));
  register('cancelBooking', ({ id, advisor }) => (services.bookings.cancel(id, `advisor:${advisor.name}`, clock.now()), { ok: true as const }));
  // A command's answer is its id: how it turns out reaches the consoles as a "command" event.
  register('extend', ({ body, id, advisor }) => services.command(id, { kind: 'extend', minutes: body.minutes }, advisor.name));
  register('end', ({ id, advisor }) => services.command(id, { kind: 'end' }, advisor.name));
  register('reset', ({ id, advisor }) => services.command(id, { kind: 'reset' }, advisor.name));
  // A print job over the policy's releaseOver waits at its PC for one of these (issue 14).
  register('printRelease', ({ id, advisor }) => services.command(id, { kind: 'print-release' }, advisor.name));
  register('printCancel', ({ id, advisor }) => services.command(id, { kind: 'print-cancel' }, advisor.name));
  register('revoke', ({ id, advisor }) => (services.revoke(id, advisor.name), { ok: true as const }), 'admin');
  register('pairingCode', ({ advisor }) => services.pairingCode(advisor.name), 'admin');
  register('policy', () => store.site()!.policy);
  register('figures', ({ id }) => advisorFigures(store, clock.now(), id === 'current' ? undefined : id));
  // The month's figures as a spreadsheet: a download link in the console (the cookie goes along, a GET needs no Origin).
  app.get('/api/figures/:id/csv', async (request, reply) => {
    const advisor = await requireAdvisor(request, reply);
    if (!advisor) return reply;
    const id = IdParam.parse((request.params as { id: string }).id);
    const query = FiguresCsvQuery.parse(request.query ?? {});
    const { csv, month } = advisorFiguresCsv(store, clock.now(), id === 'current' ? undefined : id, query);
    store.audit(clock.now(), `advisor:${advisor.name}`, 'figures exported', month);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="tupa-${month}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
  register('setPolicy', ({ body, advisor }) => services.setPolicy(body, advisor.name), 'admin');
  register('queueCall', ({ body, advisor }) => services.queue.call(body.pcId, body.id, advisor.name));
  register('queueSkip', ({ id, advisor }) => services.queue.skip(id, advisor.name));
  register('queueClear', ({ advisor }) => services.queue.clear(advisor.name));
  const sources = options.sources;
  if (sources) {
    register('sources', () => sourcesView(store, sources, clock.now()));
    register('syncSource', ({ id, advisor }) => syncNow(store, sources, id, advisor.name, () => clock.now()));
    register('checkInFor', ({ id, advisor }) => {
      const booking = checkInTarget(store, id, clock.now());
      return services.command(booking.pcId, { kind: 'check-in', bookingId: booking.id }, advisor.name);
    });
  }
  registerPolicyRoutes(register, services.policyVersions);
  if (options.updates) registerUpdateRoutes(app, register, options.updates);
  registerFleetRoutes(register, services);
  if (options.remote) registerRemoteRoutes(register, options.remote, clock);

  // ---- pairing: the code is the credential ---------------------------------------

  app.get('/api/ca', async () => ({ certificate: store.site()!.caCert, fingerprint: services.caFingerprint() }));
  app.post('/api/pair', async (request) => {
    const body = PairRequest.parse(request.body ?? {});
    return services.pair(body, request.ip);
  });

  // ---- push: advisors and PCs ---------------------------------------------------

  app.get('/api/events', { websocket: true }, (socket, request) => {
    const advisor = originOk(request, true) ? advisorOf(request) : undefined;
    if (!advisor) {
      socket.close(4401, 'sign in first');
      return;
    }
    services.advisors.add(socket, advisor.name, sessionOf(request)!, advisor.admin);
  });

  app.get(
    '/kiosk',
    {
      websocket: true,
      preValidation: async (request, reply) => {
        // A PC's token, or nothing: a WebSocket from a browser page is never a PC.
        if (request.headers.origin !== undefined) return reply.code(403).send(apiError('origin', 'PCs do not send an Origin.'));
        const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
        if (!token || !store.pcByToken(tokenHash(token))) return reply.code(401).send(apiError('unauthorized', 'This PC has no valid device token.'));
        return undefined;
      },
    },
    (socket: WebSocket, request) => {
      const hash = tokenHash(/^Bearer (\S+)$/.exec(request.headers.authorization ?? '')![1]!);
      const pc = store.pcByToken(hash);
      if (!pc) {
        socket.close(4401, 'unauthorized');
        return;
      }
      guard.trust(request.ip);
      services.kiosks.attach(socket, pc, hash);
    },
  );

  // The lobby status board: no sign-in, read-only, nothing on it a lobby may not see (preload/board-contract.ts).
  // Its connections count like any other (the connection guard); a board's address is never trusted as a PC's.
  const board = options.board;
  if (board) {
    app.get(BOARD_EVENTS_PATH, { websocket: true }, (socket: WebSocket, request) => {
      // A browser page must be the hub's own board; a program (no Origin) may read it too.
      if (!originOk(request, false)) {
        socket.close(4403, 'not this hub\'s page');
        return;
      }
      board.add(socket);
    });
  }

  // ---- the console and the board ----------------------------------------------------

  // Only the console, the board and their assets: the kiosk's own pages have no business on the hub's origin.
  const pages = ['advisor', ...(board ? ['board'] : [])].filter((page) => options.rendererDir && existsSync(join(options.rendererDir, page, 'index.html')));
  if (options.rendererDir && pages.length) {
    for (const page of pages) await app.register(fastifyStatic, { root: join(options.rendererDir, page), prefix: `/${page}/`, index: ['index.html'], decorateReply: false });
    await app.register(fastifyStatic, { root: join(options.rendererDir, 'assets'), prefix: '/assets/', decorateReply: false, index: false });
    if (pages.includes('advisor')) app.get('/', async (_request, reply) => reply.redirect('/advisor/'));
  }

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : options.port };
}

function apiError(error: string, message: string, field?: string): ApiError {
  return field ? { error, message, field } : { error, message };
}
