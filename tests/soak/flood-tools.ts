/**
 * Floods for the hub's flood tests and the soak run (loopback only): idle
 * TCP connections that never start TLS, and a WebSocket sending one
 * message as fast as it can.
 */
import { connect, type Socket } from 'node:net';
import type WebSocket from 'ws';

export interface IdleFlood {
  /** Connections opened (TCP connected, or refused outright). */
  attempted: number;
  /** Connections the hub still holds open. */
  held(): number;
  /** Connections the hub has closed (refused at once, or timed out). */
  closed(): number;
  stop(): void;
}

const BATCH = 100;

/**
 * Opens `count` TCP connections from each source address (127.0.0.0/8) to
 * the hub and sends nothing on them. Resolves once every one has connected
 * or failed, and the hub has closed none for `settleMs` (the ones it refuses
 * are closed by then).
 */
export async function idleFlood(port: number, sources: ReadonlyArray<{ address: string; count: number }>, settleMs = 200): Promise<IdleFlood> {
  for (const { address } of sources) if (!address.startsWith('127.')) throw new Error(`floods stay on loopback, not ${address}`);
  const sockets: Socket[] = [];
  let closed = 0;
  const plan = sources.flatMap(({ address, count }) => Array.from({ length: count }, () => address));
  for (let i = 0; i < plan.length; i += BATCH) {
    // In batches, so the listen backlog is not what refuses them.
    await Promise.all(
      plan.slice(i, i + BATCH).map(
        (localAddress) =>
          new Promise<void>((resolve) => {
            const socket = connect({ host: '127.0.0.1', port, localAddress });
            sockets.push(socket);
            socket.on('error', () => undefined);
            socket.once('close', () => {
              closed++;
              resolve();
            });
            socket.once('connect', () => resolve());
          }),
      ),
    );
  }
  // The kernel completes a TCP handshake before the hub accepts it: wait until the hub has stopped closing them.
  for (let seen = -1, waited = 0; seen !== closed && waited < 10_000; waited += settleMs) {
    seen = closed;
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  }
  return {
    attempted: sockets.length,
    held: () => sockets.length - closed,
    closed: () => closed,
    stop: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

export interface MessageFlood {
  /** Messages handed to the socket so far. */
  sent(): number;
  /** Stops sending; resolves with the count sent. */
  stop(): Promise<number>;
}

/**
 * Sends `message` on the socket as fast as it goes until stopped (or the
 * socket closes), yielding to the event loop between batches and waiting
 * while more than `maxBufferedBytes` are unsent, so the sender's own memory
 * stays bounded.
 */
export function floodMessages(socket: WebSocket, message: string, maxBufferedBytes = 4 * 1024 * 1024): MessageFlood {
  let sent = 0;
  let running = true;
  const done = (async () => {
    while (running && socket.readyState === socket.OPEN) {
      if (socket.bufferedAmount < maxBufferedBytes) {
        for (let i = 0; i < 200; i++) socket.send(message);
        sent += 200;
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  })();
  return {
    sent: () => sent,
    stop: async () => {
      running = false;
      await done;
      return sent;
    },
  };
}
