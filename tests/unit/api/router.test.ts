import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createRouter, eventEnvelope, type Sender } from '../../../main/api/router';
import { kioskMethods, PROTOCOL_VERSION, type ErrorCode, type ReplyEnvelope } from '../../../preload/contract';
import { fakeKioskHandlers, totalHandlerCalls } from './fake-kiosk';

const KIOSK: Sender = { transport: 'ipc', webContentsId: 1, frameUrl: 'app://kiosk/kiosk/', isMainFrame: true };
const STRANGER: Sender = { transport: 'ws', remoteAddress: '127.0.0.1', origin: 'https://evil.example' };

function setup(options: { allowed?: (sender: Sender) => boolean } = {}) {
  const handlers = fakeKioskHandlers();
  const rejected: Array<Record<string, unknown>> = [];
  const onError = vi.fn();
  const router = createRouter({
    methods: kioskMethods,
    handlers,
    isAllowedSender: options.allowed ?? ((sender) => sender === KIOSK),
    onRejected: (info) => rejected.push(info),
    onError,
  });
  return { router, handlers, rejected, onError };
}

function call(method: string, params: unknown, id: string | number = 7) {
  return { v: PROTOCOL_VERSION, id, method, params };
}

function expectError(reply: ReplyEnvelope, code: ErrorCode): { code: ErrorCode; message: string } {
  expect(reply.ok).toBe(false);
  if (reply.ok) throw new Error('expected an error reply');
  expect(reply.error.code).toBe(code);
  expect(reply.v).toBe(PROTOCOL_VERSION);
  return reply.error;
}

describe('the router: a call from the kiosk that follows the contract', () => {
  it('resident checks in with a valid code: the handler gets the checked params and the sender, the reply echoes the id', async () => {
    const { router, handlers, rejected } = setup();
    const reply = await router.call(KIOSK, call('kiosk.checkIn', { code: '123456', locale: 'fi' }, 'call-42'));
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: 'call-42', ok: true, result: { result: 'ok' } });
    expect(handlers['kiosk.checkIn']).toHaveBeenCalledTimes(1);
    expect(handlers['kiosk.checkIn']).toHaveBeenCalledWith({ code: '123456', locale: 'fi' }, KIOSK);
    expect(rejected).toEqual([]);
  });

  it('echoes numeric ids too', async () => {
    const { router } = setup();
    const reply = await router.call(KIOSK, call('kiosk.getSnapshot', {}, 99));
    expect(reply.id).toBe(99);
    expect(reply.ok).toBe(true);
  });

  it('treats null params as an empty object for methods that take none', async () => {
    const { router, handlers } = setup();
    const reply = await router.call(KIOSK, { v: PROTOCOL_VERSION, id: 1, method: 'kiosk.goHome', params: null });
    expect(reply).toMatchObject({ ok: true, result: { ok: true } });
    expect(handlers['kiosk.goHome']).toHaveBeenCalledTimes(1);
  });

  it('every method of the contract is reachable', async () => {
    const { router, handlers } = setup();
    const params: Record<string, unknown> = {
      'kiosk.checkIn': { code: '000000', locale: 'sv' },
      'kiosk.startWalkIn': { locale: 'en' },
      'kiosk.setLanguage': { locale: 'se' },
      'kiosk.zoom': { change: 'in' },
      'kiosk.openTile': { tileId: 'kela' },
      'kiosk.submitFeedback': { score: 'good' },
      'kiosk.setWebArea': { area: { x: 0, y: 120, width: 1280, height: 700 } },
      'kiosk.navigate': { action: 'back' },
      'kiosk.chooseFiles': { names: ['hakemus.pdf'] },
      'kiosk.maintenance.unlock': { pin: '1234' },
      'kiosk.maintenance.inspectHub': { address: 'hub.local' },
      'kiosk.maintenance.pair': { address: 'hub.local', fingerprint: 'AB:CD', code: '12345678' },
      'kiosk.queue.start': { locale: 'fi' },
      'kiosk.selfBooking': { kind: 'days' },
      'kiosk.print.confirm': { copies: 1 },
      'kiosk.print.check': { copies: 1 },
      'kiosk.print.readFile': { name: 'hakemus.pdf' },
      'kiosk.remote.consent': { given: false },
      'kiosk.remote.signal': { signal: { kind: 'ice', candidate: '', sdpMid: null, sdpMLineIndex: null } },
      'kiosk.remote.chat': { text: 'Hei' },
      'kiosk.remote.stop': { reason: 'resident-stopped' },
    };
    for (const method of Object.keys(kioskMethods)) {
      const reply = await router.call(KIOSK, call(method, params[method] ?? {}));
      expect(reply.ok, method).toBe(true);
    }
    expect(totalHandlerCalls(handlers)).toBe(Object.keys(kioskMethods).length);
  });
});

