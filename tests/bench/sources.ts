import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub } from '../../main/hub/compose';
import { hubNetworkSchema } from '../../main/config/hub';
import { sitePolicySchema } from '../../main/config/policy';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { createMemoryLogger } from '../../main/log/logger';
import { helsinkiIso, startFakeRespa, type FakeReservation } from '../support/fake-respa';

/**
 * "500 Respa reservations over 3 pages fetched, diffed and applied" (issue
 * 12): a real hub (SQLite on disk, 10 PCs) and the fake Respa API on
 * loopback giving at most 200 a page. Each round is a new source, so every
 * reservation is a new booking written in one transaction; then a second
 * sync of the same source with 50 moved and 50 gone.
 */
export interface SourcesBenchResult {
  first: number[];
  again: number[];
  pages: number;
}

export async function measureSourceSync(rounds = 5): Promise<SourcesBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tupa-bench-sources-'));
  const hub = await createHub({
    dataDir: dir,
    siteName: 'Bench',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse({}),
    initialPolicy: sitePolicySchema.parse({}),
    clock: systemClock,
    scheduler: new NodeScheduler(systemClock),
    logger: createMemoryLogger(),
    listen: { host: '127.0.0.1', port: 0 },
  });
  const fake = await startFakeRespa();
  fake.maxPageSize = 200;
  const map: Record<string, string> = {};
  for (let i = 0; i < 10; i++) {
    hub.services.pairLocal({ pcId: `pc-${i}`, name: `PC ${i}`, room: 'Sali' });
    map[`res-${i}`] = `pc-${i}`;
  }
  const first: number[] = [];
  const again: number[] = [];
  let pages = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      const start = Date.now() + 3_600_000;
      const reservations: FakeReservation[] = Array.from({ length: 500 }, (_, i) => ({
        id: round * 1000 + i,
        resource: `res-${i % 10}`,
        begin: helsinkiIso(start + Math.floor(i / 10) * 3 * 3_600_000),
        end: helsinkiIso(start + Math.floor(i / 10) * 3 * 3_600_000 + 3_600_000),
        state: 'confirmed',
        access_code: String(100000 + i),
      }));
      fake.reservations = reservations;
      const id = `bench-${round}`;
      hub.sources.sources.add({ id, kind: 'respa', location: fake.base, settings: { map } }, Date.now());
      const before = fake.requests.length;
      let t = performance.now();
      const outcome = await hub.sources.sync(id);
      first.push(performance.now() - t);
      pages = fake.requests.length - before;
      if (!outcome.ok || outcome.counts?.added !== 500) throw new Error(`the bench sync did not add 500: ${JSON.stringify(outcome)}`);
      fake.reservations = reservations.slice(50).map((r, i) => (i < 50 ? { ...r, begin: helsinkiIso(Date.parse(r.begin) + 1_800_000), end: helsinkiIso(Date.parse(r.end) + 1_800_000) } : r));
      t = performance.now();
      const second = await hub.sources.sync(id);
      again.push(performance.now() - t);
      if (!second.ok || second.counts?.moved !== 50 || second.counts.cancelled !== 50) throw new Error(`the bench re-sync is wrong: ${JSON.stringify(second)}`);
    }
  } finally {
    await fake.close();
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { first, again, pages };
}
