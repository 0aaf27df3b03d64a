/**
 * Help on the screen (issue 16) and printed pages (issue 14) counted all the
 * way: a real call asked at a real kiosk core, accepted by a console over
 * HTTPS, shown and stopped, and pages printed at the PC, reach the hub's
 * figures and its CSV, then the real city receiver's dashboard and its CSV,
 * once. A month of fewer than 5 calls leaves the site with its wait and
 * length as "<5"; with 6 calls their totals travel. Days an older release
 * counted without these metrics are counted again at start.
 */
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { CitySync, writeCityTarget } from '../../main/sync/city-sync';
import { siteDayAndHour } from '../../main/sync/figures';
import { advisorFigures } from '../../main/hub/figures-view';
import type { Dashboard } from '../../preload/city-contract';
import type { AdvisorEvent } from '../../preload/hub-contract';
import { startCity } from './city-support';
import { ALWAYS_ON_DUTY, advisorSocket, onStop, signIn, startHub, startPc, stopAll, tempDir, until, waitOnline } from './hub-support';

afterEach(stopAll);

const ZONE = 'Europe/Helsinki';

it('help on the screen and printed pages reach the hub\'s CSV and the city\'s dashboard and CSV once, small months as "<5"', async () => {
  const city = await startCity('sqlite', { clock: systemClock });
  const token = await city.addSite('raatipirtti', 'Raatipirtti');
  const th = await startHub({
    dir: tempDir('tupa-hub-'),
    network: { turnSecret: 'turn-shared-secret-for-tests' },
    policy: { remoteHelp: { enabled: true, hours: ALWAYS_ON_DUTY, turnUrls: ['turn:127.0.0.1:3478?transport=udp'] } },
  });
  const pc = await startPc({ id: 'pc-1', hub: th });
  await waitOnline(pc);
  const today = siteDayAndHour(Date.now(), ZONE).day;
  const month = today.slice(0, 7);
  const usage = (metric: string) =>
    (th.hub.store.db.prepare('SELECT coalesce(sum(value), 0) AS v FROM usage_daily WHERE day = ? AND metric = ?').get(today, metric) as { v: number }).v;

  // Pages printed at the PC (usage events it sends), and one real call: asked, accepted, shown, stopped by the resident.
  pc.core.store.events.append('s1:print:1', Date.now() - 1_000, 'pc-1', { type: 'pages-printed', pages: 3 });
  expect(pc.controller.startWalkIn('fi')).toBe(true);
  await until('remote help offered', () => pc.controller.snapshot().remote?.offered === true);
  const advisor = await signIn(th);
  const desk = await advisorSocket(th, advisor.token);
  expect(pc.controller.remoteHelp.ask()).toBe('sending');
  const asked = await desk.next('the remote call', (e) => e.type === 'help' && e.call.state === 'requested' && e.call.remote === true);
  const callId = (asked as Extract<AdvisorEvent, { type: 'help' }>).call.id;
  expect((await advisor.call('POST', `/api/remote/${callId}/accept`, {})).status).toBe(200);
  await until('the kiosk asks for consent', () => pc.controller.snapshot().remote?.state === 'consent');
  expect(pc.controller.remoteHelp.consent(true)).toMatchObject({ result: 'ok' });
  pc.controller.remoteHelp.stop('resident-stopped');
  await until('the call and the pages counted', () => usage('remote-calls') === 1 && usage('pages') === 3, 10_000);
  const firstWait = usage('remote-wait-seconds');
  const firstShown = usage('remote-shared-seconds');
  expect(firstWait + firstShown).toBeLessThan(3);

  const sync = new CitySync({ db: th.hub.store.db, clock: systemClock, scheduler: new NodeScheduler(systemClock), logger: createMemoryLogger(), timeoutMs: 2_000 });
  th.hub.city.stop();
  writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
  onStop(() => sync.stop());
  const send = async () => {
    for (let i = 0; i < 5 && sync.status().pending > 0; i++) await sync.drain();
    expect(sync.status()).toMatchObject({ pending: 0 });
    expect(sync.status().lastError).toBeUndefined();
  };
  const cookie = await city.signIn();
  const cityRow = async () => (await city.get<Dashboard>(cookie, `/api/dashboard?from=${month}&to=${month}`)).body.rows.find((r) => r.site === 'raatipirtti');
  const cityCsv = async () => {
    const answer = await city.get(cookie, `/api/export.csv?from=${month}&to=${month}&decimal=point&lang=en`);
    expect(answer.status).toBe(200);
    const [head, ...rows] = answer.text.slice(1).trimEnd().split('\r\n');
    return { head: head!.split(','), row: rows.find((r) => r.startsWith('raatipirtti,'))!.split(',') };
  };
  const hubCsv = async () => {
    const answer = await advisor.call('GET', `/api/figures/${month}/csv?decimal=comma&lang=en`);
    expect(answer.status).toBe(200);
    const [head, ...rows] = answer.text.slice(1).trimEnd().split('\r\n');
    return { head: head!.split(';'), row: rows.find((r) => r.startsWith(`${today};`))!.split(';') };
  };

  // One call: the city gets the count exactly, its wait and length only as "<5" (one call's seconds never leave the site).
  await send();
  let row = await cityRow();
  expect(row).toMatchObject({ pages: 3, remoteCalls: 1 });
  expect(row!.breakdown).toMatchObject({ 'remote-answered': '<5', 'remote-wait-seconds': '<5', 'remote-shared-seconds': '<5', 'remote-outcome.resident-stopped': '<5' });
  let csv = await cityCsv();
  const at = (name: string) => csv.head.indexOf(name);
  expect(csv.head.slice(7, 11)).toEqual(['Pages printed', 'Help on the screen: calls', 'Help on the screen: average wait until answered (min)', 'Help on the screen: minutes the page was shown']);
  expect(csv.row.slice(at('Pages printed'), at('Pages printed') + 4)).toEqual(['3', '1', '<5', '<5']);
  // At the hub the figures are exact, per PC and day.
  let hub = await hubCsv();
  const hubAt = hub.head.indexOf('Pages printed');
  expect(hub.head.slice(hubAt, hubAt + 4)).toEqual(['Pages printed', 'Help on the screen: calls', 'Help on the screen: average wait until answered (min)', 'Help on the screen: minutes the page was shown']);
  expect(hub.row.slice(hubAt, hubAt + 4)).toEqual(['3', '1', '0,0', '0,0']);

  // Five more calls, as the hub's remote desk records them when they end: 6 accepted, 6 shown.
  for (const [i, wait] of [30, 60, 90, 120, 150].entries()) {
    th.hub.ledger.record('pc-1', [{ id: `call-${i}:remote`, at: Date.now() - 1_000, type: 'remote-help', data: { reason: 'advisor-ended', waitSeconds: wait, sharedSeconds: 600 } }], Date.now());
  }
  expect(advisorFigures(th.hub.store, Date.now()).site.today.remote).toEqual({ calls: 6, waitSeconds: firstWait + 450, sharedSeconds: firstShown + 3000 });
  hub = await hubCsv();
  // (450 + the first call's second or so) / 6 calls = 1.3 min; 3000 s and a little = 50.0 min.
  expect(hub.row.slice(hubAt, hubAt + 4)).toEqual(['3', '6', '1,3', '50,0']);

  await send();
  row = await cityRow();
  expect(row).toMatchObject({ pages: 3, remoteCalls: 6 });
  expect(row!.breakdown).toMatchObject({ 'remote-answered': 6, 'remote-wait-seconds': firstWait + 450, 'remote-shared-seconds': firstShown + 3000, 'remote-outcome.advisor-ended': 5 });
  csv = await cityCsv();
  expect(csv.row.slice(at('Pages printed'), at('Pages printed') + 4)).toEqual(['3', '6', '1.3', '50.0']);

  // Everything sent again (as after a restore): nothing doubles at the city.
  th.hub.store.db.prepare('UPDATE city_records SET acked_revision = 0').run();
  await send();
  expect(await cityRow()).toMatchObject({ pages: 3, remoteCalls: 6, breakdown: expect.objectContaining({ 'remote-answered': 6 }) });
});

