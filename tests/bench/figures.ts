import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock';
import { NodeScheduler } from '../../main/core/node-scheduler';
import { parseConfig } from '../../main/config/load';
import { sitePolicySchema } from '../../main/config/policy';
import { hubNetworkSchema } from '../../main/config/hub';
import { createHub } from '../../main/hub/compose';
import { createKioskCore, type KioskCore } from '../../main/kiosk/compose';
import { HubAttachment } from '../../main/kiosk/hub-attachment';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { createMemoryLogger } from '../../main/log/logger';
import { createCityReceiver } from '../../main/city/receiver';
import { addSite } from '../../main/city/accounts';
import { CitySync, writeCityTarget } from '../../main/sync/city-sync';

export interface CatchUpResult {
  pcs: number;
  days: number;
  sessions: number;
  events: number;
  records: number;
  /** From the PCs connecting with a year of unsent events to every event confirmed at the hub. */
  toHubMs: number;
  /** From then to every record acknowledged by the city's receiver. */
  toCityMs: number;
  totalMs: number;
  /** The receiver's sessions for the year equal the kiosks' (a check, not a timing). */
  exact: boolean;
}

const DAY = 24 * 3_600_000;

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * A year of a busy site caught up at once: 3 PCs with 12 sessions a day each
 * (start, end and feedback events) recorded while nothing could be sent;
 * then the PCs reach the hub, and the hub the city. Timed from the PCs
 * connecting to the last record acknowledged at the receiver (real kiosk
 * cores and SQLite, the hub over WSS, the receiver over HTTPS, on loopback).
 */
export async function measureCatchUp(options: { pcs?: number; sessionsPerDay?: number; days?: number } = {}): Promise<CatchUpResult> {
  const pcsCount = options.pcs ?? 3;
  const perDay = options.sessionsPerDay ?? 12;
  const days = options.days ?? 365;
  const root = mkdtempSync(join(tmpdir(), 'tupa-bench-figures-'));
  const clock = systemClock;
  const scheduler = new NodeScheduler(clock);
  const logger = createMemoryLogger();
  const cores: KioskCore[] = [];
  const attachments: HubAttachment[] = [];
  const receiver = await createCityReceiver({ dataDir: join(root, 'city'), listen: { host: '127.0.0.1', port: 0 }, clock, logger });
  const hub = await createHub({
    dataDir: join(root, 'hub'),
    siteName: 'Bench',
    timeZone: 'Europe/Helsinki',
    network: hubNetworkSchema.parse({}),
    initialPolicy: sitePolicySchema.parse({ usage: { retentionDays: 400 } }),
    clock,
    scheduler,
    logger,
    listen: { host: '127.0.0.1', port: 0 },
  });
  try {
    const token = await addSite(receiver.store, 'bench-site', 'Bench', 'bench', clock.now());
    // The hub's own sender is stopped: this one sends when the PCs are done, timed.
    hub.city.stop();
    writeCityTarget(hub.store.db, { url: `https://127.0.0.1:${receiver.port}`, siteId: 'bench-site', token, caPem: receiver.caPem });

    let events = 0;
    const now = clock.now();
    const connections = [];
    for (let p = 1; p <= pcsCount; p++) {
      const id = `pc-${p}`;
      const dir = join(root, id);
      const local = hub.services.pairLocal({ pcId: id, name: id, room: 'Sali' });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'code-key'), local.codeKey, { mode: 0o600 });
      const config = parseConfig({ pc: { id, name: id }, room: { name: 'Sali' }, hub: { embedded: false }, usage: { retentionDays: 400 } }, 'bench');
      const attachment = new HubAttachment({ clock, scheduler, logger, release: 'bench', pcId: id });
      const core = await createKioskCore({ config, dataDir: dir, clock, scheduler, shell: new RecordingShell(), logger, isAllowedSender: () => true, hub: attachment });
      cores.push(core);
      attachments.push(attachment);
      const store = core.store;
      store.db.transaction(() => {
        for (let d = days; d >= 1; d--) {
          const dayStart = now - d * DAY;
          for (let s = 0; s < perDay; s++) {
            const sid = randomUUID();
            const at = dayStart + s * 30 * 60_000;
            store.events.append(`${sid}:started`, at, id, { type: 'session-started', kind: s % 3 ? 'booked' : 'walk-in', language: s % 7 ? 'fi' : 'en' });
            store.events.append(`${sid}:ended`, at + 25 * 60_000, id, { type: 'session-ended', kind: s % 3 ? 'booked' : 'walk-in', language: s % 7 ? 'fi' : 'en', minutes: 25, reason: 'time-up' });
            store.events.append(`${sid}:feedback`, at + 25 * 60_000, id, { type: 'feedback', score: s % 4 ? 'good' : 'ok' });
            events += 3;
          }
        }
      })();
      connections.push({ attachment, deviceToken: local.deviceToken });
    }

    const started = performance.now();
    for (const c of connections) c.attachment.connect('paired', { address: `https://127.0.0.1:${hub.port}`, caPem: hub.caPem, caFingerprint: hub.caFingerprint, deviceToken: c.deviceToken, siteName: 'Bench' });
    await until('every event at the hub', () => cores.every((c) => c.store.events.unsent(1).length === 0), 120_000);
    const atHub = performance.now();
    const records = (hub.store.db.prepare('SELECT count(*) AS n FROM city_records').get() as { n: number }).n;
    const sync = new CitySync({ db: hub.store.db, clock, scheduler, logger });
    const status = await sync.drain();
    if (status.pending > 0) throw new Error(`the sync stopped with ${status.pending} records waiting: ${status.lastError ?? 'no error'}`);
    const done = performance.now();

    const figures = await receiver.store.monthFigures('2000-01-01', '2100-01-01');
    const sessions = figures.filter((f) => f.daily && f.metric === 'sessions').reduce((sum, f) => sum + (f.value ?? 0), 0);
    return {
      pcs: pcsCount,
      days,
      sessions: pcsCount * perDay * days,
      events,
      records,
      toHubMs: Math.round(atHub - started),
      toCityMs: Math.round(done - atHub),
      totalMs: Math.round(done - started),
      exact: sessions === pcsCount * perDay * days,
    };
  } finally {
    for (const a of attachments) await a.stop();
    for (const c of cores) c.close();
    await hub.stop();
    await receiver.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
