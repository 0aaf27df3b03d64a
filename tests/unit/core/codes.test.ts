import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { CODE_PATTERN, findByHash, findCodes, generateCode, hashCode, hashesEqual, openCode, pcCodeKey, sealCode } from '../../../main/core/codes';

const KEY = Buffer.from('a key that lives outside the database');

describe('generateCode', () => {
  it('asks the injected random source for a number below one million', () => {
    const random = vi.fn((_max: number) => 123_456);
    expect(generateCode(random)).toBe('123456');
    expect(random).toHaveBeenCalledTimes(1);
    expect(random).toHaveBeenCalledWith(1_000_000);
  });

  it('pads small numbers with zeros to six digits', () => {
    expect(generateCode(() => 0)).toBe('000000');
    expect(generateCode(() => 7)).toBe('000007');
    expect(generateCode(() => 42)).toBe('000042');
    expect(generateCode(() => 99_999)).toBe('099999');
    expect(generateCode(() => 999_999)).toBe('999999');
  });

  it('turns every number the random source may give into six digits that read back as that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        const code = generateCode(() => n);
        expect(code).toMatch(CODE_PATTERN);
        expect(code).toHaveLength(6);
        expect(Number(code)).toBe(n);
      }),
    );
  });

  it('gives six-digit codes from the default CSPRNG, and not always the same one', () => {
    const codes = Array.from({ length: 200 }, () => generateCode());
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('CODE_PATTERN accepts exactly six digits', () => {
    expect(CODE_PATTERN.test('012345')).toBe(true);
    expect(CODE_PATTERN.test('12345')).toBe(false);
    expect(CODE_PATTERN.test('1234567')).toBe(false);
    expect(CODE_PATTERN.test('12345a')).toBe(false);
    expect(CODE_PATTERN.test(' 123456')).toBe(false);
  });
});

