import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../main/store/migrations';
import { openDatabase, StoreError } from '../../main/store/database';
import { KioskStore } from '../../main/store/kiosk-store';
import { loadOrCreateCodeKey, saveCodeKey } from '../../main/store/code-key';
import { writePrivateFile } from '../../main/store/private-file';
import { HubStore } from '../../main/hub/hub-store';
import { SqliteCityStore } from '../../main/city/sqlite-store';
import { watchForeignWrites } from '../../main/store/watch';
import { TestTime } from '../../main/core/test-time';
import { hashCode } from '../../main/core/codes';
import { WIPE_PLAN, type ResetReceipt } from '../../main/core/wipe-plan';
import type { Session } from '../../main/core/session-machine';
import type { UsageEvent } from '../../main/core/usage';
import { MINUTE } from '../../main/core/clock';
import { PC, T0, removeTempDirs, tempDir } from './support';

const LATEST = MIGRATIONS.at(-1)!.version;
const open: Array<{ close(): void }> = [];

afterEach(() => {
  for (const c of open.splice(0)) c.close();
  removeTempDirs();
});

function dbFile(): string {
  return join(tempDir(), 'kiosk.sqlite');
}

function newStore(file = dbFile(), pc = PC): KioskStore {
  const store = new KioskStore(file, pc);
  open.push(store);
  return store;
}

function session(id: string, overrides: Partial<Session> = {}): Session {
  return {
    id,
    kind: 'walk-in',
    startedAt: T0,
    startedMono: 0,
    endsAt: T0 + 30 * MINUTE,
    limitMs: 30 * MINUTE,
    language: 'fi',
    extensions: 0,
    warningsPassed: [],
    lastActivityMono: 0,
    mediaInUse: false,
    ...overrides,
  };
}

function receipt(sessionId: string, ok: boolean, finishedAt = T0 + 31 * MINUTE): ResetReceipt {
  return {
    sessionId,
    startedAt: finishedAt - 500,
    finishedAt,
    ok,
    steps: WIPE_PLAN.map((step) => ({ step, ok: ok || step !== 'probe', ms: 1 })),
    ...(ok ? {} : { problem: 'probe: the probe found data left behind' }),
  };
}

const rawEvent = (db: Database.Database, id: string, type: string, data = '{}') =>
  db.prepare('INSERT INTO usage_events (id, at, pc_id, type, data) VALUES (?, ?, ?, ?, ?)').run(id, T0, PC, type, data);

