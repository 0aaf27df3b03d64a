import { describe, expect, it } from 'vitest';
import {
  SPECIAL_IPV4_BLOCKS,
  SPECIAL_IPV6_BLOCKS,
  embeddedIPv4,
  isSpecialAddress,
  isThisMachineAddress,
  specialBlockOf,
} from '../../../main/core/special-addresses';

/** The blocks the review asked for, from the IANA registries, written out here apart from the module. */
const REQUIRED_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24',
  '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '255.255.255.255/32',
];
const REQUIRED_V6 = [
  '::/128', '::1/128', '::ffff:0:0/96', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001::/23', '2001::/32', '2001:db8::/32',
  '2002::/16', '3fff::/20', '5f00::/16', 'fc00::/7', 'fe80::/10', 'ff00::/8',
];

describe('the special-use address table', () => {
  it('holds every block the IANA registries name that the review listed', () => {
    const v4 = SPECIAL_IPV4_BLOCKS.map((row) => row.block);
    const v6 = SPECIAL_IPV6_BLOCKS.map((row) => row.block);
    expect(REQUIRED_V4.filter((block) => !v4.includes(block))).toEqual([]);
    expect(REQUIRED_V6.filter((block) => !v6.includes(block))).toEqual([]);
  });

  it('gives each block a name and a source, once', () => {
    const rows = [...SPECIAL_IPV4_BLOCKS, ...SPECIAL_IPV6_BLOCKS];
    for (const row of rows) {
      expect(row.name.trim(), row.block).not.toBe('');
      expect(row.source, row.block).toMatch(/RFC \d+/);
    }
    expect(new Set(rows.map((r) => r.block)).size).toBe(rows.length);
  });

  it.each([
    ['192.0.2.1', 'Documentation (TEST-NET-1)'],
    ['198.51.100.200', 'Documentation (TEST-NET-2)'],
    ['203.0.113.0', 'Documentation (TEST-NET-3)'],
    ['255.255.255.255', 'Limited Broadcast'],
    ['127.0.0.1', 'Loopback'],
    ['::1', 'Loopback Address'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8:1::1', 'Documentation'],
    ['fd00::1', 'Unique-Local'],
    ['ff02::1', 'Multicast'],
    ['8000::1', 'Reserved by IETF (outside global unicast 2000::/3)'],
  ])('%s is named "%s"', (address, name) => {
    expect(specialBlockOf(address)?.name).toBe(name);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'Loopback'],
    ['::ffff:0:10.1.2.3', '10.1.2.3', 'Private-Use'],
    ['64:ff9b::c000:201', '192.0.2.1', 'Documentation (TEST-NET-1)'],
    ['2002:cb00:7101::1', '203.0.113.1', 'Documentation (TEST-NET-3)'],
    ['::ffff:8.8.8.8', '8.8.8.8', undefined],
    ['2002:808:808::1', '8.8.8.8', undefined],
  ])('%s carries %s and is judged on it', (address, carried, name) => {
    expect(embeddedIPv4(address)).toBe(carried);
    expect(specialBlockOf(address)?.name).toBe(name);
  });

  it.each(['8.8.8.8', '193.166.3.2', '2606:4700:4700::1111', '2a00:1450:4001:80b::2004', '2001:200::1'])('%s is an ordinary public address', (address) => {
    expect(isSpecialAddress(address)).toBe(false);
    expect(embeddedIPv4(address)).toBeUndefined();
  });

  it.each(['', 'kela.fi', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '0x7f.1', '2130706433', 'fe80::1%eth0', '1::2::3', '12345::1', '[::1]', ':::'])(
    '"%s" is not an address it understands, and is refused (fail closed)',
    (text) => {
      expect(isSpecialAddress(text)).toBe(true);
    },
  );

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['0.0.0.0', true],
    ['::', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['fe80::1', false],
  ])('%s reaches this very machine: %s', (address, local) => {
    expect(isThisMachineAddress(address)).toBe(local);
  });
});
