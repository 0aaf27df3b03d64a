import type { WebSocket } from 'ws';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import type { FloodPolicy } from '../core/rate-limit';
import { HUB_PROTOCOL_VERSION, HubToKiosk, KioskToHub } from '../../preload/hub-contract';
import type { CommandEvent, HelpCallView, KioskCommand, KioskStatus, ScheduleEntry, SelfBookingAnswer, SelfBookingRequest } from '../../preload/hub-contract';
import type { HubStore, PcRow } from './hub-store';
import type { UsageLedger } from './usage-ledger';
import type { HelpDesk } from './help';
import type { QueueLinkPort } from './queue';
import { codeKeyOf, scheduleFor } from './booking-codes';
import { LinkFlood, TOO_MANY_MESSAGES, type LinkGuard } from './link-flood';
import { CommandAnswers } from './command-answers';
import type { FleetLinkPort } from './fleet';
import type { RemoteFromPc } from '../../preload/remote-contract';

interface Link {
  socket: WebSocket;
  pcId: string;
  /** The device token it opened with: checked again at hello, and every link of a PC is cut when its pairing ends. */
  tokenHash: Buffer;
  greeted: boolean;
  helloTimer: Scheduled | undefined;
  /** Its messages per second: over the limit they are dropped, and a PC that keeps on is cut off. */
  guard: LinkGuard;
}

/** A PC says hello at once; a socket that does not is closed. */
export const HELLO_WITHIN_MS = 10_000;
/** A PC needs one connection (two while it reconnects); more are refused. */
const MAX_SOCKETS_PER_PC = 3;
/** What the hub has queued for a PC and the PC has not taken: beyond this, the PC is not reading and its link is cut. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

export interface KioskLinksDeps {
  store: HubStore;
  ledger: UsageLedger;
  help: HelpDesk;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  offlineAfterMs: number;
  skewWarnMs: number;
  /** Something an advisor sees about this PC changed. */
  pcChanged: (pcId: string) => void;
  /** How an advisor's command turned out: the PC's answer, or no answer in time. */
  commandOutcome: (event: CommandEvent) => void;
  /** The PC reported its status (main/hub/alerts.ts raises or clears its out-of-service alert). */
  statusReported?: (pcId: string, status: KioskStatus) => void;
  commandAnswerMs?: number;
  /** The queue (main/hub/queue.ts): what PCs send it, and its state for a PC that connects. */
  queue?: QueueLinkPort;
  /** Each PC link's message rate (default PC_MESSAGE_LIMITS in link-flood.ts). */
  messageLimits?: FloodPolicy;
  /** A resident's self-booking step at this PC, answered (main/hub/self-booking.ts). */
  selfBooking?: (pcId: string, request: SelfBookingRequest, now: number) => SelfBookingAnswer;
  /** A PC's version and update state (main/hub/updates.ts). */
  updateReported?: (pcId: string, report: Extract<KioskToHub, { type: 'update' }>) => void;
  /** PC health, releases and log lines (main/hub/fleet.ts). */
  fleet?: FleetLinkPort;
  /** Help from afar (main/hub/remote-help.ts): a PC's remote-call messages, and its link's end. */
  remote?: { fromPc(pcId: string, callId: string, message: RemoteFromPc, now: number): void; pcGone(pcId: string): void };
}

/**
 * The hub's side of every PC's WebSocket: the hello and its protocol check,
 * the schedule and policy pushed on connect and on change, help calls,
 * status and heartbeats (last seen, clock skew), commands from advisors.
 */
export class KioskLinks {
  /** The PC's current (greeted) connection. */
  private readonly links = new Map<string, Link>();
  /** Every open socket with a device token, greeted or not. */
  private readonly sockets = new Set<Link>();
  private readonly wasOnline = new Map<string, boolean>();
  private readonly commands: CommandAnswers<Link>;
  private readonly flood: LinkFlood;
  private sweep: Scheduled | undefined;

  constructor(private readonly deps: KioskLinksDeps) {
    this.commands = new CommandAnswers({ ...deps, answerMs: deps.commandAnswerMs });
    this.flood = new LinkFlood({ clock: deps.clock, scheduler: deps.scheduler, logger: deps.logger, limits: deps.messageLimits });
  }

