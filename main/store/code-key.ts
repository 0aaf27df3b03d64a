import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './database';

const KEY_BYTES = 32;

/**
 * The key that turns booking codes into keyed hashes. It lives in its own
 * file beside the database (readable by the kiosk user only), so a copy of
 * the database alone cannot be searched for codes.
 */
export function loadOrCreateCodeKey(dataDir: string): Buffer {
  const file = join(dataDir, 'code-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process (the command line) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) {
    throw new StoreError(`${file}: the code key must be ${KEY_BYTES} bytes, found ${key.length}; restore it from backup or remove it and re-create the bookings`);
  }
  try {
    chmodSync(file, 0o600);
  } catch {
    // Not every file system keeps modes (e.g. on Windows); the folder's ACL applies there.
  }
  return key;
}
