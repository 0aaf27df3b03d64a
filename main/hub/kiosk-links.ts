import type { WebSocket } from 'ws';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import {
  HUB_PROTOCOL_VERSION,
  HubToKiosk,
  KioskToHub,
  type HelpCallView,
  type KioskCommand,
  type ScheduleEntry,
} from '../../preload/hub-contract';
import type { HubStore, PcRow } from './hub-store';
import type { HelpDesk } from './help';

interface Link {
  socket: WebSocket;
  pcId: string;
  greeted: boolean;
}

export interface KioskLinksDeps {
  store: HubStore;
  help: HelpDesk;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  offlineAfterMs: number;
  skewWarnMs: number;
  /** Something an advisor sees about this PC changed. */
  pcChanged: (pcId: string) => void;
}

/**
 * The hub's side of every PC's WebSocket: the hello and its protocol check,
 * the schedule and policy pushed on connect and on change, help calls,
 * status and heartbeats (last seen, clock skew), commands from advisors.
 */
export class KioskLinks {
  private readonly links = new Map<string, Link>();
  private readonly wasOnline = new Map<string, boolean>();
  private sweep: Scheduled | undefined;

  constructor(private readonly deps: KioskLinksDeps) {}

  start(): void {
    this.sweep = this.deps.scheduler.every(1_000, () => this.markOffline());
  }

  stop(): void {
    this.sweep?.cancel();
    for (const link of this.links.values()) link.socket.close(1001, 'hub stopping');
    this.links.clear();
  }

  /** A PC connected with a valid device token. */
  attach(socket: WebSocket, pc: PcRow): void {
    const link: Link = { socket, pcId: pc.id, greeted: false };
    socket.on('message', (data: Buffer) => this.onMessage(link, data));
    socket.on('close', () => {
      if (this.links.get(pc.id) === link) {
        this.links.delete(pc.id);
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

  sendPolicyToAll(): void {
    for (const link of this.links.values()) if (link.greeted) this.sendPolicy(link);
  }

  sendHelp(call: HelpCallView): void {
    const link = this.links.get(call.pcId);
    if (!link?.greeted) return;
    const at = call.resolvedAt ?? call.acknowledgedAt ?? call.requestedAt;
    this.send(link, { type: 'help', callId: call.id, state: call.state, at });
  }

  /** Sends an advisor's command; false if the PC is not connected. */
  sendCommand(pcId: string, commandId: string, command: KioskCommand): boolean {
    const link = this.links.get(pcId);
    if (!link?.greeted || !this.isOnline(pcId)) return false;
    this.send(link, { type: 'command', commandId, command });
    return true;
  }

  /** A revoked PC is cut off at once. */
  disconnect(pcId: string, reason: 'revoked'): void {
    const link = this.links.get(pcId);
    if (!link) return;
    this.send(link, { type: 'refused', reason, message: 'This PC\'s pairing was revoked at the hub; pair it again from its maintenance screen.' });
    link.socket.close(4403, reason);
    this.links.delete(pcId);
  }

  private schedule(pcId: string): ScheduleEntry[] {
    return this.deps.store
      .liveBookings(this.deps.clock.now() - 24 * 3_600_000, pcId)
      .map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, codeHash: b.codeHash.toString('base64') }));
  }

  private sendPolicy(link: Link): void {
    const site = this.deps.store.site()!;
    this.send(link, { type: 'policy', policy: site.policy, timeZone: site.timeZone });
  }

  private send(link: Link, message: HubToKiosk): void {
    if (link.socket.readyState === link.socket.OPEN) link.socket.send(JSON.stringify(message));
  }

  private onMessage(link: Link, data: Buffer): void {
    const { store, clock } = this.deps;
    const now = clock.now();
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
      if (message.pcId !== link.pcId) {
        this.send(link, { type: 'refused', reason: 'unknown-pc', message: `This token belongs to PC "${link.pcId}", not "${message.pcId}".` });
        link.socket.close(4403, 'wrong pc');
        return;
      }
      const previous = this.links.get(link.pcId);
      if (previous && previous !== link) previous.socket.close(4409, 'replaced by a new connection');
      this.links.set(link.pcId, link);
      link.greeted = true;
      this.seen(link.pcId, now, message.clock);
      const pc = store.pc(link.pcId)!;
      this.send(link, { type: 'welcome', protocol: HUB_PROTOCOL_VERSION, serverTime: now, pcId: pc.id, pcName: pc.name, roomName: pc.room });
      this.send(link, { type: 'schedule', bookings: this.schedule(link.pcId) });
      this.sendPolicy(link);
      for (const call of store.helpCalls(now - 24 * 3_600_000)) if (call.pcId === link.pcId) this.sendHelp(call);
      this.deps.pcChanged(link.pcId);
      return;
    }
    if (!link.greeted) {
      this.send(link, { type: 'refused', reason: 'bad-message', message: 'Say hello first.' });
      return;
    }
    switch (message.type) {
      case 'heartbeat':
        this.seen(link.pcId, now, message.clock);
        return;
      case 'status':
        store.setStatus(link.pcId, message.status, now);
        // Today's counts on the board: each session once, whatever how often its status comes.
        if (message.status.session) {
          const s = message.status.session;
          store.appendUsageEvent(`${link.pcId}:${s.startedAt}:started`, s.startedAt, link.pcId, 'session-started', { kind: s.kind });
        }
        this.seen(link.pcId, now, message.clock);
        this.deps.pcChanged(link.pcId);
        return;
      case 'help': {
        try {
          if (message.action === 'request') {
            // A new call reaches the PC through the help desk's change; a repeated one is answered here.
            // The PC's clock, put on the hub's by the skew measured at its last hello or heartbeat.
            const skew = this.deps.store.pc(link.pcId)?.clockSkewMs ?? 0;
            const { call, created } = this.deps.help.request(link.pcId, message.callId, message.at - skew, now);
            if (!created) this.sendHelp(call);
          } else {
            this.deps.help.cancel(link.pcId, message.callId, now);
          }
        } catch (error) {
          this.deps.logger.warn('help message refused', { pc: link.pcId, error: (error as Error).message });
        }
        return;
      }
      case 'command-done':
        store.audit(now, `pc:${link.pcId}`, message.ok ? 'command done' : 'command failed', message.commandId, message.detail ? { detail: message.detail } : undefined);
        return;
    }
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
        this.deps.pcChanged(pcId);
      }
    }
  }
}
