import fc from 'fast-check';
import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { SPECIAL_IPV4_BLOCKS, SPECIAL_IPV6_BLOCKS } from '../../../main/core/special-addresses';
import {
  checkUrl,
  isExplicitlyAllowedHost,
  isPrivateAddress,
  normalizeHostPattern,
  refuseRequest,
  refuseResolved,
  type UrlPolicy,
  type UrlVerdict,
} from '../../../main/shell/policy/url-policy';

const OPEN: UrlPolicy = { allow: [], deny: [], allowPrivateHosts: [], blockedOrigins: [] };

function policy(overrides: Partial<UrlPolicy>): UrlPolicy {
  return { ...OPEN, ...overrides };
}

describe('checkUrl: input that is not a URL', () => {
  it.each([
    { name: 'an empty string', raw: '' },
    { name: 'a bare host without a scheme', raw: 'kela.fi' },
    { name: 'a relative path', raw: '/asiointi' },
    { name: 'a scheme with no host', raw: 'http://' },
    { name: 'an IPv4 octet above 255', raw: 'http://999.1.1.1/' },
    { name: 'a number too big for IPv4', raw: 'http://0x100000000/' },
    { name: 'a space inside the host', raw: 'https://exa mple.fi/' },
    { name: 'an IPv6 zone identifier', raw: 'http://[fe80::1%25eth0]/' },
    { name: 'userinfo with no host at all', raw: 'https://user@' },
  ])('$name is invalid', ({ raw }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a host that is nothing but dots is invalid', () => {
    expect(checkUrl('http://./', OPEN)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('checkUrl: schemes that hand the URL to another application', () => {
  it.each([
    { name: 'an e-mail link', raw: 'mailto:neuvoja@example.fi', scheme: 'mailto' },
    { name: 'a phone number', raw: 'tel:+358401234567', scheme: 'tel' },
    { name: 'a text message', raw: 'sms:+358401234567', scheme: 'sms' },
    { name: 'a callto link', raw: 'callto:someone', scheme: 'callto' },
    { name: 'a Skype call', raw: 'skype:someone?call', scheme: 'skype' },
    { name: 'a WhatsApp link', raw: 'whatsapp://send?text=hi', scheme: 'whatsapp' },
    { name: 'a Zoom meeting in the desktop app', raw: 'zoommtg://zoom.us/join?confno=1', scheme: 'zoommtg' },
    { name: 'a Teams meeting in the desktop app', raw: 'msteams:/l/meetup-join/x', scheme: 'msteams' },
    { name: 'an Android intent', raw: 'intent://scan/#Intent;scheme=zxing;end', scheme: 'intent' },
    { name: 'an app store link', raw: 'market://details?id=fi.kela', scheme: 'market' },
    { name: 'the Windows settings app', raw: 'ms-settings:display', scheme: 'ms-settings' },
    { name: 'a Windows search of the file system', raw: 'search-ms:query=secret', scheme: 'search-ms' },
    { name: 'an upper-case custom scheme (lower-cased by the parser)', raw: 'STEAM://run/1', scheme: 'steam' },
    { name: '"localhost:8080", which parses as a scheme, not a host', raw: 'localhost:8080', scheme: 'localhost' },
  ])('$name is external-app', ({ raw, scheme }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: false, reason: 'external-app', scheme });
  });
});

describe('checkUrl: browser-internal and non-web schemes', () => {
  it.each([
    { name: 'a javascript: URL', raw: 'javascript:alert(1)', scheme: 'javascript' },
    { name: 'javascript: in mixed case', raw: 'JaVaScRiPt:alert(1)', scheme: 'javascript' },
    { name: 'javascript: with a tab inside the scheme (the parser removes it)', raw: 'java\tscript:alert(1)', scheme: 'javascript' },
    { name: 'javascript: after leading spaces', raw: '   javascript:alert(1)', scheme: 'javascript' },
    { name: 'a data: URL with HTML', raw: 'data:text/html,<script>alert(1)</script>', scheme: 'data' },
    { name: 'a blob: URL even of an allowed origin', raw: 'blob:https://kela.fi/0b9b0e0e', scheme: 'blob' },
    { name: 'a local file', raw: 'file:///C:/Windows/System32/cmd.exe', scheme: 'file' },
    { name: 'a UNC-style file URL', raw: 'file://server/share/x', scheme: 'file' },
    { name: 'a filesystem: URL', raw: 'filesystem:https://kela.fi/temporary/x', scheme: 'filesystem' },
    { name: 'about:blank', raw: 'about:blank', scheme: 'about' },
    { name: 'about:srcdoc', raw: 'about:srcdoc', scheme: 'about' },
    { name: 'a chrome:// page', raw: 'chrome://settings', scheme: 'chrome' },
    { name: 'a chrome-extension:// page', raw: 'chrome-extension://abc/index.html', scheme: 'chrome-extension' },
    { name: 'devtools', raw: 'devtools://devtools/bundled/inspector.html', scheme: 'devtools' },
    { name: 'view-source', raw: 'view-source:https://kela.fi/', scheme: 'view-source' },
    { name: 'a WebSocket', raw: 'ws://example.fi/socket', scheme: 'ws' },
    { name: 'a secure WebSocket to the hub', raw: 'wss://hub.tupa.local:8443/ws', scheme: 'wss' },
    { name: 'FTP', raw: 'ftp://files.example.fi/', scheme: 'ftp' },
    { name: "Tupa's own kiosk UI", raw: 'app://kiosk/kiosk/', scheme: 'app' },
  ])('$name is refused as a scheme', ({ raw, scheme }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: false, reason: 'scheme', scheme });
  });
});

describe('checkUrl: credentials in the URL', () => {
  it.each([
    { name: 'a userinfo trick hides the real host', raw: 'https://allowed.example@evil.example/', host: 'evil.example' },
    { name: 'a user name and password for an allowed host', raw: 'https://user:pw@kela.fi/', host: 'kela.fi' },
    { name: 'a password alone', raw: 'https://:pw@kela.fi/', host: 'kela.fi' },
    { name: 'an allowed host written as user name with an empty password', raw: 'https://kela.fi:@evil.example/', host: 'evil.example' },
    { name: 'an encoded @ inside the user name', raw: 'https://kela.fi%40x@evil.example/', host: 'evil.example' },
    { name: 'credentials in front of a private address', raw: 'http://admin:admin@192.168.1.1/', host: '192.168.1.1' },
  ])('$name', ({ raw, host }) => {
    // Even with the decoy host allowed, credentials are refused first.
    expect(checkUrl(raw, policy({ allow: ['kela.fi', 'allowed.example'] }))).toEqual({ ok: false, reason: 'credentials', host });
  });

  it('an empty userinfo ("https://@kela.fi/") is dropped by the parser and the URL passes without it', () => {
    expect(checkUrl('https://@kela.fi/', OPEN)).toEqual({ ok: true, url: 'https://kela.fi/' });
  });

  it('a backslash ends the host in http URLs, so "kela.fi\\@evil.example" goes to kela.fi', () => {
    expect(checkUrl('https://kela.fi\\@evil.example/', policy({ allow: ['kela.fi'] }))).toEqual({
      ok: true,
      url: 'https://kela.fi/@evil.example/',
    });
  });
});

describe('checkUrl: the local network is refused', () => {
  it.each([
    { name: 'localhost', raw: 'http://localhost/', host: 'localhost' },
    { name: 'LOCALHOST in capitals', raw: 'http://LOCALHOST:3000/', host: 'localhost' },
    { name: 'localhost with a trailing dot', raw: 'http://localhost./', host: 'localhost' },
    { name: 'percent-encoded localhost', raw: 'http://%6c%6fcalhost/', host: 'localhost' },
    { name: 'a subdomain of localhost', raw: 'http://api.tupa.localhost/', host: 'api.tupa.localhost' },
    { name: 'an mDNS name', raw: 'http://printer.local/', host: 'printer.local' },
    { name: "the hub's own mDNS name", raw: 'https://hub.tupa.local:8443/', host: 'hub.tupa.local' },
    { name: 'an .internal name', raw: 'http://wiki.internal/', host: 'wiki.internal' },
    { name: 'a home.arpa name', raw: 'http://nas.home.arpa/', host: 'nas.home.arpa' },
    { name: 'a .lan name', raw: 'http://router.lan/', host: 'router.lan' },
    { name: 'a .localdomain name', raw: 'http://pc1.localdomain/', host: 'pc1.localdomain' },
    { name: 'a .corp name', raw: 'http://files.corp/', host: 'files.corp' },
    { name: 'a single-label host', raw: 'http://hub/', host: 'hub' },
    { name: 'a single-label intranet', raw: 'http://intranet:8080/', host: 'intranet' },
    { name: 'a single label with a trailing dot', raw: 'http://intranet./', host: 'intranet' },
    { name: 'loopback', raw: 'http://127.0.0.1/', host: '127.0.0.1' },
    { name: 'loopback as one decimal number', raw: 'http://2130706433/', host: '127.0.0.1' },
    { name: 'loopback as one hexadecimal number', raw: 'http://0x7f000001/', host: '127.0.0.1' },
    { name: 'loopback in hex-and-short form', raw: 'http://0x7f.1/', host: '127.0.0.1' },
    { name: 'loopback in short form', raw: 'http://127.1/', host: '127.0.0.1' },
    { name: 'loopback with octal octets', raw: 'http://0177.0.0.01/', host: '127.0.0.1' },
    { name: 'loopback in full-width digits', raw: 'http://１２７.０.０.１/', host: '127.0.0.1' },
    { name: 'loopback with an encoded trailing dot', raw: 'http://127.0.0.1%2e/', host: '127.0.0.1' },
    { name: 'the far end of 127/8', raw: 'http://127.255.255.254/', host: '127.255.255.254' },
    { name: '"0", which is 0.0.0.0', raw: 'http://0/', host: '0.0.0.0' },
    { name: '0.0.0.0', raw: 'http://0.0.0.0:8443/', host: '0.0.0.0' },
    { name: '10/8', raw: 'http://10.0.0.1/', host: '10.0.0.1' },
    { name: 'the top of 10/8', raw: 'http://10.255.255.255/', host: '10.255.255.255' },
    { name: 'carrier-grade NAT', raw: 'http://100.64.0.1/', host: '100.64.0.1' },
    { name: 'the top of 100.64/10', raw: 'http://100.127.255.255/', host: '100.127.255.255' },
    { name: 'the cloud metadata address', raw: 'http://169.254.169.254/latest/', host: '169.254.169.254' },
    { name: '172.16/12 bottom', raw: 'http://172.16.0.1/', host: '172.16.0.1' },
    { name: '172.16/12 top', raw: 'http://172.31.255.255/', host: '172.31.255.255' },
    { name: '192.0.0/24', raw: 'http://192.0.0.8/', host: '192.0.0.8' },
    { name: 'a home router', raw: 'http://192.168.1.1/', host: '192.168.1.1' },
    { name: 'benchmarking 198.18/15', raw: 'http://198.19.255.255/', host: '198.19.255.255' },
    { name: 'multicast', raw: 'http://224.0.0.1/', host: '224.0.0.1' },
    { name: 'SSDP multicast', raw: 'http://239.255.255.250:1900/', host: '239.255.255.250' },
    { name: 'reserved 240/4', raw: 'http://240.0.0.1/', host: '240.0.0.1' },
    { name: 'the limited broadcast', raw: 'http://255.255.255.255/', host: '255.255.255.255' },
    { name: 'IPv6 unspecified', raw: 'http://[::]/', host: '[::]' },
    { name: 'IPv6 loopback', raw: 'http://[::1]:8443/', host: '[::1]' },
    { name: 'IPv6 loopback written in full', raw: 'http://[0:0:0:0:0:0:0:1]/', host: '[::1]' },
    { name: 'IPv6 unique local fc00::/7 (fc)', raw: 'http://[fc00::1]/', host: '[fc00::1]' },
    { name: 'IPv6 unique local fc00::/7 (fd)', raw: 'http://[fd12:3456:789a::1]/', host: '[fd12:3456:789a::1]' },
    { name: 'IPv6 link-local', raw: 'http://[fe80::1]/', host: '[fe80::1]' },
    { name: 'the top of IPv6 link-local', raw: 'http://[febf:ffff::1]/', host: '[febf:ffff::1]' },
    { name: 'deprecated IPv6 site-local', raw: 'http://[fec0::1]/', host: '[fec0::1]' },
    { name: 'IPv6 multicast', raw: 'http://[ff02::1]/', host: '[ff02::1]' },
    { name: 'IPv4-mapped loopback written dotted', raw: 'http://[::ffff:127.0.0.1]/', host: '[::ffff:7f00:1]' },
    { name: 'IPv4-mapped loopback written in hex', raw: 'http://[::ffff:7f00:1]/', host: '[::ffff:7f00:1]' },
    { name: 'IPv4-mapped home router in capitals', raw: 'HTTP://[::FFFF:C0A8:1]/', host: '[::ffff:c0a8:1]' },
    { name: 'IPv4-translated loopback', raw: 'http://[::ffff:0:127.0.0.1]/', host: '[::ffff:0:7f00:1]' },
    { name: 'IPv4-compatible loopback', raw: 'http://[::127.0.0.1]/', host: '[::7f00:1]' },
    { name: 'NAT64 of a private IPv4', raw: 'http://[64:ff9b::10.0.0.1]/', host: '[64:ff9b::a00:1]' },
    { name: 'NAT64 of loopback', raw: 'http://[64:ff9b::127.0.0.1]/', host: '[64:ff9b::7f00:1]' },
    { name: 'the local-use NAT64 prefix', raw: 'http://[64:ff9b:1::8.8.8.8]/', host: '[64:ff9b:1::808:808]' },
    { name: '6to4 of a home router', raw: 'http://[2002:c0a8:101::1]/', host: '[2002:c0a8:101::1]' },
    { name: 'TEST-NET-1', raw: 'http://192.0.2.1/', host: '192.0.2.1' },
    { name: 'TEST-NET-2', raw: 'http://198.51.100.7/', host: '198.51.100.7' },
    { name: 'TEST-NET-3', raw: 'http://203.0.113.200/', host: '203.0.113.200' },
    { name: 'TEST-NET-3 as one decimal number', raw: 'http://3405803976/', host: '203.0.113.200' },
    { name: 'TEST-NET-1 in hex-and-short form', raw: 'http://0xc0.0.0x201/', host: '192.0.2.1' },
    { name: 'the old 6to4 relay anycast block', raw: 'http://192.88.99.1/', host: '192.88.99.1' },
    { name: 'AS112', raw: 'http://192.31.196.1/', host: '192.31.196.1' },
    { name: 'AMT', raw: 'http://192.52.193.1/', host: '192.52.193.1' },
    { name: 'direct-delegation AS112', raw: 'http://192.175.48.1/', host: '192.175.48.1' },
    { name: 'IPv6 documentation 2001:db8::/32', raw: 'http://[2001:db8::1]/', host: '[2001:db8::1]' },
    { name: 'IPv6 documentation 3fff::/20', raw: 'http://[3fff:fff::1]/', host: '[3fff:fff::1]' },
    { name: 'the IPv6 discard-only block 100::/64', raw: 'http://[100::1]/', host: '[100::1]' },
    { name: 'a Teredo address (its client IPv4 is public but hidden)', raw: 'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', host: '[2001:0:4136:e378:8000:63bf:3fff:fdd2]' },
    { name: 'the IETF protocol block 2001::/23', raw: 'http://[2001:1::1]/', host: '[2001:1::1]' },
    { name: 'ORCHIDv2', raw: 'http://[2001:20::1]/', host: '[2001:20::1]' },
    { name: 'IPv6 AS112', raw: 'http://[2620:4f:8000::1]/', host: '[2620:4f:8000::1]' },
    { name: 'SRv6 segment identifiers 5f00::/16', raw: 'http://[5f00::1]/', host: '[5f00::1]' },
    { name: 'reserved IPv6 just below unique-local', raw: 'http://[fbff::1]/', host: '[fbff::1]' },
    { name: 'reserved IPv6 just below link-local', raw: 'http://[fe7f::1]/', host: '[fe7f::1]' },
    { name: 'reserved IPv6 above global unicast', raw: 'http://[4000::1]/', host: '[4000::1]' },
    { name: 'the IPv6 dummy prefix', raw: 'http://[100:0:0:1::1]/', host: '[100:0:0:1::1]' },
    { name: 'NAT64 of TEST-NET-2', raw: 'http://[64:ff9b::198.51.100.1]/', host: '[64:ff9b::c633:6401]' },
    { name: '6to4 of TEST-NET-3', raw: 'http://[2002:cb00:7101::1]/', host: '[2002:cb00:7101::1]' },
    { name: 'IPv4-mapped TEST-NET-1', raw: 'http://[::ffff:192.0.2.1]/', host: '[::ffff:c000:201]' },
  ])('$name', ({ raw, host }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: false, reason: 'private-network', host });
  });

  it('a private address stays refused even when the allow list names it', () => {
    expect(checkUrl('http://192.168.1.1/', policy({ allow: ['192.168.1.1'] }))).toMatchObject({ reason: 'private-network' });
    expect(checkUrl('http://printer.local/', policy({ allow: ['printer.local', '*.local'] }))).toMatchObject({ reason: 'private-network' });
  });
});

