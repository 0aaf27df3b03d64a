import { BOARD_EVENTS_PATH, BOARD_FEED_VERSION, BoardMessage, type BoardView } from '../../preload/board-contract';

export type FeedState = 'connecting' | 'open' | 'lost';

/** Waits between attempts: quick at first, then every 30 s at most, with jitter. */
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];
/** The hub pushes at least once a minute: a longer silence is a dead connection (a cable pulled, a hub frozen). */
const SILENCE_MS = 90_000;

export function feedUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BOARD_EVENTS_PATH}`;
}

/**
 * The hub's board feed: a whole board on connecting and on every change.
 * Reconnects by itself; every message is checked against the contract (one
 * that does not fit is dropped). A feed of another version means the hub
 * was upgraded under this page: it loads itself again.
 */
export function openBoardFeed(handlers: { onBoard: (board: BoardView) => void; onState: (state: FeedState) => void }, url = feedUrl()): () => void {
  let socket: WebSocket | undefined;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const drop = () => {
    clearTimeout(watchdog);
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
    socket.close();
    socket = undefined;
  };

  const lost = () => {
    drop();
    if (closed) return;
    handlers.onState('lost');
    const wait = Math.round(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]! * (0.8 + Math.random() * 0.4));
    attempt += 1;
    clearTimeout(retry);
    retry = setTimeout(connect, wait);
  };

  const heard = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(lost, SILENCE_MS);
  };

  const connect = () => {
    if (closed) return;
    drop();
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      heard();
      handlers.onState('open');
    };
    ws.onmessage = (message) => {
      heard();
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const version = (data as { version?: unknown } | null)?.version;
      if (typeof version === 'number' && version !== BOARD_FEED_VERSION) {
        location.reload();
        return;
      }
      const parsed = BoardMessage.safeParse(data);
      if (parsed.success) handlers.onBoard(parsed.data.board);
    };
    ws.onclose = lost;
    ws.onerror = lost;
  };

  handlers.onState('connecting');
  connect();
  return () => {
    closed = true;
    clearTimeout(retry);
    drop();
  };
}
