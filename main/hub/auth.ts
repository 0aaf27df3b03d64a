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

  private readonly inFlight = new Set<string>();

  /**
   * One attempt at a time per source: many sent at once would all pass
   * `waitFor` before the first failure is counted. False: one is running.
   */
  begin(source: string): boolean {
    if (this.inFlight.has(source)) return false;
    this.inFlight.add(source);
    return true;
  }

  end(source: string): void {
    this.inFlight.delete(source);
  }
}

/**
 * Who is asking, for the slow-downs: an IPv4 address as it is (IPv4-mapped
 * IPv6 too), an IPv6 address by its /64, which one machine can fill with
 * addresses at will.
 */
export function sourceKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}

export class Busy extends Error {}

/**
 * Password hashing (scrypt) runs on Node's small thread pool, which also
 * serves files and name lookups: at most a few at once, a short queue, and
 * "busy" beyond it, so a flood of sign-ins cannot starve the hub.
 */
export class Limiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= this.maxQueued) throw new Busy('the hub is busy checking other sign-ins');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}