describe('checkUrl: public neighbours of the private ranges pass', () => {
  it.each([
    { name: 'just below 10/8', raw: 'http://9.255.255.255/' },
    { name: 'just above 10/8', raw: 'http://11.0.0.0/' },
    { name: 'just below 100.64/10', raw: 'http://100.63.255.255/' },
    { name: 'just above 100.64/10', raw: 'http://100.128.0.0/' },
    { name: 'just below 127/8', raw: 'http://126.255.255.255/' },
    { name: 'just above 127/8', raw: 'http://128.0.0.1/' },
    { name: 'just below 169.254/16', raw: 'http://169.253.255.255/' },
    { name: 'just above 169.254/16', raw: 'http://169.255.0.0/' },
    { name: 'just below 172.16/12', raw: 'http://172.15.255.255/' },
    { name: 'just above 172.16/12', raw: 'http://172.32.0.0/' },
    { name: 'just above 192.0.0/24', raw: 'http://192.0.1.0/' },
    { name: 'just below 192.168/16', raw: 'http://192.167.255.255/' },
    { name: 'just above 192.168/16', raw: 'http://192.169.0.0/' },
    { name: 'just below 198.18/15', raw: 'http://198.17.255.255/' },
    { name: 'just above 198.18/15', raw: 'http://198.20.0.0/' },
    { name: 'just below multicast', raw: 'http://223.255.255.255/' },
    { name: 'a public resolver', raw: 'http://1.1.1.1/' },
    { name: 'public IPv6', raw: 'http://[2001:4860:4860::8888]/' },
    { name: 'IPv4-mapped public address', raw: 'http://[::ffff:8.8.8.8]/' },
    { name: 'NAT64 of a public address', raw: 'http://[64:ff9b::8.8.8.8]/' },
    { name: '6to4 of a public address', raw: 'http://[2002:808:808::1]/' },
    { name: 'the bottom of global unicast 2000::/3', raw: 'http://[2000::1]/' },
    { name: 'the top of global unicast 2000::/3', raw: 'http://[3ffe:ffff::1]/' },
    { name: 'just above the IETF block 2001::/23', raw: 'http://[2001:200::1]/' },
    { name: 'just below documentation 2001:db8::/32', raw: 'http://[2001:db7:ffff::1]/' },
    { name: 'just above documentation 2001:db8::/32', raw: 'http://[2001:db9::1]/' },
    { name: 'just below documentation 3fff::/20', raw: 'http://[3ffe:ffff:ffff::1]/' },
    { name: 'just above the AS112 block 2620:4f:8000::/48', raw: 'http://[2620:4f:8001::1]/' },
    { name: 'just below TEST-NET-1', raw: 'http://192.0.1.255/' },
    { name: 'just above TEST-NET-1', raw: 'http://192.0.3.0/' },
    { name: 'just below TEST-NET-2', raw: 'http://198.51.99.255/' },
    { name: 'just above TEST-NET-2', raw: 'http://198.51.101.0/' },
    { name: 'just below TEST-NET-3', raw: 'http://203.0.112.255/' },
    { name: 'just above TEST-NET-3', raw: 'http://203.0.114.0/' },
    { name: 'just above the 6to4 relay anycast block', raw: 'http://192.88.100.0/' },
    { name: 'a public host whose first label is "localhost"', raw: 'https://localhost.example.fi/' },
    { name: 'a public host with "local" inside', raw: 'https://printer.local.example.fi/' },
    { name: 'a .fi domain named "lan"', raw: 'https://lan.fi/' },
    { name: 'a domain ending in "localhost" without a dot before it', raw: 'https://notlocalhost.fi/' },
  ])('$name', ({ raw }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: true, url: new URL(raw).href });
  });
});

