/**
 * The site's figures reach the city exactly once, whatever goes wrong on
 * the way. Real kiosk cores record sessions, the real hub aggregates them,
 * its sync client sends them through a fault-injecting proxy to a real city
 * receiver (HTTPS, SQLite or PostgreSQL). At the end the receiver's totals
 * equal what the kiosks recorded.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { CitySync, writeCityTarget } from '../../main/sync/city-sync';
import { siteDayAndHour } from '../../main/sync/figures';
import type { Dashboard } from '../../preload/city-contract';
import { describeStorages, startCity, type TestCity } from './city-support';
import { faultyProxy, type Mode } from './faulty-proxy';
import { onStop, startHub, startPc, stopAll, tempDir, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const ZONE = 'Europe/Helsinki';
const DAY = 24 * 3_600_000;

/** A sync client on the hub's outbox with a short attempt timeout (the hub's own one is stopped). */
function testSync(th: TestHub): CitySync {
  th.hub.city.stop();
  const sync = new CitySync({ db: th.hub.store.db, clock: systemClock, scheduler: new NodeScheduler(systemClock), logger: createMemoryLogger(), timeoutMs: 700 });
  onStop(() => sync.stop());
  return sync;
}

/** Walk-in sessions as a kiosk records them while the PC could not reach anyone (`at` in the past). */
function pastSessions(pc: TestPc, at: number, count: number, language = 'fi'): void {
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const start = at + i * 3_600_000;
    pc.core.store.events.append(`${id}:started`, start, pc.id, { type: 'session-started', kind: 'walk-in', language });
    pc.core.store.events.append(`${id}:ended`, start + 1_800_000, pc.id, { type: 'session-ended', kind: 'walk-in', language, minutes: 30 + i, reason: 'time-up' });
    pc.core.store.events.append(`${id}:feedback`, start + 1_800_000, pc.id, { type: 'feedback', score: i % 2 ? 'good' : 'ok' });
  }
}

/** What the kiosks recorded, as the city should count it: sessions and minutes per site month. */
function kioskTotals(pcs: TestPc[]): Map<string, { sessions: number; minutes: number }> {
  const totals = new Map<string, { sessions: number; minutes: number }>();
  for (const pc of pcs) {
    for (const e of pc.core.store.events.list(0, 100_000)) {
      const month = siteDayAndHour(e.at, ZONE).day.slice(0, 7);
      const t = totals.get(month) ?? { sessions: 0, minutes: 0 };
      if (e.event.type === 'session-started') t.sessions++;
      if (e.event.type === 'session-ended') t.minutes += e.event.minutes;
      totals.set(month, t);
    }
  }
  return totals;
}

async function cityTotals(city: TestCity, site: string, months: string[]): Promise<Map<string, { sessions: number; minutes: number }>> {
  const cookie = await city.signIn();
  const sorted = [...months].sort();
  const answer = await city.get<Dashboard>(cookie, `/api/dashboard?from=${sorted[0]}&to=${sorted.at(-1)}`);
  expect(answer.status).toBe(200);
  return new Map(answer.body.rows.filter((r) => r.site === site).map((r) => [r.month, { sessions: r.sessions, minutes: r.minutes }]));
}

async function connected(pcs: TestPc[]): Promise<void> {
  for (const pc of pcs) pc.connect();
  await Promise.all(pcs.map((pc) => waitOnline(pc)));
  await until('every kiosk event at the hub', () => pcs.every((pc) => pc.core.store.events.unsent(1).length === 0), 15_000);
}

