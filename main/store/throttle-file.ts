import { readFileSync } from 'node:fs';
import type { CodeThrottle } from '../core/throttle';
import { writePrivateFile } from './private-file';

export interface KeptThrottle {
  /** Takes the saved count back (none yet, or unreadable: the count starts over). */
  load(): void;
  /** Keeps the count as it is now; a failure is reported, never thrown (the lock still holds in memory). */
  save(): void;
}

/**
 * A wrong-guess count that outlives a restart, kept owner-only in a file of
 * the PC's data folder: the lock on booking codes and the lock on the
 * maintenance PIN both live this way, so pulling the plug resets neither.
 */
export function keepThrottle(throttle: CodeThrottle, file: string, onError: (error: Error) => void): KeptThrottle {
  return {
    load() {
      let saved: unknown;
      try {
        saved = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return;
      }
      throttle.load(saved);
    },
    save() {
      try {
        writePrivateFile(file, JSON.stringify(throttle.save()));
      } catch (error) {
        onError(error as Error);
      }
    },
  };
}
