import type { AdvisorEvent } from '../../preload/hub-contract';

export type LinkState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  /** Lost: the next attempt is at `retryAt` (Date.now() time). */
  | { kind: 'lost'; retryAt: number }
  /** The hub closed the channel because this browser is not signed in (any more). */
  | { kind: 'signed-out' };

export interface EventLink {
  /** Try again now (the advisor pressed "Reconnect", or the network came back). */
  retryNow(): void;
  /** The hub could not be reached by other means: treat the channel as dead and reconnect. */
  abandon(): void;
  close(): void;
}

/** Waits between attempts: quick at first, then every 30 s at most, with some jitter so consoles do not reconnect in step. */
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
export const SIGNED_OUT_CLOSE_CODE = 4401;

export function eventsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
}

/**
 * The hub's push channel (WebSocket at /api/events): a full board first,
 * then deltas. Reconnects by itself with backoff; each new connection starts
 * with a full board again, so nothing missed meanwhile stays missed.
 */
export function openEventLink(handlers: { onEvent: (event: AdvisorEvent) => void; onState: (state: LinkState) => void }, url = eventsUrl()): EventLink {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const detach = (ws: WebSocket) => {
    ws.onopen = null;
    ws.onmessage = null;
    ws.onclose = null;
    ws.onerror = null;
  };

  const scheduleRetry = () => {
    if (closed) return;
    const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]!;
    attempt += 1;
    const wait = Math.round(base * (0.8 + Math.random() * 0.4));
    clearTimeout(timer);
    timer = setTimeout(connect, wait);
    handlers.onState({ kind: 'lost', retryAt: Date.now() + wait });
  };

  const connect = () => {
    if (closed) return;
    clearTimeout(timer);
    if (socket) {
      detach(socket);
      socket.close();
    }
    handlers.onState({ kind: 'connecting' });
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      handlers.onState({ kind: 'open' });
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') handlers.onEvent(data as AdvisorEvent);
    };
    ws.onclose = (event) => {
      detach(ws);
      socket = undefined;
      if (closed) return;
      if (event.code === SIGNED_OUT_CLOSE_CODE) {
        handlers.onState({ kind: 'signed-out' });
        return;
      }
      scheduleRetry();
    };
  };

  const onOnline = () => {
    if (!socket) connect();
  };
  window.addEventListener('online', onOnline);
  connect();

  return {
    retryNow() {
      if (closed) return;
      attempt = 0;
      connect();
    },
    abandon() {
      if (closed || !socket) return;
      const ws = socket;
      detach(ws);
      socket = undefined;
      ws.close();
      scheduleRetry();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      if (socket) {
        detach(socket);
        socket.close();
        socket = undefined;
      }
    },
  };
}