describe('openDatabase', () => {
  it('creates a database at the latest migration, in WAL mode, with foreign keys on and synchronous FULL', () => {
    const file = dbFile();
    const db = openDatabase(file);
    open.push(db);
    expect(LATEST).toBeGreaterThanOrEqual(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['bookings', 'sessions', 'usage_events']));
    // WAL is a property of the file: a plain connection sees it too.
    db.close();
    const plain = new Database(file);
    open.push(plain);
    expect(plain.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('enforces foreign keys: a session cannot name a booking that does not exist', () => {
    const store = newStore();
    expect(() => store.sessions.insert(PC, session('s-1', { kind: 'booked', bookingId: 'no-such-booking' }))).toThrow(/FOREIGN KEY/);
    expect(store.sessions.get('s-1')).toBeUndefined();
  });

  it('reopens an existing database without re-running migrations or losing data', () => {
    const file = dbFile();
    const first = new KioskStore(file, PC);
    first.events.append('e-1', T0, PC, { type: 'feedback', score: 'good' });
    first.close();
    for (let i = 0; i < 3; i++) {
      const again = openDatabase(file);
      expect(again.pragma('user_version', { simple: true })).toBe(LATEST);
      expect((again.prepare('SELECT count(*) AS n FROM usage_events').get() as { n: number }).n).toBe(1);
      expect((again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number }).n).toBe(3);
      again.close();
    }
  });

  it('refuses a database written by a newer release with a clear StoreError, and leaves it untouched', () => {
    const file = dbFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 5}`);
    raw.close();

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).name).toBe('StoreError');
    expect((error as Error).message).toContain(`version ${LATEST + 5}`);
    expect((error as Error).message).toContain(`(${LATEST})`);
    expect((error as Error).message).toMatch(/newer release/);
    expect(() => new KioskStore(file, PC)).toThrow(StoreError);

    const check = new Database(file, { readonly: true });
    open.push(check);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST + 5);
  });

  it('applies a new migration to an existing database exactly once', () => {
    const file = dbFile();
    openDatabase(file).close();
    const next = [...MIGRATIONS, { version: LATEST + 1, name: 'test', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' }];
    const db = openDatabase(file, next);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST + 1);
    db.close();
    const again = openDatabase(file, next);
    open.push(again);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST + 1);
  });

  it('rolls a failing migration back whole, leaving the version where it was', () => {
    const file = dbFile();
    openDatabase(file).close();
    const broken = [...MIGRATIONS, { version: LATEST + 1, name: 'broken', sql: 'CREATE TABLE half (x INTEGER); THIS IS NOT SQL;' }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = openDatabase(file);
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
  });
});

/** A file's permission bits. Tests run as root, but stat reports the mode all the same. */
const modeOf = (file: string) => statSync(file).mode & 0o777;
const posix = process.platform !== 'win32';

/** Runs `action` with a permissive umask, as a careless service manager might start Tupa. */
function withUmask<T>(mask: number, action: () => T): T {
  const before = process.umask(mask);
  try {
    return action();
  } finally {
    process.umask(before);
  }
}

describe.runIf(posix)('files on disk are readable by their owner only', () => {
  const writeSomething = (db: Database.Database) => db.exec('CREATE TABLE IF NOT EXISTS scratch (x); INSERT INTO scratch VALUES (1)');

  it.each([
    ['the kiosk', (file: string) => new KioskStore(file, PC).db, 'kiosk.sqlite'],
    ['the hub (it holds the site CA\'s key)', (file: string) => new HubStore(file).db, 'hub.sqlite'],
    ['the city\'s SQLite store', (file: string) => new SqliteCityStore(file).db, 'city.sqlite'],
  ])('%s: the database, its WAL and its SHM are 0600 on the first run, even under umask 000', (_who, openIt, name) => {
    const file = join(tempDir(), 'data', name);
    const db = withUmask(0, () => openIt(file));
    open.push(db);
    withUmask(0, () => writeSomething(db));
    for (const suffix of ['', '-wal', '-shm']) {
      expect(existsSync(`${file}${suffix}`), `${name}${suffix} exists`).toBe(true);
      expect(modeOf(`${file}${suffix}`), `${name}${suffix}`).toBe(0o600);
    }
    expect(modeOf(join(file, '..'))).toBe(0o700);
  });

  it('tightens a database, WAL and SHM an older release left readable by others', () => {
    const file = dbFile();
    const first = new KioskStore(file, PC);
    first.events.append('e-1', T0, PC, { type: 'feedback', score: 'good' });
    first.close();
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${file}${suffix}`, '', { flag: 'a' });
    for (const suffix of ['', '-wal', '-shm']) chmodSync(`${file}${suffix}`, 0o644);
    const again = newStore(file);
    expect(again.events.count()).toBe(1);
    for (const suffix of ['', '-wal', '-shm']) expect(modeOf(`${file}${suffix}`), `kiosk.sqlite${suffix}`).toBe(0o600);
  });

  it('writes a secret owner-only from its first byte, replacing the old one whole and leaving no temporary file', () => {
    const dir = join(tempDir(), 'data');
    const file = join(dir, 'secret');
    withUmask(0, () => writePrivateFile(file, 'first'));
    expect(modeOf(file)).toBe(0o600);
    chmodSync(file, 0o644);
    withUmask(0, () => writePrivateFile(file, Buffer.from('second')));
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['secret']);
  });

  it('keeps the code key the hub gives a PC owner-only, and says when it was already that key', () => {
    const dir = join(tempDir(), 'data');
    const own = loadOrCreateCodeKey(dir);
    const given = Buffer.alloc(32, 7);
    expect(saveCodeKey(dir, given)).toBe(true);
    expect(loadOrCreateCodeKey(dir).equals(given)).toBe(true);
    expect(loadOrCreateCodeKey(dir).equals(own)).toBe(false);
    expect(modeOf(join(dir, 'code-key'))).toBe(0o600);
    expect(saveCodeKey(dir, given)).toBe(false);
    expect(() => saveCodeKey(dir, Buffer.alloc(16))).toThrow(StoreError);
  });
});