it('days counted by a release that did not send pages or remote calls to the city are counted again at start, once', async () => {
  const th = await startHub({ dir: tempDir('tupa-hub-') });
  const now = Date.now();
  const today = siteDayAndHour(now, ZONE).day;
  th.hub.ledger.record('pc-1', [
    { id: 'old-1', at: now - 2_000, type: 'pages-printed', data: { pages: 4 } },
    { id: 'old-2:remote', at: now - 2_000, type: 'remote-help', data: { reason: 'declined', waitSeconds: 40 } },
    { id: 'old-3:remote', at: now - 1_000, type: 'remote-help', data: { reason: 'cancelled' } },
  ], now);
  // As an older release left the outbox: no such records, everything else sent.
  const db = th.hub.store.db;
  db.prepare("DELETE FROM city_records WHERE metric IN ('pages', 'remote-calls', 'remote-answered', 'remote-wait-seconds', 'remote-shared-seconds')").run();
  db.prepare('UPDATE city_records SET acked_revision = revision').run();
  const records = (period: string) =>
    Object.fromEntries((db.prepare('SELECT metric, value FROM city_records WHERE period = ?').all(period) as Array<{ metric: string; value: string }>).map((r) => [r.metric, r.value]));
  const pending = () => (db.prepare('SELECT metric FROM city_records WHERE revision > acked_revision ORDER BY metric').pluck().all() as string[]);

  expect(th.hub.ledger.catchUpMetrics(now)).toBe(1);
  expect(records(today)).toMatchObject({ pages: '4', 'remote-calls': '2' });
  expect(records(today.slice(0, 7))).toMatchObject({ 'remote-answered': '<5', 'remote-wait-seconds': '<5' });
  // Only what was missing goes to the city; a second start finds nothing to do.
  expect(pending()).toEqual(['pages', 'remote-answered', 'remote-calls', 'remote-wait-seconds']);
  expect(th.hub.ledger.catchUpMetrics(now)).toBe(0);
});