  start(): void {
    this.sweep = this.deps.scheduler.every(1_000, () => this.markOffline());
  }

  stop(): void {
    this.sweep?.cancel();
    this.commands.stop();
    for (const link of this.sockets) {
      link.helloTimer?.cancel();
      link.guard.stop();
      link.socket.close(1001, 'hub stopping');
    }
    this.sockets.clear();
    this.links.clear();
  }

  /** A PC connected with a valid device token. */
  attach(socket: WebSocket, pc: PcRow, tokenHash: Buffer): void {
    const guard = this.flood.watch(socket, pc.id, (message) => this.send(link, message));
    const link: Link = { socket, pcId: pc.id, tokenHash, greeted: false, helloTimer: undefined, guard };
    if ([...this.sockets].filter((l) => l.pcId === pc.id).length >= MAX_SOCKETS_PER_PC) {
      socket.close(4429, 'too many connections for this PC');
      return;
    }
    if (!this.flood.mayConnect(pc.id)) {
      socket.close(TOO_MANY_MESSAGES, 'too many messages: try again in a minute');
      return;
    }
    this.sockets.add(link);
    link.helloTimer = this.deps.scheduler.at(this.deps.clock.now() + HELLO_WITHIN_MS, () => {
      if (!link.greeted) link.socket.close(4408, 'no hello');
    });
    socket.on('message', (data: Buffer) => this.onMessage(link, data));
    socket.on('close', () => {
      link.helloTimer?.cancel();
      link.guard.stop();
      this.sockets.delete(link);
      this.commands.linkClosed(link);
      if (this.links.get(pc.id) === link) {
        this.links.delete(pc.id);
        this.deps.fleet?.pcGone(pc.id);
        this.deps.remote?.pcGone(pc.id);
        this.deps.pcChanged(pc.id);
      }
    });
    socket.on('error', () => socket.terminate());
  }

  isOnline(pcId: string): boolean {
    const pc = this.deps.store.pc(pcId);
    return this.links.has(pcId) && !!pc?.lastSeen && this.deps.clock.now() - pc.lastSeen < this.deps.offlineAfterMs;
  }

  connectedCount(): number {
    return this.links.size;
  }

  sendSchedule(pcId: string): void {
    const link = this.links.get(pcId);
    if (!link?.greeted) return;
    this.send(link, { type: 'schedule', bookings: this.schedule(pcId) });
  }

  /** One message to a connected PC; false when it is not connected. */
  sendTo(pcId: string, message: HubToKiosk): boolean {
    const link = this.links.get(pcId);
    if (!link?.greeted || !this.isOnline(pcId)) return false;
    this.send(link, message);
    return true;
  }

  /** One message to every connected PC (the queue's state). */
  sendToAll(message: HubToKiosk): void {
    for (const link of this.links.values()) if (link.greeted) this.send(link, message);
  }

  sendPolicyToAll(): void {
    for (const link of this.links.values()) if (link.greeted) this.sendPolicy(link);
  }

  /** A call's state, to its PC: under every id the PC knows it by (`ids`: under these only). */
  sendHelp(call: HelpCallView, ids = this.deps.help.idsOf(call.id)): void {
    const link = this.links.get(call.pcId);
    if (!link?.greeted) return;
    const at = call.resolvedAt ?? call.acknowledgedAt ?? call.requestedAt;
    for (const callId of ids) this.send(link, { type: 'help', callId, state: call.state, at });
  }

  /**
   * Sends an advisor's command; false if the PC is not connected. Its
   * outcome is reported through `commandOutcome`: the PC's answer, or
   * "no-answer" when none comes in time or the PC goes away first.
   */
  sendCommand(pcId: string, commandId: string, command: KioskCommand): boolean {
    const link = this.links.get(pcId);
    if (!link?.greeted || !this.isOnline(pcId)) return false;
    this.commands.sent(commandId, pcId, link);
    this.send(link, { type: 'command', commandId, command });
    return true;
  }

