import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { KioskConfig } from '../config/schema';
import type { Logger } from '../log/logger';
import { saveCodeKey } from '../store/code-key';
import type { HubToKiosk, KioskStatus, KioskToHub } from '../../preload/hub-contract';
import { createHub, type Hub } from '../hub/compose';
import { hubOptionsFromConfig } from '../hub/from-config';
import { fileLogSource } from '../log/tail';
import { join } from 'node:path';
import { HubLink, type HubLinkState, type UsageOutbox } from './hub-link';
import { readPairing, type Pairing } from './pairing';
import type { KioskController } from './controller';
import type { HubPort } from './feature';
import type { UpdateFeed } from './updates';

export type HubMode = 'none' | 'embedded' | 'paired';

export interface HubInfo {
  mode: HubMode;
  state: HubLinkState | 'none';
  address?: string | undefined;
  siteName?: string | undefined;
  caFingerprint?: string | undefined;
  detail?: string | undefined;
}

/**
 * A PC's tie to its site hub: none (a PC on its own), the hub running in
 * this very process (a one-PC site), or a hub elsewhere it has paired with.
 * It carries the controller's messages to the hub and the hub's to the
 * controller.
 */
export class HubAttachment implements HubPort {
  private link: HubLink | undefined;
  private controller: KioskController | undefined;
  /** Messages that came before bind(), delivered in order when it comes. */
  private readonly early: HubToKiosk[] = [];
  private usage: UsageOutbox | undefined;
  private onCodeKey: ((key: Buffer) => void) | undefined;
  private info: HubInfo = { mode: 'none', state: 'none' };
  /** The hub this PC is paired with, for its updates (main/kiosk/updates.ts). */
  private feed: UpdateFeed | undefined;
  private readonly deps: { clock: Clock; scheduler: Scheduler; logger: Logger; release: string; pcId: string };
  embeddedHub: Hub | undefined;

  constructor(deps: { clock: Clock; scheduler: Scheduler; logger: Logger; release: string; pcId: string }) {
    this.deps = deps;
  }

  get mode(): HubMode {
    return this.info.mode;
  }

  get available(): boolean {
    return this.info.mode !== 'none';
  }

  get online(): boolean {
    return this.link?.online ?? false;
  }

  status(): HubInfo {
    return this.info;
  }

  /**
   * The controller the hub's messages go to, the PC's usage log the link
   * drains to the hub, and where the code key the hub gives this PC is kept.
   */
  bind(controller: KioskController, usage?: UsageOutbox, onCodeKey?: (key: Buffer) => void): void {
    this.controller = controller;
    this.usage = usage;
    this.onCodeKey = onCodeKey;
    this.link?.flushUsage();
    for (const message of this.early.splice(0)) this.route(message);
  }

  /** Connects to a hub with this pinned CA and token (replacing any earlier link). */
  connect(mode: 'embedded' | 'paired', pairing: Pick<Pairing, 'address' | 'caPem' | 'deviceToken' | 'caFingerprint' | 'siteName'>): void {
    this.link?.stop();
    this.feed = { address: pairing.address, caPem: pairing.caPem, deviceToken: pairing.deviceToken };
    this.info = { mode, state: 'connecting', address: pairing.address, siteName: pairing.siteName, caFingerprint: pairing.caFingerprint };
    this.link = new HubLink({
      address: pairing.address,
      caPem: pairing.caPem,
      deviceToken: pairing.deviceToken,
      pcId: this.deps.pcId,
      release: this.deps.release,
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      logger: this.deps.logger.child({ component: 'hub-link' }),
      onMessage: (message) => this.route(message),
      // Read when the link sends: the PC's store is bound after the link starts.
      usage: { unsent: (limit) => this.usage?.unsent(limit) ?? [], confirm: (seq) => this.usage?.confirm(seq) },
      onState: (state, detail) => {
        this.info = { ...this.info, state, detail };
        this.deps.logger.info('hub connection', { state });
        this.controller?.hubStateChanged(state === 'online');
      },
    });
    this.link.start();
  }

  disconnect(): void {
    this.link?.stop();
    this.link = undefined;
    this.feed = undefined;
    this.info = { mode: 'none', state: 'none' };
    this.controller?.hubStateChanged(false);
  }

  /** A state change, and the usage event it may have recorded, go to the hub at once. */
  sendStatus(status: KioskStatus): void {
    this.link?.sendStatus(status);
    this.link?.flushUsage();
  }

  sendHelp(message: Extract<KioskToHub, { type: 'help' }>): void {
    this.link?.sendHelp(message);
  }

  commandDone(message: Extract<KioskToHub, { type: 'command-done' }>): void {
    this.link?.commandDone(message);
  }

  sendQueue(message: Extract<KioskToHub, { type: 'queue-take' | 'queue-start' }>): boolean {
    return this.link?.sendQueue(message) ?? false;
  }

