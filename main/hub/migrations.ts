import type { Migration } from '../store/migrations';

/** The hub's database: the site, its PCs, bookings, advisors, help calls, the webhook outbox and the audit log. */
export const HUB_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'site hub',
    sql: `
      CREATE TABLE site (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        name           TEXT NOT NULL,
        time_zone      TEXT NOT NULL,
        ca_cert        TEXT NOT NULL,
        ca_key         TEXT NOT NULL,
        server_cert    TEXT NOT NULL,
        server_key     TEXT NOT NULL,
        code_key       BLOB NOT NULL,
        policy         TEXT NOT NULL,
        created_at     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE pcs (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        room          TEXT NOT NULL,
        token_hash    BLOB UNIQUE,
        paired_at     INTEGER,
        revoked_at    INTEGER,
        last_seen     INTEGER,
        status        TEXT,
        clock_skew_ms INTEGER
      ) STRICT;

      CREATE TABLE bookings (
        id           TEXT PRIMARY KEY,
        pc_id        TEXT NOT NULL REFERENCES pcs (id),
        starts_at    INTEGER NOT NULL,
        ends_at      INTEGER NOT NULL CHECK (ends_at > starts_at),
        code_hash    BLOB NOT NULL,
        created_at   INTEGER NOT NULL,
        created_by   TEXT NOT NULL,
        updated_at   INTEGER NOT NULL,
        cancelled_at INTEGER
      ) STRICT;
      CREATE INDEX hub_bookings_by_pc ON bookings (pc_id, ends_at);

      CREATE TABLE advisors (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        disabled_at   INTEGER
      ) STRICT;

      CREATE TABLE advisor_sessions (
        token_hash BLOB PRIMARY KEY,
        advisor_id INTEGER NOT NULL REFERENCES advisors (id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE pairing_codes (
        code_hash  BLOB PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        used_at    INTEGER,
        used_by    TEXT
      ) STRICT;

      CREATE TABLE help_calls (
        id              TEXT PRIMARY KEY,
        pc_id           TEXT NOT NULL REFERENCES pcs (id),
        requested_at    INTEGER NOT NULL,
        received_at     INTEGER NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('requested', 'acknowledged', 'resolved', 'cancelled')),
        acknowledged_at INTEGER,
        resolved_at     INTEGER,
        cancelled_at    INTEGER,
        advisor         TEXT
      ) STRICT;

      CREATE TABLE webhook_outbox (
        id           INTEGER PRIMARY KEY,
        call_id      TEXT NOT NULL,
        event        TEXT NOT NULL,
        target       TEXT NOT NULL,
        payload      TEXT NOT NULL,
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_at      INTEGER NOT NULL,
        delivered_at INTEGER,
        last_error   TEXT,
        UNIQUE (call_id, event, target)
      ) STRICT;

      -- Help-call timings for the usage figures: no names, just delays.
      CREATE TABLE usage_events (
        seq   INTEGER PRIMARY KEY AUTOINCREMENT,
        id    TEXT NOT NULL UNIQUE,
        at    INTEGER NOT NULL,
        pc_id TEXT NOT NULL,
        type  TEXT NOT NULL,
        data  TEXT NOT NULL
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
  {
    version: 2,
    name: 'webhook notices dropped when the call was answered first',
    sql: `
      ALTER TABLE webhook_outbox ADD COLUMN dropped_at INTEGER;
    `,
  },
  {
    version: 3,
    name: 'usage figures: daily aggregates per PC, the city outbox, no-shows',
    sql: `
      -- Daily aggregates per PC as state: every new event adds to its site day, however late it comes.
      CREATE TABLE usage_daily (
        day    TEXT NOT NULL,
        pc_id  TEXT NOT NULL,
        metric TEXT NOT NULL,
        value  INTEGER NOT NULL CHECK (value >= 0),
        PRIMARY KEY (day, pc_id, metric)
      ) STRICT, WITHOUT ROWID;
      -- Retention counts from when the hub received an event, so a PC sending it again (a lost confirmation) still finds it.
      ALTER TABLE usage_events ADD COLUMN received_at INTEGER;
      UPDATE usage_events SET received_at = at;
      CREATE INDEX usage_events_by_received ON usage_events (received_at);
      -- The id of every usage event ever stored: a repeat is recognised after retention has deleted the event itself.
      CREATE TABLE usage_seen (id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      INSERT INTO usage_seen (id) SELECT id FROM usage_events;

      -- What the city receives: one record per (period, metric), its full current value and a revision.
      CREATE TABLE city_records (
        period         TEXT NOT NULL,
        metric         TEXT NOT NULL,
        value          TEXT NOT NULL,
        revision       INTEGER NOT NULL,
        acked_revision INTEGER NOT NULL DEFAULT 0,
        updated_at     INTEGER NOT NULL,
        PRIMARY KEY (period, metric)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX city_records_pending ON city_records (period) WHERE revision > acked_revision;

      -- Where the figures go; the token is the hub's own secret for the receiver (the database is readable by its owner only).
      CREATE TABLE city_sync (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        url           TEXT NOT NULL,
        site_id       TEXT NOT NULL,
        token         TEXT NOT NULL,
        ca_pem        TEXT,
        last_ok_at    INTEGER,
        last_error    TEXT,
        last_error_at INTEGER
      ) STRICT;

      -- A booking is checked in when a booked session starts in its time at its PC; never, and it is a no-show once over.
      ALTER TABLE bookings ADD COLUMN checked_in_at INTEGER;
      ALTER TABLE bookings ADD COLUMN no_show_at INTEGER;
      -- Bookings over before the figures began are neither checked in nor no-shows: marked 0 ("not known").
      UPDATE bookings SET checked_in_at = 0 WHERE ends_at < CAST(strftime('%s', 'now') AS INTEGER) * 1000;
    `,
  },
  {
    version: 4,
    name: 'booking codes sealed, so each PC can have a key of its own',
    sql: `
      -- Each PC hashes codes with a key of its own: the hub keeps each code sealed (main/core/codes.ts sealCode)
      -- to hash it for whichever PC the booking is on. code_hash stays the hash under the site's key; a booking
      -- made before this has no sealed code until the hub's start finds it (main/hub/booking-codes.ts).
      ALTER TABLE bookings ADD COLUMN code_sealed BLOB;
    `,
  },
  {
    version: 5,
    name: 'take a number: the site\'s anonymous queue',
    sql: `
      -- A number a resident took at a kiosk: no name, just its place, the kiosk (for the per-kiosk limit) and the PC it was called to.
      CREATE TABLE queue_numbers (
        id         TEXT PRIMARY KEY,
        -- The kiosk's request id: a take sent again is the same number.
        request_id TEXT NOT NULL UNIQUE,
        day        TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        label      TEXT NOT NULL,
        kiosk_id   TEXT NOT NULL,
        taken_at   INTEGER NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'started', 'expired', 'skipped', 'cleared', 'day-over')),
        pc_id      TEXT,
        called_at  INTEGER,
        until      INTEGER,
        ended_at   INTEGER,
        UNIQUE (day, seq)
      ) STRICT;
      CREATE INDEX queue_numbers_open ON queue_numbers (state) WHERE state IN ('waiting', 'called');
    `,
  },
  {
    version: 6,
    name: 'bookings carry their source: staff (console, command line) or a resident at a kiosk (self)',
    sql: `
      ALTER TABLE bookings ADD COLUMN source TEXT NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'self'));
      -- The self-booking limits count a kiosk's bookings of the last hour and a PC's open ones of a day.
      CREATE INDEX hub_bookings_self ON bookings (source, created_by, created_at) WHERE source = 'self';
    `,
  },
  {
    version: 7,
    name: 'booking sources: Varaamo/Respa and ICS feeds, their health, and the bookings they made',
    sql: `
      CREATE TABLE booking_sources (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('respa', 'ics')),
        -- An address, or for an ICS feed a file on the hub's machine.
        location        TEXT NOT NULL,
        -- JSON: Respa's resource map and whether requested ones count; ICS's pcId or pcRule and codePattern; the auth kind.
        settings        TEXT NOT NULL,
        -- The token or password, sealed under the site's key as booking codes are.
        secret_sealed   BLOB,
        created_at      INTEGER NOT NULL,
        last_ok_at      INTEGER,
        last_error      TEXT,
        last_error_at   INTEGER,
        failures        INTEGER NOT NULL DEFAULT 0,
        -- JSON SyncCounts of the last sync that changed or checked anything.
        last_counts     TEXT,
        -- JSON problems (where, reason) of the last good answer: what was left out.
        last_problems   TEXT,
        -- JSON ETag / Last-Modified of the last good answer (a conditional request keeps it).
        validators      TEXT,
        alerted_at      INTEGER
      ) STRICT;

      ALTER TABLE bookings ADD COLUMN source_id TEXT REFERENCES booking_sources (id);
      ALTER TABLE bookings ADD COLUMN outside_id TEXT;
      CREATE UNIQUE INDEX bookings_by_outside_id ON bookings (source_id, outside_id) WHERE source_id IS NOT NULL;

      -- An imported booking that overlapped a local one, or lay outside opening hours: never dropped silently.
      CREATE TABLE source_conflicts (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        source_id    TEXT NOT NULL,
        outside_id   TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('overlap', 'closed')),
        pc_id        TEXT NOT NULL,
        starts_at    INTEGER NOT NULL,
        ends_at      INTEGER NOT NULL,
        local_id     TEXT NOT NULL DEFAULT '',
        winner       TEXT NOT NULL CHECK (winner IN ('source', 'local')),
        at           INTEGER NOT NULL,
        UNIQUE (source_id, outside_id, kind, local_id, starts_at, ends_at)
      ) STRICT;
    `,
  },
  {
    version: 8,
    name: 'advisor roles: administrators (policy, pairing, updates, logs) and advisors; the advisors there were keep their rights',
    sql: `
      ALTER TABLE advisors ADD COLUMN admin INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1));
      UPDATE advisors SET admin = 1;
    `,
  },
  {
    version: 9,
    name: 'site policy versions: every saved policy kept, with who, when and what changed; the policy there was is version 1',
    sql: `
      CREATE TABLE policy_versions (
        version       INTEGER PRIMARY KEY,
        policy        TEXT NOT NULL,
        actor         TEXT NOT NULL,
        at            INTEGER NOT NULL,
        summary       TEXT NOT NULL,
        restored_from INTEGER
      ) STRICT;
      INSERT INTO policy_versions (version, policy, actor, at, summary) SELECT 1, policy, 'system', created_at, 'the policy before versions were kept' FROM site WHERE id = 1;
    `,
  },
  {
    version: 10,
    name: 'updates through the hub: releases, their stage, and each PC\'s update state',
    sql: `
      CREATE TABLE releases (
        version       TEXT PRIMARY KEY,
        added_at      INTEGER NOT NULL,
        added_by      TEXT NOT NULL,
        release_date  TEXT,
        -- JSON: { "latest-linux.yml": "<the metadata as electron-builder wrote it>", ... }
        channels      TEXT NOT NULL,
        -- JSON: [{ "name", "size", "sha512" }]: every file kept in the release's folder.
        files         TEXT NOT NULL,
        signed        INTEGER NOT NULL CHECK (signed IN (0, 1)),
        pilot_pc      TEXT,
        confirmed_at  INTEGER,
        confirmed_by  TEXT
      ) STRICT;

      CREATE TABLE pc_updates (
        pc_id     TEXT PRIMARY KEY,
        running   TEXT NOT NULL,
        state     TEXT NOT NULL CHECK (state IN ('idle', 'downloading', 'ready', 'installing', 'failed')),
        target    TEXT,
        reason    TEXT,
        detail    TEXT,
        at        INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 11,
    name: 'help calls marked remote: the resident asked to show their page to an advisor anywhere (issue 16)',
    sql: `
      ALTER TABLE help_calls ADD COLUMN remote INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1));
    `,
  },
];
