import type { WebSocket } from 'ws';
import { hubNetworkSchema, type HubLimits } from '../config/hub';
import type { Clock } from '../core/clock';
import { FloodGate, type FloodPolicy } from '../core/rate-limit';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import type { HubToKiosk } from '../../preload/hub-contract';

/** A PC's message rate from the hub's configured limits. */
export function pcMessageLimits(limits: HubLimits): FloodPolicy {
  return { perSecond: limits.pcMessagesPerSecond, burst: limits.pcMessageBurst, closeAfterMs: limits.pcFloodCloseSeconds * 1000 };
}

/** A PC's message rate by default (hub.limits in the configuration). */
export const PC_MESSAGE_LIMITS: FloodPolicy = pcMessageLimits(hubNetworkSchema.parse({}).limits);
/** A PC cut off for flooding may not connect again for this long. */
export const FLOOD_COOLDOWN_MS = 60_000;
/** The close code a PC cut off for flooding (or refused while cooling off) gets. */
export const TOO_MANY_MESSAGES = 4429;

export interface LinkFloodDeps {
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  limits?: FloodPolicy | undefined;
}

/**
 * Each PC link's message rate, on the hub's side: messages over the rate
 * are dropped (the first of a flood is logged), and the socket is not read
 * until the rate allows a message again, so a flood waits in the sender's
 * buffers, not in the hub's memory. A PC that keeps on is cut off with
 * close code 4429 and refused for a minute.
 */
export class LinkFlood {
  /** PCs cut off for flooding, until when they are refused. */
  private readonly cooling = new Map<string, number>();

  constructor(private readonly deps: LinkFloodDeps) {}

  /** False while the PC is refused for having flooded. */
  mayConnect(pcId: string): boolean {
    const now = this.deps.clock.now();
    const until = this.cooling.get(pcId);
    // A clock moved backwards does not stretch the minute.
    if (until !== undefined && now < until && now >= until - FLOOD_COOLDOWN_MS) return false;
    this.cooling.delete(pcId);
    return true;
  }

  /** The guard for one PC's socket: ask it of every message before reading it. */
  watch(socket: WebSocket, pcId: string, send: (message: HubToKiosk) => void): LinkGuard {
    return new LinkGuard(socket, pcId, new FloodGate(this.deps.limits ?? PC_MESSAGE_LIMITS), send, this.deps, (until) => this.cooling.set(pcId, until));
  }
}

export class LinkGuard {
  private resume: Scheduled | undefined;
  private cutOff = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly pcId: string,
    private readonly gate: FloodGate,
    private readonly send: (message: HubToKiosk) => void,
    private readonly deps: LinkFloodDeps,
    private readonly coolOff: (until: number) => void,
  ) {}

  /** Whether this message is heard; false: it is dropped (and the link maybe cut off). */
  admit(): boolean {
    if (this.cutOff) return false;
    const now = this.deps.clock.now();
    const verdict = this.gate.admit(now);
    if (verdict === 'accept') return true;
    const { logger, scheduler } = this.deps;
    if (verdict === 'close') {
      this.cutOff = true;
      this.stop();
      this.coolOff(now + FLOOD_COOLDOWN_MS);
      logger.warn('PC disconnected: over its message limit for too long', { pc: this.pcId, count: this.gate.dropped() });
      this.send({ type: 'refused', reason: 'bad-message', message: 'This PC sent more messages than the hub takes; it may connect again in a minute.' });
      this.socket.close(TOO_MANY_MESSAGES, 'too many messages');
      // The close handshake needs the PC to read; a flooding PC may not.
      scheduler.at(now + 1_000, () => this.socket.terminate());
      return false;
    }
    if (verdict === 'first-drop') logger.warn('PC over its message limit: messages dropped', { pc: this.pcId });
    if (!this.resume) {
      this.socket.pause();
      this.resume = scheduler.at(now + Math.max(100, this.gate.msUntil(1, now)), () => {
        this.resume = undefined;
        this.socket.resume();
      });
    }
    return false;
  }

  /** The link closed: no more resuming. */
  stop(): void {
    this.resume?.cancel();
    this.resume = undefined;
  }
}
