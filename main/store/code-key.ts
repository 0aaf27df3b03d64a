import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './database';
import { ownerOnly, writePrivateFile } from './private-file';

const KEY_BYTES = 32;
const FILE = 'code-key';

/**
 * The key that turns booking codes into keyed hashes. It lives in its own
 * file beside the database (readable by the kiosk user only), so a copy of
 * the database alone cannot be searched for codes. A PC on its own makes
 * its key here; a paired PC is given one by its hub, its own (never the
 * site's), and keeps it with saveCodeKey.
 */
export function loadOrCreateCodeKey(dataDir: string): Buffer {
  const file = join(dataDir, FILE);
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
  ownerOnly(file);
  return key;
}

/** Keeps the code key the PC's hub gave it (replacing any earlier one); false when it was already this one. */
export function saveCodeKey(dataDir: string, key: Buffer): boolean {
  if (key.length !== KEY_BYTES) throw new StoreError(`a code key must be ${KEY_BYTES} bytes, the hub sent ${key.length}`);
  const file = join(dataDir, FILE);
  if (existsSync(file) && readFileSync(file).equals(key)) return false;
  writePrivateFile(file, key);
  return true;
}