describe('usage_events', () => {
  it('refuses UPDATE and DELETE at the database level (append-only triggers)', () => {
    const store = newStore();
    store.events.append('e-1', T0, PC, { type: 'feedback', score: 'good' });
    expect(() => store.db.prepare("UPDATE usage_events SET data = '{\"score\":\"bad\"}'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('UPDATE usage_events SET at = 0 WHERE id = ?').run('e-1')).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM usage_events').run()).toThrow(/append-only/);
    expect(() =>
      store.db.prepare("INSERT INTO usage_events (id, at, pc_id, type, data) VALUES ('e-1', 0, 'pc-1', 'feedback', '{}') ON CONFLICT (id) DO UPDATE SET at = 0").run(),
    ).toThrow(/append-only/);
    expect(store.events.list()).toEqual([{ seq: 1, id: 'e-1', at: T0, pcId: PC, event: { type: 'feedback', score: 'good' } }]);
  });

  // Regression (fixed, it used to fail): INSERT OR REPLACE deletes the conflicting row without firing the
  // delete trigger (SQLite fires delete triggers for REPLACE only with
  // PRAGMA recursive_triggers = ON, which openDatabase does not set), so an
  // event can be silently rewritten.
  it('refuses INSERT OR REPLACE, which would silently rewrite a recorded event', () => {
    const store = newStore();
    store.events.append('e-1', T0, PC, { type: 'feedback', score: 'good' });
    expect(() =>
      store.db.prepare("INSERT OR REPLACE INTO usage_events (id, at, pc_id, type, data) VALUES ('e-1', 1, 'pc-1', 'feedback', '{\"score\":\"bad\"}')").run(),
    ).toThrow(/append-only/);
    expect(store.events.list()).toEqual([{ seq: 1, id: 'e-1', at: T0, pcId: PC, event: { type: 'feedback', score: 'good' } }]);
  });

  it('refuses events carrying anything beyond their schema: a name, a url, a code', () => {
    const store = newStore();
    const bad: unknown[] = [
      { type: 'session-started', kind: 'walk-in', language: 'fi', name: 'Matti Meikäläinen' },
      { type: 'session-started', kind: 'walk-in', language: 'fi', url: 'https://www.kela.fi/' },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 30, reason: 'time-up', code: '123456' },
      { type: 'feedback', score: 'good', comment: 'the advisor Liisa helped me' },
      { type: 'session-started', kind: 'walk-in', language: 'Matti' },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 30, reason: 'because' },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: -1, reason: 'time-up' },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 2.5, reason: 'time-up' },
      { type: 'feedback', score: 'excellent' },
      { type: 'page-visited', url: 'https://www.kela.fi/' },
      { type: 'help-requested' },
      { score: 'good' },
    ];
    bad.forEach((event, i) => {
      expect(() => store.events.append(`bad-${i}`, T0, PC, event as UsageEvent), JSON.stringify(event)).toThrow();
    });
    expect(store.events.count()).toBe(0);
    // And the data stored for good events is only the schema's fields.
    store.events.append('ok-1', T0, PC, { type: 'session-ended', kind: 'booked', language: 'sv', minutes: 30, reason: 'idle' });
    const row = store.db.prepare('SELECT type, data FROM usage_events').get() as { type: string; data: string };
    expect(row.type).toBe('session-ended');
    expect(JSON.parse(row.data)).toEqual({ kind: 'booked', language: 'sv', minutes: 30, reason: 'idle' });
  });

  it('refuses an unknown type even when inserted with raw SQL (CHECK constraint)', () => {
    const store = newStore();
    expect(() => rawEvent(store.db, 'x', 'page-visited')).toThrow(/CHECK/);
    expect(store.events.count()).toBe(0);
  });

  it('deletes only events the hub has confirmed, and only past the retention limit', () => {
    const store = newStore();
    for (let i = 1; i <= 4; i++) store.events.append(`e-${i}`, T0 + i, PC, { type: 'feedback', score: 'good' });
    expect(store.events.unsent(10).map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3', 'e-4']);
    store.events.confirm(2);
    store.events.confirm(1); // never backwards
    expect(store.events.sentThrough()).toBe(2);
    expect(store.events.unsent(10).map((e) => e.id)).toEqual(['e-3', 'e-4']);
    // Retention asks for everything before T0 + 10: only the confirmed two go.
    expect(store.events.deleteConfirmedBefore(T0 + 10)).toBe(2);
    expect(store.events.list().map((e) => e.id)).toEqual(['e-3', 'e-4']);
    // The database itself keeps unconfirmed events, whatever the caller asks.
    expect(() => store.db.prepare('DELETE FROM usage_events').run()).toThrow(/not yet confirmed by the hub/);
    expect(store.events.count()).toBe(2);
  });

  it('refuses a repeated event id, so a fact is never counted twice', () => {
    const store = newStore();
    store.events.append('s-1:feedback', T0, PC, { type: 'feedback', score: 'good' });
    expect(() => store.events.append('s-1:feedback', T0 + 1, PC, { type: 'feedback', score: 'bad' })).toThrow(/never replaced/);
    expect(() => store.recordFeedback('s-1', 'ok', T0 + 2)).toThrow(/never replaced/);
    expect(store.events.list().map((e) => e.event)).toEqual([{ type: 'feedback', score: 'good' }]);
  });

  it('lists events after a sequence number, in order', () => {
    const store = newStore();
    for (let i = 1; i <= 5; i++) store.events.append(`e-${i}`, T0 + i, PC, { type: 'feedback', score: 'ok' });
    expect(store.events.list(2).map((e) => e.id)).toEqual(['e-3', 'e-4', 'e-5']);
    expect(store.events.list(0, 2).map((e) => e.id)).toEqual(['e-1', 'e-2']);
    expect(store.events.count()).toBe(5);
  });
});

