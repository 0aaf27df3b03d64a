import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Clock } from '../core/clock';
import { admitConnection, type ConnectionLimits, type ConnectionVerdict } from '../core/rate-limit';
import type { Logger } from '../log/logger';
import { sourceKey } from './auth';

export interface ConnectionGuardOptions {
  limits: ConnectionLimits;
  /** A connection silent this long after its TLS handshake, before its first request, is closed. */
  silentMs: number;
  clock: Clock;
  logger: Logger;
}

/** Sources remembered as known (a paired PC, a signed-in advisor): the most recent this many. */
const KNOWN_SOURCES = 4_096;
/** Refused connections are logged at most this often, per reason. */
const LOG_EVERY_MS = 60_000;

/**
 * Keeps one machine from taking every connection the hub has: each
 * connection is counted by its source address at the TCP level, before
 * TLS; a source over its cap is cut off at once, and the last places are
 * kept for sources the hub knows (where a paired PC or a signed-in advisor
 * has been seen). A connection that finishes TLS and then sends no request
 * is closed after `silentMs`; the handshake's own limit is the TLS server's.
 */
export class ConnectionGuard {
  private total = 0;
  private readonly bySource = new Map<string, number>();
  private readonly known = new Set<string>();
  private readonly refusals = new Map<ConnectionVerdict, { count: number; loggedAt: number | undefined }>();
  private refusedCount = 0;

  constructor(private readonly options: ConnectionGuardOptions) {}

  attach(server: Server): void {
    // Node's own hard stop, counting the same sockets.
    server.maxConnections = this.options.limits.max;
    server.on('connection', (socket: Socket) => this.onConnection(socket));
    server.on('secureConnection', (socket: TLSSocket) => {
      socket.setTimeout(this.options.silentMs);
      socket.once('timeout', () => socket.destroy());
    });
    // From its first request on, a connection is Node's to time: headers, body, keep-alive (a WebSocket: ws's).
    server.on('request', (request: IncomingMessage) => request.socket.setTimeout(0));
    server.on('upgrade', (request: IncomingMessage) => request.socket.setTimeout(0));
  }

  /** A source where a paired PC or a signed-in advisor has been seen: it keeps a place when the hub is nearly full. */
  trust(ip: string | undefined): void {
    if (!ip) return;
    const key = sourceKey(ip);
    this.known.delete(key);
    this.known.add(key);
    if (this.known.size > KNOWN_SOURCES) this.known.delete(this.known.values().next().value!);
  }

  stats(): { open: number; refused: number; sources: number } {
    return { open: this.total, refused: this.refusedCount, sources: this.bySource.size };
  }

  private onConnection(socket: Socket): void {
    const ip = socket.remoteAddress;
    if (!ip) {
      socket.destroy();
      return;
    }
    const source = sourceKey(ip);
    const fromSource = this.bySource.get(source) ?? 0;
    const verdict = admitConnection(this.options.limits, { total: this.total, fromSource, knownSource: this.known.has(source) });
    if (verdict !== 'admit') {
      this.refuse(verdict, source);
      socket.destroy();
      return;
    }
    this.total++;
    this.bySource.set(source, fromSource + 1);
    socket.once('close', () => {
      this.total--;
      const left = (this.bySource.get(source) ?? 1) - 1;
      if (left > 0) this.bySource.set(source, left);
      else this.bySource.delete(source);
    });
  }

  private refuse(verdict: ConnectionVerdict, source: string): void {
    this.refusedCount++;
    const now = this.options.clock.now();
    const entry = this.refusals.get(verdict) ?? { count: 0, loggedAt: undefined };
    entry.count++;
    if (entry.loggedAt === undefined || now - entry.loggedAt >= LOG_EVERY_MS || now < entry.loggedAt) {
      const why = { 'source-full': 'too many from one source', reserved: 'the last places are kept for known PCs and advisors', full: 'the hub is full' }[verdict as Exclude<ConnectionVerdict, 'admit'>];
      this.options.logger.warn('connections refused', { reason: why, count: entry.count, source, open: this.total });
      entry.count = 0;
      entry.loggedAt = now;
    }
    this.refusals.set(verdict, entry);
  }
}