describe('the router refuses before any handler runs', () => {
  it('a caller of another release gets version-mismatch naming both versions, with its id echoed', async () => {
    const { router, handlers, rejected } = setup();
    const other = PROTOCOL_VERSION + 41;
    const reply = await router.call(KIOSK, { v: other, id: 'x1', method: 'kiosk.getSnapshot', params: {} });
    const error = expectError(reply, 'version-mismatch');
    expect(reply.id).toBe('x1');
    expect(error.message).toContain(String(PROTOCOL_VERSION));
    expect(error.message).toContain(String(other));
    expect(totalHandlerCalls(handlers)).toBe(0);
    expect(rejected).toEqual([{ method: 'kiosk.getSnapshot', code: 'version-mismatch', transport: 'ipc' }]);
  });

  it.each([
    ['not an object', 'hello'],
    ['undefined (non-JSON on the wire)', undefined],
    ['null', null],
    ['an array', [1, 2]],
    ['no version', { id: 1, method: 'kiosk.goHome', params: {} }],
    ['a fractional version', { v: 1.5, id: 1, method: 'kiosk.goHome', params: {} }],
    ['no id', { v: PROTOCOL_VERSION, method: 'kiosk.goHome', params: {} }],
    ['an object id', { v: PROTOCOL_VERSION, id: { a: 1 }, method: 'kiosk.goHome', params: {} }],
    ['a too long id', { v: PROTOCOL_VERSION, id: 'i'.repeat(65), method: 'kiosk.goHome', params: {} }],
    ['a too long method', { v: PROTOCOL_VERSION, id: 1, method: 'm'.repeat(65), params: {} }],
    ['an extra envelope field', { v: PROTOCOL_VERSION, id: 1, method: 'kiosk.goHome', params: {}, sudo: true }],
  ])('a malformed envelope (%s) gets bad-envelope with a null id', async (_label, raw) => {
    const { router, handlers, rejected } = setup();
    const reply = await router.call(KIOSK, raw);
    expectError(reply, 'bad-envelope');
    expect(reply.id).toBeNull();
    expect(totalHandlerCalls(handlers)).toBe(0);
    expect(rejected).toEqual([{ method: '?', code: 'bad-envelope', transport: 'ipc' }]);
  });

  it.each(['kiosk.format', 'kiosk.checkin', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''])(
    'an unknown method (%j) gets unknown-method',
    async (method) => {
      const { router, handlers, rejected } = setup();
      const reply = await router.call(KIOSK, call(method, {}, 'u'));
      expectError(reply, 'unknown-method');
      expect(reply.id).toBe('u');
      expect(totalHandlerCalls(handlers)).toBe(0);
      expect(rejected).toEqual([{ method, code: 'unknown-method', transport: 'ipc' }]);
    },
  );

  it.each([
    ['a five-digit code', 'kiosk.checkIn', { code: '12345', locale: 'fi' }],
    ['a seven-digit code', 'kiosk.checkIn', { code: '1234567', locale: 'fi' }],
    ['a code with letters', 'kiosk.checkIn', { code: '12345a', locale: 'fi' }],
    ['a code as a number', 'kiosk.checkIn', { code: 123456, locale: 'fi' }],
    ['a code with a newline after it', 'kiosk.checkIn', { code: '123456\n', locale: 'fi' }],
    ['an extra field', 'kiosk.checkIn', { code: '123456', locale: 'fi', admin: true }],
    ['a locale the kiosk does not have', 'kiosk.checkIn', { code: '123456', locale: 'de' }],
    ['no locale', 'kiosk.startWalkIn', {}],
    ['params that are not an object', 'kiosk.setLanguage', 'fi'],
    ['an absolute zoom instead of a step', 'kiosk.zoom', { percent: 150 }],
    ['an unknown zoom step', 'kiosk.zoom', { change: 'double' }],
    ['a numeric zoom step', 'kiosk.zoom', { change: 1 }],
    ['a tile id over 40 characters', 'kiosk.openTile', { tileId: 't'.repeat(41) }],
    ['a feedback score outside the faces', 'kiosk.submitFeedback', { score: 'great' }],
    ['params for a method that takes none', 'kiosk.endSession', { now: true }],
  ])('invalid params (%s) get invalid-params and the handler never runs', async (_label, method, params) => {
    const { router, handlers, rejected } = setup();
    const reply = await router.call(KIOSK, call(method, params, 'p'));
    const error = expectError(reply, 'invalid-params');
    expect(reply.id).toBe('p');
    expect(error.message).toContain(method);
    expect(totalHandlerCalls(handlers)).toBe(0);
    expect(rejected).toEqual([{ method, code: 'invalid-params', transport: 'ipc' }]);
  });

  it('a sender the transport does not allow gets forbidden and no handler runs, even with valid params', async () => {
    const isAllowed = vi.fn((sender: Sender) => sender === KIOSK);
    const { router, handlers, rejected } = setup({ allowed: isAllowed });
    const reply = await router.call(STRANGER, call('kiosk.checkIn', { code: '123456', locale: 'fi' }, 'f'));
    expectError(reply, 'forbidden');
    expect(reply.id).toBe('f');
    expect(isAllowed).toHaveBeenCalledWith(STRANGER);
    expect(totalHandlerCalls(handlers)).toBe(0);
    expect(rejected).toEqual([{ method: 'kiosk.checkIn', code: 'forbidden', transport: 'ws' }]);
  });

  it('a disallowed sender learns nothing about which methods exist', async () => {
    const { router } = setup();
    const reply = await router.call(STRANGER, call('kiosk.nope', {}));
    expectError(reply, 'forbidden');
  });
});

