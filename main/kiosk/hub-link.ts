import WebSocket from 'ws';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import { HUB_PROTOCOL_VERSION, HubToKiosk, USAGE_BATCH, type KioskStatus, type KioskToHub, type UsageUpload } from '../../preload/hub-contract';

/** The PC's usage events waiting for the hub (its SQLite log): what is unsent, and what the hub has confirmed. */
export interface UsageOutbox {
  unsent(limit: number): UsageUpload[];
  confirm(throughSeq: number): void;
}

export type HubLinkState =
  | 'connecting'
  | 'online'
  /** The hub cannot be reached now; the PC keeps working on its cached schedule and retries. */
  | 'offline'
  /** The hub presented a certificate the pinned site CA did not sign: the PC will not talk to it. */
  | 'certificate'
  /** The hub does not know this PC's token (revoked, or another site). */
  | 'revoked'
  /** The hub speaks another protocol version. */
  | 'version';

export interface HubLinkOptions {
  address: string;
  caPem: string;
  deviceToken: string;
  pcId: string;
  release: string;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  onMessage: (message: HubToKiosk) => void;
  onState: (state: HubLinkState, detail: string | undefined) => void;
  heartbeatMs?: number;
  usage?: UsageOutbox;
}

const TLS_TRUST_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|certificate/i;

/**
 * The PC's connection to its hub: a WebSocket over TLS that trusts only the
 * pinned site CA, with the device token; it reconnects by itself with
 * backoff. Help messages wait in a queue until the hub confirms them, so a
 * call made while the hub is away arrives when it is back.
 */
export class HubLink {
  private socket: WebSocket | undefined;
  private state: HubLinkState = 'connecting';
  private stopped = false;
  private attempts = 0;
  private reconnect: Scheduled | undefined;
  private heartbeat: Scheduled | undefined;
  private latestStatus: KioskStatus | undefined;
  /** Help messages not yet confirmed by the hub, by call id. */
  private readonly pendingHelp = new Map<string, Extract<KioskToHub, { type: 'help' }>>();
  /** The last seq of the usage batch on its way (one batch at a time), and when it left. */
  private usageInFlight: { through: number; at: number } | undefined;
  private readonly options: HubLinkOptions;

  constructor(options: HubLinkOptions) {
    this.options = options;
  }

  get current(): HubLinkState {
    return this.state;
  }

  get online(): boolean {
    return this.state === 'online';
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.reconnect?.cancel();
    this.heartbeat?.cancel();
    this.socket?.close(1000, 'pc stopping');
  }

  /** The latest status only: a PC that was away sends how it is now, not its history. */
  sendStatus(status: KioskStatus): void {
    this.latestStatus = status;
    if (this.online) this.send({ type: 'status', status, clock: this.options.clock.now() });
  }

  sendHelp(message: Extract<KioskToHub, { type: 'help' }>): void {
    this.pendingHelp.set(`${message.callId}:${message.action}`, message);
    if (this.online) this.send(message);
  }

  /** The hub confirmed a help message (its state echoes the action). */
  helpConfirmed(callId: string, state: string): void {
    if (state === 'requested' || state === 'acknowledged' || state === 'resolved') this.pendingHelp.delete(`${callId}:request`);
    if (state === 'cancelled' || state === 'resolved') this.pendingHelp.delete(`${callId}:cancel`);
  }

