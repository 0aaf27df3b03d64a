import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { ownerOnly } from './private-file';

export type Db = Database.Database;

export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/**
 * A database's files (the database, its -wal and its -shm) owner-only from
 * their first byte: created 0600 before SQLite opens them (SQLite also
 * gives a -wal or -shm it makes the database file's mode), and tightened
 * when an older release left them readable. They hold booking hashes, the
 * hub's site CA key and token hashes.
 */
export function privateDatabaseFiles(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  for (const suffix of ['', '-wal', '-shm']) ownerOnly(`${file}${suffix}`);
}

/**
 * Opens (creating if needed) a PC's database: WAL so the command line can
 * write while the kiosk reads, synchronous FULL so a committed event
 * survives a power cut, foreign keys on, and every migration applied. Its
 * files are owner-only (privateDatabaseFiles); the kiosk, the hub and the
 * city's SQLite store all open theirs here.
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (file !== ':memory:') privateDatabaseFiles(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new StoreError(`cannot open the database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Makes INSERT OR REPLACE fire delete triggers, so it cannot rewrite an append-only row.
    db.pragma('recursive_triggers = ON');
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Applies the missing migrations. The version is read inside the same
 * immediate (write-locked) transaction, so a kiosk and the command line
 * opening a new database at the same moment cannot both migrate it.
 */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new StoreError(`the database is at version ${current}, newer than this release knows (${latest}); install the newer release`);
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return latest;
}
