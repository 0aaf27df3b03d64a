/**
 * The site's figures reach the city exactly once, whatever goes wrong on
 * the way. Real kiosk cores record sessions, the real hub aggregates them,
 * its sync client sends them through a fault-injecting proxy to a real city
 * receiver (HTTPS, SQLite or PostgreSQL). At the end the receiver's totals
 * equal what the kiosks recorded.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { CitySync, writeCityTarget } from '../../main/sync/city-sync';
import { siteDayAndHour } from '../../main/sync/figures';
import type { Dashboard } from '../../preload/city-contract';
import { describeStorages, manualClock, startCity, type TestCity } from './city-support';
import { faultyProxy, type Mode } from './faulty-proxy';
import { iso, onStop, signIn, startHub, startPc, stopAll, tempDir, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const ZONE = 'Europe/Helsinki';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A sync client on the hub's outbox with a short attempt timeout (the hub's own one is stopped). */
function testSync(th: TestHub, clock: Clock = systemClock, logger = createMemoryLogger()): CitySync {
  th.hub.city.stop();
  const sync = new CitySync({ db: th.hub.store.db, clock, scheduler: new NodeScheduler(systemClock), logger, timeoutMs: 700 });
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
function kioskTotals(pcs: TestPc[], only: (at: number) => boolean = () => true): Map<string, { sessions: number; minutes: number }> {
  const totals = new Map<string, { sessions: number; minutes: number }>();
  for (const pc of pcs) {
    for (const e of pc.core.store.events.list(0, 100_000)) {
      if (!only(e.at)) continue;
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

  it('a figure the receiver refuses for what it is (a period before 2020, an unknown metric) is set aside, and the rest still go', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    pastSessions(pc, Date.now() - DAY, 2);
    await connected([pc]);
    // Records no receiver takes, first in their batch: a day of 1970 (a PC clock at 0, counted by an older hub) and an unknown breakdown.
    th.hub.store.db
      .prepare("INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES ('1970-01-01', 'sessions', '1', 1, 0, 0), ('2000-01', 'colour.blue', '7', 1, 0, 0)")
      .run();
    writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
    const logger = createMemoryLogger();
    const sync = testSync(th, systemClock, logger);
    // The schema's refusal comes first, then the receiver's look at the periods.
    expect((await sync.drain()).lastError).toMatch(/^HTTP 400: records\[1\]\.metric: .*\(2000-01 colour\.blue set aside; the rest go on\)$/);
    expect((await sync.drain()).lastError).toMatch(/^HTTP 400: records\[0\]\.period: 1970-01-01 is before 2020-01-01.*\(1970-01-01 sessions set aside; the rest go on\)$/);
    const done = await sync.drain();
    expect(done.pending).toBe(0);
    expect(done.lastError).toBeUndefined();
    expect(logger.lines.filter((l) => l.msg === 'a figure the city receiver refuses was set aside').map((l) => l.figure)).toEqual(['2000-01 colour.blue', '1970-01-01 sessions']);
    const expected = kioskTotals([pc]);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });

  it('issue 10: a booking ten days ahead, made and cancelled in the console, does not hold up a walk-in\'s figures', async () => {
    const city = await startCity(storage.kind, { clock: systemClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
    const sync = testSync(th);

    const advisor = await signIn(th);
    const start = Date.now() + 10 * DAY;
    const made = await advisor.call<{ booking: { id: string } }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(start), end: iso(start + HOUR) });
    expect(made.status, made.text).toBe(200);
    expect((await advisor.call('DELETE', `/api/bookings/${made.body.booking.id}`)).status).toBe(200);
    // Nothing was counted for that day: no records wait for it.
    const later = siteDayAndHour(start, ZONE).day;
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM city_records WHERE period >= ?').get(later)).toEqual({ n: 0 });

    expect(pc.controller.startWalkIn('fi')).toBe(true);
    pc.controller.endSession('resident');
    await until('the walk-in at the hub', () => pc.core.store.events.unsent(10).length === 0, 10_000);
    const done = await sync.drain();
    expect(done).toMatchObject({ pending: 0, notYetDue: 0 });
    expect(done.lastError).toBeUndefined();
    const expected = kioskTotals([pc]);
    expect([...expected.values()].reduce((n, t) => n + t.sessions, 0)).toBe(1);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
  });

  it('records for days not yet begun (left by an older release) wait for their day, and the rest go', async () => {
    // One clock for the hub's sync and the receiver, moved ten days on below.
    const shift = { ms: 0 };
    const clock: Clock = { now: () => Date.now() + shift.ms, monotonic: () => performance.now() };
    const city = await startCity(storage.kind, { clock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    pastSessions(pc, Date.now() - 2 * DAY, 2);
    await connected([pc]);
    const ahead = siteDayAndHour(Date.now() + 10 * DAY, ZONE).day;
    const insert = th.hub.store.db.prepare("INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES (?, ?, '0', 1, 0, 0)");
    for (const metric of ['sessions', 'minutes', 'help-calls', 'no-shows']) insert.run(ahead, metric);
    writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
    const sync = testSync(th, clock);
    const done = await sync.drain();
    expect(done).toMatchObject({ pending: 0, notYetDue: 4 });
    expect(done.lastError).toBeUndefined();
    const expected = kioskTotals([pc]);
    expect(await cityTotals(city, 'raatipirtti', [...expected.keys()])).toEqual(expected);
    // That day has begun (by the hub's clock, and the receiver's): its records go.
    shift.ms = 10 * DAY;
    expect(sync.status()).toMatchObject({ pending: 4, notYetDue: 0 });
    expect(await sync.drain()).toMatchObject({ pending: 0, notYetDue: 0 });
  });

  it('a receiver whose clock is days behind: what it calls future waits an hour, the older figures go at once', async () => {
    const cityClock = manualClock(Date.now() - 3 * DAY);
    const city = await startCity(storage.kind, { clock: cityClock });
    const token = await city.addSite('raatipirtti', 'Raatipirtti');
    const th = await startHub({ dir: tempDir('tupa-hub-') });
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    const old = Date.now() - 8 * DAY;
    pastSessions(pc, old, 2);
    pastSessions(pc, Date.now() - 2 * HOUR, 1);
    await connected([pc]);
    writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
    const shift = { ms: 0 };
    const logger = createMemoryLogger();
    const sync = testSync(th, { now: () => Date.now() + shift.ms, monotonic: () => performance.now() }, logger);

    let status = await sync.drain();
    // At most a hold for days and one for months, each one refusal; then the old figures go.
    for (let i = 0; i < 3 && status.pending > 0; i++) status = await sync.drain();
    expect(status.pending).toBe(0);
    expect(status.notYetDue).toBeGreaterThan(0);
    expect(logger.lines.some((l) => l.msg.startsWith('the city receiver calls figures future'))).toBe(true);
    const older = kioskTotals([pc], (at) => at < Date.now() - 4 * DAY);
    expect([...older.values()].reduce((n, t) => n + t.sessions, 0)).toBe(2);
    expect(await cityTotals(city, 'raatipirtti', [...older.keys()])).toEqual(older);

    // The receiver's clock is put right; an hour later the held figures go too.
    cityClock.at = Date.now();
    expect((await sync.drain()).pending).toBe(0);
    shift.ms = HOUR + 1;
    expect(await sync.drain()).toMatchObject({ pending: 0, notYetDue: 0 });
    const expected = kioskTotals([pc]);
    cityClock.at = Date.now();
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