  /**
   * Sends the next batch of usage events, if any and none is on its way
   * (or the last one went unanswered for half a minute). Called when an
   * event is recorded, on every heartbeat and whenever the hub confirms a
   * batch, so a backlog drains batch after batch.
   */
  flushUsage(): void {
    const outbox = this.options.usage;
    if (!outbox || !this.online) return;
    const now = this.options.clock.now();
    if (this.usageInFlight && now - this.usageInFlight.at < 30_000) return;
    let events: UsageUpload[];
    try {
      events = outbox.unsent(USAGE_BATCH);
    } catch (error) {
      this.options.logger.error('usage events could not be read', { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (events.length === 0) return;
    this.usageInFlight = { through: events[events.length - 1]!.seq, at: now };
    this.send({ type: 'usage', events });
  }

  /** A queue message: sent now or never (false: not online; the resident is told to try again). */
  sendQueue(message: Extract<KioskToHub, { type: 'queue-take' | 'queue-start' }>): boolean {
    return this.sendNow(message);
  }

  /** A self-booking step: sent now or not at all (false: the hub cannot be reached now; nothing is booked offline). */
  sendSelfBooking(message: Extract<KioskToHub, { type: 'self-booking' }>): boolean {
    return this.sendNow(message);
  }

  /** The PC's update state: now or not at all (main/kiosk/updates.ts sends it again). */
  sendUpdate(message: Extract<KioskToHub, { type: 'update' }>): boolean {
    return this.sendNow(message);
  }

  /** PC health or log lines (main/kiosk/fleet.ts): sent now or not at all (the next report follows in a minute). */
  sendFleet(message: Extract<KioskToHub, { type: 'health' | 'log-lines' }>): void {
    this.sendNow(message);
  }

  /** A remote help call's message: now or never (a call cannot wait for the hub to come back). */
  sendRemote(message: Extract<KioskToHub, { type: 'remote' }>): boolean {
    return this.sendNow(message);
  }

  /** A resident's request that only makes sense now: never queued for later. */
  private sendNow(message: KioskToHub): boolean {
    if (!this.online || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.send(message);
    return true;
  }

  /** A command's answer: sent now or never (the hub stops waiting for it after a few seconds anyway). */
  commandDone(message: Extract<KioskToHub, { type: 'command-done' }>): void {
    this.send(message);
  }

  private setState(state: HubLinkState, detail?: string): void {
    if (state === this.state && state !== 'offline') return;
    this.state = state;
    this.options.onState(state, detail);
  }

  private send(message: KioskToHub): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  private connect(): void {
    if (this.stopped) return;
    const { address, caPem, deviceToken } = this.options;
    const url = `${address.replace(/^https:/, 'wss:')}/kiosk`;
    const socket = new WebSocket(url, {
      ca: caPem,
      // The pinned site CA is the identity; IT may reach the hub by an address.
      // (ws passes this to Node's TLS, where undefined means "accepted"; its typing says boolean.)
      checkServerIdentity: (() => undefined) as never,
      headers: { authorization: `Bearer ${deviceToken}` },
      handshakeTimeout: 8_000,
      maxPayload: 1024 * 1024,
    });
    this.socket = socket;
    socket.on('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0;
      if (status === 401) this.setState('revoked', 'the hub does not know this PC\'s token');
      response.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      this.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: this.options.pcId, clock: this.options.clock.now(), release: this.options.release });
    });
    socket.on('message', (data: Buffer) => this.onData(data));
    socket.on('error', (error: Error & { code?: string }) => {
      if (TLS_TRUST_ERRORS.test(`${error.code ?? ''} ${error.message}`)) {
        this.setState('certificate', 'the hub presented a certificate not signed by the site CA this PC trusts');
      }
    });
    socket.on('close', () => {
      this.heartbeat?.cancel();
      this.usageInFlight = undefined;
      if (this.socket !== socket) return;
      if (this.state === 'online' || this.state === 'connecting') this.setState('offline');
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.attempts++;
    const slow = this.state === 'revoked' || this.state === 'version' || this.state === 'certificate';
    const base = slow ? 60_000 : Math.min(30_000, 1_000 * 2 ** Math.min(this.attempts - 1, 5));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.reconnect?.cancel();
    this.reconnect = this.options.scheduler.at(this.options.clock.now() + delay, () => this.connect());
  }

  private onData(data: Buffer): void {
    // A message still arriving after stop() (the socket closes asynchronously) finds the PC's store closed: it is not heard.
    if (this.stopped) return;
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString('utf8'));
    } catch {
      return;
    }
    const parsed = HubToKiosk.safeParse(raw);
    if (!parsed.success) {
      this.options.logger.warn('unreadable message from the hub');
      return;
    }
    const message = parsed.data;
    if (message.type === 'refused') {
      this.setState(message.reason === 'version' ? 'version' : message.reason === 'revoked' ? 'revoked' : this.state, message.message);
      return;
    }
    if (message.type === 'welcome') {
      this.attempts = 0;
      this.setState('online');
      this.heartbeat?.cancel();
      this.heartbeat = this.options.scheduler.every(this.options.heartbeatMs ?? 5_000, () => {
        this.send({ type: 'heartbeat', clock: this.options.clock.now() });
        this.flushUsage();
      });
      if (this.latestStatus) this.send({ type: 'status', status: this.latestStatus, clock: this.options.clock.now() });
      for (const help of this.pendingHelp.values()) this.send(help);
      this.usageInFlight = undefined;
      this.flushUsage();
    }
    if (message.type === 'usage-stored') {
      this.options.usage?.confirm(message.throughSeq);
      if (this.usageInFlight && message.throughSeq >= this.usageInFlight.through) this.usageInFlight = undefined;
      this.flushUsage();
      return;
    }
    if (message.type === 'help') this.helpConfirmed(message.callId, message.state);
    this.options.onMessage(message);
  }
}