describe('checkUrl: hosts the site allows on the local network', () => {
  const site = policy({ allowPrivateHosts: ['Printer.Local.', '0300.0250.1.024', 'fd00::5'] });

  it.each([
    { name: 'the listed mDNS printer', raw: 'http://printer.local/' },
    { name: 'the listed printer in capitals with a trailing dot', raw: 'http://PRINTER.LOCAL./status' },
    { name: 'the listed address (written in octal in the list)', raw: 'http://192.168.1.20/' },
    { name: 'the listed address as one decimal number', raw: 'http://3232235796/' },
    { name: 'the listed IPv6 address', raw: 'http://[fd00:0::5]:631/' },
  ])('$name passes', ({ raw }) => {
    expect(checkUrl(raw, site)).toMatchObject({ ok: true });
  });

  it.each([
    { name: 'a neighbouring address', raw: 'http://192.168.1.21/', host: '192.168.1.21' },
    { name: 'a subdomain of the listed host', raw: 'http://x.printer.local/', host: 'x.printer.local' },
    { name: 'the listed IPv4 behind an IPv4-mapped IPv6 literal (not the same entry)', raw: 'http://[::ffff:192.168.1.20]/', host: '[::ffff:c0a8:114]' },
    { name: 'another host on the same network', raw: 'http://scanner.local/', host: 'scanner.local' },
  ])('$name stays refused', ({ raw, host }) => {
    expect(checkUrl(raw, site)).toEqual({ ok: false, reason: 'private-network', host });
  });

  it('a wildcard entry opens nothing: the list names hosts, not patterns', () => {
    expect(checkUrl('http://printer.local/', policy({ allowPrivateHosts: ['*.local'] }))).toMatchObject({ reason: 'private-network' });
  });

  it('a listed host passes a non-empty allow list that does not name it (it is an explicit allowance)', () => {
    const strict = policy({ allow: ['*.kela.fi'], allowPrivateHosts: ['printer.local'] });
    expect(checkUrl('http://printer.local/', strict)).toMatchObject({ ok: true });
    expect(checkUrl('https://evil.example/', strict)).toMatchObject({ reason: 'not-allowed' });
  });

  it('a listed host is still subject to the deny list', () => {
    expect(checkUrl('http://printer.local/', policy({ allowPrivateHosts: ['printer.local'], deny: ['printer.local'] }))).toEqual({
      ok: false,
      reason: 'denied',
      host: 'printer.local',
    });
  });
});

