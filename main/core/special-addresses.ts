/**
 * Special-use IP addresses: every block a resident's web page has no
 * business reaching, each with its name and where it is defined.
 *
 * Sources (as of 2025):
 * - IANA IPv4 Special-Purpose Address Registry and IANA IPv6 Special-Purpose
 *   Address Registry (RFC 6890, and the RFC each row names);
 * - IANA IPv4 Multicast Address Space Registry (RFC 5771) for 224.0.0.0/4;
 * - IANA IPv6 Address Space Registry (RFC 4291): only 2000::/3 is global
 *   unicast; every other block is reserved by the IETF, unique-local,
 *   link-local, the deprecated site-local or multicast.
 *
 * All of them are refused, the few the registries mark "globally reachable"
 * too (anycast relays, AS112, AMT, ORCHID): none serves a web page.
 *
 * Blocks that carry an IPv4 address (IPv4-mapped, IPv4-translated, NAT64's
 * well-known prefix, 6to4) are judged on that IPv4 address. The rest are
 * refused whole, including Teredo (2001::/32, inside 2001::/23), whose
 * client address is stored obfuscated (inverted) and is not worth decoding.
 *
 * Input is an address as the WHATWG URL parser or a resolver writes it
 * (dotted-decimal IPv4; IPv6 without brackets or zone). The parser already
 * turns `0x7f.1`, `2130706433`, `127.1` and `0177.0.0.1` into `127.0.0.1`;
 * anything this module cannot parse is reported as special (fail closed).
 *
 * Pure: imports nothing.
 */

export interface SpecialBlock {
  /** The block as the registry writes it. */
  readonly block: string;
  readonly name: string;
  /** The RFC(s) and registry that define it. */
  readonly source: string;
  /** Addresses in it reach this very machine (loopback, "this host"). */
  readonly thisMachine?: true;
  /**
   * The block carries an IPv4 address, which decides instead:
   * 'last-32' (the low 32 bits) or '6to4' (bits 16 to 48).
   */
  readonly embedsIPv4?: 'last-32' | '6to4';
}

const V4 = 'IANA IPv4 Special-Purpose Address Registry';
const V6 = 'IANA IPv6 Special-Purpose Address Registry';
const V6_SPACE = 'IANA IPv6 Address Space Registry';

