import { PROTOCOL_VERSION } from '../../preload/protocol';
import type { EventEnvelope, ReplyEnvelope, TupaBridge } from '../../preload/contract';

export type ConnectionState = 'connecting' | 'open' | 'lost';

/**
 * The typed contract over a WebSocket, for the browser preview and tests
 * (a room PC's kiosk window gets `window.tupa` from the preload instead).
 * It reconnects by itself; calls made while disconnected fail at once.
 */
export function createWsBridge(url: string, onState: (state: ConnectionState) => void): TupaBridge {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (reply: ReplyEnvelope) => void>();
  const listeners = new Set<(envelope: EventEnvelope) => void>();

  const connect = () => {
    onState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      if (performance.getEntriesByName('tupa:connected').length === 0) performance.mark('tupa:connected');
      retryMs = 250;
      onState('open');
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (data && typeof data === 'object' && 'event' in data) {
        for (const l of listeners) l(data as EventEnvelope);
      } else if (data && typeof data === 'object' && 'id' in data) {
        const reply = data as ReplyEnvelope;
        const resolve = typeof reply.id === 'number' ? pending.get(reply.id) : undefined;
        if (resolve && typeof reply.id === 'number') {
          pending.delete(reply.id);
          resolve(reply);
        }
      }
    };
    ws.onclose = () => {
      for (const [id, resolve] of pending) {
        resolve({ v: PROTOCOL_VERSION, id, ok: false, error: { code: 'internal', message: 'connection lost' } });
      }
      pending.clear();
      onState('lost');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 4000);
    };
  };
  connect();

  return {
    protocol: PROTOCOL_VERSION,
    call(method, params) {
      const id = nextId++;
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ v: PROTOCOL_VERSION, id, ok: false, error: { code: 'internal', message: 'not connected' } });
      }
      return new Promise<ReplyEnvelope>((resolve) => {
        pending.set(id, resolve);
        socket!.send(JSON.stringify({ v: PROTOCOL_VERSION, id, method, params }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
