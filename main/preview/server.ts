import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { MINUTE } from '../core/clock';
import { codeLengthOf } from '../core/code-lengths';
import { generateCode, hashCode } from '../core/codes';
import { WIPE_PLAN } from '../core/wipe-plan';
import type { TestTime } from '../core/test-time';
import { registerWsTransport, isLoopback } from '../api/ws-transport';
import { addSecurityHeaders } from '../api/web-security';
import type { KioskCore } from '../kiosk/compose';
import type { RecordingShell } from '../kiosk/recording-shell';
import type { Hub } from '../hub/compose';
import { registerTestAdvisors } from './test-advisors';
import { NoticeView } from '../../preload/contract';

export interface PreviewServerOptions {
  core: KioskCore;
  shell: RecordingShell;
  rendererDir: string;
  host: string;
  port: number;
  codeKey: Buffer;
  /** Present only in test mode: the controllable time and the /__test routes. */
  testTime?: TestTime | undefined;
  /** The demo site's hub, when the preview runs one: test bookings are made there, as an advisor would. */
  hub?: Hub | undefined;
}


/**
 * Serves the built kiosk UI and the typed contract over a WebSocket on
 * loopback, so the product can be tried in a browser. Not part of a
 * packaged kiosk.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<{ app: FastifyInstance; url: string }> {
  const { core, rendererDir } = options;
  if (!existsSync(join(rendererDir, 'kiosk', 'index.html'))) {
    throw new Error(`the kiosk UI is not built (${join(rendererDir, 'kiosk', 'index.html')} is missing): run "npm run build"`);
  }
  const app = Fastify({ logger: false, bodyLimit: 16 * 1024 });
  let origins: string[] = [];

  app.addHook('onRequest', async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress)) return reply.code(403).send({ error: 'the preview answers on loopback only' });
  });
  addSecurityHeaders(app, { https: false });

  await registerWsTransport(app, {
    path: '/api',
    router: core.router,
    onEvent: core.onEvent,
    greeting: core.currentEvents,
    allowedOrigins: () => origins,
  });
  await app.register(fastifyStatic, { root: rendererDir, prefix: '/', index: ['index.html'] });
  app.get('/', async (_request, reply) => reply.redirect('/kiosk/'));

  if (options.testTime) registerTestRoutes(app, { ...options, testTime: options.testTime });

  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const base = `http://${hostForUrl}:${port}`;
  origins = [base, `http://localhost:${port}`];
  return { app, url: `${base}/kiosk/` };
}

const Ms = z.strictObject({ ms: z.int().min(0).max(400 * 24 * 60 * MINUTE) });
const SignedMs = z.strictObject({ ms: z.int().min(-400 * 24 * 60 * MINUTE).max(400 * 24 * 60 * MINUTE) });
const Media = z.strictObject({ inUse: z.boolean() });
const FailWipe = z.strictObject({ step: z.enum(WIPE_PLAN), message: z.string().max(200).optional() });
// The contract's notice, with any seq (the core numbers notices itself).
const Notice = z.strictObject({ notice: NoticeView });
const AskFile = z.strictObject({
  multiple: z.boolean().default(false),
  files: z.array(z.strictObject({ name: z.string().min(1).max(255), bytes: z.int().min(0) })).max(20),
});
/** `code`: the booking's own (4 or 6 digits, as Varaamo's), for tests of 4-digit codes; absent: a new 6-digit one. */
const NewBooking = z.strictObject({
  startsInMinutes: z.number().min(-600).max(60 * 24 * 7),
  minutes: z.number().min(5).max(720),
  code: z.string().regex(/^(?:\d{4}|\d{6})$/, 'a code has 4 or 6 digits').optional(),
});

