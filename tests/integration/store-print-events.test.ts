/**
 * The kiosk store's migration 4 (printed pages as usage events) rebuilds the
 * usage_events table: its rows, its append-only triggers and its sequence
 * must come through, or new events would be numbered as already sent.
 */
import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../main/store/migrations';
import { KioskStore } from '../../main/store/kiosk-store';
import { removeTempDirs, tempDir } from './support';

afterEach(removeTempDirs);

it('a store at version 3 whose sent events were all deleted keeps counting upwards after migration 4, append-only as before', () => {
  const file = join(tempDir(), 'kiosk.sqlite');
  const old = new Database(file);
  for (const m of MIGRATIONS.filter((x) => x.version <= 3)) old.exec(m.sql);
  old.pragma('user_version = 3');
  const insert = old.prepare("INSERT INTO usage_events (id, at, pc_id, type, data) VALUES (?, ?, 'pc-1', 'feedback', '{\"score\":\"good\"}')");
  for (let i = 1; i <= 5; i++) insert.run(`e${i}`, 1_700_000_000_000 + i);
  old.prepare('UPDATE usage_sync SET sent_through = 5 WHERE id = 1').run();
  old.prepare('DELETE FROM usage_events WHERE seq <= 3').run();
  old.close();

  const store = new KioskStore(file, 'pc-1');
  try {
    expect(store.events.list().map((e) => e.seq)).toEqual([4, 5]);
    store.events.append('s:print:1', 1_700_000_100_000, 'pc-1', { type: 'pages-printed', pages: 3 });
    const [added] = store.events.unsent(10);
    expect(added).toMatchObject({ seq: 6, event: { type: 'pages-printed', pages: 3 } });
    expect(store.events.pagesPrintedSince(0)).toBe(3);
    const raw = new Database(file);
    expect(() => raw.prepare("UPDATE usage_events SET data = '{}' WHERE seq = 6").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM usage_events WHERE seq = 6').run()).toThrow(/append-only/);
    expect(() => raw.prepare("INSERT INTO usage_events (id, at, pc_id, type, data) VALUES ('x', 1, 'pc-1', 'page-title', '{}')").run()).toThrow(/CHECK/);
    raw.close();
  } finally {
    store.close();
  }
});
