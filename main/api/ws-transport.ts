import type { FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Router, Sender } from './router';
import { PROTOCOL_VERSION, type EventEnvelope } from '../../preload/contract';

export interface WsTransportOptions {
  path: string;
  router: Router;
  onEvent: (listener: (envelope: EventEnvelope) => void) => () => void;
  /** What a new connection receives at once (the current state), saving it a round trip. */
  greeting?: () => EventEnvelope[];
  /** Origins whose pages may open the socket (the page the server itself serves). */
  allowedOrigins: () => string[];
  maxMessageBytes?: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isLoopback(address: string | undefined): boolean {
  return !!address && LOOPBACK.has(address);
}

/**
 * The typed contract over a WebSocket: for the browser preview and tests
 * only. A packaged kiosk never starts it (it speaks IPC). Connections must
 * come from loopback with an allowed Origin; every message then goes
 * through the same router as IPC.
 */
export async function registerWsTransport(app: FastifyInstance, options: WsTransportOptions): Promise<void> {
  const maxPayload = options.maxMessageBytes ?? 64 * 1024;
  await app.register(websocket, { options: { maxPayload } });
  app.get(options.path, { websocket: true }, (socket, request) => {
    const origin = request.headers.origin;
    if (!isLoopback(request.socket.remoteAddress) || !origin || !options.allowedOrigins().includes(origin)) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    const sender: Sender = { transport: 'ws', remoteAddress: request.socket.remoteAddress ?? '', origin };
    const unsubscribe = options.onEvent((envelope) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(envelope));
    });
    socket.send(JSON.stringify({ v: PROTOCOL_VERSION, event: 'hello', payload: { protocol: PROTOCOL_VERSION } }));
    for (const envelope of options.greeting?.() ?? []) socket.send(JSON.stringify(envelope));
    socket.on('message', async (data: Buffer) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString('utf8'));
      } catch {
        message = undefined;
      }
      const reply = await options.router.call(sender, message);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
    });
    socket.on('close', unsubscribe);
    socket.on('error', unsubscribe);
  });
}
