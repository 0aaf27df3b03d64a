/**
 * Numbered migrations, applied in order; PRAGMA user_version records the
 * last one applied. Never edit a released migration: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bookings, sessions and usage events',
    sql: `
      CREATE TABLE bookings (
        id           TEXT PRIMARY KEY,
        pc_id        TEXT NOT NULL,
        starts_at    INTEGER NOT NULL,
        ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
        code_hash    BLOB NOT NULL,
        created_at   INTEGER NOT NULL,
        cancelled_at INTEGER
      ) STRICT;
      CREATE INDEX bookings_by_pc_and_end ON bookings (pc_id, ends_at);

      CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,
        pc_id       TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('booked', 'walk-in')),
        booking_id  TEXT REFERENCES bookings (id),
        language    TEXT NOT NULL,
        started_at  INTEGER NOT NULL,
        planned_end INTEGER NOT NULL,
        extensions  INTEGER NOT NULL DEFAULT 0,
        alive_at    INTEGER NOT NULL,
        ended_at    INTEGER,
        end_reason  TEXT CHECK (end_reason IN ('time-up', 'resident', 'idle', 'advisor', 'interrupted')),
        wiped_at    INTEGER,
        receipt     TEXT
      ) STRICT;
      CREATE INDEX sessions_open ON sessions (ended_at) WHERE ended_at IS NULL;
      CREATE INDEX sessions_unwiped ON sessions (wiped_at) WHERE wiped_at IS NULL;

      -- Append-only: no names, codes or URLs; the schema of data is checked before insert.
      CREATE TABLE usage_events (
        seq   INTEGER PRIMARY KEY AUTOINCREMENT,
        id    TEXT NOT NULL UNIQUE,
        at    INTEGER NOT NULL,
        pc_id TEXT NOT NULL,
        type  TEXT NOT NULL CHECK (type IN ('session-started', 'session-ended', 'feedback')),
        data  TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER usage_events_append_only_update BEFORE UPDATE ON usage_events
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only'); END;
      CREATE TRIGGER usage_events_append_only_delete BEFORE DELETE ON usage_events
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'usage events sent to the hub, and their retention',
    sql: `
      -- How far the hub has confirmed this PC's usage events (their seq).
      CREATE TABLE usage_sync (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        sent_through INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      INSERT INTO usage_sync (id, sent_through) VALUES (1, 0);
      -- Still append-only, except that retention may delete events the hub has confirmed.
      DROP TRIGGER usage_events_append_only_delete;
      CREATE TRIGGER usage_events_unsent_kept BEFORE DELETE ON usage_events
        WHEN OLD.seq > (SELECT sent_through FROM usage_sync WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only: events not yet confirmed by the hub are kept'); END;
      -- INSERT OR REPLACE would delete and rewrite a recorded event: refused before it starts.
      CREATE TRIGGER usage_events_never_replaced BEFORE INSERT ON usage_events
        WHEN EXISTS (SELECT 1 FROM usage_events WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only: an event is never replaced'); END;
    `,
  },
  {
    version: 3,
    name: 'the length of each booking code (4 or 6 digits), never the code',
    sql: `
      ALTER TABLE bookings ADD COLUMN code_length INTEGER NOT NULL DEFAULT 6 CHECK (code_length IN (4, 6));
    `,
  },
  {
    version: 4,
    name: 'usage events of printed pages (a page count only)',
    sql: `
      -- SQLite cannot change a CHECK: the table is rebuilt with its rows, its triggers and its
      -- AUTOINCREMENT counter (seq must never go back, or new events would count as sent).
      CREATE TABLE usage_events_v4 (
        seq   INTEGER PRIMARY KEY AUTOINCREMENT,
        id    TEXT NOT NULL UNIQUE,
        at    INTEGER NOT NULL,
        pc_id TEXT NOT NULL,
        type  TEXT NOT NULL CHECK (type IN ('session-started', 'session-ended', 'feedback', 'pages-printed')),
        data  TEXT NOT NULL
      ) STRICT;
      INSERT INTO usage_events_v4 (seq, id, at, pc_id, type, data) SELECT seq, id, at, pc_id, type, data FROM usage_events;
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'usage_events_v4', max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'usage_events'), 0), (SELECT sent_through FROM usage_sync WHERE id = 1));
      DELETE FROM sqlite_sequence WHERE name = 'usage_events_v4' AND rowid NOT IN (SELECT max(rowid) FROM sqlite_sequence WHERE name = 'usage_events_v4');
      DROP TABLE usage_events;
      ALTER TABLE usage_events_v4 RENAME TO usage_events;
      CREATE TRIGGER usage_events_append_only_update BEFORE UPDATE ON usage_events
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only'); END;
      CREATE TRIGGER usage_events_unsent_kept BEFORE DELETE ON usage_events
        WHEN OLD.seq > (SELECT sent_through FROM usage_sync WHERE id = 1)
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only: events not yet confirmed by the hub are kept'); END;
      CREATE TRIGGER usage_events_never_replaced BEFORE INSERT ON usage_events
        WHEN EXISTS (SELECT 1 FROM usage_events WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'usage_events is append-only: an event is never replaced'); END;
    `,
  },
];
