import { join } from 'node:path';
import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { createHub, type Hub } from './compose';
import { hubOptionsFromConfig } from './from-config';
import { fileLogSource } from '../log/tail';

/**
 * A site hub on its own machine (a server or the advisor's PC), without a
 * kiosk: the kiosks pair with it, advisors open its console. Returns the
 * hub and the lines to tell IT how to reach it.
 */
export async function startHeadlessHub(options: {
  config: KioskConfig;
  dataDir: string;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  rendererDir: string;
  listen?: { host: string; port: number };
}): Promise<{ hub: Hub; summary: string[] }> {
  const { config } = options;
  let hub: Hub;
  try {
    hub = await createHub({
      ...hubOptionsFromConfig(config, options.dataDir),
      clock: options.clock,
      scheduler: options.scheduler,
      logger: options.logger,
      rendererDir: options.rendererDir,
      listen: options.listen,
      logs: fileLogSource(join(options.dataDir, 'logs')),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const listen = options.listen ?? config.hub.listen;
    if (code === 'EADDRINUSE') throw new Error(`port ${listen.port} on ${listen.host} is already in use (another hub, or a kiosk with its own hub?): set hub.listen.port in the configuration`, { cause: error });
    if (code === 'EACCES') throw new Error(`not allowed to listen on port ${listen.port}: use a port above 1023 (hub.listen.port)`, { cause: error });
    throw error;
  }
  const hubDir = join(options.dataDir, 'hub');
  const advisors = hub.store.advisors().filter((a) => !a.disabled);
  const names = config.hub.hostnames.length ? config.hub.hostnames : ['<this machine\'s name or address>'];
  const summary = [
    `Tupa site hub for ${hub.store.site()!.name} (${config.timeZone})`,
    `listening on ${options.listen?.host ?? config.hub.listen.host}:${hub.port}`,
    `advisor console: ${names.map((n) => `https://${n}:${hub.port}/advisor/`).join('  ')}`,
    `status board (lobby screen, no sign-in): ${names.map((n) => `https://${n}:${hub.port}/board/`).join('  ')}`,
    `site CA fingerprint: ${hub.caFingerprint}`,
    `data: ${hubDir}`,
    advisors.length
      ? `advisors: ${advisors.map((a) => a.name).join(', ')}`
      : `no advisors yet: add one with  tupa --data-dir ${options.dataDir} hub advisor set NAME`,
    `pair a PC: tupa --data-dir ${options.dataDir} hub pairing-code, then the PC's maintenance screen (Ctrl+Alt+M)`,
  ];
  return { hub, summary };
}