describe('hashCode', () => {
  it('is HMAC-SHA256 (known test vector)', () => {
    const digest = hashCode(Buffer.from('key'), 'The quick brown fox jumps over the lazy dog');
    expect(digest.toString('hex')).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('gives the same 32-byte hash for the same key and code', () => {
    const a = hashCode(KEY, '123456');
    const b = hashCode(Buffer.from(KEY), '123456');
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(true);
  });

  it('is keyed: the same code under another key hashes differently', () => {
    const a = hashCode(KEY, '123456');
    const b = hashCode(Buffer.from('another site key'), '123456');
    expect(a.equals(b)).toBe(false);
  });

  it('does not store the code in clear', () => {
    const h = hashCode(KEY, '123456');
    expect(h.toString('hex')).not.toContain(Buffer.from('123456').toString('hex'));
    expect(h.toString('utf8')).not.toContain('123456');
  });

  it('different codes under one key give different hashes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), (a, b) => {
        fc.pre(a !== b);
        const ca = generateCode(() => a);
        const cb = generateCode(() => b);
        expect(hashCode(KEY, ca).equals(hashCode(KEY, cb))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe('hashesEqual', () => {
  it('is true for equal hashes and false for different ones', () => {
    const a = hashCode(KEY, '111111');
    expect(hashesEqual(a, Buffer.from(a))).toBe(true);
    expect(hashesEqual(a, hashCode(KEY, '111112'))).toBe(false);
  });

  it('is false (and does not throw) for hashes of different lengths', () => {
    const a = hashCode(KEY, '111111');
    expect(() => hashesEqual(a, a.subarray(0, 16))).not.toThrow();
    expect(hashesEqual(a, a.subarray(0, 16))).toBe(false);
    expect(hashesEqual(Buffer.alloc(0), a)).toBe(false);
  });

  it('a difference in the last byte counts', () => {
    const a = hashCode(KEY, '111111');
    const b = Buffer.from(a);
    b[31] = (b[31]! + 1) % 256;
    expect(hashesEqual(a, b)).toBe(false);
  });
});

describe('findByHash', () => {
  const bookings = Array.from({ length: 50 }, (_, i) => ({
    id: `b${i}`,
    codeHash: hashCode(KEY, generateCode(() => i * 7919)),
  }));

  it('finds the one booking whose code matches among many', () => {
    const found = findByHash(bookings, hashCode(KEY, generateCode(() => 31 * 7919)));
    expect(found?.id).toBe('b31');
  });

  it('finds the first and the last candidate', () => {
    expect(findByHash(bookings, hashCode(KEY, '000000'))?.id).toBe('b0');
    expect(findByHash(bookings, hashCode(KEY, generateCode(() => 49 * 7919)))?.id).toBe('b49');
  });

  it('returns undefined when no code matches, or when there are no candidates', () => {
    expect(findByHash(bookings, hashCode(KEY, '999999'))).toBeUndefined();
    expect(findByHash([], hashCode(KEY, '000000'))).toBeUndefined();
  });

  it('does not match a code hashed under a different key', () => {
    expect(findByHash(bookings, hashCode(Buffer.from('other key'), '000000'))).toBeUndefined();
  });

  it('returns the first of two candidates with the same hash', () => {
    const h = hashCode(KEY, '555555');
    const found = findByHash([{ id: 'x', codeHash: hashCode(KEY, '1') }, { id: 'first', codeHash: h }, { id: 'second', codeHash: h }], h);
    expect(found?.id).toBe('first');
  });

  it('compares against every candidate, even after a match (no early exit)', () => {
    const target = hashCode(KEY, '000001');
    let reads = 0;
    const candidates = Array.from({ length: 10 }, (_, i) => {
      const codeHash = hashCode(KEY, generateCode(() => i + 1));
      return {
        id: `c${i}`,
        get codeHash() {
          reads++;
          return codeHash;
        },
      };
    });
    expect(findByHash(candidates, target)?.id).toBe('c0');
    expect(reads).toBe(10);
  });
});

describe('a PC\'s own code key (pcCodeKey)', () => {
  const SITE = Buffer.alloc(32, 9);

  it('is the same for the same PC, another for another PC, and never the site\'s key', () => {
    const one = pcCodeKey(SITE, 'pc-1');
    expect(one).toHaveLength(32);
    expect(pcCodeKey(SITE, 'pc-1').equals(one)).toBe(true);
    expect(pcCodeKey(SITE, 'pc-2').equals(one)).toBe(false);
    expect(pcCodeKey(Buffer.alloc(32, 8), 'pc-1').equals(one)).toBe(false);
    expect(one.equals(SITE)).toBe(false);
  });

  it('makes a code hashed for one PC match nothing typed at another', () => {
    const atPc1 = hashCode(pcCodeKey(SITE, 'pc-1'), '123456');
    expect(hashesEqual(hashCode(pcCodeKey(SITE, 'pc-2'), '123456'), atPc1)).toBe(false);
    expect(hashesEqual(hashCode(SITE, '123456'), atPc1)).toBe(false);
    expect(hashesEqual(hashCode(pcCodeKey(SITE, 'pc-1'), '123456'), atPc1)).toBe(true);
  });
});

describe('sealed codes at the hub (sealCode, openCode)', () => {
  const SITE = Buffer.alloc(32, 5);

  it('opens what it sealed, each seal different, the code not in clear', () => {
    const a = sealCode(SITE, '070707');
    const b = sealCode(SITE, '070707');
    expect(openCode(SITE, a)).toBe('070707');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('070707');
  });

  it('opens nothing sealed under another site\'s key, altered, or cut short', () => {
    const sealed = sealCode(SITE, '070707');
    expect(openCode(Buffer.alloc(32, 6), sealed)).toBeUndefined();
    const altered = Buffer.from(sealed);
    altered[14]! ^= 1;
    expect(openCode(SITE, altered)).toBeUndefined();
    expect(openCode(SITE, sealed.subarray(0, 20))).toBeUndefined();
    expect(openCode(SITE, Buffer.alloc(0))).toBeUndefined();
  });
});

describe('findCodes: what anyone holding a key and its hashes can do', () => {
  it('finds the codes behind several hashes in one pass, as HMAC-SHA256 made them', () => {
    const key = Buffer.alloc(32, 3);
    const found = findCodes(key, [hashCode(key, '000042'), hashCode(key, '012345'), hashCode(key, '000000')]);
    expect(new Map(found)).toEqual(
      new Map([
        [hashCode(key, '000000').toString('hex'), '000000'],
        [hashCode(key, '000042').toString('hex'), '000042'],
        [hashCode(key, '012345').toString('hex'), '012345'],
      ]),
    );
  });

  it('finds nothing for no hashes, and refuses a key HMAC would hash first', () => {
    expect(findCodes(Buffer.alloc(32), []).size).toBe(0);
    expect(() => findCodes(Buffer.alloc(65), [Buffer.alloc(32)])).toThrow('64 bytes');
  });
});
