import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Db } from './database';

/**
 * Notices commits made by other connections (the command line) through
 * SQLite's PRAGMA data_version, which changes only when another connection
 * has written. Polled every `intervalMs` (250 ms by default): cheap, no
 * socket to secure, and a booking added by the command line reaches the
 * screen within a second.
 */
export function watchForeignWrites(db: Db, scheduler: Scheduler, onChange: () => void, intervalMs = 250): Scheduled {
  const read = () => db.pragma('data_version', { simple: true }) as number;
  let last = read();
  return scheduler.every(intervalMs, () => {
    const now = read();
    if (now !== last) {
      last = now;
      onChange();
    }
  });
}