describeStorages('figures reach the city exactly once', (storage) => {
  it('through a 500, a refused connection, a timeout, a connection dropped after storing and a batch received twice', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pcs = [await startPc({ id: 'pc-1', hub: th, connect: false }), await startPc({ id: 'pc-2', hub: th, connect: false })];
    pastSessions(pcs[0]!, Date.now() - 3 * DAY, 4);
    pastSessions(pcs[1]!, Date.now() - 2 * DAY, 3, 'so');
    await connected(pcs);

    const proxy = await faultyProxy(city);
    writeCityTarget(th.hub.store.db, { url: proxy.url, siteId: 'raatipirtti', token });
    const sync = testSync(th);
    proxy.modes.push('error-500', 'refuse', 'hold', 'drop-after-store', 'twice');
    for (let i = 0; i < 10 && sync.status().pending > 0; i++) await sync.drain();
    expect(proxy.seen).toEqual(['error-500', 'refuse', 'hold', 'drop-after-store', 'twice']);
    expect(sync.status()).toMatchObject({ pending: 0 });

    const expected = kioskTotals(pcs);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
    // Three Somali-language sessions leave the site as "<5".
    const cookie = await city.signIn();
    const month = siteDayAndHour(Date.now() - 2 * DAY, ZONE).day.slice(0, 7);
    const dash = await city.get<Dashboard>(cookie, `/api/dashboard?from=${month}&to=${month}`);
    expect(dash.body.rows[0]!.breakdown['language.so']).toBe('<5');

    // Everything again (as after a restore): nothing changes at the receiver.
    th.hub.store.db.prepare('UPDATE city_records SET acked_revision = 0').run();
    await sync.drain();
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });

  it('a site offline for 30 days, and a PC whose events arrive 30 days late, catch up to the same totals', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const early = await startPc({ id: 'pc-1', hub: th, connect: false });
    const late = await startPc({ id: 'pc-2', hub: th, connect: false });
    const proxy = await faultyProxy(city);
    writeCityTarget(th.hub.store.db, { url: proxy.url, siteId: 'raatipirtti', token });
    const sync = testSync(th);

    // Thirty days of a site whose connection to the city is down: every attempt refused.
    for (let d = 30; d >= 1; d--) pastSessions(early, Date.now() - d * DAY, 2);
    await connected([early]);
    proxy.modes.push(...Array<Mode>(5).fill('refuse'));
    for (let i = 0; i < 5; i++) expect((await sync.drain()).lastError).toBeTruthy();
    expect(sync.status().pending).toBeGreaterThan(0);

    // The line is back: one catch-up.
    await sync.drain();
    expect(sync.status().pending).toBe(0);
    // Then a PC that was away all month hands in its 30-day-old events.
    pastSessions(late, Date.now() - 30 * DAY, 5);
    await connected([late]);
    await sync.drain();
    expect(sync.status().pending).toBe(0);

    const expected = kioskTotals([early, late]);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });

  it('a figure the receiver refuses for what it is is set aside, and the rest still go', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    pastSessions(pc, Date.now() - DAY, 2);
    await connected([pc]);
    // A record no receiver takes (an unknown breakdown), first in its batch.
    th.hub.store.db.prepare("INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES ('2000-01', 'colour.blue', '7', 1, 0, 0)").run();
    writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
    const sync = testSync(th);
    const first = await sync.drain();
    expect(first.lastError).toMatch(/^HTTP 400: records\[0\]\.metric: .*\(2000-01 colour\.blue set aside; the rest go on\)$/);
    const done = await sync.drain();
    expect(done.pending).toBe(0);
    const expected = kioskTotals([pc]);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });

  it('the hub stopped in the middle of a send: the restarted hub sends again and nothing is doubled', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const dir = tempDir('tupa-hub-');
    const first = await startHub({ dir });
    const pc = await startPc({ id: 'pc-1', hub: first, connect: false });
    pastSessions(pc, Date.now() - DAY, 6);
    await connected([pc]);
    const proxy = await faultyProxy(city);
    writeCityTarget(first.hub.store.db, { url: proxy.url, siteId: 'raatipirtti', token });
    proxy.modes.push('hold');
    first.hub.city.now();
    await until('the batch stored at the receiver, its answer held back', () => proxy.seen.length === 1, 5_000);
    await until('stored', async () => (await cityTotals(city, 'raatipirtti', [siteDayAndHour(Date.now() - DAY, ZONE).day.slice(0, 7)])).size > 0, 5_000);
    await first.stop();

    const second = await startHub({ dir, port: first.port });
    await until('the restarted hub has sent everything again', () => second.hub.city.status().pending === 0, 10_000);
    expect(proxy.seen).toEqual(['hold', 'pass']);
    const expected = kioskTotals([pc]);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });
});
