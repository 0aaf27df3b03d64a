import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A booking code: six digits, from a CSPRNG. */
export const CODE_PATTERN = /^\d{6}$/;

export function generateCode(random: (max: number) => number = randomInt): string {
  return random(1_000_000).toString().padStart(6, '0');
}

/**
 * Codes are never stored in clear: the PC keeps HMAC-SHA256(key, code), with
 * a key that lives outside the database, so a copied database alone does not
 * give the million candidates away.
 */
export function hashCode(key: Buffer, code: string): Buffer {
  return createHmac('sha256', key).update(code, 'utf8').digest();
}

/** Constant-time equality of two hashes. */
export function hashesEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The candidate whose hash equals `hash`, comparing against every candidate
 * (no early exit), so the time taken does not tell which one matched.
 */
export function findByHash<T extends { codeHash: Buffer }>(candidates: readonly T[], hash: Buffer): T | undefined {
  let found: T | undefined;
  for (const candidate of candidates) {
    const equal = hashesEqual(candidate.codeHash, hash);
    if (equal && !found) found = candidate;
  }
  return found;
}
