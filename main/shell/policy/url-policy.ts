/**
 * Where the untrusted web view may go.
 *
 * Pure: the Electron handlers (will-navigate, will-frame-navigate,
 * will-redirect, setWindowOpenHandler, loadURL) ask `checkUrl` and act on the
 * verdict. Every decision is made on the WHATWG URL parser's canonical form,
 * never on the raw string, so that encodings (`%6c`, full-width digits,
 * `0x7f.1`, `2130706433`, upper case, IDN) cannot smuggle a host past a rule.
 *
 * What this cannot see: a public name that resolves to a private address
 * (DNS rebinding, `127.0.0.1.nip.io`). That needs a check on the address the
 * network stack actually connected to; this module only judges the URL.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

export interface UrlPolicy {
  /** Host patterns: "kela.fi" (that host only) or "*.kela.fi" (any subdomain, not kela.fi itself); empty = every public host. */
  allow: readonly string[];
  /** Same patterns; deny always wins. */
  deny: readonly string[];
  /** Hosts or IP literals on the local network the site explicitly allows (exact entries, no wildcards). */
  allowPrivateHosts: readonly string[];
  /** Origins that are always refused even if allowed (the site hub's own origin). */
  blockedOrigins: readonly string[];
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

/** [network, prefix length]: loopback, RFC 1918, CGNAT, link-local, benchmarking, multicast, reserved. */
const PRIVATE_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4], // includes the limited broadcast 255.255.255.255
];

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
  if (!explicitlyAllowed && isPrivateHost(host)) return { ok: false, reason: 'private-network', host };

  const origin = normalizeOrigin(url.href);
  if (policy.blockedOrigins.some((o) => normalizeOrigin(o) === origin)) return { ok: false, reason: 'blocked-origin', host };

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
  if (host.startsWith('[')) return isPrivateIPv6(host.slice(1, -1));
  if (isIPv4(host)) return isPrivateIPv4(ipv4ToInt(host));
  // A single label ("hub", "intranet") is resolved through the local search domain.
  if (!host.includes('.')) return true;
  return PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

function isPrivateIPv4(ip: number): boolean {
  return PRIVATE_IPV4.some(([network, prefix]) => {
    const shift = 32 - prefix;
    return ip >>> shift === ipv4ToInt(network) >>> shift;
  });
}

function isPrivateIPv6(address: string): boolean {
  const w = ipv6Words(address);
  if (!w) return true; // not an address we understand: refuse
  const zero = (from: number, to: number): boolean => w.slice(from, to).every((x) => x === 0);
  const embedded = (hi: number, lo: number): boolean => isPrivateIPv4(((hi << 16) | lo) >>> 0);

  // ::/96 holds ::, ::1 and the deprecated IPv4-compatible form (::7f00:1);
  // none of it is a public destination.
  if (zero(0, 6)) return true;
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-translated ::ffff:0:a.b.c.d reach the embedded IPv4.
  if (zero(0, 5) && w[5] === 0xffff) return embedded(w[6]!, w[7]!);
  if (zero(0, 4) && w[4] === 0xffff && w[5] === 0) return embedded(w[6]!, w[7]!);
  // NAT64: the well-known prefix carries the IPv4 target; the local-use prefix is local by definition.
  if (w[0] === 0x64 && w[1] === 0xff9b && zero(2, 6)) return embedded(w[6]!, w[7]!);
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) return true;
  // 6to4 (2002::/16) tunnels to the IPv4 in the next 32 bits.
  if (w[0] === 0x2002) return embedded(w[1]!, w[2]!);
  const first = w[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xffc0) === 0xfec0 || // fec0::/10 deprecated site-local
    (first & 0xff00) === 0xff00 // ff00::/8 multicast
  );
}

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** Eight 16-bit words of an IPv6 address (with or without a dotted IPv4 tail), or undefined. */
function ipv6Words(address: string): number[] | undefined {
  if (!isIPv6(address)) return undefined;
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToInt(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = tail === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  const words = [...left, ...fill, ...right];
  return words.length === 8 ? words : undefined;
}

function stripTrailingDots(host: string): string {
  return host.replace(/\.+$/, '');
}

const REQUEST_SCHEMES: Record<string, string> = { http: 'http', https: 'https', ws: 'http', wss: 'https' };

/**
 * For every request a page makes (images, scripts, fetch, WebSockets,
 * frames): no allow list applies, since pages load from many hosts, but the
 * local network and the blocked origins stay out of reach. Schemes other
 * than http(s) and ws(s) are left to the navigation checks.
 */
export function refuseRequest(raw: string, policy: Pick<UrlPolicy, 'allowPrivateHosts' | 'blockedOrigins'>): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const webScheme = REQUEST_SCHEMES[url.protocol.slice(0, -1)];
  if (!webScheme) return false;
  const host = stripTrailingDots(url.hostname);
  // A WebSocket to the hub is the hub: compare as http(s).
  const origin = normalizeOrigin(`${webScheme}://${url.host}`);
  if (policy.blockedOrigins.some((o) => normalizeOrigin(o) === origin)) return true;
  if (policy.allowPrivateHosts.some((entry) => normalizeHostPattern(entry) === host)) return false;
  return isPrivateHost(host);
}

/** For an address a host name resolved to (DNS rebinding: a public name pointing inside). */
export function isPrivateAddress(address: string): boolean {
  return isPrivateHost(address.includes(':') ? `[${address}]` : address);
}

export function isExplicitlyAllowedHost(host: string, policy: Pick<UrlPolicy, 'allowPrivateHosts'>): boolean {
  const normalized = stripTrailingDots(host.toLowerCase());
  return policy.allowPrivateHosts.some((entry) => normalizeHostPattern(entry) === normalized);
}