/** Test-mode only: fast-forward time, play web-view signals, add bookings. */
function registerTestRoutes(app: FastifyInstance, options: PreviewServerOptions & { testTime: TestTime }): void {
  const { core, shell, testTime } = options;
  registerTestAdvisors(app, options.hub);
  const body = <T>(schema: z.ZodType<T>, value: unknown): T => {
    const parsed = schema.safeParse(value ?? {});
    if (!parsed.success) throw Object.assign(new Error(z.prettifyError(parsed.error)), { statusCode: 400 });
    return parsed.data;
  };
  app.post('/__test/advance', async (request) => {
    testTime.advance(body(Ms, request.body).ms);
    await new Promise((r) => setImmediate(r));
    return { now: testTime.now(), phase: core.controller.phase };
  });
  app.post('/__test/jump', async (request) => {
    testTime.jumpWall(body(SignedMs, request.body).ms);
    await new Promise((r) => setImmediate(r));
    return { now: testTime.now(), phase: core.controller.phase };
  });
  app.post('/__test/media', async (request) => {
    shell.setMediaInUse(body(Media, request.body).inUse);
    return { ok: true };
  });
  app.post('/__test/web-activity', async () => {
    shell.reportActivity();
    return { ok: true };
  });
  app.post('/__test/fail-wipe', async (request) => {
    const { step, message } = body(FailWipe, request.body);
    shell.failStep(step, message ?? 'simulated failure');
    return { ok: true };
  });
  app.post('/__test/notice', async (request) => {
    const { seq: _seq, ...notice } = body(Notice, request.body).notice;
    shell.notify(notice);
    return { ok: true };
  });
  app.post('/__test/ask-file', async (request) => {
    const { files, multiple } = body(AskFile, request.body);
    shell.askForFile(files, multiple);
    return { ok: true };
  });
  app.get('/__test/shell-calls', async () => shell.calls);
  // The demo hub's address and site CA, so tests can talk to it as an advisor's browser would.
  app.get('/__test/hub', async () => (options.hub ? { url: options.hub.url, port: options.hub.port, caPem: options.hub.caPem } : { url: null }));
  app.post('/__test/policy', async (request) => {
    if (!options.hub) throw Object.assign(new Error('this preview has no hub'), { statusCode: 400 });
    const current = options.hub.store.site()!.policy;
    const patch = z.record(z.string(), z.unknown()).parse(request.body ?? {});
    return options.hub.services.setPolicy({ ...current, ...patch }, 'test');
  });
  app.post('/__test/slow-wipe', async (request) => {
    shell.slowWipe(body(Ms, request.body).ms);
    return { ok: true };
  });
  app.post('/__test/bookings', async (request) => {
    const { startsInMinutes, minutes, code: given } = body(NewBooking, request.body);
    const now = testTime.now();
    const startsAt = Math.floor(now / 1000) * 1000 + Math.round(startsInMinutes * MINUTE);
    const endsAt = startsAt + Math.round(minutes * MINUTE);
    const pcId = core.controller.snapshot().pc.id;
    if (options.hub) {
      // At the hub, which pushes the schedule to the kiosk: wait until the kiosk has it.
      const iso = (at: number) => new Date(at).toISOString();
      const made = options.hub.services.bookings.create({ pcId, start: iso(startsAt), end: iso(endsAt) }, 'system:test', Math.min(now, startsAt), given);
      for (let i = 0; i < 300 && !core.store.bookings.get(made.booking.id); i++) await new Promise((r) => setTimeout(r, 10));
      if (!core.store.bookings.get(made.booking.id)) throw new Error('the kiosk did not receive the booking from its hub');
      return { id: made.booking.id, code: made.code, startsAt, endsAt };
    }
    const code = given ?? generateCode();
    const id = randomUUID();
    core.store.bookings.add({ id, pcId, startsAt, endsAt, codeHash: hashCode(options.codeKey, code), codeLength: codeLengthOf(code) }, now);
    // Same connection as the kiosk: data_version will not change, so reload directly.
    core.controller.reloadFromStore();
    return { id, code, startsAt, endsAt };
  });
  app.get('/__test/status', async () => {
    const pcId = core.controller.snapshot().pc.id;
    return {
      now: testTime.now(),
      phase: core.controller.phase,
      events: core.store.events.list(),
      sessions: core.store.sessions.recent(pcId, 50),
      shellCalls: shell.calls.length,
    };
  });
}