describe("checkUrl: the hub's origin is always refused", () => {
  const hub = policy({
    allow: ['hub.example.fi', 'hub.tupa.local'],
    allowPrivateHosts: ['hub.tupa.local'],
    blockedOrigins: ['https://hub.tupa.local:8443', 'https://HUB.example.fi/console', 'not an origin'],
  });

  it.each([
    { name: 'the hub on the local network, even though the site lists it', raw: 'https://hub.tupa.local:8443/api/v1/state', host: 'hub.tupa.local' },
    { name: 'the hub in capitals with a trailing dot', raw: 'https://HUB.TUPA.LOCAL.:8443/', host: 'hub.tupa.local' },
    { name: 'a public hub (the path in the entry is ignored)', raw: 'https://hub.example.fi/', host: 'hub.example.fi' },
    { name: 'a public hub with its default port written out', raw: 'https://hub.example.fi:443/x', host: 'hub.example.fi' },
  ])('$name', ({ raw, host }) => {
    expect(checkUrl(raw, hub)).toEqual({ ok: false, reason: 'blocked-origin', host });
  });

  it.each([
    { name: 'another port of the public hub host is another origin', raw: 'https://hub.example.fi:8443/' },
    { name: 'plain http to the public hub host is another origin', raw: 'http://hub.example.fi/' },
  ])('$name', ({ raw }) => {
    expect(checkUrl(raw, hub)).toMatchObject({ ok: true });
  });

  it("the hub's origin without allowPrivateHosts is refused as private first", () => {
    expect(checkUrl('https://hub.tupa.local:8443/', policy({ blockedOrigins: ['https://hub.tupa.local:8443'] }))).toMatchObject({
      reason: 'private-network',
    });
  });
});

