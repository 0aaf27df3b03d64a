import { chmodSync, closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const OWNER_ONLY = 0o600;

/**
 * Makes a file its owner's only: a missing one is created empty with mode
 * 0600 (so nothing is ever written to it readable by others), an existing
 * one is tightened. The file is never opened when it exists: closing a
 * descriptor would drop the locks SQLite in this process holds on it.
 * Where modes mean nothing (Windows), the folder's ACL applies.
 */
export function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  try {
    closeSync(openSync(file, 'wx', OWNER_ONLY));
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    chmodSync(file, OWNER_ONLY);
  } catch (error) {
    // Another user's file (IT reading a kiosk's folder): theirs to keep tight.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

/**
 * Writes a secret (a key, a token, a PIN's hash, a lock count) owner-only
 * from its first byte: into a new 0600 file beside it, then renamed over
 * the old one, so a crash mid-write never leaves half a key behind.
 */
export function writePrivateFile(file: string, data: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: OWNER_ONLY, flag: 'w' });
    if (process.platform !== 'win32') chmodSync(temporary, OWNER_ONLY);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
