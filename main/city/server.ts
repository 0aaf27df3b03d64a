import { existsSync, readFileSync } from 'node:fs';
import { addSecurityHeaders, httpsServerFactory } from '../api/web-security';
import { JsonTooDeepError, limitJsonDepth } from '../api/json-body';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { CitySignIn, MAX_BATCH_RECORDS, type CityError, type CitySession, type SyncReceipt } from '../../preload/city-contract';
import type { Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import { sourceKey, tokenHash } from '../hub/auth';
import { SignIns, SESSION_HOURS } from './accounts';
import { ExportQuery, renderCsv } from './csv';
import { buildDashboard } from './dashboard';
import type { ServerTls } from './certificate';
import type { CityStore } from './store';
import { checkPeriods, CityRefusal, MonthRange, monthRange, monthsBetween, nextMonth, parseBatch, parseOrRefuse } from './validation';

export interface CityServerOptions {
  store: CityStore;
  clock: Clock;
  logger: Logger;
  tls: ServerTls;
  host: string;
  port: number;
  /** The zone of the receiver's "today" (figures for later days are refused). */
  timeZone: string;
  /** The built renderer (out/renderer): the dashboard is its city/index.html and assets/. */
  rendererDir: string | undefined;
  rateLimitPerMinute: number;
  requestTimeoutMs: number;
  /** The dashboard's origin as browsers see it; default https:// and the Host header. */
  publicOrigin?: string | undefined;
  /** Reverse proxies whose X-Forwarded-For is believed. */
  trustProxy?: readonly string[];
}

/**
 * A batch of MAX_BATCH_RECORDS records fits with room to spare: a record is
 * at most about 130 bytes as JSON (a month, the longest metric, ten-million
 * values, a revision of 16 digits), pretty-printing at most doubles that.
 */
export const FIGURES_BODY_LIMIT = 512 * 1024;
/** Every other request is small: a sign-in. */
const BODY_LIMIT = 16 * 1024;

export const SESSION_COOKIE = '__Host-tupa_city_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The site whose token the request carries (POST /api/v1/figures). */
    citySite?: { id: string; name: string };
  }
}

/**
 * The city receiver's HTTPS server: the sites' figures endpoint (a bearer
 * token per site), the coordinators' sign-in, dashboard and CSV export
 * (a session cookie), and the built dashboard page. Every body is checked
 * against the contract, sizes and rates are limited, a browser's Origin
 * must be the receiver itself.
 */