describe('the router after the handler', () => {
  it('a result that breaks the output schema becomes internal, and is not sent', async () => {
    const { router, handlers, onError } = setup();
    handlers['kiosk.checkIn'].mockReturnValue({ result: 'ok', code: '654321' } as never);
    const reply = await router.call(KIOSK, call('kiosk.checkIn', { code: '123456', locale: 'fi' }, 'r'));
    const error = expectError(reply, 'internal');
    expect(reply.id).toBe('r');
    expect(JSON.stringify(reply)).not.toContain('654321');
    expect(error.message).not.toContain('contract');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0].method).toBe('kiosk.checkIn');
  });

  it('a snapshot with a field the contract does not know (e.g. a name) is not sent', async () => {
    const { router, handlers } = setup();
    const base = handlers['kiosk.getSnapshot']();
    handlers['kiosk.getSnapshot'].mockReturnValue({ ...base, residentName: 'Matti Meikäläinen' } as never);
    const reply = await router.call(KIOSK, call('kiosk.getSnapshot', {}));
    expectError(reply, 'internal');
    expect(JSON.stringify(reply)).not.toContain('Matti');
  });

  it('a generic checker works too: a wrong result type becomes internal', async () => {
    const onError = vi.fn();
    const router = createRouter({
      methods: { 'test.count': { input: z.strictObject({}), output: z.strictObject({ n: z.number().int() }) } },
      handlers: { 'test.count': () => ({ n: 'many' }) as never },
      isAllowedSender: () => true,
      onError,
    });
    expectError(await router.call(KIOSK, call('test.count', {})), 'internal');
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('the handler gets the parsed params (defaults applied), not the raw ones', async () => {
    const handler = vi.fn((params: { n: number }) => ({ n: params.n }));
    const router = createRouter({
      methods: { 'test.echo': { input: z.strictObject({ n: z.number().int().default(5) }), output: z.strictObject({ n: z.number() }) } },
      handlers: { 'test.echo': handler },
      isAllowedSender: () => true,
    });
    const raw = {};
    const reply = await router.call(KIOSK, call('test.echo', raw));
    expect(handler.mock.calls[0]![0]).toEqual({ n: 5 });
    expect(handler.mock.calls[0]![0]).not.toBe(raw);
    expect(reply).toMatchObject({ ok: true, result: { n: 5 } });
  });

  it('only what the output schema describes is sent: extra fields a loose schema strips stay home', async () => {
    const router = createRouter({
      methods: { 'test.slot': { input: z.strictObject({}), output: z.object({ startsAt: z.number() }) } },
      handlers: { 'test.slot': () => ({ startsAt: 1, code: '123456' }) },
      isAllowedSender: () => true,
    });
    const reply = await router.call(KIOSK, call('test.slot', {}));
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: 7, ok: true, result: { startsAt: 1 } });
  });

  it('a throwing handler gives internal with a fixed message: no stack, no error text', async () => {
    const { router, handlers, onError, rejected } = setup();
    const boom = new Error('SQLITE_CORRUPT at /var/lib/tupa/kiosk.sqlite code 123456');
    handlers['kiosk.checkIn'].mockImplementation(() => {
      throw boom;
    });
    const reply = await router.call(KIOSK, call('kiosk.checkIn', { code: '123456', locale: 'fi' }, 'e'));
    const error = expectError(reply, 'internal');
    expect(reply.id).toBe('e');
    const wire = JSON.stringify(reply);
    expect(wire).not.toContain('SQLITE');
    expect(wire).not.toContain('/var/lib');
    expect(wire).not.toMatch(/\bat .*\(/); // no stack frame
    expect(error.message).toBe('The core could not complete the call.');
    expect(onError).toHaveBeenCalledWith({ method: 'kiosk.checkIn', error: boom });
    expect(rejected).toEqual([{ method: 'kiosk.checkIn', code: 'internal', transport: 'ipc' }]);
  });

  it('a rejecting async handler gives internal too', async () => {
    const { router, handlers } = setup();
    handlers['kiosk.endSession'].mockImplementation((() => Promise.reject(new Error('disk gone'))) as never);
    const reply = await router.call(KIOSK, call('kiosk.endSession', {}));
    const error = expectError(reply, 'internal');
    expect(error.message).not.toContain('disk gone');
  });
});

