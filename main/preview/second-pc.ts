import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { TestTime } from '../core/test-time';
import type { Logger } from '../log/logger';
import { parseConfig } from '../config/load';
import type { KioskConfig } from '../config/schema';
import type { Hub } from '../hub/compose';
import { createKioskCore } from '../kiosk/compose';
import { attachToLocalHub } from '../kiosk/hub-attachment';
import { RecordingShell } from '../kiosk/recording-shell';
import { loadOrCreateCodeKey } from '../store/code-key';
import { demoConfig } from './demo';
import { startPreviewServer } from './server';

export interface SecondPc {
  url: string;
  pcId: string;
  stop(): Promise<void>;
}

/**
 * The preview's second demo PC: a kiosk core of its own, with its own data
 * folder (`<data>/pc-2`), paired with the first PC's embedded hub and
 * connected over the hub's real HTTPS/WebSocket server like any PC of the
 * site, and served to a browser on its own port. With two PCs, booking at
 * one kiosk and checking in at the other, and the queue calling a number to
 * whichever PC frees, can be tried.
 */
export async function startSecondPc(options: {
  hub: Hub;
  dataDir: string;
  host: string;
  port: number;
  clock: Clock;
  scheduler: Scheduler;
  testTime: TestTime | undefined;
  logger: Logger;
  rendererDir: string;
  /** The first PC's configuration: the second shares its languages and hub limits. */
  first: KioskConfig;
}): Promise<SecondPc> {
  const dir = join(options.dataDir, 'pc-2');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const input = { ...demoConfig({ testLocales: options.first.locales.available.includes('en-XA'), pc: 2 }), hub: { embedded: false } };
  // Its configuration file, where the command line finds it (`--data-dir <data>/pc-2`).
  writeFileSync(join(dir, 'kiosk.json'), `${JSON.stringify(input, null, 2)}\n`);
  const parsed = parseConfig(input, 'second demo PC configuration');
  const config: KioskConfig = { ...parsed, hub: { ...parsed.hub, limits: options.first.hub.limits } };
  const logger = options.logger.child({ pc: config.pc.id });
  const hub = attachToLocalHub(options.hub, { config, dataDir: dir, clock: options.clock, scheduler: options.scheduler, logger, release: 'preview' });
  const shell = new RecordingShell();
  const core = await createKioskCore({
    config,
    dataDir: dir,
    clock: options.clock,
    scheduler: options.scheduler,
    shell,
    logger,
    isAllowedSender: (sender) => sender.transport === 'ws',
    hub,
  });
  const { app, url } = await startPreviewServer({
    core,
    shell,
    hub: options.hub,
    rendererDir: options.rendererDir,
    host: options.host,
    port: options.port,
    codeKey: loadOrCreateCodeKey(dir),
    testTime: options.testTime,
  });
  return {
    url,
    pcId: config.pc.id,
    async stop() {
      await app.close();
      core.close();
      await hub.stop();
    },
  };
}