  sendSelfBooking(message: Extract<KioskToHub, { type: 'self-booking' }>): boolean {
    return this.link?.sendSelfBooking(message) ?? false;
  }

  updateFeed(): UpdateFeed | undefined {
    return this.feed;
  }

  sendUpdate(message: Extract<KioskToHub, { type: 'update' }>): boolean {
    return this.link?.sendUpdate(message) ?? false;
  }

  sendFleet(message: Extract<KioskToHub, { type: 'health' | 'log-lines' }>): void {
    this.link?.sendFleet(message);
  }

  sendRemote(message: Extract<KioskToHub, { type: 'remote' }>): boolean {
    return this.link?.sendRemote(message) ?? false;
  }

  async stop(): Promise<void> {
    this.link?.stop();
    await this.stopEmbedded();
  }

  /** After pairing with a hub elsewhere, this PC stops serving the site itself. */
  async stopEmbedded(): Promise<void> {
    const hub = this.embeddedHub;
    this.embeddedHub = undefined;
    await hub?.stop();
  }

  private route(message: HubToKiosk): void {
    const controller = this.controller;
    if (!controller) {
      // The link may open before the kiosk's controller is bound: the welcome, schedule and policy
      // the hub sends at once are kept and delivered on bind, never dropped.
      if (this.early.length < 200) this.early.push(message);
      return;
    }
    switch (message.type) {
      case 'welcome':
        // The PC's own key, before the schedule hashed with it (a PC paired by an older release held the site's).
        (this.onCodeKey ?? ((key: Buffer) => controller.setCodeKey(key)))(Buffer.from(message.codeKey, 'base64'));
        return;
      case 'schedule':
        return controller.applySchedule(message.bookings);
      case 'policy':
        return controller.applyPolicy(message.policy, message.timeZone);
      case 'help':
        return controller.helpUpdate(message.callId, message.state);
      case 'command':
        return controller.runCommand(message.commandId, message.command);
      case 'queue':
      case 'queue-taken':
      case 'queue-refused':
        return controller.queueMessage(message);
      case 'refused':
        return;
      case 'self-booking':
        return controller.selfBookingAnswer(message.requestId, message.answer);
      case 'log-request':
        return controller.fleetMessage(message);
      case 'remote':
        return controller.remoteMessage(message.callId, message.message);
    }
  }
}

/**
 * Sets a PC's hub up as its data folder and configuration say: a pairing on
 * file wins (a hub elsewhere); otherwise, by default, this PC runs the
 * site's hub itself and pairs with it in-process.
 */
export async function attachHub(options: {
  config: KioskConfig;
  dataDir: string;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  release: string;
  rendererDir?: string | undefined;
  /** Overrides where an embedded hub listens (the preview and tests: loopback, a free port). */
  listen?: { host: string; port: number } | undefined;
}): Promise<HubAttachment> {
  const { config, dataDir, clock, scheduler, logger } = options;
  const attachment = new HubAttachment({ clock, scheduler, logger, release: options.release, pcId: config.pc.id });
  const pairing = readPairing(dataDir);
  if (pairing) {
    attachment.connect('paired', pairing);
    return attachment;
  }
  if (!config.hub.embedded) return attachment;
  const hub = await createHub({
    ...hubOptionsFromConfig(config, dataDir),
    clock,
    scheduler,
    logger,
    rendererDir: options.rendererDir,
    listen: options.listen,
    // One process, one log: the hub's lines are in the PC's.
    logs: fileLogSource(join(dataDir, 'logs')),
  });
  attachment.embeddedHub = hub;
  connectInProcess(attachment, hub, config, dataDir, 'embedded');
  return attachment;
}

/**
 * Pairs one more PC with a hub this process runs and connects it over the
 * hub's real HTTPS/WebSocket server, as a PC elsewhere would (the preview's
 * second demo PC). Stopping the attachment leaves the hub running.
 */
export function attachToLocalHub(
  hub: Hub,
  options: { config: KioskConfig; dataDir: string; clock: Clock; scheduler: Scheduler; logger: Logger; release: string },
): HubAttachment {
  const { config, dataDir, clock, scheduler, logger } = options;
  const attachment = new HubAttachment({ clock, scheduler, logger, release: options.release, pcId: config.pc.id });
  connectInProcess(attachment, hub, config, dataDir, 'paired');
  return attachment;
}

function connectInProcess(attachment: HubAttachment, hub: Hub, config: KioskConfig, dataDir: string, mode: 'embedded' | 'paired'): void {
  const local = hub.services.pairLocal({ pcId: config.pc.id, name: config.pc.name, room: config.room.name });
  // Codes are made at the hub: this PC hashes typed codes with the key the hub gave it.
  saveCodeKey(dataDir, local.codeKey);
  attachment.connect(mode, {
    address: `https://127.0.0.1:${hub.port}`,
    caPem: hub.caPem,
    caFingerprint: hub.caFingerprint,
    deviceToken: local.deviceToken,
    siteName: hub.store.site()!.name,
  });
}
