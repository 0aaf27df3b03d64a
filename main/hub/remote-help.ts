import type { Clock } from '../core/clock';
import { dutyAt } from '../core/duty';
import { asked, figuresOf, mayRelay, step, type Party, type RelayKind, type RemoteCall, type RemoteEndReason, type RemoteInput } from '../core/remote-help';
import type { Logger } from '../log/logger';
import type { HelpCallView } from '../../preload/hub-contract';
import type { RemoteFromPc, RemoteJoin, RemoteSignal, RemoteToAdvisor, RemoteToPc } from '../../preload/remote-contract';
import { HubError } from './bookings';
import type { HelpDesk } from './help';
import type { HubStore } from './hub-store';
import { iceServersFor } from './turn-credentials';
import type { UsageLedger } from './usage-ledger';

export interface RemoteDeskDeps {
  store: HubStore;
  help: HelpDesk;
  ledger: UsageLedger;
  clock: Clock;
  logger: Logger;
  /** The TURN server's shared secret (the hub's configuration): credentials are made from it, it never leaves the hub. */
  turnSecret: string | undefined;
  /** To the PC that made the call (false: it is not connected). */
  toPc: (pcId: string, callId: string, message: RemoteToPc) => boolean;
  /** To the one console (by its sign-in session) that accepted the call (false: that console is not connected). */
  toConsole: (console: string, callId: string, message: RemoteToAdvisor) => boolean;
}

const REFUSED: Record<string, { status: number; message: string }> = {
  ended: { status: 409, message: 'this remote call has ended' },
  taken: { status: 403, message: 'another advisor has this remote call' },
  'not-your-call': { status: 403, message: 'that call belongs to another PC' },
  'not-now': { status: 409, message: 'not at this point of the call' },
};

/**
 * Remote help calls at the hub (issue 16): the resident's ask becomes a
 * help call marked remote; one advisor's console accepts it; then the hub
 * relays the signalling, the pointer and the chat between that console and
 * that PC only, and ends the call however it ends. The rules are
 * main/core/remote-help.ts; nothing of the content (video, voice, chat) is
 * kept or logged: the figures get seconds and an outcome.
 */
export class RemoteDesk {
  private readonly calls = new Map<string, RemoteCall>();

  constructor(private readonly deps: RemoteDeskDeps) {}

  /** A PC's message about its remote call. */
  fromPc(pcId: string, callId: string, message: RemoteFromPc, now: number): void {
    const from: Party = { kind: 'pc', pcId };
    switch (message.kind) {
      case 'ask':
        return this.ask(pcId, callId, message.at, now);
      case 'consent':
        return this.apply(callId, { type: 'consent', given: message.given, at: now }, from);
      case 'end':
        return this.apply(callId, { type: 'end', reason: message.reason, at: now }, from);
      case 'signal':
      case 'chat': {
        const call = this.calls.get(callId);
        const refused = call ? mayRelay(call, from, message.kind) : 'ended';
        if (refused || !call) return this.refusedFromPc(pcId, message.kind, refused ?? 'ended');
        this.deps.toConsole(call.console!, callId, message.kind === 'signal' ? { kind: 'signal', signal: message.signal } : { kind: 'chat', text: message.text });
        return;
      }
    }
  }

  /** An advisor's console accepts a remote call: it alone takes part from now on. */
  accept(callId: string, advisor: { id: number; name: string }, console: string, now: number): RemoteJoin {
    const call = this.calls.get(callId);
    if (!call) throw new HubError(404, 'unknown-call', `there is no open remote call "${callId}"`);
    const { helpers, headsets, turnUrls } = this.policy();
    if (helpers.length > 0 && !helpers.includes(advisor.name)) throw new HubError(403, 'not-a-helper', 'this advisor is not one of the site\'s remote helpers');
    const next = this.transition(callId, call, { type: 'accept', advisor: advisor.name, console, at: now }, { kind: 'advisor', name: advisor.name, console });
    this.deps.help.acknowledge(callId, advisor.name, now);
    const iceServers = iceServersFor(turnUrls, this.deps.turnSecret, call.pcId, now);
    this.deps.toPc(next.pcId, callId, { kind: 'accepted', iceServers, voice: headsets });
    return { callId, pcId: next.pcId, iceServers: iceServersFor(turnUrls, this.deps.turnSecret, `advisor-${advisor.id}`, now), voice: headsets };
  }

  /** The accepting console relays a signal, a pointer or a chat line to the PC. */
  fromConsole(callId: string, console: string, advisor: string, kind: RelayKind, payload: { signal?: RemoteSignal; at?: { x: number; y: number }; text?: string }): void {
    const call = this.calls.get(callId);
    const refused = call ? mayRelay(call, { kind: 'advisor', name: advisor, console }, kind) : 'ended';
    if (refused || !call) throw this.refusal(refused ?? 'ended');
    const message: RemoteToPc =
      kind === 'signal' ? { kind: 'signal', signal: payload.signal! } : kind === 'pointer' ? { kind: 'pointer', at: payload.at! } : { kind: 'chat', text: payload.text! };
    if (!this.deps.toPc(call.pcId, callId, message)) throw new HubError(409, 'pc-offline', 'the PC is not connected');
  }

