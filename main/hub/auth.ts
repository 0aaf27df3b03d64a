import { createHash, randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_BYTES = 32;

/** An advisor's password, stored as scrypt$N$r$p$salt$hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_BYTES, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A bearer token (device or advisor session): 32 random bytes; stored only as its SHA-256. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A pairing code: 8 digits from a CSPRNG. */
export function newPairingCode(): string {
  return randomInt(100_000_000).toString().padStart(8, '0');
}

/**
 * Failed attempts slow down per source instead of locking an account (a
 * locked advisor could not answer a call): after a few failures from one
 * address, it must wait, longer each time, up to a minute.
 */
export class SlowDown {
  private readonly failures = new Map<string, { count: number; until: number }>();
  private readonly freeAttempts: number;
  private readonly maxWaitMs: number;

  constructor(options: { freeAttempts?: number; maxWaitMs?: number } = {}) {
    this.freeAttempts = options.freeAttempts ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Milliseconds the source must still wait (0: may try now). */
  waitFor(source: string, now: number): number {
    const entry = this.failures.get(source);
    return entry ? Math.max(0, entry.until - now) : 0;
  }

  failed(source: string, now: number): void {
    const entry = this.failures.get(source) ?? { count: 0, until: 0 };
    entry.count++;
    const over = entry.count - this.freeAttempts;
    entry.until = over > 0 ? now + Math.min(this.maxWaitMs, 1_000 * 2 ** (over - 1)) : 0;
    this.failures.set(source, entry);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(source: string): void {
    this.failures.delete(source);
  }
}
