import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** A booking code: six digits, from a CSPRNG. */
export const CODE_PATTERN = /^\d{6}$/;

export function generateCode(random: (max: number) => number = randomInt): string {
  return random(1_000_000).toString().padStart(6, '0');
}

/** How many codes there are: six digits. Whoever holds a key and a hash made with it tries them all in seconds. */
export const CODE_COUNT = 1_000_000;

/**
 * Codes are never stored in clear: the PC keeps HMAC-SHA256(key, code), with
 * a key that lives outside the database, so a copied database alone does not
 * give the million candidates away. (The key and the hash together do:
 * CODE_COUNT tries. Codes are short-lived by design for that reason.)
 */
export function hashCode(key: Buffer, code: string): Buffer {
  return createHmac('sha256', key).update(code, 'utf8').digest();
}

/**
 * The key a paired PC hashes typed codes with: its own, derived from the
 * site's key and the PC's id, so what one PC holds fits no other PC's
 * bookings and gives nothing of the site's key away.
 */
export function pcCodeKey(siteKey: Buffer, pcId: string): Buffer {
  return createHmac('sha256', siteKey).update(`pc:${pcId}`, 'utf8').digest();
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const sealingKey = (siteKey: Buffer) => createHmac('sha256', siteKey).update('seal:booking-codes', 'utf8').digest();

/**
 * A booking's code as the hub keeps it, so it can hash it for whichever PC
 * the booking is on (and again when it moves): AES-256-GCM under a key
 * derived from the site's. The hub's database holds the site key too, so
 * this hides the code from a glance, not from whoever holds the database.
 */
export function sealCode(siteKey: Buffer, code: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(siteKey), nonce);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** The code sealed with this site key, or undefined when it was sealed with another key or altered. */
export function openCode(siteKey: Buffer, sealed: Buffer): string | undefined {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(siteKey), sealed.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The codes behind these hashes, found the way anyone holding the key can:
 * by trying every code, once for all the hashes (HMAC-SHA256 by hand over
 * one reused buffer, some seconds for the million). The hub uses it once,
 * to re-key bookings made before each PC had a key of its own. Returns
 * hash (hex) → code for the hashes found.
 */
export function findCodes(key: Buffer, hashes: readonly Buffer[]): Map<string, string> {
  const wanted = new Set(hashes.map((h) => h.toString('hex')));
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  const block = 64;
  // HMAC would hash a longer key first; the code keys are 32 bytes.
  if (key.length > block) throw new Error('findCodes takes keys of up to 64 bytes');
  const inner = Buffer.alloc(block + 6);
  const outer = Buffer.alloc(block + 32);
  for (let i = 0; i < block; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  for (let n = 0; n < CODE_COUNT && found.size < wanted.size; n++) {
    const code = String(n).padStart(6, '0');
    inner.write(code, block, 'latin1');
    hash('sha256', inner, 'buffer').copy(outer, block);
    const digest = hash('sha256', outer, 'hex');
    if (wanted.has(digest)) found.set(digest, code);
  }
  return found;
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