describe('KioskStore transactions', () => {
  it('recordStart stores the session and its started event together', () => {
    const store = newStore();
    store.recordStart(session('s-1', { language: 'sv' }));
    const s = store.sessions.get('s-1')!;
    expect(s).toMatchObject({ id: 's-1', pcId: PC, kind: 'walk-in', startedAt: T0, plannedEnd: T0 + 30 * MINUTE, aliveAt: T0, endedAt: null, wipedAt: null });
    expect(store.events.list()).toEqual([{ seq: 1, id: 's-1:started', at: T0, pcId: PC, event: { type: 'session-started', kind: 'walk-in', language: 'sv' } }]);
  });

  it('recordStart records a booking checked in a second time as resumed, and a walk-in or another booking as new', () => {
    const store = newStore();
    const hash = hashCode(Buffer.alloc(32, 1), '123456');
    store.bookings.add({ id: 'b-1', pcId: PC, startsAt: T0, endsAt: T0 + 60 * MINUTE, codeHash: hash }, T0);
    store.bookings.add({ id: 'b-2', pcId: PC, startsAt: T0 + 60 * MINUTE, endsAt: T0 + 90 * MINUTE, codeHash: hash }, T0);
    store.recordStart(session('s-1', { kind: 'booked', bookingId: 'b-1' }));
    store.recordEnd({ id: 's-1', kind: 'booked', language: 'fi' }, 'interrupted', T0 + 5 * MINUTE, 5 * MINUTE);
    store.recordStart(session('s-2', { kind: 'booked', bookingId: 'b-1', startedAt: T0 + 6 * MINUTE }));
    store.recordStart(session('s-3', { kind: 'booked', bookingId: 'b-2', startedAt: T0 + 60 * MINUTE }));
    store.recordStart(session('s-4', { startedAt: T0 + 91 * MINUTE }));
    const started = store.events.list().filter((e) => e.event.type === 'session-started').map((e) => [e.id, e.event]);
    expect(started).toEqual([
      ['s-1:started', { type: 'session-started', kind: 'booked', language: 'fi' }],
      ['s-2:started', { type: 'session-started', kind: 'booked', language: 'fi', resumed: true }],
      ['s-3:started', { type: 'session-started', kind: 'booked', language: 'fi' }],
      ['s-4:started', { type: 'session-started', kind: 'walk-in', language: 'fi' }],
    ]);
  });

  it('recordStart stores nothing when the event is refused', () => {
    const store = newStore();
    expect(() => store.recordStart(session('s-1', { language: 'Finnish' }))).toThrow();
    expect(store.sessions.get('s-1')).toBeUndefined();
    expect(store.events.count()).toBe(0);
  });

  it('recordStart stores no event when the session row is refused (a repeated id)', () => {
    const store = newStore();
    store.recordStart(session('s-1'));
    expect(() => store.recordStart(session('s-1', { startedAt: T0 + MINUTE }))).toThrow();
    expect(store.events.count()).toBe(1);
  });

  it('recordEnd closes the session and appends its ended event; a second recordEnd adds nothing', () => {
    const store = newStore();
    const s = session('s-1', { kind: 'booked' });
    store.bookings.add({ id: 'b-1', pcId: PC, startsAt: T0, endsAt: T0 + 30 * MINUTE, codeHash: Buffer.alloc(32) }, T0);
    store.recordStart({ ...s, bookingId: 'b-1' });
    store.recordEnd(s, 'time-up', T0 + 30 * MINUTE, 30 * MINUTE);
    store.recordEnd(s, 'resident', T0 + 31 * MINUTE, 31 * MINUTE);
    store.recordEnd(s, 'interrupted', T0 + 32 * MINUTE, 32 * MINUTE);
    expect(store.sessions.get('s-1')).toMatchObject({ endedAt: T0 + 30 * MINUTE, endReason: 'time-up', bookingId: 'b-1' });
    expect(store.events.list().map((e) => [e.id, e.at, e.event])).toEqual([
      ['s-1:started', T0, { type: 'session-started', kind: 'booked', language: 'fi' }],
      ['s-1:ended', T0 + 30 * MINUTE, { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 30, reason: 'time-up' }],
    ]);
  });

  it('recordEnd leaves the session open when its event is refused', () => {
    const store = newStore();
    const s = session('s-1');
    store.recordStart(s);
    // A language that is not a language code: the event schema refuses it.
    expect(() => store.recordEnd({ ...s, language: 'Matti' }, 'resident', T0 + MINUTE, MINUTE)).toThrow();
    expect(store.sessions.get('s-1')!.endedAt).toBeNull();
    expect(store.sessions.open(PC).map((o) => o.id)).toEqual(['s-1']);
    expect(store.events.count()).toBe(1);
  });

  it('closeInterrupted closes open sessions as interrupted at their alive_at time and returns the unwiped ones', () => {
    const file = dbFile();
    const store = newStore(file);
    store.recordStart(session('s-old', { startedAt: T0 - 60 * MINUTE }));
    store.recordEnd(session('s-old', { startedAt: T0 - 60 * MINUTE }), 'resident', T0 - 40 * MINUTE, 20 * MINUTE);
    store.saveReceipt(receipt('s-old', true, T0 - 39 * MINUTE));
    store.recordStart(session('s-failed', { startedAt: T0 - 30 * MINUTE }));
    store.recordEnd(session('s-failed', { startedAt: T0 - 30 * MINUTE }), 'idle', T0 - 20 * MINUTE, 10 * MINUTE);
    store.saveReceipt(receipt('s-failed', false, T0 - 19 * MINUTE));
    store.recordStart(session('s-open'));
    store.sessions.alive('s-open', T0 + 7 * MINUTE);
    store.sessions.alive('s-open', T0 + 3 * MINUTE); // never moves backwards
    store.recordStart(session('s-other-pc'));
    store.db.prepare("UPDATE sessions SET pc_id = 'pc-2' WHERE id = 's-other-pc'").run();
    store.close();

    // As at start-up after a power cut: a new connection.
    const after = newStore(file);
    const unwiped = after.closeInterrupted();
    expect(unwiped.map((s) => s.id)).toEqual(['s-failed', 's-open']);
    expect(after.sessions.get('s-open')).toMatchObject({ endedAt: T0 + 7 * MINUTE, endReason: 'interrupted', wipedAt: null });
    expect(after.sessions.get('s-other-pc')!.endedAt).toBeNull();
    const ended = after.events.list().filter((e) => e.event.type === 'session-ended' && e.id === 's-open:ended');
    expect(ended.map((e) => [e.at, e.event])).toEqual([
      [T0 + 7 * MINUTE, { type: 'session-ended', kind: 'walk-in', language: 'fi', minutes: 7, reason: 'interrupted' }],
    ]);

    // Running it again (another restart) changes nothing.
    const count = after.events.count();
    expect(after.closeInterrupted().map((s) => s.id)).toEqual(['s-failed', 's-open']);
    expect(after.events.count()).toBe(count);
  });

  it('closeInterrupted uses the start time for a session never marked alive', () => {
    const store = newStore();
    store.recordStart(session('s-1'));
    store.closeInterrupted();
    expect(store.sessions.get('s-1')).toMatchObject({ endedAt: T0, endReason: 'interrupted' });
    expect(store.events.list().at(-1)!.event).toMatchObject({ type: 'session-ended', minutes: 0, reason: 'interrupted' });
  });

  it('saveReceipt sets wiped_at only for an ok receipt, and keeps the receipt either way', () => {
    const store = newStore();
    store.recordStart(session('s-1'));
    store.recordEnd(session('s-1'), 'resident', T0 + 10 * MINUTE, 10 * MINUTE);
    store.saveReceipt(receipt('s-1', false, T0 + 11 * MINUTE));
    let s = store.sessions.get('s-1')!;
    expect(s.wipedAt).toBeNull();
    expect(s.receipt).toMatchObject({ ok: false, problem: expect.stringContaining('probe') });
    expect(store.sessions.unwiped(PC).map((u) => u.id)).toEqual(['s-1']);

    store.saveReceipt(receipt('s-1', true, T0 + 12 * MINUTE));
    s = store.sessions.get('s-1')!;
    expect(s.wipedAt).toBe(T0 + 12 * MINUTE);
    expect(s.receipt!.ok).toBe(true);
    expect(s.receipt!.steps.map((r) => r.step)).toEqual([...WIPE_PLAN]);
    expect(store.sessions.unwiped(PC)).toEqual([]);
  });
});