  /**
   * A PC whose pairing ended (revoked, or paired anew) is cut off at once:
   * every socket opened with its old token, greeted or not.
   */
  disconnect(pcId: string, reason: 'revoked'): void {
    for (const link of [...this.sockets]) {
      if (link.pcId !== pcId) continue;
      this.send(link, { type: 'refused', reason, message: 'This PC\'s pairing was revoked at the hub; pair it again from its maintenance screen.' });
      link.helloTimer?.cancel();
      link.socket.close(4403, reason);
      this.sockets.delete(link);
    }
    this.links.delete(pcId);
  }

  /** The PC's own bookings only, each code hashed with the PC's own key. */
  private schedule(pcId: string): ScheduleEntry[] {
    return scheduleFor(this.deps.store, pcId, this.deps.clock.now() - 24 * 3_600_000);
  }

  private sendPolicy(link: Link): void {
    const site = this.deps.store.site()!;
    this.send(link, { type: 'policy', policy: site.policy, timeZone: site.timeZone });
  }

  private send(link: Link, message: HubToKiosk): void {
    if (link.socket.readyState !== link.socket.OPEN) return;
    // A PC that takes nothing of what it is sent would make the hub hold it all.
    if (link.socket.bufferedAmount > MAX_UNSENT_BYTES) {
      this.deps.logger.warn('PC disconnected: it does not read what the hub sends', { pc: link.pcId, bytes: link.socket.bufferedAmount });
      link.socket.terminate();
      return;
    }
    link.socket.send(JSON.stringify(message));
  }

  private onMessage(link: Link, data: Buffer): void {
    const { store, clock } = this.deps;
    const now = clock.now();
    if (!link.guard.admit()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      raw = undefined;
    }
    const parsed = KioskToHub.safeParse(raw);
    if (!parsed.success) {
      this.send(link, { type: 'refused', reason: 'bad-message', message: 'The hub could not read that message.' });
      return;
    }
    const message = parsed.data;
    if (message.type === 'hello') {
      if (message.protocol !== HUB_PROTOCOL_VERSION) {
        this.send(link, {
          type: 'refused',
          reason: 'version',
          message: `This hub speaks protocol ${HUB_PROTOCOL_VERSION}; the PC spoke ${message.protocol}. Update both to the same release.`,
        });
        link.socket.close(4426, 'protocol version');
        return;
      }
      // The token may have been revoked (or replaced) since this socket opened.
      if (store.pcByToken(link.tokenHash)?.id !== link.pcId) {
        this.send(link, { type: 'refused', reason: 'revoked', message: 'This PC\'s pairing is no longer valid at the hub; pair it again from its maintenance screen.' });
        link.socket.close(4403, 'revoked');
        return;
      }
      if (message.pcId !== link.pcId) {
        this.send(link, { type: 'refused', reason: 'unknown-pc', message: `This token belongs to PC "${link.pcId}", not "${message.pcId}".` });
        link.socket.close(4403, 'wrong pc');
        return;
      }
      const previous = this.links.get(link.pcId);
      if (previous && previous !== link) previous.socket.close(4409, 'replaced by a new connection');
      this.links.set(link.pcId, link);
      link.greeted = true;
      link.helloTimer?.cancel();
      this.seen(link.pcId, now, message.clock);
      this.deps.fleet?.hello(link.pcId, message.release);
      const pc = store.pc(link.pcId)!;
      const codeKey = codeKeyOf(store, pc.id).toString('base64');
      this.send(link, { type: 'welcome', protocol: HUB_PROTOCOL_VERSION, serverTime: now, pcId: pc.id, pcName: pc.name, roomName: pc.room, codeKey });
      this.send(link, { type: 'schedule', bookings: this.schedule(link.pcId) });
      this.sendPolicy(link);
      for (const call of store.helpCalls(now - 24 * 3_600_000)) if (call.pcId === link.pcId) this.sendHelp(call);
      if (this.deps.queue) this.send(link, this.deps.queue.kioskMessage());
      this.deps.pcChanged(link.pcId);
      return;
    }
    if (!link.greeted) {
      this.send(link, { type: 'refused', reason: 'bad-message', message: 'Say hello first.' });
      return;
    }
    // A connection replaced or cut off is heard no more, even before its socket has closed.
    if (this.links.get(link.pcId) !== link) return;
    switch (message.type) {
      case 'heartbeat':
        this.seen(link.pcId, now, message.clock);
        return;
      case 'status':
        store.setStatus(link.pcId, message.status, now);
        this.seen(link.pcId, now, message.clock);
        this.deps.pcChanged(link.pcId);
        this.deps.statusReported?.(link.pcId, message.status);
        return;
      case 'help': {
        try {
          if (message.action === 'request') {
            // A new call reaches the PC through the help desk's change; a repeated one is answered here.
            // The PC's clock, put on the hub's by the skew measured at its last hello or heartbeat.
            const skew = this.deps.store.pc(link.pcId)?.clockSkewMs ?? 0;
            const { call, created } = this.deps.help.request(link.pcId, message.callId, message.at - skew, now);
            if (!created) this.sendHelp(call, [message.callId]);
          } else {
            this.deps.help.cancel(link.pcId, message.callId, now);
          }
        } catch (error) {
          this.deps.logger.warn('help message refused', { pc: link.pcId, error: (error as Error).message });
        }
        return;
      }
      case 'command-done':
        this.commands.answered(link.pcId, message, now);
        return;
      case 'usage':
        this.usage(link, message.events, now);
        return;
      case 'queue-take':
      case 'queue-start':
        return this.deps.queue?.fromPc(link.pcId, message, (answer) => this.send(link, answer));
      case 'health':
      case 'log-lines':
        return this.deps.fleet?.fromPc(link.pcId, message);
      case 'self-booking':
        return this.send(link, { type: 'self-booking', requestId: message.requestId, answer: this.deps.selfBooking?.(link.pcId, message.request, now) ?? { kind: 'refused', reason: 'disabled' } });
      case 'update':
        return this.deps.updateReported?.(link.pcId, message);
      case 'remote':
        return this.deps.remote?.fromPc(link.pcId, message.callId, message.message, now);
    }
  }

