import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scheduled, Scheduler } from '../../../main/core/scheduler';
import { HubStore } from '../../../main/hub/hub-store';
import { ensureSite } from '../../../main/hub/site';
import { SourceSync } from '../../../main/hub/sources/sync';
import { sitePolicySchema } from '../../../main/config/policy';
import { systemClock } from '../../../main/core/clock';
import { createMemoryLogger } from '../../../main/log/logger';
import { helsinkiIso, startFakeRespa, type FakeRespa } from '../../support/fake-respa';

/** A scheduler whose repeating jobs the test runs by hand. */
class HandScheduler implements Scheduler {
  jobs: Array<{ every: number; fn: () => void; cancelled: boolean }> = [];
  at(): Scheduled {
    return { cancel: () => undefined };
  }
  every(intervalMs: number, fn: () => void): Scheduled {
    const job = { every: intervalMs, fn, cancelled: false };
    this.jobs.push(job);
    return { cancel: () => (job.cancelled = true) };
  }
}

let dir: string;
let store: HubStore;
let fake: FakeRespa;
afterEach(async () => {
  store.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the booking sources\' schedule', () => {
  it('syncs at start and every sources.syncMinutes; a changed interval is taken up after the round; nothing after stop', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tupa-sources-'));
    store = new HubStore(join(dir, 'hub.sqlite'));
    await ensureSite(store, { name: 'S', timeZone: 'Europe/Helsinki', names: ['localhost'], policy: sitePolicySchema.parse({ sources: { syncMinutes: 5 } }), now: Date.now() });
    store.pairPc('pc-1', 'PC 1', 'Sali', Buffer.alloc(32, 1), Date.now());
    fake = await startFakeRespa([{ id: 1, resource: 'r', begin: helsinkiIso(Date.now() + 3_600_000), end: helsinkiIso(Date.now() + 7_200_000), state: 'confirmed', access_code: '123456' }]);
    const changed: string[][] = [];
    const sync = new SourceSync({ store, clock: systemClock, logger: createMemoryLogger(), onChange: (pcIds) => changed.push(pcIds) });
    sync.sources.add({ id: 's1', kind: 'respa', location: fake.base, settings: { map: { r: 'pc-1' } } }, Date.now());
    const scheduler = new HandScheduler();
    sync.start(scheduler);
    expect(scheduler.jobs.map((j) => j.every)).toEqual([5 * 60_000]);
    await sync.idle();
    await new Promise((r) => setTimeout(r, 50));
    await sync.idle();
    expect(changed).toEqual([['pc-1']]);
    const before = fake.requests.length;
    store.updateSite({ policy: sitePolicySchema.parse({ sources: { syncMinutes: 1 } }) });
    scheduler.jobs[0]!.fn();
    await new Promise((r) => setTimeout(r, 50));
    await sync.idle();
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.requests.length).toBe(before + 1);
    expect(scheduler.jobs.map((j) => [j.every, j.cancelled])).toEqual([[5 * 60_000, true], [60_000, false]]);
    sync.stop();
    expect(scheduler.jobs[1]!.cancelled).toBe(true);
    expect(await sync.syncAll()).toEqual([]);
  });
});