describe('BookingRepo', () => {
  const booking = (id: string, startMin: number, endMin: number, pcId = PC) => ({
    id,
    pcId,
    startsAt: T0 + startMin * MINUTE,
    endsAt: T0 + endMin * MINUTE,
    codeHash: hashCode(Buffer.alloc(32, 7), id),
  });

  it('adds, lists live bookings by start, cancels once, and keeps cancelled ones in all()', () => {
    const store = newStore();
    store.bookings.add(booking('late', 120, 180), T0);
    store.bookings.add(booking('past', -120, -60), T0);
    store.bookings.add(booking('soon', 30, 60), T0);
    store.bookings.add(booking('now', -10, 20), T0);
    store.bookings.add(booking('elsewhere', 30, 60, 'pc-2'), T0);

    expect(store.bookings.live(PC, T0).map((b) => b.id)).toEqual(['now', 'soon', 'late']);
    const got = store.bookings.get('soon')!;
    expect(got).toMatchObject({ id: 'soon', pcId: PC, startsAt: T0 + 30 * MINUTE, endsAt: T0 + 60 * MINUTE, createdAt: T0, cancelledAt: null });
    expect(Buffer.isBuffer(got.codeHash)).toBe(true);
    expect(got.codeHash.equals(hashCode(Buffer.alloc(32, 7), 'soon'))).toBe(true);

    expect(store.bookings.cancel('soon', T0 + 1)).toBe(true);
    expect(store.bookings.cancel('soon', T0 + 2)).toBe(false);
    expect(store.bookings.cancel('no-such', T0 + 2)).toBe(false);
    expect(store.bookings.get('soon')!.cancelledAt).toBe(T0 + 1);
    // A cancelled booking's code can never be used: its hash is not kept either.
    expect(store.bookings.get('soon')!.codeHash).toHaveLength(0);
    expect(store.bookings.live(PC, T0).map((b) => b.id)).toEqual(['now', 'late']);
    expect(store.bookings.all(PC, T0).map((b) => b.id)).toEqual(['now', 'soon', 'late']);
    // A booking ending exactly at `from` is over.
    expect(store.bookings.live(PC, T0 + 20 * MINUTE).map((b) => b.id)).toEqual(['late']);
  });

  it('forgets the hash of a booking the hub no longer lists (cancelled, or moved to another PC)', () => {
    const store = newStore();
    store.bookings.add(booking('stays', 30, 60), T0);
    store.bookings.add(booking('moves', 90, 120), T0);
    expect(store.bookings.replaceFor(PC, [booking('stays', 30, 60)], T0 + 1)).toEqual({ added: 0, changed: 0, cancelled: 1 });
    expect(store.bookings.get('moves')).toMatchObject({ cancelledAt: T0 + 1, codeHash: Buffer.alloc(0) });
    expect(store.bookings.get('stays')!.codeHash.equals(hashCode(Buffer.alloc(32, 7), 'stays'))).toBe(true);
  });

  it('refuses a booking whose end is not after its start, and a repeated id', () => {
    const store = newStore();
    expect(() => store.bookings.add(booking('bad', 30, 30), T0)).toThrow(/CHECK/);
    store.bookings.add(booking('b', 30, 60), T0);
    expect(() => store.bookings.add(booking('b', 90, 120), T0)).toThrow(/UNIQUE|PRIMARY/);
    expect(store.bookings.all(PC, 0).map((b) => b.id)).toEqual(['b']);
  });
});

