import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { parseConfig } from '../../main/config/load';
import { sitePolicySchema } from '../../main/config/policy';
import { hubNetworkSchema } from '../../main/config/hub';
import { createHub } from '../../main/hub/compose';
import { createKioskCore } from '../../main/kiosk/compose';
import { HubAttachment } from '../../main/kiosk/hub-attachment';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { createMemoryLogger } from '../../main/log/logger';
import { helsinkiIso, startFakeRespa, type FakeReservation } from '../support/fake-respa';

/**
 * "A change in the source reaches the PC's welcome screen within one sync
 * interval plus 1 s" (issue 12): a real hub syncing a loopback Respa every
 * `intervalMs`, a real kiosk core connected over WSS. Each sample moves the
 * booking's end in the source at a random moment of the interval and
 * measures until the kiosk core's welcome state (its snapshot's current
 * booking) shows the new end.
 */
export interface SourceLatencyResult {
  intervalMs: number;
  samples: number[];
}

const MIN = 60_000;

export async function measureSourceToWelcome(samples = 6, intervalMs = 2_000): Promise<SourceLatencyResult> {
  const root = mkdtempSync(join(tmpdir(), 'tupa-bench-source-latency-'));
  const clock = systemClock;
  const scheduler = new NodeScheduler(clock);
  const logger = createMemoryLogger();
  const hub = await createHub({
    dataDir: join(root, 'hub'),
    siteName: 'Bench',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse({}),
    initialPolicy: sitePolicySchema.parse({}),
    clock,
    scheduler,
    logger,
    listen: { host: '127.0.0.1', port: 0 },
    sourceSyncMs: intervalMs,
  });
  const start = Date.now() - MIN;
  const reservation = (endsAt: number): FakeReservation => ({ id: 1, resource: 'sali-1', begin: helsinkiIso(start), end: helsinkiIso(endsAt), state: 'confirmed', access_code: '0427' });
  const fake = await startFakeRespa([reservation(start + 30 * MIN)]);
  const local = hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
  const dir = join(root, 'pc-1');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'code-key'), local.codeKey, { mode: 0o600 });
  const config = parseConfig({ pc: { id: 'pc-1', name: 'PC 1' }, room: { name: 'Sali' }, hub: { embedded: false } }, 'bench');
  const attachment = new HubAttachment({ clock, scheduler, logger, release: 'bench', pcId: 'pc-1' });
  const core = await createKioskCore({ config, dataDir: dir, clock, scheduler, shell: new RecordingShell(), logger, isAllowedSender: () => true, hub: attachment });
  let shownEnd: number | undefined;
  let shownAt = 0;
  const off = core.controller.onSnapshot((s) => {
    const end = s.schedule.current?.endsAt;
    if (end !== shownEnd) {
      shownEnd = end;
      shownAt = performance.now();
    }
  });
  const result: SourceLatencyResult = { intervalMs, samples: [] };
  const wait = async (what: string, ok: () => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (!ok()) {
      if (Date.now() > until) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    hub.sources.sources.add({ id: 'bench-latency', kind: 'respa', location: fake.base, settings: { map: { 'sali-1': 'pc-1' } } }, Date.now());
    await core.controller.start();
    attachment.connect('paired', { address: `https://127.0.0.1:${hub.port}`, caPem: hub.caPem, caFingerprint: hub.caFingerprint, deviceToken: local.deviceToken, siteName: 'Bench' });
    await wait('the first booking on the welcome screen', () => shownEnd === start + 30 * MIN, 4 * intervalMs + 10_000);
    for (let i = 1; i <= samples; i++) {
      // A change at a random moment of the sync interval.
      await new Promise((r) => setTimeout(r, Math.random() * intervalMs));
      const endsAt = start + (30 + i) * MIN;
      fake.reservations = [reservation(endsAt)];
      const changedAt = performance.now();
      await wait(`change ${i} on the welcome screen`, () => shownEnd === endsAt, 3 * intervalMs + 5_000);
      result.samples.push(shownAt - changedAt);
    }
  } finally {
    off();
    await attachment.stop();
    core.close();
    await fake.close();
    await hub.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return result;
}