  /**
   * A PC's usage events: stored once each and added to the figures in one
   * transaction, then confirmed, so the PC sends the next batch. Times are
   * put on the hub's clock by the PC's measured skew; the ledger refuses
   * impossible ones (confirmed all the same: sent again, they stay impossible).
   */
  private usage(link: Link, events: Extract<KioskToHub, { type: 'usage' }>['events'], now: number): void {
    const skew = this.deps.store.pc(link.pcId)?.clockSkewMs ?? 0;
    try {
      this.deps.ledger.record(
        link.pcId,
        events.map(({ id, at, event: { type, ...data } }) => ({ id: `${link.pcId}:${id}`, at: at - skew, type, data })),
        now,
      );
    } catch (error) {
      // Not confirmed: the PC keeps the events and sends them again.
      this.deps.logger.error('usage events could not be stored', { pc: link.pcId, error: (error as Error).message });
      return;
    }
    this.send(link, { type: 'usage-stored', throughSeq: Math.max(...events.map((e) => e.seq)) });
  }

  private seen(pcId: string, now: number, clock: number): void {
    const skew = clock - now;
    const previous = this.deps.store.pc(pcId)?.clockSkewMs ?? 0;
    this.deps.store.seen(pcId, now, skew);
    if (Math.abs(skew) > this.deps.skewWarnMs && Math.abs(previous) <= this.deps.skewWarnMs) {
      this.deps.logger.warn('PC clock differs from the hub', { pc: pcId, skewMs: skew });
      this.deps.store.audit(now, 'system', 'clock skew', pcId, { skewMs: skew });
      this.deps.pcChanged(pcId);
    }
    if (!this.wasOnline.get(pcId)) {
      this.wasOnline.set(pcId, true);
      this.deps.pcChanged(pcId);
    }
  }

  /** PCs gone silent are shown offline (and shown online again when they speak). */
  private markOffline(): void {
    for (const [pcId, online] of this.wasOnline) {
      if (online && !this.isOnline(pcId)) {
        this.wasOnline.set(pcId, false);
        this.deps.logger.info('PC offline', { pc: pcId });
        this.commands.pcOffline(pcId);
        this.deps.pcChanged(pcId);
      }
    }
  }
}
