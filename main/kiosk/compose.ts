import { join } from 'node:path';
import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { Shell } from '../core/shell';
import type { KioskConfig } from '../config/schema';
import { databaseFile } from '../config/paths';
import { KioskStore } from '../store/kiosk-store';
import { loadOrCreateCodeKey, saveCodeKey } from '../store/code-key';
import { createRouter, eventEnvelope, type Router, type Sender } from '../api/router';
import { describeError, type Logger } from '../log/logger';
import { kioskMethods, type EventEnvelope } from '../../preload/contract';
import { KioskController } from './controller';
import { kioskHandlers } from './api';
import type { HubAttachment } from './hub-attachment';
import { Maintenance } from './maintenance';
import type { UpdaterPort } from './updates';
import { fileLogSource, type LogSource } from '../log/tail';

export interface KioskCoreOptions {
  config: KioskConfig;
  dataDir: string;
  clock: Clock;
  scheduler: Scheduler;
  shell: Shell;
  logger: Logger;
  /** The transport decides who may call; this is its identity check. */
  isAllowedSender: (sender: Sender) => boolean;
  /** The PC's hub, when it has one (attachHub); absent: a PC on its own. */
  hub?: HubAttachment | undefined;
  /** Updates through the hub (main/shell/updater.ts in Electron; a fake in tests); absent: none. */
  updater?: UpdaterPort | undefined;
  /** The PC's recent log lines for IT (default: the file logger's, under the data folder's logs/). */
  logs?: LogSource | undefined;
}

export interface KioskCore {
  controller: KioskController;
  store: KioskStore;
  router: Router;
  maintenance: Maintenance | undefined;
  /** Subscribes a transport to the core's events, already in their envelopes. */
  onEvent(listener: (envelope: EventEnvelope) => void): () => void;
  /** The events a newly connected UI needs at once: the current snapshot. */
  currentEvents(): EventEnvelope[];
  close(): void;
}

/** The kiosk role's composition root, shared by the Electron entry and the browser preview. */
export async function createKioskCore(options: KioskCoreOptions): Promise<KioskCore> {
  const { config, dataDir, logger, hub } = options;
  const store = new KioskStore(databaseFile(dataDir), config.pc.id);
  const late: { maintenance?: Maintenance } = {};
  const controller = new KioskController({
    config,
    store,
    shell: options.shell,
    clock: options.clock,
    scheduler: options.scheduler,
    codeKey: loadOrCreateCodeKey(dataDir),
    throttleFile: join(dataDir, 'code-throttle.json'),
    logger,
    hub,
    updater: options.updater,
    maintenance: () => late.maintenance?.view() ?? { unlocked: false, pinSet: false, hub: { mode: 'none', state: 'none' } },
    fleet: {
      dataDir,
      logs: options.logs ?? fileLogSource(join(dataDir, 'logs')),
      restartApp: options.shell.restartApp ? () => options.shell.restartApp?.() : undefined,
    },
  });
  const maintenance = hub
    ? new Maintenance({
        dataDir,
        clock: options.clock,
        logger: logger.child({ component: 'maintenance' }),
        hub,
        pc: { pcId: config.pc.id, name: config.pc.name, room: config.room.name },
        onPaired: (key) => controller.setCodeKey(key),
        changed: () => controller.refresh(),
      })
    : undefined;
  if (maintenance) late.maintenance = maintenance;
  hub?.bind(
    controller,
    {
      unsent: (limit) => store.events.unsent(limit).map(({ seq, id, at, event }) => ({ seq, id, at, event })),
      confirm: (seq) => store.events.confirm(seq),
    },
    (key) => {
      if (saveCodeKey(dataDir, key)) logger.info('code key from the hub kept');
      controller.setCodeKey(key);
    },
  );
  const log = logger.child({ component: 'api' });
  const router = createRouter({
    methods: kioskMethods,
    handlers: kioskHandlers(controller, maintenance),
    isAllowedSender: options.isAllowedSender,
    // "code" would be scrubbed from the log as if it were a booking code; call it what it is.
    onRejected: ({ method, code, transport }) => log.warn('call rejected', { method, errorCode: code, transport }),
    onError: ({ method, error }) => log.error('call failed', { method, error: describeError(error) }),
  });
  await controller.start();
  return {
    controller,
    store,
    router,
    maintenance,
    onEvent: (listener) => {
      const offSnapshot = controller.onSnapshot((snapshot) => listener(eventEnvelope('kiosk.snapshot', snapshot)));
      const offRemote = controller.remoteHelp.onEvent((event) => listener(eventEnvelope('kiosk.remote', event)));
      return () => {
        offSnapshot();
        offRemote();
      };
    },
    currentEvents: () => [eventEnvelope('kiosk.snapshot', controller.snapshot())],
    close: () => {
      controller.stop();
      void hub?.stop();
      store.close();
    },
  };
}
