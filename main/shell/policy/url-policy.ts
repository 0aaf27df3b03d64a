/**
 * Where the untrusted web view may go.
 *
 * Pure: the Electron handlers (will-navigate, will-frame-navigate,
 * will-redirect, setWindowOpenHandler, loadURL) ask `checkUrl` and act on the
 * verdict. Every decision is made on the WHATWG URL parser's canonical form,
 * never on the raw string, so that encodings (`%6c`, full-width digits,
 * `0x7f.1`, `2130706433`, upper case, IDN) cannot smuggle a host past a rule.
 *
 * IP addresses are judged against the special-use table in
 * main/core/special-addresses.ts (the IANA special-purpose registries).
 * A public name that resolves to such an address (`127.0.0.1.nip.io`) is
 * judged by `refuseResolved` on the resolver's answer; a name that resolves
 * differently a moment later (DNS rebinding) can still slip through, which
 * only the host firewall can stop.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { embeddedIPv4, isSpecialAddress, isThisMachineAddress } from '../../core/special-addresses';

export interface UrlPolicy {
  /** Host patterns: "kela.fi" (that host only) or "*.kela.fi" (any subdomain, not kela.fi itself); empty = every public host. */
  allow: readonly string[];
  /** Same patterns; deny always wins. */
  deny: readonly string[];
  /** Hosts or IP literals on the local network the site explicitly allows (exact entries, no wildcards). */
  allowPrivateHosts: readonly string[];
  /** Origins that are always refused even if allowed (the site hub's own origin). */
  blockedOrigins: readonly string[];
  /**
   * This PC's own addresses and host names: local, so refused like the
   * private network unless allowPrivateHosts names them. Loopback,
   * "localhost" and 0.0.0.0 count as this PC whatever the list says.
   */
  machineHosts?: readonly string[] | undefined;
  /** The ports a site hub running on this PC listens on: refused on every address and name of this PC, whatever the lists say. */
  embeddedHubPorts?: readonly number[] | undefined;
}

export type UrlVerdict =
  | { ok: true; url: string }
  | {
      ok: false;
      reason: 'invalid' | 'external-app' | 'scheme' | 'credentials' | 'private-network' | 'blocked-origin' | 'denied' | 'not-allowed';
      host?: string;
      scheme?: string;
    };

const WEB_SCHEMES = new Set(['http', 'https']);

/**
 * Schemes that are part of the browser or of Tupa itself. They are refused
 * quietly ('scheme'); every other scheme would hand the URL to an operating
 * system application, which the shell reports differently ('external-app').
 * `app` is Tupa's own UI scheme: the web view must never load the kiosk UI.
 */
const BROWSER_SCHEMES = new Set([
  'javascript', 'data', 'blob', 'file', 'filesystem', 'about', 'chrome', 'chrome-extension', 'chrome-untrusted',
  'chrome-error', 'devtools', 'view-source', 'ws', 'wss', 'ftp', 'app',
]);

/**
 * Suffixes that never name a public internet host: RFC 6761/6762 special
 * names, RFC 8375 home.arpa, ICANN's .internal, and the private TLDs listed
 * in RFC 6762 appendix G (plus the common Linux "localdomain").
 */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'lan', 'localdomain', 'intranet', 'private', 'corp', 'corporate', 'home'];

/** Lower case, punycode, no trailing dot; IPv6 literals in brackets; '' for a pattern that can never match. */
export function normalizeHostPattern(pattern: string): string {
  let p = pattern.trim().toLowerCase();
  let wildcard = '';
  if (p.startsWith('*.')) {
    wildcard = '*.';
    p = p.slice(2);
  }
  const bare = p.startsWith('[') && p.endsWith(']') ? p.slice(1, -1) : p;
  if (isIPv6(bare)) {
    // A wildcard over an address is meaningless; refuse rather than guess.
    return wildcard ? '' : new URL(`http://[${bare}]/`).hostname;
  }
  // domainToASCII silently drops a path or port ("kela.fi/x" -> "kela.fi"),
  // which would widen a rule; such input is a mistake, so it matches nothing.
  if (p === '' || /[\s/\\?#@:%*[\]]/.test(p)) return '';
  const ascii = stripTrailingDots(domainToASCII(p));
  if (ascii === '' || ascii.split('.').some((label) => label === '')) return '';
  if (wildcard && isIPv4(ascii)) return '';
  return wildcard + ascii;
}

/** The origin as `checkUrl` compares it (scheme://host[:port], no trailing dot), or '' if it has none. */
export function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin.trim());
  } catch {
    return '';
  }
  if (url.origin === 'null' || url.hostname === '') return '';
  return `${url.protocol}//${stripTrailingDots(url.hostname)}${url.port ? `:${url.port}` : ''}`;
}