describe('loadOrCreateCodeKey', () => {
  it('creates a 32-byte key readable by its owner only, and reuses it', () => {
    const dir = join(tempDir(), 'data');
    const key = loadOrCreateCodeKey(dir);
    expect(key.length).toBe(32);
    expect(key.equals(Buffer.alloc(32))).toBe(false);
    const file = join(dir, 'code-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(loadOrCreateCodeKey(dir).equals(key)).toBe(true);
    // A second folder gets a key of its own.
    expect(loadOrCreateCodeKey(join(tempDir(), 'data')).equals(key)).toBe(false);
  });

  it('tightens a key file that was left readable by others', () => {
    const dir = tempDir();
    const file = join(dir, 'code-key');
    writeFileSync(file, Buffer.alloc(32, 1));
    chmodSync(file, 0o644);
    expect(loadOrCreateCodeKey(dir).equals(Buffer.alloc(32, 1))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([0, 16, 31, 33, 64])('refuses a key file of %i bytes with a StoreError', (bytes) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'code-key'), Buffer.alloc(bytes, 1), { mode: 0o600 });
    expect(() => loadOrCreateCodeKey(dir)).toThrow(StoreError);
    expect(() => loadOrCreateCodeKey(dir)).toThrow(`must be 32 bytes, found ${bytes}`);
  });
});

describe('watchForeignWrites', () => {
  it('fires when another connection commits, not for the watcher’s own writes', () => {
    const file = dbFile();
    const kiosk = newStore(file);
    const cli = newStore(file);
    const time = new TestTime('manual', T0);
    let fired = 0;
    const watch = watchForeignWrites(kiosk.db, time, () => fired++, 250);

    time.advance(1000);
    expect(fired).toBe(0);

    // The watcher's own connection writes: no notice.
    kiosk.bookings.add({ id: 'own', pcId: PC, startsAt: T0 + 60 * MINUTE, endsAt: T0 + 90 * MINUTE, codeHash: Buffer.alloc(32) }, T0);
    kiosk.events.append('own-e', T0, PC, { type: 'feedback', score: 'ok' });
    time.advance(1000);
    expect(fired).toBe(0);

    // Another connection commits: noticed at the next poll, once.
    cli.bookings.add({ id: 'cli', pcId: PC, startsAt: T0 + 120 * MINUTE, endsAt: T0 + 150 * MINUTE, codeHash: Buffer.alloc(32) }, T0);
    time.advance(249);
    expect(fired).toBe(0);
    time.advance(1);
    expect(fired).toBe(1);
    time.advance(2000);
    expect(fired).toBe(1);

    // A transaction with several writes is one commit; a read is none.
    cli.db.transaction(() => {
      cli.bookings.cancel('cli', T0);
      cli.bookings.cancel('own', T0);
    })();
    cli.bookings.live(PC, T0);
    time.advance(250);
    expect(fired).toBe(2);

    // After cancel, nothing fires.
    watch.cancel();
    cli.events.append('cli-e', T0, PC, { type: 'feedback', score: 'good' });
    time.advance(1000);
    expect(fired).toBe(2);
    expect(time.pending()).toBe(0);
    time.dispose();
  });

  it('does not fire for a transaction the other connection rolled back', () => {
    const file = dbFile();
    const kiosk = newStore(file);
    const cli = newStore(file);
    const time = new TestTime('manual', T0);
    let fired = 0;
    watchForeignWrites(kiosk.db, time, () => fired++);
    expect(() =>
      cli.db.transaction(() => {
        cli.bookings.add({ id: 'x', pcId: PC, startsAt: T0, endsAt: T0 + MINUTE, codeHash: Buffer.alloc(32) }, T0);
        throw new Error('abandoned');
      })(),
    ).toThrow('abandoned');
    time.advance(1000);
    expect(fired).toBe(0);
    time.dispose();
  });
});
