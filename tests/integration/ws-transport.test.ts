import { afterEach, describe, expect, it, vi } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import { createRouter, eventEnvelope, type Sender } from '../../main/api/router';
import { isLoopback, registerWsTransport } from '../../main/api/ws-transport';
import { kioskMethods, PROTOCOL_VERSION, type EventEnvelope } from '../../preload/contract';
import { fakeKioskHandlers, totalHandlerCalls, welcomeSnapshot } from '../unit/api/fake-kiosk';

interface Server {
  app: FastifyInstance;
  base: string;
  origin: string;
  handlers: ReturnType<typeof fakeKioskHandlers>;
  emit: (envelope: EventEnvelope) => void;
  listeners: Set<(e: EventEnvelope) => void>;
  senders: Sender[];
}

let servers: FastifyInstance[] = [];
let sockets: WebSocket[] = [];

afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await Promise.all(servers.map((app) => app.close()));
  servers = [];
});

async function start(options: { maxMessageBytes?: number } = {}): Promise<Server> {
  const app = Fastify({ logger: false });
  servers.push(app);
  const handlers = fakeKioskHandlers();
  const senders: Sender[] = [];
  const router = createRouter({
    methods: kioskMethods,
    handlers,
    isAllowedSender: (sender) => {
      senders.push(sender);
      return sender.transport === 'ws';
    },
  });
  const listeners = new Set<(e: EventEnvelope) => void>();
  let origins: string[] = [];
  await registerWsTransport(app, {
    path: '/api',
    router,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    allowedOrigins: () => origins,
    ...(options.maxMessageBytes !== undefined ? { maxMessageBytes: options.maxMessageBytes } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `127.0.0.1:${address.port}`;
  origins = [`http://${base}`];
  return { app, base, origin: `http://${base}`, handlers, emit: (e) => listeners.forEach((l) => l(e)), listeners, senders };
}

/** A client that records every message and resolves on the next one matching a predicate. */
function connect(server: Server, headers: Record<string, string> = { Origin: server.origin }) {
  const socket = new WebSocket(`ws://${server.base}/api`, { headers });
  sockets.push(socket);
  const messages: unknown[] = [];
  const waiters: Array<{ test: (m: unknown) => boolean; resolve: (m: unknown) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as unknown;
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  socket.on('error', () => {
    // A refused or closed socket may also error; the close event carries the code.
  });
  const next = <T = Record<string, unknown>>(test: (m: Record<string, unknown>) => boolean, ms = 3000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const found = messages.find((m) => test(m as Record<string, unknown>));
      if (found) return resolve(found as T);
      const timer = setTimeout(() => reject(new Error(`no matching message in ${ms} ms; got ${JSON.stringify(messages)}`)), ms);
      waiters.push({
        test: (m) => test(m as Record<string, unknown>),
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return { socket, messages, closed, next, opened };
}

function raceClose(closed: Promise<{ code: number; reason: string }>, ms = 3000) {
  return Promise.race([closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not closed within ${ms} ms`)), ms))]);
}

describe('the WebSocket transport', () => {
  it('a page of this server calls a method and gets the reply with its id, after a hello', async () => {
    const server = await start();
    const client = connect(server);
    const hello = await client.next((m) => m.event === 'hello');
    expect(hello).toEqual({ v: PROTOCOL_VERSION, event: 'hello', payload: { protocol: PROTOCOL_VERSION } });
    client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'c1', method: 'kiosk.checkIn', params: { code: '123456', locale: 'sv' } }));
    const reply = await client.next((m) => m.id === 'c1');
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: 'c1', ok: true, result: { result: 'ok' } });
    expect(server.handlers['kiosk.checkIn']).toHaveBeenCalledWith({ code: '123456', locale: 'sv' }, expect.objectContaining({ transport: 'ws' }));
    expect(server.senders).toEqual([{ transport: 'ws', remoteAddress: '127.0.0.1', origin: server.origin }]);
  });

  it('calls go through the same choke point: invalid params are refused and no handler runs', async () => {
    const server = await start();
    const client = connect(server);
    await client.opened;
    client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 2, method: 'kiosk.checkIn', params: { code: '12345', locale: 'fi' } }));
    expect(await client.next((m) => m.id === 2)).toMatchObject({ ok: false, error: { code: 'invalid-params' } });
    client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION + 1, id: 3, method: 'kiosk.goHome', params: {} }));
    expect(await client.next((m) => m.id === 3)).toMatchObject({ ok: false, error: { code: 'version-mismatch' } });
    expect(totalHandlerCalls(server.handlers)).toBe(0);
  });

  it.each([
    ['another site', { Origin: 'https://evil.example' }],
    ['the same host on another port', { Origin: 'http://127.0.0.1:1' }],
    ['the string "null" (a sandboxed frame or file://)', { Origin: 'null' }],
    ['no Origin at all (not a browser page)', {} as Record<string, string>],
  ])('a socket from %s is closed with 1008 and can call nothing', async (_label, headers) => {
    const server = await start();
    const client = connect(server, headers);
    client.socket.on('open', () => {
      client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'x', method: 'kiosk.goHome', params: {} }));
    });
    const closed = await raceClose(client.closed);
    expect(closed).toEqual({ code: 1008, reason: 'origin not allowed' });
    expect(client.messages).toEqual([]);
    expect(totalHandlerCalls(server.handlers)).toBe(0);
    expect(server.listeners.size).toBe(0);
  });

  it('an event pushed by the core reaches the socket', async () => {
    const server = await start();
    const client = connect(server);
    await client.next((m) => m.event === 'hello');
    expect(server.listeners.size).toBe(1);
    const snapshot = welcomeSnapshot(17);
    server.emit(eventEnvelope('kiosk.snapshot', snapshot));
    const event = await client.next((m) => m.event === 'kiosk.snapshot');
    expect(event).toEqual({ v: PROTOCOL_VERSION, event: 'kiosk.snapshot', payload: snapshot });
  });

  it('events go to every open socket, and a closed socket is unsubscribed', async () => {
    const server = await start();
    const a = connect(server);
    const b = connect(server);
    await Promise.all([a.next((m) => m.event === 'hello'), b.next((m) => m.event === 'hello')]);
    expect(server.listeners.size).toBe(2);
    b.socket.close();
    await b.closed;
    await vi.waitFor(() => expect(server.listeners.size).toBe(1));
    server.emit(eventEnvelope('kiosk.snapshot', { rev: 2 }));
    expect(await a.next((m) => m.event === 'kiosk.snapshot')).toMatchObject({ payload: { rev: 2 } });
  });

  it('a message over maxMessageBytes closes the socket with 1009, before any handler runs', async () => {
    const server = await start({ maxMessageBytes: 1024 });
    const client = connect(server);
    await client.next((m) => m.event === 'hello');
    client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'big', method: 'kiosk.openTile', params: { tileId: 'x'.repeat(2000) } }));
    const closed = await raceClose(client.closed);
    expect(closed.code).toBe(1009);
    expect(client.messages.some((m) => (m as { id?: unknown }).id === 'big')).toBe(false);
    expect(totalHandlerCalls(server.handlers)).toBe(0);
  });

  it('a message just under the limit is served', async () => {
    const server = await start({ maxMessageBytes: 1024 });
    const client = connect(server);
    await client.opened;
    const message = JSON.stringify({ v: PROTOCOL_VERSION, id: 'ok', method: 'kiosk.openTile', params: { tileId: 'kela' } });
    expect(Buffer.byteLength(message)).toBeLessThan(1024);
    client.socket.send(message);
    expect(await client.next((m) => m.id === 'ok')).toMatchObject({ ok: true });
  });

  it('the default limit is 64 KiB', async () => {
    const server = await start();
    const client = connect(server);
    await client.opened;
    client.socket.send('x'.repeat(64 * 1024 + 1));
    expect((await raceClose(client.closed)).code).toBe(1009);
  });

  it.each([
    ['not JSON', 'hello core'],
    ['truncated JSON', '{"v":1,"id":1,'],
    ['a JSON number', '42'],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01])],
  ])('%s gets a bad-envelope reply and the socket stays open', async (_label, payload) => {
    const server = await start();
    const client = connect(server);
    await client.opened;
    client.socket.send(payload);
    const reply = await client.next((m) => m.ok === false);
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: null, ok: false, error: { code: 'bad-envelope', message: expect.any(String) } });
    client.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, id: 'after', method: 'kiosk.goHome', params: {} }));
    expect(await client.next((m) => m.id === 'after')).toMatchObject({ ok: true });
  });
});

describe('isLoopback', () => {
  it('admits the loopback addresses only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('192.168.1.5')).toBe(false);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('127.0.0.1.evil')).toBe(false);
    expect(isLoopback(undefined)).toBe(false);
    expect(isLoopback('')).toBe(false);
  });
});
