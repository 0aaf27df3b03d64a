/**
 * The city receiver's storage on its own, the same cases on a real SQLite
 * file and a real PostgreSQL database: a batch is all or nothing even when
 * the database itself refuses a record, concurrent batches keep the
 * highest revision, migrations run once and a newer database is refused,
 * the audit cannot be rewritten, accounts and sessions behave alike.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { SyncRecord } from '../../preload/city-contract';
import { addSite, setCoordinator } from '../../main/city/accounts';
import { tokenHash } from '../../main/hub/auth';
import { cell, day, describeStorages, NOW, openTestStore, stopAll } from './city-support';

afterEach(stopAll);

const meta = () => ({ batchId: randomUUID(), now: NOW });

describeStorages('the city store', ({ kind }) => {
  it('stores a batch all or nothing: a record the database refuses leaves no trace of the batch', async () => {
    const { store } = await openTestStore(kind);
    await store.addSite('kemijarvi', 'Kemijärvi', tokenHash('t'), NOW);
    await store.upsertBatch('kemijarvi', [day('2026-05-04', 'sessions', 12)] as SyncRecord[], meta());
    const audit = (await store.auditLog()).length;
    // A negative value gets past no validation in the server; here the table's CHECK refuses it, mid-batch.
    const bad = [day('2026-05-04', 'sessions', 13, 2), day('2026-05-05', 'sessions', 1), day('2026-05-06', 'sessions', -1)] as SyncRecord[];
    await expect(store.upsertBatch('kemijarvi', bad, { batchId: randomUUID(), now: NOW + 1 })).rejects.toThrow(/CHECK|check constraint/);
    expect(await store.monthFigures('2026-05', '2026-06')).toEqual([{ site: 'kemijarvi', month: '2026-05', metric: 'sessions', daily: true, value: 12, receivedAt: NOW }]);
    expect(await store.figureCount()).toBe(1);
    expect((await store.sites())[0]!.lastSyncAt).toBe(NOW);
    expect(await store.auditLog()).toHaveLength(audit);
    // A site that does not exist: refused by the foreign key.
    await expect(store.upsertBatch('nowhere', [day('2026-05-04', 'sessions', 1)] as SyncRecord[], meta())).rejects.toThrow();
    expect(await store.figureCount()).toBe(1);
  });

  it('keeps the highest revision when batches for the same keys arrive at once', async () => {
    const { store } = await openTestStore(kind);
    await store.addSite('kemijarvi', 'Kemijärvi', tokenHash('t'), NOW);
    const keys = Array.from({ length: 50 }, (_, i) => ({ period: `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`, metric: i < 28 ? 'sessions' : 'minutes' }));
    // Twenty revisions of the same 50 keys, sent in a shuffled order, all at once.
    const revisions = [5, 12, 1, 20, 7, 3, 18, 9, 14, 2, 11, 16, 4, 19, 8, 13, 6, 17, 10, 15];
    const receipts = await Promise.all(revisions.map((rev) => store.upsertBatch('kemijarvi', keys.map((k) => ({ ...k, value: rev * 10, revision: rev })) as SyncRecord[], meta())));
    expect(receipts.every((r) => r.stored + r.unchanged === 50)).toBe(true);
    const figures = await store.monthFigures('2026-05', '2026-06');
    expect(figures.map((f) => [f.metric, f.value])).toEqual([
      ['minutes', 22 * 200],
      ['sessions', 28 * 200],
    ]);
  });

  it('stores each of many sites\' batches arriving at once', async () => {
    const { store } = await openTestStore(kind);
    const sites = Array.from({ length: 30 }, (_, i) => `site-${i}`);
    for (const id of sites) await store.addSite(id, id, tokenHash(id), NOW);
    const records = Array.from({ length: 100 }, (_, i) => cell(`2026-0${1 + (i % 5)}`, `hour.${String(i % 24).padStart(2, '0')}`, 5 + i)).filter((r, i, all) => all.findIndex((o) => o.period === r.period && o.metric === r.metric) === i);
    const receipts = await Promise.all(sites.map((id) => store.upsertBatch(id, records as SyncRecord[], meta())));
    expect(receipts).toEqual(sites.map(() => ({ stored: records.length, unchanged: 0 })));
    expect(await store.figureCount()).toBe(sites.length * records.length);
    expect((await store.sites()).every((s) => s.lastSyncAt === NOW)).toBe(true);
  });

  it('sums days into months and keeps "<5" as null, within the period range', async () => {
    const { store } = await openTestStore(kind);
    await store.addSite('kemijarvi', 'Kemijärvi', tokenHash('t'), NOW);
    const records = [day('2026-04-30', 'sessions', 1), day('2026-05-01', 'sessions', 2), day('2026-05-31', 'sessions', 3), day('2026-06-01', 'sessions', 4), cell('2026-05', 'feedback.ok', '<5'), cell('2026-06', 'feedback.ok', 8)];
    await store.upsertBatch('kemijarvi', records as SyncRecord[], meta());
    expect(await store.monthFigures('2026-05', '2026-06')).toEqual([
      { site: 'kemijarvi', month: '2026-05', metric: 'feedback.ok', daily: false, value: null, receivedAt: NOW },
      { site: 'kemijarvi', month: '2026-05', metric: 'sessions', daily: true, value: 5, receivedAt: NOW },
    ]);
  });

  it('migrates once, opens again without change, and refuses a database of a newer release', async () => {
    const { store, reopen, config, dataDir } = await openTestStore(kind);
    await addSite(store, 'kemijarvi', 'Kemijärvi', 'test', NOW);
    await store.close();
    const again = await reopen();
    expect((await again.sites()).map((s) => s.id)).toEqual(['kemijarvi']);
    await again.close();
    // A newer release migrated this database further.
    if (config.storage.kind === 'postgres') {
      const client = new pg.Client({ connectionString: config.storage.url });
      await client.connect();
      await client.query('INSERT INTO tupa_city_schema (version) VALUES (99)');
      await client.end();
    } else {
      const db = new Database(join(dataDir, 'city.sqlite'));
      db.pragma('user_version = 99');
      db.close();
    }
    await expect(reopen()).rejects.toThrow('the database is at version 99, newer than this release knows (1); install the newer release');
  });

  it('keeps the audit append-only', async () => {
    const { store, config } = await openTestStore(kind);
    await store.audit({ at: NOW, actor: 'test', action: 'something' });
    if (config.storage.kind === 'postgres') {
      const client = new pg.Client({ connectionString: config.storage.url });
      await client.connect();
      try {
        await expect(client.query('UPDATE audit SET actor = $1', ['someone else'])).rejects.toThrow('audit is append-only');
        await expect(client.query('DELETE FROM audit')).rejects.toThrow('audit is append-only');
      } finally {
        await client.end();
      }
    } else {
      const db = (store as unknown as { db: Database.Database }).db;
      expect(() => db.prepare('UPDATE audit SET actor = ?').run('someone else')).toThrow('audit is append-only');
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow('audit is append-only');
    }
    expect(await store.auditLog()).toEqual([{ at: NOW, actor: 'test', action: 'something', subject: undefined, details: undefined }]);
  });

  it('treats coordinator names without regard to case; a new password ends the old sessions', async () => {
    const { store } = await openTestStore(kind);
    expect(await setCoordinator(store, 'Maija', 'ensimmäinen-salasana', 'test', NOW)).toBe('added');
    const maija = (await store.coordinatorByName('maija'))!;
    expect(maija.name).toBe('Maija');
    await store.createSession(tokenHash('session'), maija.id, NOW, NOW + 1000);
    expect(await store.coordinatorBySession(tokenHash('session'), NOW)).toEqual({ id: maija.id, name: 'Maija' });
    expect(await store.coordinatorBySession(tokenHash('session'), NOW + 1000)).toBeUndefined();
    expect(await setCoordinator(store, 'MAIJA', 'toinen-salasana-123', 'test', NOW)).toBe('updated');
    expect(await store.coordinatorBySession(tokenHash('session'), NOW)).toBeUndefined();
    expect(await store.coordinators()).toEqual([{ name: 'Maija', disabled: false }]);
    expect(await store.disableCoordinator('maija', NOW)).toBe(true);
    expect(await store.disableCoordinator('maija', NOW)).toBe(false);
    expect(await store.coordinatorByName('Maija')).toBeUndefined();
    expect(await store.coordinators()).toEqual([{ name: 'Maija', disabled: true }]);
  });

  it('refuses a second site under the same id, and a token hash used twice', async () => {
    const { store } = await openTestStore(kind);
    expect(await store.addSite('kemijarvi', 'Kemijärvi', tokenHash('a'), NOW)).toBe(true);
    expect(await store.addSite('kemijarvi', 'Toinen', tokenHash('b'), NOW)).toBe(false);
    await expect(addSite(store, 'kemijarvi', 'Toinen', 'test', NOW)).rejects.toThrow('there is already a site "kemijarvi"; for a new token: site token kemijarvi');
    expect(await store.siteByToken(tokenHash('a'))).toEqual({ id: 'kemijarvi', name: 'Kemijärvi' });
    expect(await store.siteByToken(tokenHash('b'))).toBeUndefined();
  });
});
