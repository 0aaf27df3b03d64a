/**
 * Printed pages counted all the way: a kiosk's "pages-printed" events reach
 * the hub (its figures for the advisor) and the city receiver (the site's
 * daily totals), exactly once.
 */
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { CitySync, writeCityTarget } from '../../main/sync/city-sync';
import { siteDayAndHour } from '../../main/sync/figures';
import { advisorFigures } from '../../main/hub/figures-view';
import type { Dashboard } from '../../preload/city-contract';
import { startCity } from './city-support';
import { onStop, startHub, startPc, stopAll, tempDir, until, waitOnline } from './hub-support';

afterEach(stopAll);

it('pages printed at two PCs reach the hub\'s figures and the city\'s site total once, even sent twice', async () => {
  const city = await startCity('sqlite', { clock: systemClock });
  const token = await city.addSite('raatipirtti', 'Raatipirtti');
  const th = await startHub({ dir: tempDir('tupa-hub-') });
  const pcs = [await startPc({ id: 'pc-1', hub: th, connect: false }), await startPc({ id: 'pc-2', hub: th, connect: false })];
  const at = Date.now() - 60_000;
  pcs[0]!.core.store.events.append('s1:print:1', at, 'pc-1', { type: 'pages-printed', pages: 2 });
  pcs[0]!.core.store.events.append('s1:print:2', at, 'pc-1', { type: 'pages-printed', pages: 3 });
  pcs[1]!.core.store.events.append('s2:print:1', at, 'pc-2', { type: 'pages-printed', pages: 4 });
  for (const pc of pcs) pc.connect();
  await Promise.all(pcs.map((pc) => waitOnline(pc)));
  await until('every print event at the hub', () => pcs.every((pc) => pc.core.store.events.unsent(1).length === 0), 15_000);

  const figures = advisorFigures(th.hub.store, Date.now());
  expect(figures.site.today.pages).toBe(9);
  expect(figures.pcs.find((p) => p.id === 'pc-1')?.today.pages).toBe(5);

  th.hub.city.stop();
  writeCityTarget(th.hub.store.db, { url: city.address, siteId: 'raatipirtti', token, caPem: city.caPem });
  const sync = new CitySync({ db: th.hub.store.db, clock: systemClock, scheduler: new NodeScheduler(systemClock), logger: createMemoryLogger(), timeoutMs: 2_000 });
  onStop(() => sync.stop());
  for (let i = 0; i < 5 && sync.status().pending > 0; i++) await sync.drain();
  const month = siteDayAndHour(at, 'Europe/Helsinki').day.slice(0, 7);
  const read = async () => {
    const cookie = await city.signIn();
    const answer = await city.get<Dashboard>(cookie, `/api/dashboard?from=${month}&to=${month}`);
    return answer.body.rows.find((r) => r.site === 'raatipirtti')?.pages;
  };
  expect(await read()).toBe(9);
  // Everything sent again (as after a restore): the city's total stays.
  th.hub.store.db.prepare('UPDATE city_records SET acked_revision = 0').run();
  await sync.drain();
  expect(await read()).toBe(9);
});