describe('onRejected never sees parameters', () => {
  it('is given method, code and transport only, for every kind of refusal', async () => {
    const { handlers } = setup();
    handlers['kiosk.goHome'].mockImplementation(() => {
      throw new Error('x');
    });
    const seen: unknown[] = [];
    const spyRouter = createRouter({
      methods: kioskMethods,
      handlers,
      isAllowedSender: (s) => s === KIOSK,
      onRejected: (info) => seen.push(info),
    });
    await spyRouter.call(KIOSK, { v: 99, id: 1, method: 'kiosk.checkIn', params: { code: '111111', locale: 'fi' } });
    await spyRouter.call(STRANGER, call('kiosk.checkIn', { code: '222222', locale: 'fi' }));
    await spyRouter.call(KIOSK, call('kiosk.checkIn', { code: '33333', locale: 'fi' }));
    await spyRouter.call(KIOSK, call('kiosk.nope', { code: '444444' }));
    await spyRouter.call(KIOSK, { bogus: '555555' });
    await spyRouter.call(KIOSK, call('kiosk.goHome', {}));
    expect(seen).toHaveLength(6);
    for (const info of seen) expect(Object.keys(info as object).sort()).toEqual(['code', 'method', 'transport']);
    expect((seen as Array<{ code: string }>).map((i) => i.code)).toEqual([
      'version-mismatch',
      'forbidden',
      'invalid-params',
      'unknown-method',
      'bad-envelope',
      'internal',
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/111111|222222|33333|444444|555555/);
  });

  it('is optional: a router without it still refuses', async () => {
    const router = createRouter({ methods: kioskMethods, handlers: fakeKioskHandlers(), isAllowedSender: () => false });
    expectError(await router.call(KIOSK, call('kiosk.goHome', {})), 'forbidden');
  });
});

describe('eventEnvelope', () => {
  it('wraps an event with the protocol version', () => {
    expect(eventEnvelope('kiosk.snapshot', { rev: 1 })).toEqual({ v: PROTOCOL_VERSION, event: 'kiosk.snapshot', payload: { rev: 1 } });
  });
});