  /** The accepting advisor ends the call. */
  endByConsole(callId: string, console: string, advisor: string, now: number): void {
    const call = this.calls.get(callId);
    if (!call) throw this.refusal('ended');
    this.transition(callId, call, { type: 'end', reason: 'advisor-ended', at: now }, { kind: 'advisor', name: advisor, console });
  }

  /** A PC's link closed: its calls end (the kiosk tells the resident when it notices). */
  pcGone(pcId: string): void {
    const now = this.deps.clock.now();
    for (const [id, call] of [...this.calls]) if (call.pcId === pcId) this.apply(id, { type: 'end', reason: 'connection-lost', at: now }, { kind: 'pc', pcId });
  }

  /** A console's event socket closed (the tab closed, the network dropped): the calls it had end. */
  consoleGone(console: string): void {
    const now = this.deps.clock.now();
    for (const [id, call] of [...this.calls]) {
      if (call.console === console) this.apply(id, { type: 'end', reason: 'connection-lost', at: now }, { kind: 'advisor', name: call.advisor!, console });
    }
  }

  /** A help call changed (an advisor resolved a remote call from the queue): its remote part ends too. */
  helpChanged(call: HelpCallView): void {
    const remote = this.calls.get(call.id);
    if (!remote || (call.state !== 'resolved' && call.state !== 'cancelled')) return;
    const reason: RemoteEndReason = call.state === 'cancelled' ? 'cancelled' : 'advisor-ended';
    this.finish(call.id, { ...remote, phase: 'ended', reason, endedAt: Math.max(this.deps.clock.now(), remote.sharedAt ?? remote.acceptedAt ?? remote.askedAt) }, false);
  }

  /** The calls going on now (tests, and the hub's health). */
  open(): number {
    return this.calls.size;
  }

  private ask(pcId: string, callId: string, at: number, now: number): void {
    const policy = this.policy();
    const site = this.deps.store.site()!;
    if (!policy.enabled) return void this.deps.toPc(pcId, callId, { kind: 'refused', reason: 'disabled' });
    if (!dutyAt(now, site.timeZone, policy).onDuty) return void this.deps.toPc(pcId, callId, { kind: 'refused', reason: 'off-duty' });
    if (this.calls.has(callId)) return void this.deps.toPc(pcId, callId, { kind: 'asked' });
    if ([...this.calls.values()].some((c) => c.pcId === pcId)) return void this.deps.toPc(pcId, callId, { kind: 'refused', reason: 'busy' });
    const skew = this.deps.store.pc(pcId)?.clockSkewMs ?? 0;
    const { call, created } = this.deps.help.request(pcId, callId, at - skew, now, true);
    if (!created || call.id !== callId) return void this.deps.toPc(pcId, callId, { kind: 'refused', reason: 'busy' });
    this.calls.set(callId, asked(pcId, call.requestedAt));
    this.deps.toPc(pcId, callId, { kind: 'asked' });
  }

  private apply(callId: string, input: RemoteInput, from: Party): void {
    const call = this.calls.get(callId);
    if (!call) return;
    try {
      this.transition(callId, call, input, from);
    } catch (error) {
      this.deps.logger.warn('remote help message refused', { from: from.kind, input: input.type, error: (error as HubError).error });
    }
  }

  private transition(callId: string, call: RemoteCall, input: RemoteInput, from: Party): RemoteCall {
    const result = step(call, input, from);
    if (!result.ok) throw this.refusal(result.refused);
    const next = result.call;
    if (next.phase === 'ended') {
      this.finish(callId, next, true);
      return next;
    }
    this.calls.set(callId, next);
    if (input.type === 'consent') this.deps.toConsole(next.console!, callId, { kind: 'consent', given: true });
    this.deps.logger.info('remote help', { phase: next.phase });
    return next;
  }

  /** The call is over: both sides are told, the help call closes, the figures get seconds and the reason. */
  private finish(callId: string, ended: RemoteCall, closeHelpCall: boolean): void {
    this.calls.delete(callId);
    const reason = ended.reason!;
    const now = ended.endedAt!;
    this.deps.toPc(ended.pcId, callId, { kind: 'ended', reason });
    if (ended.console) this.deps.toConsole(ended.console, callId, { kind: 'ended', reason });
    if (closeHelpCall) {
      try {
        if (ended.advisor) this.deps.help.resolve(callId, ended.advisor, now);
        else this.deps.help.cancel(ended.pcId, callId, now);
      } catch (error) {
        this.deps.logger.warn('remote help: the help call could not be closed', { error: (error as HubError).error });
      }
    }
    const figures = figuresOf(ended);
    if (figures) this.deps.ledger.record(ended.pcId, [{ id: `${callId}:remote`, at: ended.askedAt, type: 'remote-help', data: { ...figures } }], now);
    this.deps.logger.info('remote help ended', { reason });
  }

  private refusedFromPc(pcId: string, kind: string, refused: string): void {
    this.deps.logger.warn('remote help message refused', { pc: pcId, kind, error: refused });
  }

  private refusal(refused: string): HubError {
    const r = REFUSED[refused] ?? REFUSED['not-now']!;
    return new HubError(r.status, refused, r.message);
  }

  private policy() {
    return this.deps.store.site()!.policy.remoteHelp;
  }
}