export const SPECIAL_IPV4_BLOCKS: readonly SpecialBlock[] = [
  { block: '0.0.0.0/8', name: 'This host on this network', source: `RFC 791, RFC 1122 §3.2.1.3; ${V4}`, thisMachine: true },
  { block: '10.0.0.0/8', name: 'Private-Use', source: `RFC 1918; ${V4}` },
  { block: '100.64.0.0/10', name: 'Shared Address Space (carrier-grade NAT)', source: `RFC 6598; ${V4}` },
  { block: '127.0.0.0/8', name: 'Loopback', source: `RFC 1122 §3.2.1.3; ${V4}`, thisMachine: true },
  { block: '169.254.0.0/16', name: 'Link Local (also cloud metadata services)', source: `RFC 3927; ${V4}` },
  { block: '172.16.0.0/12', name: 'Private-Use', source: `RFC 1918; ${V4}` },
  { block: '192.0.0.0/24', name: 'IETF Protocol Assignments (service continuity, dummy, PCP and TURN anycast, NAT64 discovery)', source: `RFC 6890, RFC 7335, RFC 7600, RFC 7723, RFC 8155, RFC 8880; ${V4}` },
  { block: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', source: `RFC 5737; ${V4}` },
  { block: '192.31.196.0/24', name: 'AS112-v4', source: `RFC 7535; ${V4}` },
  { block: '192.52.193.0/24', name: 'AMT', source: `RFC 7450; ${V4}` },
  { block: '192.88.99.0/24', name: 'Deprecated (6to4 Relay Anycast), 6a44 relay', source: `RFC 7526, RFC 6751; ${V4}` },
  { block: '192.168.0.0/16', name: 'Private-Use', source: `RFC 1918; ${V4}` },
  { block: '192.175.48.0/24', name: 'Direct Delegation AS112 Service', source: `RFC 7534; ${V4}` },
  { block: '198.18.0.0/15', name: 'Benchmarking', source: `RFC 2544; ${V4}` },
  { block: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', source: `RFC 5737; ${V4}` },
  { block: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', source: `RFC 5737; ${V4}` },
  { block: '224.0.0.0/4', name: 'Multicast', source: 'RFC 5771; IANA IPv4 Multicast Address Space Registry' },
  { block: '240.0.0.0/4', name: 'Reserved', source: `RFC 1112 §4; ${V4}` },
  // Inside 240.0.0.0/4; listed on its own because the registry does.
  { block: '255.255.255.255/32', name: 'Limited Broadcast', source: `RFC 8190, RFC 919 §7; ${V4}` },
];

export const SPECIAL_IPV6_BLOCKS: readonly SpecialBlock[] = [
  { block: '::/128', name: 'Unspecified Address', source: `RFC 4291; ${V6}`, thisMachine: true },
  { block: '::1/128', name: 'Loopback Address', source: `RFC 4291; ${V6}`, thisMachine: true },
  { block: '::ffff:0:0/96', name: 'IPv4-mapped Address', source: `RFC 4291; ${V6}`, embedsIPv4: 'last-32' },
  { block: '::ffff:0:0:0/96', name: 'IPv4-translated Address (SIIT)', source: 'RFC 2765', embedsIPv4: 'last-32' },
  { block: '::/96', name: 'IPv4-compatible Address (deprecated)', source: 'RFC 4291 §2.5.5.1' },
  { block: '64:ff9b::/96', name: 'IPv4-IPv6 Translation (NAT64 well-known prefix)', source: `RFC 6052; ${V6}`, embedsIPv4: 'last-32' },
  // Its IPv4 sits at a length each network chooses: local by definition, refused whole.
  { block: '64:ff9b:1::/48', name: 'IPv4-IPv6 Translation (local use)', source: `RFC 8215; ${V6}` },
  { block: '100::/64', name: 'Discard-Only Address Block', source: `RFC 6666; ${V6}` },
  { block: '100:0:0:1::/64', name: 'Dummy IPv6 Prefix', source: `RFC 9780; ${V6}` },
  // Also 2001:1::1-3 anycast, 2001:2::/48 benchmarking, 2001:3::/32 AMT, 2001:4:112::/48
  // AS112-v6, 2001:10::/28 ORCHID, 2001:20::/28 ORCHIDv2, 2001:30::/28 DRIP: refused whole.
  { block: '2001::/23', name: 'IETF Protocol Assignments (anycast, benchmarking, AMT, AS112, ORCHID, DRIP)', source: `RFC 2928, RFC 5180, RFC 7343, RFC 7450, RFC 7535, RFC 7723, RFC 8155, RFC 9374; ${V6}` },
  // The client's IPv4 is stored inverted in the last 32 bits; the whole block is refused instead.
  { block: '2001::/32', name: 'Teredo', source: `RFC 4380, RFC 8190; ${V6}` },
  { block: '2001:db8::/32', name: 'Documentation', source: `RFC 3849; ${V6}` },
  { block: '2002::/16', name: '6to4', source: `RFC 3056; ${V6}`, embedsIPv4: '6to4' },
  { block: '2620:4f:8000::/48', name: 'Direct Delegation AS112 Service', source: `RFC 7534; ${V6}` },
  { block: '3fff::/20', name: 'Documentation', source: `RFC 9637; ${V6}` },
  { block: '5f00::/16', name: 'Segment Routing (SRv6) SIDs', source: `RFC 9602; ${V6}` },
  { block: 'fc00::/7', name: 'Unique-Local', source: `RFC 4193, RFC 8190; ${V6}` },
  { block: 'fe80::/10', name: 'Link-Local Unicast', source: `RFC 4291; ${V6}` },
  { block: 'fec0::/10', name: 'Site-Local Unicast (deprecated)', source: `RFC 3879; ${V6_SPACE}` },
  { block: 'ff00::/8', name: 'Multicast', source: `RFC 4291; ${V6_SPACE}` },
  // Everything outside 2000::/3 not named above.
  ...['::/8', '100::/8', '200::/7', '400::/6', '800::/5', '1000::/4', '4000::/3', '6000::/3', '8000::/3', 'a000::/3', 'c000::/3', 'e000::/4', 'f000::/5', 'f800::/6', 'fe00::/9'].map(
    (block): SpecialBlock => ({ block, name: 'Reserved by IETF (outside global unicast 2000::/3)', source: `RFC 4291; ${V6_SPACE}` }),
  ),
];

/** An address as 8 words of 16 bits (IPv4 as the 2 low words, with `v4` set). */
interface Parsed {
  words: number[];
  v4: boolean;
}

interface CompiledBlock {
  row: SpecialBlock;
  words: number[];
  prefix: number;
}

// Most specific first, so an address gets the row that describes it best (::1 before ::/8).
const IPV4_COMPILED = SPECIAL_IPV4_BLOCKS.map((row) => compile(row, 32)).sort((a, b) => b.prefix - a.prefix);
const IPV6_COMPILED = SPECIAL_IPV6_BLOCKS.map((row) => compile(row, 128)).sort((a, b) => b.prefix - a.prefix);

/**
 * The block that makes `address` special, or undefined for an ordinary
 * public address. An address carrying an IPv4 address is judged on it (and
 * gets that address's block). Unparseable input gets a row of its own.
 */
export function specialBlockOf(address: string): SpecialBlock | undefined {
  const parsed = parseAddress(address);
  if (!parsed) return UNPARSEABLE;
  const embedded = embeddedIPv4Of(parsed);
  if (embedded !== undefined) return specialBlockOf(embedded);
  return (parsed.v4 ? IPV4_COMPILED : IPV6_COMPILED).find((b) => inBlock(parsed.words, b))?.row;
}

export function isSpecialAddress(address: string): boolean {
  return specialBlockOf(address) !== undefined;
}

/** Whether the address reaches this very machine whatever its interfaces are (loopback, "this host", unspecified). */
export function isThisMachineAddress(address: string): boolean {
  return specialBlockOf(address)?.thisMachine === true;
}

/**
 * The IPv4 address an IPv6 address carries (IPv4-mapped, IPv4-translated,
 * NAT64's well-known prefix, 6to4), dotted; undefined when it carries none.
 */
export function embeddedIPv4(address: string): string | undefined {
  const parsed = parseAddress(address);
  return parsed ? embeddedIPv4Of(parsed) : undefined;
}

function embeddedIPv4Of(parsed: Parsed): string | undefined {
  if (parsed.v4) return undefined;
  const block = IPV6_COMPILED.find((b) => b.row.embedsIPv4 && inBlock(parsed.words, b));
  if (!block) return undefined;
  const [hi, lo] = block.row.embedsIPv4 === '6to4' ? [parsed.words[1]!, parsed.words[2]!] : [parsed.words[6]!, parsed.words[7]!];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

const UNPARSEABLE: SpecialBlock = { block: '(not an address)', name: 'Not an IP address this module understands', source: 'refused to fail closed' };

function compile(row: SpecialBlock, bits: 32 | 128): CompiledBlock {
  const [network = '', length = ''] = row.block.split('/');
  const parsed = parseAddress(network);
  const prefix = Number(length);
  if (!parsed || parsed.v4 !== (bits === 32) || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new Error(`special-addresses: bad block ${row.block}`);
  }
  return { row, words: parsed.words, prefix: bits === 32 ? 96 + prefix : prefix };
}

function inBlock(words: readonly number[], block: CompiledBlock): boolean {
  let left = block.prefix;
  for (let i = 0; i < 8 && left > 0; i += 1, left -= 16) {
    const take = Math.min(16, left);
    const mask = (0xffff << (16 - take)) & 0xffff;
    if ((words[i]! & mask) !== (block.words[i]! & mask)) return false;
  }
  return true;
}

function parseAddress(text: string): Parsed | undefined {
  if (typeof text !== 'string') return undefined;
  const v4 = parseIPv4(text);
  if (v4 !== undefined) return { words: [0, 0, 0, 0, 0, 0, v4 >>> 16, v4 & 0xffff], v4: true };
  const v6 = parseIPv6(text);
  return v6 ? { words: v6, v4: false } : undefined;
}

/** Strict dotted decimal (what the URL parser and resolvers write), as an unsigned 32-bit number. */
function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}

function parseIPv6(text: string): number[] | undefined {
  let body = text.toLowerCase();
  const tail: number[] = [];
  const dotted = /:(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]!);
    if (v4 === undefined) return undefined;
    tail.push(v4 >>> 16, v4 & 0xffff);
    // Keep the colon before the IPv4 part when it closes a "::".
    body = body.slice(0, dotted.index + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const group = (s: string): number[] | undefined => {
    if (s === '') return [];
    const parts = s.split(':');
    return parts.every((p) => /^[0-9a-f]{1,4}$/.test(p)) ? parts.map((p) => parseInt(p, 16)) : undefined;
  };
  const left = group(halves[0]!);
  const right = halves.length === 2 ? group(halves[1]!) : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  return [...left, ...new Array<number>(8 - given).fill(0), ...right, ...tail];
}
