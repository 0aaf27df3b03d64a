/**
 * A site's process killed (SIGKILL) in the middle of sending its figures to
 * the city: the real preview (kiosk core with its embedded hub, as on a
 * one-PC site) with two months of demo history waiting in its outbox. The
 * receiver stores the batch, the answer is held back, the process dies;
 * started again, it sends once more and the receiver changes nothing.
 */
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../main/core/clock';
import { HubStore } from '../../main/hub/hub-store';
import { writeCityTarget } from '../../main/sync/city-sync';
import { startPreview, type PreviewProcess } from '../support/preview-process';
import { startCity } from './city-support';
import { faultyProxy } from './faulty-proxy';
import { onStop, stopAll, tempDir, until } from './hub-support';

afterEach(stopAll);

async function preview(dataDir: string): Promise<PreviewProcess> {
  const p = await startPreview({ dataDir, demo: true, args: ['--no-city'] });
  onStop(async () => void (await p.stop()));
  return p;
}

/** Reads the hub's database beside the running process (SQLite in WAL mode takes a second reader). */
function withHub<T>(dataDir: string, read: (store: HubStore) => T): T {
  const store = new HubStore(join(dataDir, 'hub', 'hub.sqlite'));
  try {
    return read(store);
  } finally {
    store.close();
  }
}

it('the site killed while a batch is on its way: started again, it sends once more and nothing is doubled', async () => {
  const city = await startCity('sqlite', { clock: systemClock });
  const token = await city.addSite('demo-site', 'Raatipirtti');
  const proxy = await faultyProxy(city);
  const dataDir = tempDir('tupa-kill-');

  // First start: the demo history is counted; no receiver is set, so it all waits in the outbox.
  const first = await preview(dataDir);
  await first.stop();
  const waiting = withHub(dataDir, (s) => (s.db.prepare('SELECT count(*) AS n FROM city_records WHERE revision > acked_revision').get() as { n: number }).n);
  expect(waiting).toBeGreaterThan(20);
  withHub(dataDir, (s) => writeCityTarget(s.db, { url: proxy.url, siteId: 'demo-site', token }));

  // Second start: it sends at once; the receiver stores the batch, the answer never comes, and the process is killed.
  proxy.modes.push('hold');
  const second = await preview(dataDir);
  await until('the batch stored at the receiver', async () => (await city.receiver.store.figureCount('demo-site')) > 0, 15_000);
  const stored = await city.receiver.store.figureCount('demo-site');
  await second.stop('SIGKILL');
  expect(second.child.signalCode).toBe('SIGKILL');
  expect(withHub(dataDir, (s) => (s.db.prepare('SELECT count(*) AS n FROM city_records WHERE revision > acked_revision').get() as { n: number }).n)).toBe(waiting);

  // Third start: the same records again, acknowledged now; the receiver holds what it held.
  await preview(dataDir);
  await until('everything acknowledged', () => withHub(dataDir, (s) => (s.db.prepare('SELECT count(*) AS n FROM city_records WHERE revision > acked_revision').get() as { n: number }).n) === 0, 15_000);
  expect(proxy.seen).toEqual(['hold', 'pass']);
  expect(await city.receiver.store.figureCount('demo-site')).toBe(stored);
  expect(stored).toBe(waiting);

  // And the receiver's sessions equal the hub's, month by month.
  const hubSessions = withHub(dataDir, (s) =>
    s.db.prepare("SELECT substr(day, 1, 7) AS month, sum(value) AS n FROM usage_daily WHERE metric LIKE 'sessions.%' GROUP BY month ORDER BY month").all(),
  ) as Array<{ month: string; n: number }>;
  const cityFigures = await city.receiver.store.monthFigures('2000-01-01', '2100-01-01');
  const citySessions = cityFigures.filter((f) => f.site === 'demo-site' && f.daily && f.metric === 'sessions').map((f) => ({ month: f.month, n: f.value }));
  expect(citySessions.sort((a, b) => a.month.localeCompare(b.month))).toEqual(hubSessions);
});