export function checkUrl(raw: string, policy: UrlPolicy): UrlVerdict {
  let url: URL;
  try {
    // No base URL: a relative or scheme-less string is not a destination.
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid' };
  }

  const scheme = url.protocol.slice(0, -1);
  if (!WEB_SCHEMES.has(scheme)) {
    return { ok: false, reason: BROWSER_SCHEMES.has(scheme) ? 'scheme' : 'external-app', scheme };
  }

  // "https://kela.fi@evil.example/" shows a trusted name and goes elsewhere;
  // no public e-service needs credentials in the URL.
  const host = stripTrailingDots(url.hostname);
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials', host };
  if (host === '') return { ok: false, reason: 'invalid' };

  // An entry in allowPrivateHosts is an explicit allowance by the site: it
  // lifts both the private-network refusal and the allow list, but not the
  // blocked origins or the deny list.
  const explicitlyAllowed = policy.allowPrivateHosts.some((entry) => normalizeHostPattern(entry) === host);
  if (!explicitlyAllowed && (isPrivateHost(host) || isMachineHost(host, policy))) return { ok: false, reason: 'private-network', host };

  if (isHubDestination(url, host, policy)) return { ok: false, reason: 'blocked-origin', host };

  if (policy.deny.some((p) => matchesPattern(host, p))) return { ok: false, reason: 'denied', host };

  if (!explicitlyAllowed && policy.allow.length > 0 && !policy.allow.some((p) => matchesPattern(host, p))) {
    return { ok: false, reason: 'not-allowed', host };
  }
  return { ok: true, url: url.href };
}

/** `host` is the parser's canonical hostname without trailing dots. */
function matchesPattern(host: string, rawPattern: string): boolean {
  const pattern = normalizeHostPattern(rawPattern);
  if (pattern === '') return false;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1); // ".kela.fi": the dot keeps "evilkela.fi" out
    return host.endsWith(suffix) && host.length > suffix.length && !host.startsWith('[') && !isIPv4(host);
  }
  return host === pattern;
}

/** True for every host the web view must not reach unless the site lists it. */
export function isPrivateHost(host: string): boolean {
  if (host.startsWith('[')) return isSpecialAddress(host.slice(1, -1));
  if (isIPv4(host)) return isSpecialAddress(host);
  // A single label ("hub", "intranet") is resolved through the local search domain.
  if (!host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/** `host` (canonical, IPv6 in brackets) is this PC: loopback and the like, "localhost", or one of its own addresses and names. */
function isMachineHost(host: string, policy: Pick<UrlPolicy, 'machineHosts'>): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  const isAddress = host.startsWith('[') || isIPv4(host);
  if (isAddress && isThisMachineAddress(bare)) return true;
  const own = new Set((policy.machineHosts ?? []).map(normalizeHostPattern).filter((h) => h !== ''));
  if (own.has(host)) return true;
  // "[::ffff:192.0.2.7]" or a NAT64/6to4 form of one of this PC's IPv4 addresses reaches it too.
  const carried = isAddress ? embeddedIPv4(bare) : undefined;
  return carried !== undefined && own.has(carried);
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'ws:': 80, 'https:': 443, 'wss:': 443 };

/** The hub's origins, and the ports of a hub running on this PC on any of its addresses and names, in any scheme. */
function isHubDestination(url: URL, host: string, policy: Pick<UrlPolicy, 'blockedOrigins' | 'machineHosts' | 'embeddedHubPorts'>): boolean {
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (port !== undefined && (policy.embeddedHubPorts ?? []).includes(port) && isMachineHost(host, policy)) return true;
  // A WebSocket to the hub is the hub: compare as http(s).
  const origin = normalizeOrigin(`${url.protocol.replace(/^ws/, 'http')}//${url.host}`);
  return policy.blockedOrigins.some((o) => normalizeOrigin(o) === origin);
}

function stripTrailingDots(host: string): string {
  return host.replace(/\.+$/, '');
}

const REQUEST_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);

type RequestPolicy = Pick<UrlPolicy, 'allowPrivateHosts' | 'blockedOrigins' | 'machineHosts' | 'embeddedHubPorts'>;

/**
 * For every request a page makes (images, scripts, fetch, WebSockets,
 * frames): no allow list applies, since pages load from many hosts, but the
 * local network, this PC and the hub stay out of reach. Schemes other than
 * http(s) and ws(s) are left to the navigation checks.
 */
export function refuseRequest(raw: string, policy: RequestPolicy): boolean {
  const url = requestUrl(raw);
  if (!url) return false;
  const host = stripTrailingDots(url.hostname);
  if (isHubDestination(url, host, policy)) return true;
  if (policy.allowPrivateHosts.some((entry) => normalizeHostPattern(entry) === host)) return false;
  return isPrivateHost(host) || isMachineHost(host, policy);
}

/**
 * For the addresses a request's host name resolved to: refused when one of
 * them is special-use or this PC (a public name pointing inside), unless the
 * site lists the name; always when it reaches the hub on this PC.
 */
export function refuseResolved(raw: string, addresses: readonly string[], policy: RequestPolicy): boolean {
  const url = requestUrl(raw);
  if (!url) return false;
  const listed = isExplicitlyAllowedHost(url.hostname, policy);
  return addresses.some((address) => {
    const host = address.includes(':') ? `[${address}]` : address;
    if (isHubDestination(url, host, { ...policy, blockedOrigins: [] })) return true;
    return !listed && (isSpecialAddress(address) || isMachineHost(host, policy));
  });
}

function requestUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return REQUEST_SCHEMES.has(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** For an address a host name resolved to (DNS rebinding: a public name pointing inside). */
export function isPrivateAddress(address: string): boolean {
  return isSpecialAddress(address);
}

export function isExplicitlyAllowedHost(host: string, policy: Pick<UrlPolicy, 'allowPrivateHosts'>): boolean {
  const normalized = stripTrailingDots(host.toLowerCase());
  return policy.allowPrivateHosts.some((entry) => normalizeHostPattern(entry) === normalized);
}
