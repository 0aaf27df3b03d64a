import type { Migration } from '../store/migrations';

// The city receiver's tables, in each database's own dialect. Numbered and
// applied in order, never edited once released: a change is the next
// number, in both lists at once (tests check that they stay in step).
//
// figures.value is NULL for a suppressed breakdown cell ("<5"); a period is
// a day (YYYY-MM-DD, daily totals) or a month (YYYY-MM, breakdowns).

export const CITY_SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'city receiver',
    sql: `
      CREATE TABLE sites (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        token_hash   BLOB NOT NULL UNIQUE,
        created_at   INTEGER NOT NULL,
        last_sync_at INTEGER
      ) STRICT;

      CREATE TABLE figures (
        site        TEXT NOT NULL REFERENCES sites (id),
        period      TEXT NOT NULL,
        metric      TEXT NOT NULL,
        value       INTEGER CHECK (value >= 0),
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        received_at INTEGER NOT NULL,
        PRIMARY KEY (site, period, metric)
      ) STRICT;
      CREATE INDEX figures_by_period ON figures (period);

      CREATE TABLE coordinators (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        disabled_at   INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX coordinators_by_name ON coordinators (lower(name));

      CREATE TABLE coordinator_sessions (
        token_hash     BLOB PRIMARY KEY,
        coordinator_id INTEGER NOT NULL REFERENCES coordinators (id),
        created_at     INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit (
        seq     INTEGER PRIMARY KEY AUTOINCREMENT,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT,
        details TEXT
      ) STRICT;
      CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
      CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
    `,
  },
];

export const CITY_POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'city receiver',
    sql: `
      CREATE TABLE sites (
        id           TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        token_hash   BYTEA NOT NULL UNIQUE,
        created_at   BIGINT NOT NULL,
        last_sync_at BIGINT
      );

      CREATE TABLE figures (
        site        TEXT NOT NULL REFERENCES sites (id),
        period      TEXT NOT NULL,
        metric      TEXT NOT NULL,
        value       BIGINT CHECK (value >= 0),
        revision    BIGINT NOT NULL CHECK (revision >= 1),
        received_at BIGINT NOT NULL,
        PRIMARY KEY (site, period, metric)
      );
      CREATE INDEX figures_by_period ON figures (period);

      CREATE TABLE coordinators (
        id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at    BIGINT NOT NULL,
        disabled_at   BIGINT
      );
      CREATE UNIQUE INDEX coordinators_by_name ON coordinators (lower(name));

      CREATE TABLE coordinator_sessions (
        token_hash     BYTEA PRIMARY KEY,
        coordinator_id BIGINT NOT NULL REFERENCES coordinators (id),
        created_at     BIGINT NOT NULL,
        expires_at     BIGINT NOT NULL
      );

      CREATE TABLE audit (
        seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at      BIGINT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        subject TEXT,
        details TEXT
      );
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
      CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
    `,
  },
];