export async function startCityServer(options: CityServerOptions): Promise<{ app: FastifyInstance; port: number }> {
  const { store, clock, logger } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false,
    serverFactory: httpsServerFactory(options.tls, options.requestTimeoutMs),
  });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    max: options.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => sourceKey(request.ip),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate-limited',
      message: `Too many requests from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  });

  addSecurityHeaders(app, { https: true, cacheable: (url) => url.startsWith('/assets/') });
  limitJsonDepth(app);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof CityRefusal) {
      if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply.code(error.status).send(error.body());
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const figures = request.url.startsWith('/api/v1/figures');
      const limit = figures ? FIGURES_BODY_LIMIT : BODY_LIMIT;
      const message = figures
        ? `The batch is larger than ${limit / 1024} KiB: a batch carries at most ${MAX_BATCH_RECORDS} records; send more as several batches.`
        : `The request body is larger than ${limit / 1024} KiB.`;
      return reply.code(413).send(cityError('too-large', message));
    }
    if (error.statusCode === 429) return reply.code(429).send(cityError('rate-limited', error.message));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(cityError('unsupported-media-type', 'Send the body as application/json.'));
    if (error instanceof JsonTooDeepError) return reply.code(400).send(cityError('too-deep', error.message));
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send(cityError('malformed-json', 'The body is empty; it must be JSON.'));
    if (error.statusCode === 400 && (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')) {
      return reply.code(400).send(cityError('malformed-json', `The body is not valid JSON: ${error.message}`));
    }
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send(cityError('bad-request', error.message));
    logger.error('city request failed', { error: error.name, route: request.routeOptions.url ?? '' });
    return reply.code(500).send(cityError('internal', 'The receiver could not complete the request.'));
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(cityError('not-found', 'There is nothing at this address.')));

  // ---- the sites' figures ------------------------------------------------------------

  app.post<{ Body: unknown }>(
    '/api/v1/figures',
    {
      bodyLimit: FIGURES_BODY_LIMIT,
      // The token is checked before the body is read: nobody without one makes the receiver parse half a megabyte.
      onRequest: async (request) => {
        const header = request.headers.authorization;
        if (header === undefined) throw new CityRefusal(401, 'unauthorized', 'The site token is missing: send "Authorization: Bearer <the site\'s token>".');
        const token = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header)?.[1];
        const site = token === undefined ? undefined : await store.siteByToken(tokenHash(token));
        if (!site) {
          logger.warn('figures refused: unknown token', { source: sourceKey(request.ip) });
          throw new CityRefusal(401, 'unauthorized', 'The site token is not valid (mistyped, or replaced by a newer one): ask the city\'s IT for the site\'s current token.');
        }
        request.citySite = site;
      },
    },
    async (request): Promise<SyncReceipt> => {
      const site = request.citySite!;
      try {
        const batch = parseBatch(request.body);
        if (batch.site !== site.id) throw new CityRefusal(403, 'wrong-site', `This token belongs to site "${site.id}", not to "${batch.site}".`, 'site');
        const now = clock.now();
        checkPeriods(batch, now, options.timeZone);
        const receipt = await store.upsertBatch(site.id, batch.records, { batchId: batch.batchId, now });
        logger.info('figures batch accepted', { site: site.id, batch: batch.batchId, records: batch.records.length, stored: receipt.stored, unchanged: receipt.unchanged });
        return receipt;
      } catch (error) {
        if (error instanceof CityRefusal) logger.warn('figures batch refused', { site: site.id, status: error.status, error: error.error, field: error.field });
        throw error;
      }
    },
  );

  // ---- coordinators: sign-in and session ---------------------------------------------------

  const signIns = new SignIns({ store, clock, logger });
  const sessionOf = (request: FastifyRequest): Buffer | undefined => {
    const token = request.cookies[SESSION_COOKIE];
    return token ? tokenHash(token) : undefined;
  };

  /**
   * A browser sends Origin with every state-changing request: it must be
   * this receiver. `required`: a request without one is refused too (it
   * would act on a cookie, which only a browser holds).
   */
  const checkOrigin = (request: FastifyRequest, required: boolean) => {
    const origin = request.headers.origin;
    if (origin === undefined && !required) return;
    const own = options.publicOrigin ?? `https://${request.headers.host}`;
    if (origin !== own) throw new CityRefusal(403, 'origin', 'This request must come from the receiver\'s own dashboard page.');
  };

  const requireCoordinator = async (request: FastifyRequest): Promise<{ id: number; name: string }> => {
    if (request.headers.origin !== undefined) checkOrigin(request, false);
    const session = sessionOf(request);
    const coordinator = session ? await store.coordinatorBySession(session, clock.now()) : undefined;
    if (!coordinator) throw new CityRefusal(401, 'unauthorized', 'Sign in first.');
    return coordinator;
  };

  app.post('/api/session', async (request, reply): Promise<CitySession> => {
    checkOrigin(request, false);
    const body = parseOrRefuse(CitySignIn, request.body ?? {});
    const session = await signIns.signIn(body.name, body.password, request.ip);
    void reply.setCookie(SESSION_COOKIE, session.token, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: SESSION_HOURS * 3600 });
    return { name: session.name };
  });

  app.get('/api/session', async (request): Promise<CitySession> => ({ name: (await requireCoordinator(request)).name }));

  app.delete('/api/session', async (request, reply) => {
    checkOrigin(request, true);
    const session = sessionOf(request);
    if (session) await store.endSession(session);
    void reply.clearCookie(SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'strict' });
    return { ok: true as const };
  });

  // ---- the dashboard's figures and the export -----------------------------------------------

  const dashboardFor = async (query: { from?: string | undefined; to?: string | undefined }) => {
    const { from, to } = monthRange(query, clock.now(), options.timeZone);
    const [sites, figures] = await Promise.all([store.sites(), store.monthFigures(from, nextMonth(to))]);
    return buildDashboard(sites, figures, monthsBetween(from, to));
  };

  app.get('/api/dashboard', async (request) => {
    await requireCoordinator(request);
    return dashboardFor(parseOrRefuse(MonthRange, request.query));
  });

  app.get('/api/export.csv', async (request, reply) => {
    const coordinator = await requireCoordinator(request);
    const query = parseOrRefuse(ExportQuery, request.query);
    const dashboard = await dashboardFor(query);
    await store.audit({ at: clock.now(), actor: `coordinator:${coordinator.name}`, action: 'figures exported', details: { from: dashboard.months[0] ?? '', to: dashboard.months.at(-1) ?? '' } });
    const name = `tupa-${dashboard.months[0]}_${dashboard.months.at(-1)}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${name}"`)
      .send(renderCsv(dashboard, { decimal: query.decimal, lang: query.lang }));
  });

  // ---- the dashboard page ----------------------------------------------------------------------

  const index = options.rendererDir ? join(options.rendererDir, 'city', 'index.html') : undefined;
  app.get('/', async (_request, reply: FastifyReply) => {
    if (!index || !existsSync(index)) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The dashboard is not built. Run `npm run build` (or `npm run city`), then reload this page.\n');
    }
    return reply.type('text/html; charset=utf-8').send(readFileSync(index));
  });
  if (options.rendererDir && existsSync(join(options.rendererDir, 'assets'))) {
    await app.register(fastifyStatic, { root: join(options.rendererDir, 'assets'), prefix: '/assets/', index: false, decorateReply: false });
  }

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address ? address.port : options.port };
}

function cityError(error: string, message: string): CityError {
  return { error, message };
}
