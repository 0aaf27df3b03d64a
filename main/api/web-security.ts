import { createServer as createHttpsServer, type Server } from 'node:https';
import type { FastifyInstance } from 'fastify';

/**
 * What every page Tupa serves over HTTP(S) may load: its own scripts,
 * styles and API, nothing inline, no frames, no form posts (the consoles'
 * forms are sent by script). The hub's advisor console, the city's
 * dashboard and the browser preview share it.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The security headers on every answer: the CSP, no sniffing, no referrer,
 * no framing, same-origin isolation, HSTS over HTTPS, and nothing cached
 * unless `cacheable` says so (hashed assets).
 */
export function addSecurityHeaders(app: FastifyInstance, options: { https: boolean; cacheable?: (url: string) => boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', PAGE_CSP);
    reply.header('X-Frame-Options', 'DENY');
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (options.https) reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (!options.cacheable?.(request.url)) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}

/**
 * fastify's serverFactory for HTTPS whose requests (headers and body) must
 * arrive within `requestTimeoutMs`: a body trickled forever is cut off.
 * Node checks that only every connectionsCheckingInterval (30 s by
 * default): here every second. `handshakeTimeoutMs` bounds the TLS
 * handshake (Node's default: 120 s).
 */
export function httpsServerFactory(tls: { key: string; cert: string }, requestTimeoutMs: number, handshakeTimeoutMs?: number) {
  return (handler: Parameters<typeof createHttpsServer>[1]): Server =>
    createHttpsServer(
      {
        key: tls.key,
        cert: tls.cert,
        minVersion: 'TLSv1.2',
        // Node waits 120 s for a TLS handshake: a connection that never starts one holds its place that long.
        ...(handshakeTimeoutMs !== undefined ? { handshakeTimeout: handshakeTimeoutMs } : {}),
        requestTimeout: requestTimeoutMs,
        headersTimeout: Math.min(requestTimeoutMs, 10_000),
        connectionsCheckingInterval: 1_000,
      },
      handler,
    );
}