describe('checkUrl: allow and deny patterns', () => {
  const rows: Array<{ name: string; raw: string; rules: Partial<UrlPolicy>; expected: UrlVerdict['ok'] | string }> = [
    { name: 'an exact pattern allows its host', raw: 'https://kela.fi/', rules: { allow: ['kela.fi'] }, expected: true },
    { name: 'an exact pattern allows the host with a trailing dot', raw: 'https://kela.fi./', rules: { allow: ['kela.fi'] }, expected: true },
    { name: 'an exact pattern allows any port', raw: 'https://kela.fi:8443/', rules: { allow: ['kela.fi'] }, expected: true },
    { name: 'an exact pattern does not allow a subdomain', raw: 'https://www.kela.fi/', rules: { allow: ['kela.fi'] }, expected: 'not-allowed' },
    { name: 'a suffix lookalike is not the host', raw: 'https://kela.fi.evil.example/', rules: { allow: ['kela.fi'] }, expected: 'not-allowed' },
    { name: 'a prefix lookalike is not the host', raw: 'https://evilkela.fi/', rules: { allow: ['kela.fi'] }, expected: 'not-allowed' },
    { name: 'a Cyrillic "е" makes a different host (homograph)', raw: 'https://kеla.fi/', rules: { allow: ['kela.fi'] }, expected: 'not-allowed' },
    { name: 'a Cyrillic "а" makes a different host (homograph)', raw: 'https://kelа.fi/', rules: { allow: ['kela.fi', '*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'full-width letters are the same host after IDNA mapping', raw: 'https://ｋｅｌａ.fi/', rules: { allow: ['kela.fi'] }, expected: true },
    { name: 'an ideographic full stop is a dot after IDNA mapping', raw: 'https://kela。fi/', rules: { allow: ['kela.fi'] }, expected: true },
    { name: 'a wildcard allows a subdomain', raw: 'https://www.kela.fi/', rules: { allow: ['*.kela.fi'] }, expected: true },
    { name: 'a wildcard allows a deep subdomain', raw: 'https://a.b.kela.fi/', rules: { allow: ['*.kela.fi'] }, expected: true },
    { name: 'a wildcard does not allow the bare domain', raw: 'https://kela.fi/', rules: { allow: ['*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'a wildcard does not allow a prefix lookalike', raw: 'https://evilkela.fi/', rules: { allow: ['*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'a wildcard does not allow a suffix lookalike', raw: 'https://www.kela.fi.evil.example/', rules: { allow: ['*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'a wildcard does not allow a host ending in "kela.fi" without the dot', raw: 'https://xkela.fi/', rules: { allow: ['*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'a wildcard does not allow an empty first label', raw: 'https://.kela.fi/', rules: { allow: ['*.kela.fi'] }, expected: 'not-allowed' },
    { name: 'an IDN host in capitals matches its Unicode pattern', raw: 'https://ÄÄNI.fi/', rules: { allow: ['ääni.fi'] }, expected: true },
    { name: 'the punycode form matches the Unicode pattern', raw: 'https://xn--ni-uiaa.fi/', rules: { allow: ['ääni.fi'] }, expected: true },
    { name: 'the Unicode form matches a punycode pattern', raw: 'https://ääni.fi/', rules: { allow: ['XN--NI-UIAA.FI'] }, expected: true },
    { name: 'an IDN wildcard matches an IDN subdomain', raw: 'https://www.ÄÄNI.fi/', rules: { allow: ['*.ääni.fi'] }, expected: true },
    { name: 'a public IP literal can be allowed', raw: 'http://193.166.3.2/', rules: { allow: ['193.166.3.2'] }, expected: true },
    { name: 'the allowed IP written as one number', raw: 'http://3248882434/', rules: { allow: ['193.166.3.2'] }, expected: true },
    { name: 'a wildcard never matches inside an IP address', raw: 'http://193.166.3.2/', rules: { allow: ['*.166.3.2'] }, expected: 'not-allowed' },
    { name: 'an empty allow list allows every public host', raw: 'https://www.nordea.fi/', rules: { allow: [] }, expected: true },
    { name: 'a deny pattern refuses its host', raw: 'https://chat.kela.fi/', rules: { deny: ['chat.kela.fi'] }, expected: 'denied' },
    { name: 'deny wins over an allowing wildcard', raw: 'https://chat.kela.fi/', rules: { allow: ['*.kela.fi'], deny: ['chat.kela.fi'] }, expected: 'denied' },
    { name: 'deny leaves the other subdomains allowed', raw: 'https://www.kela.fi/', rules: { allow: ['*.kela.fi'], deny: ['chat.kela.fi'] }, expected: true },
    { name: 'a deny wildcard refuses subdomains', raw: 'https://x.ads.example/', rules: { deny: ['*.ads.example'] }, expected: 'denied' },
    { name: 'a deny wildcard leaves the bare domain', raw: 'https://ads.example/', rules: { deny: ['*.ads.example'] }, expected: true },
    { name: 'a deny pattern in capitals with a trailing dot still matches', raw: 'https://evil.example/', rules: { deny: ['EVIL.example.'] }, expected: 'denied' },
    { name: 'a deny pattern matches the host written with a trailing dot', raw: 'https://evil.example./', rules: { deny: ['evil.example'] }, expected: 'denied' },
    { name: 'a malformed allow pattern allows nothing', raw: 'https://kela.fi/', rules: { allow: ['kela.fi/asiointi'] }, expected: 'not-allowed' },
  ];

  it.each(rows)('$name', ({ raw, rules, expected }) => {
    const verdict = checkUrl(raw, policy(rules));
    if (expected === true) expect(verdict).toEqual({ ok: true, url: new URL(raw).href });
    else expect(verdict).toMatchObject({ ok: false, reason: expected });
  });

  it('reports the canonical host of a refused URL', () => {
    expect(checkUrl('https://KELA.FI.evil.example./x', policy({ allow: ['kela.fi'] }))).toEqual({
      ok: false,
      reason: 'not-allowed',
      host: 'kela.fi.evil.example',
    });
  });
});

describe('checkUrl: the verdict carries the normalized URL', () => {
  it.each([
    { name: 'scheme and host are lower-cased, the default port and dot segments dropped', raw: 'HTTPS://KELA.FI:443/a/../b?q=1#x', url: 'https://kela.fi/b?q=1#x' },
    { name: 'an IDN host becomes punycode', raw: 'https://ääni.fi/', url: 'https://xn--ni-uiaa.fi/' },
    { name: 'surrounding white space is removed', raw: '  https://kela.fi/  ', url: 'https://kela.fi/' },
    { name: 'a scheme-relative-looking http URL gets its slashes', raw: 'http:kela.fi', url: 'http://kela.fi/' },
  ])('$name', ({ raw, url }) => {
    expect(checkUrl(raw, OPEN)).toEqual({ ok: true, url });
  });
});

describe('checkUrl: the order of the checks', () => {
  it.each([
    { name: 'a non-web scheme is judged before anything about hosts', raw: 'javascript://kela.fi/%0aalert(1)', rules: { allow: ['kela.fi'] }, reason: 'scheme' },
    { name: 'credentials are judged before the private network', raw: 'http://user@localhost/', rules: {}, reason: 'credentials' },
    { name: 'the private network is judged before blocked origins', raw: 'http://10.0.0.5/', rules: { blockedOrigins: ['http://10.0.0.5'] }, reason: 'private-network' },
    { name: 'blocked origins are judged before the deny list', raw: 'https://hub.example.fi/', rules: { blockedOrigins: ['https://hub.example.fi'], deny: ['hub.example.fi'] }, reason: 'blocked-origin' },
    { name: 'the deny list is judged before the allow list', raw: 'https://evil.example/', rules: { allow: ['kela.fi'], deny: ['evil.example'] }, reason: 'denied' },
  ])('$name', ({ raw, rules, reason }) => {
    expect(checkUrl(raw, policy(rules))).toMatchObject({ ok: false, reason });
  });
});

describe('normalizeHostPattern', () => {
  it.each([
    { name: 'lower-cases', pattern: 'KELA.FI', expected: 'kela.fi' },
    { name: 'removes a trailing dot', pattern: 'kela.fi.', expected: 'kela.fi' },
    { name: 'trims white space', pattern: '  kela.fi ', expected: 'kela.fi' },
    { name: 'keeps the wildcard and normalizes the rest', pattern: '*.Kela.FI.', expected: '*.kela.fi' },
    { name: 'turns Unicode into punycode', pattern: 'ÄÄNI.fi', expected: 'xn--ni-uiaa.fi' },
    { name: 'keeps punycode as it is', pattern: 'xn--ni-uiaa.fi', expected: 'xn--ni-uiaa.fi' },
    { name: 'canonicalizes a short IPv4 form', pattern: '0x7f.1', expected: '127.0.0.1' },
    { name: 'brackets a bare IPv6 address', pattern: '::1', expected: '[::1]' },
    { name: 'compresses a bracketed IPv6 address', pattern: '[FD00:0:0::5]', expected: '[fd00::5]' },
    { name: 'refuses an empty pattern', pattern: '', expected: '' },
    { name: 'refuses a URL instead of a host', pattern: 'https://kela.fi', expected: '' },
    { name: 'refuses a path after the host', pattern: 'kela.fi/asiointi', expected: '' },
    { name: 'refuses a port', pattern: 'kela.fi:443', expected: '' },
    { name: 'refuses user info', pattern: 'user@kela.fi', expected: '' },
    { name: 'refuses a bare star', pattern: '*', expected: '' },
    { name: 'refuses a star without its dot', pattern: '*kela.fi', expected: '' },
    { name: 'refuses a star in the middle', pattern: 'kela.*.fi', expected: '' },
    { name: 'refuses an empty label', pattern: 'kela..fi', expected: '' },
    { name: 'refuses a space inside', pattern: 'ke la.fi', expected: '' },
    { name: 'refuses a wildcard over IPv4', pattern: '*.127.0.0.1', expected: '' },
    { name: 'refuses a wildcard over IPv6', pattern: '*.[::1]', expected: '' },
  ])('$name', ({ pattern, expected }) => {
    expect(normalizeHostPattern(pattern)).toBe(expected);
  });
});

/** The refused IPv4 ranges, written out here independently of the module. */
const PRIVATE_V4: Array<[number, number]> = [
  [0x00000000, 8],
  [0x0a000000, 8],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
  [0xac100000, 12],
  [0xc0000000, 24],
  [0xc0000200, 24], // TEST-NET-1
  [0xc01fc400, 24], // AS112
  [0xc034c100, 24], // AMT
  [0xc0586300, 24], // 6to4 relay anycast
  [0xc0a80000, 16],
  [0xc0af3000, 24], // direct-delegation AS112
  [0xc6120000, 15],
  [0xc6336400, 24], // TEST-NET-2
  [0xcb007100, 24], // TEST-NET-3
  [0xe0000000, 4],
  [0xf0000000, 4],
];

function inPrivateV4(ip: number): boolean {
  return PRIVATE_V4.some(([net, prefix]) => ip >>> (32 - prefix) === net >>> (32 - prefix));
}

function dotted(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

describe('checkUrl: properties', () => {
  const privateIp = fc
    .tuple(fc.constantFrom(...PRIVATE_V4), fc.integer({ min: 0, max: 0xffffffff }))
    .map(([[net, prefix], bits]) => (net | (bits & (0xffffffff >>> prefix))) >>> 0);

  it('any private IPv4 address is refused in every notation the parser accepts', () => {
    fc.assert(
      fc.property(privateIp, fc.constantFrom('dotted', 'decimal', 'hex', 'mapped', 'nat64'), (ip, form) => {
        const host = {
          dotted: dotted(ip),
          decimal: String(ip),
          hex: `0x${ip.toString(16)}`,
          mapped: `[::ffff:${dotted(ip)}]`,
          nat64: `[64:ff9b::${dotted(ip)}]`,
        }[form];
        const verdict = checkUrl(`http://${host}/`, OPEN);
        expect(verdict).toMatchObject({ ok: false, reason: 'private-network' });
      }),
    );
  });

  it('any public IPv4 address passes an open policy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }).filter((ip) => !inPrivateV4(ip)),
        (ip) => {
          expect(checkUrl(`https://${dotted(ip)}/`, OPEN)).toEqual({ ok: true, url: `https://${dotted(ip)}/` });
        },
      ),
    );
  });

  it('any name under a local-only suffix is refused', () => {
    fc.assert(
      fc.property(fc.domain(), fc.constantFrom('localhost', 'local', 'internal', 'home.arpa', 'lan'), (name, suffix) => {
        expect(checkUrl(`https://${name}.${suffix}/`, OPEN)).toMatchObject({ ok: false, reason: 'private-network' });
      }),
    );
  });

  it('"*.kela.fi" allows a host exactly when its canonical name ends in ".kela.fi"', () => {
    const host = fc.oneof(fc.domain(), fc.domain().map((d) => `${d}.kela.fi`), fc.domain().map((d) => `${d}kela.fi`));
    fc.assert(
      fc.property(host, (name) => {
        const verdict = checkUrl(`https://${name}/`, policy({ allow: ['*.kela.fi'] }));
        const expected = new URL(`https://${name}/`).hostname.endsWith('.kela.fi');
        expect(verdict.ok).toBe(expected);
      }),
    );
  });
});

describe('requests a page makes (not only navigations)', () => {
  const policy = { allowPrivateHosts: ['printer.local', '192.168.1.20'], blockedOrigins: ['https://hub.tupa.example:8443'] };

  it.each([
    ['a fetch to a router on the local network', 'http://192.168.1.1/admin', true],
    ['an image from loopback', 'http://127.0.0.1:8080/x.png', true],
    ['a WebSocket to loopback', 'ws://localhost:9222/devtools', true],
    ['a secure WebSocket to the hub', 'wss://hub.tupa.example:8443/api', true],
    ['a fetch to the hub', 'https://hub.tupa.example:8443/x', true],
    ['the hub host on another port is another origin', 'https://hub.tupa.example/x', false],
    ['a script from a public CDN', 'https://cdn.example.com/app.js', false],
    ['a listed printer page', 'http://printer.local/status', false],
    ['a listed private address', 'http://192.168.1.20/', false],
    ['a data: image is left to the page', 'data:image/png;base64,AAAA', false],
    ['a blob: URL is left to the page', 'blob:https://kela.fi/1234', false],
    ['garbage is left to Chromium', 'not a url', false],
  ])('%s', (_name, url, refused) => {
    expect(refuseRequest(url, policy)).toBe(refused);
  });

  it.each([
    ['10.0.0.5', true],
    ['127.0.0.1', true],
    ['::1', true],
    ['fe80::1', true],
    ['::ffff:192.168.0.1', true],
    ['93.184.216.34', false],
    ['2606:4700:4700::1111', false],
  ])('a name resolving to %s is %s for private', (address, isPrivate) => {
    expect(isPrivateAddress(address)).toBe(isPrivate);
  });

  it('an explicitly allowed host is recognised however it is written', () => {
    expect(isExplicitlyAllowedHost('PRINTER.local.', policy)).toBe(true);
    expect(isExplicitlyAllowedHost('printer.local.evil.example', policy)).toBe(false);
  });
});

/** Eight 16-bit words of an IPv6 address (test-side parser, no dotted tail). */
function v6Words(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function v6Text(words: readonly number[]): string {
  return words.map((w) => w.toString(16)).join(':');
}

/** A random address inside a block: the block's prefix, random bits after it. */
function inV6Block(block: string) {
  const [network = '', length = '0'] = block.split('/');
  const prefix = Number(length);
  const base = v6Words(network);
  return fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((random) =>
    v6Text(
      base.map((word, i) => {
        const keep = Math.max(0, Math.min(16, prefix - i * 16));
        const mask = (0xffff << (16 - keep)) & 0xffff;
        return (word & mask) | (random[i]! & ~mask & 0xffff);
      }),
    ),
  );
}

function inV4Block(block: string) {
  const [network = '', length = '0'] = block.split('.').length === 4 ? block.split('/') : [];
  const base = network.split('.').reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
  const hostBits = 32 - Number(length);
  return fc.integer({ min: 0, max: 0xffffffff }).map((bits) => dotted((base | (hostBits === 32 ? bits : bits & ((2 ** hostBits) - 1))) >>> 0));
}

describe('every special-use block is refused unless the site lists the address', () => {
  const v4Blocks = SPECIAL_IPV4_BLOCKS.map((row) => row.block);
  const v6Whole = SPECIAL_IPV6_BLOCKS.filter((row) => !row.embedsIPv4).map((row) => row.block);

  it('every IPv4 address in each block, in navigation and in any request, unless allowPrivateHosts names it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...v4Blocks).chain(inV4Block), fc.boolean(), (address, listed) => {
        const rules = policy({ allowPrivateHosts: listed ? [address] : [] });
        expect(checkUrl(`https://${address}/`, rules).ok).toBe(listed);
        expect(refuseRequest(`wss://${address}:9443/x`, rules)).toBe(!listed);
        expect(isPrivateAddress(address)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('every IPv6 address in each block refused whole, unless allowPrivateHosts names it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...v6Whole).chain(inV6Block), fc.boolean(), (address, listed) => {
        const rules = policy({ allowPrivateHosts: listed ? [address] : [] });
        expect(checkUrl(`https://[${address}]/`, rules).ok).toBe(listed);
        expect(refuseRequest(`http://[${address}]:8080/`, rules)).toBe(!listed);
        expect(isPrivateAddress(address)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('an IPv6 address carrying an IPv4 one (mapped, translated, NAT64, 6to4) is judged on that IPv4', () => {
    const carriers = fc.constantFrom(
      (v4: number) => `::ffff:${dotted(v4)}`,
      (v4: number) => `::ffff:0:${dotted(v4)}`,
      (v4: number) => `64:ff9b::${dotted(v4)}`,
      (v4: number) => `2002:${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}::1`,
    );
    fc.assert(
      fc.property(carriers, fc.integer({ min: 0, max: 0xffffffff }), (carry, v4) => {
        const address = carry(v4);
        expect(checkUrl(`https://[${address}]/`, OPEN).ok).toBe(!inPrivateV4(v4));
        expect(isPrivateAddress(address)).toBe(inPrivateV4(v4));
      }),
      { numRuns: 2_000 },
    );
  });

  it('outside 2000::/3 nothing passes; inside it, only the listed blocks are refused', () => {
    const oracle = new BlockList();
    for (const block of v6Whole) {
      const [network = '', length = ''] = block.split('/');
      oracle.addSubnet(network, Number(length), 'ipv6');
    }
    fc.assert(
      fc.property(fc.oneof(inV6Block('::/0'), inV6Block('2000::/3'), fc.constantFrom(...v6Whole).chain(inV6Block)), (address) => {
        const words = v6Words(address);
        const carries = words[0] === 0x2002;
        fc.pre(!carries);
        const global = (words[0]! & 0xe000) === 0x2000;
        expect(isPrivateAddress(address)).toBe(!global || oracle.check(address, 'ipv6'));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('this PC and the hub running on it', () => {
  const HUB_PORT = 8443;
  const pc = (overrides: Partial<UrlPolicy> = {}): UrlPolicy =>
    policy({ machineHosts: ['192.168.1.23', '193.166.3.2', '2a00:1450:4001:80b::2004', 'fe80::a1:2', 'kiosk-3', 'kiosk-3.local', 'tupa-hub.kaupunki.fi'], embeddedHubPorts: [HUB_PORT], ...overrides });
  const publicV4 = fc.integer({ min: 0, max: 0xffffffff }).filter((ip) => !inPrivateV4(ip)).map(dotted);
  const anyV4 = fc.integer({ min: 0, max: 0xffffffff }).map(dotted);
  const globalV6 = inV6Block('2a00::/12');
  const pcAddress = fc.oneof(anyV4, publicV4, globalV6);
  const port = fc.oneof(fc.constant(HUB_PORT), fc.integer({ min: 1, max: 65535 }));
  const scheme = fc.constantFrom('http', 'https', 'ws', 'wss');
  const url = (s: string, address: string, p: number) => `${s}://${address.includes(':') ? `[${address}]` : address}:${p}/`;

  it('every address of the PC is refused at every port, in every scheme and request', () => {
    fc.assert(
      fc.property(pcAddress, port, scheme, (address, p, s) => {
        const rules = policy({ machineHosts: [address], embeddedHubPorts: [HUB_PORT] });
        expect(refuseRequest(url(s, address, p), rules)).toBe(true);
        if (s.startsWith('http')) expect(checkUrl(url(s, address, p), rules).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it("every address of the PC is refused at the hub's port even when allowPrivateHosts names it", () => {
    fc.assert(
      fc.property(pcAddress, scheme, (address, s) => {
        const rules = policy({ machineHosts: [address], embeddedHubPorts: [HUB_PORT], allowPrivateHosts: [address], allow: [address] });
        expect(refuseRequest(url(s, address, HUB_PORT), rules)).toBe(true);
        if (s.startsWith('http')) expect(checkUrl(url(s, address, HUB_PORT), rules)).toMatchObject({ ok: false, reason: 'blocked-origin' });
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['its public IPv4 address', 'https://193.166.3.2/'],
    ['its public IPv4 address as one number', 'https://3248882434:8080/'],
    ['its public IPv4 address inside an IPv4-mapped IPv6 literal', 'http://[::ffff:193.166.3.2]/'],
    ['its public IPv4 address through NAT64', 'http://[64:ff9b::c1a6:302]/'],
    ['its public IPv4 address through 6to4', 'http://[2002:c1a6:302::1]/'],
    ['its public IPv6 address', 'https://[2a00:1450:4001:80b::2004]/'],
    ['its host name as configured for the hub', 'https://tupa-hub.kaupunki.fi/'],
    ['its host name in capitals with a trailing dot', 'https://TUPA-HUB.kaupunki.fi./'],
  ])('%s is refused', (_name, raw) => {
    expect(checkUrl(raw, pc())).toMatchObject({ ok: false, reason: 'private-network' });
    expect(refuseRequest(raw, pc())).toBe(true);
  });

  it.each([
    ['loopback', 'https://127.0.0.1:8443/advisor/'],
    ['another loopback address', 'https://127.8.9.10:8443/'],
    ['localhost', 'https://localhost:8443/'],
    ['a name under localhost', 'https://hub.localhost:8443/'],
    ['0.0.0.0', 'http://0.0.0.0:8443/'],
    ['IPv6 loopback', 'https://[::1]:8443/'],
    ['the PC in the LAN', 'https://192.168.1.23:8443/'],
    ['the PC by its mDNS name', 'https://kiosk-3.local:8443/'],
    ['the PC by its bare name', 'https://kiosk-3:8443/'],
    ['the PC by its hub name', 'https://tupa-hub.kaupunki.fi:8443/'],
    ['the PC by its link-local IPv6 address', 'https://[fe80::a1:2]:8443/'],
    ['plain http to the hub port', 'http://192.168.1.23:8443/'],
  ])("the hub's port on %s stays refused whatever the lists say", (_name, raw) => {
    const host = new URL(raw).hostname;
    const rules = pc({ allowPrivateHosts: [host, 'localhost', '127.0.0.1', '::1'], allow: [host] });
    expect(checkUrl(raw, rules)).toMatchObject({ ok: false, reason: 'blocked-origin' });
    expect(refuseRequest(raw.replace(/^http/, 'ws'), rules)).toBe(true);
  });

  it('a service on the PC the site names (an ID-card reader on localhost) is reachable on its own port only', () => {
    const rules = pc({ allowPrivateHosts: ['localhost'] });
    expect(refuseRequest('https://localhost:53952/version', rules)).toBe(false);
    expect(refuseRequest('https://localhost:8443/', rules)).toBe(true);
    expect(refuseRequest('https://127.0.0.1:53952/version', rules)).toBe(true);
  });

  it('without a hub on the PC, no port is special (a paired PC)', () => {
    const rules = pc({ embeddedHubPorts: [], allowPrivateHosts: ['192.168.1.23'] });
    expect(checkUrl('https://192.168.1.23:8443/', rules)).toMatchObject({ ok: true });
  });

  it('public hosts are untouched by the PC list', () => {
    expect(checkUrl('https://kela.fi/', pc())).toMatchObject({ ok: true });
    expect(checkUrl('https://193.166.3.3/', pc())).toMatchObject({ ok: true });
    expect(refuseRequest('https://cdn.example.com:8443/app.js', pc())).toBe(false);
  });
});

describe('a public name judged by what it resolves to', () => {
  const rules = policy({ allowPrivateHosts: ['printer.local', 'localhost'], machineHosts: ['193.166.3.2'], embeddedHubPorts: [8443] });

  it.each([
    ['a public name resolving to loopback', 'https://rebind.example/', ['127.0.0.1'], true],
    ['a public name resolving to TEST-NET-3', 'https://x.example/', ['203.0.113.5'], true],
    ['a public name resolving to documentation IPv6', 'https://x.example/', ['2001:db8::5'], true],
    ['a public name with one private answer among public ones', 'https://x.example/', ['93.184.216.34', '10.0.0.1'], true],
    ["a public name resolving to the PC's public address", 'https://x.example/', ['193.166.3.2'], true],
    ["a public name resolving to the PC's address through NAT64", 'https://x.example/', ['64:ff9b::c1a6:302'], true],
    ['a public name resolving to public addresses', 'https://kela.fi/', ['93.184.216.34', '2606:4700:4700::1111'], false],
    ['a listed local name resolving to the LAN', 'http://printer.local/', ['192.168.1.50'], false],
    ['a listed name resolving to loopback on another port', 'https://localhost:53952/', ['127.0.0.1'], false],
    ["a listed name resolving to loopback at the hub's port", 'wss://localhost:8443/ws', ['::1'], true],
    ['no answer at all', 'https://nx.example/', [], false],
    ['a scheme that is not a request', 'data:text/plain,x', ['127.0.0.1'], false],
  ])('%s', (_name, raw, addresses, refused) => {
    expect(refuseResolved(raw, addresses, rules)).toBe(refused);
  });

  it('any special-use answer refuses an unlisted public name', () => {
    const special = fc.oneof(
      fc.constantFrom(...SPECIAL_IPV4_BLOCKS.map((r) => r.block)).chain(inV4Block),
      fc.constantFrom(...SPECIAL_IPV6_BLOCKS.filter((r) => !r.embedsIPv4).map((r) => r.block)).chain(inV6Block),
    );
    fc.assert(
      fc.property(special, fc.constantFrom('https://a.example/', 'http://cdn.example.com/x.png', 'wss://chat.example/ws'), (address, raw) => {
        expect(refuseResolved(raw, ['93.184.216.34', address], rules)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
