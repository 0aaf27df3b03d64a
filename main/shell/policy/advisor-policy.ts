import { X509Certificate } from 'node:crypto';

/**
 * The advisor role's window: the hub's console from this very machine, in
 * a normal window. Pure decisions, asked by the Electron wiring
 * (main/shell/advisor-window.ts) and tested in Node.
 */

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Where the window loads the console: the hub in this process, over loopback. */
export function consoleUrl(port: number): string {
  return `https://localhost:${port}/advisor/`;
}

/** The window may only show the hub's own pages (no links out, no other sites). */
export function isConsolePage(url: string, port: number): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && LOOPBACK.has(u.hostname) && Number(u.port) === port;
  } catch {
    return false;
  }
}

/**
 * The console asks for desktop notifications (help calls); nothing else, and
 * only its own pages may ask.
 */
export function advisorPermission(permission: string, requestingUrl: string, port: number): boolean {
  return permission === 'notifications' && isConsolePage(requestingUrl, port);
}

/**
 * Chromium does not know the site CA: the window trusts the hub's server
 * certificate exactly (the one the hub in this process serves, read from its
 * database), for loopback names only. 'trust' for that certificate,
 * 'refuse' for any other one on loopback, 'default' (Chromium's own check)
 * for other hosts, which the window never visits anyway.
 */
export function hubCertificateDecision(hostname: string, presentedPem: string, hubPem: string): 'trust' | 'refuse' | 'default' {
  if (!LOOPBACK.has(hostname)) return 'default';
  try {
    return new X509Certificate(presentedPem).fingerprint256 === new X509Certificate(hubPem).fingerprint256 ? 'trust' : 'refuse';
  } catch {
    return 'refuse';
  }
}
