import type { HelpCallView, HelpState } from '../../preload/hub-contract';
import type { HubStore } from './hub-store';
import { HubError } from './bookings';
import type { UsageLedger } from './usage-ledger';
import { wholeSeconds } from '../core/help-calls';

export interface HelpListeners {
  /** The call changed: tell the advisors and the PC. */
  changed: (call: HelpCallView) => void;
  /** A new call arrived: wake the phone (webhooks). */
  requested: (call: HelpCallView) => void;
}

/** Another id a PC gave the open call it already had: at most this many per call are remembered. */
const MAX_OTHER_IDS = 16;

/**
 * Help calls: requested at a PC, acknowledged and resolved by an advisor,
 * or cancelled by the resident. A request carries the PC's own call id, so a
 * request sent again after a lost connection is the same call, once.
 *
 * A PC has one open call at most: asked again (under another id: a PC
 * restarted, or one sending many) while its call is open, it gets that
 * call back under the id it asked with, and nobody is woken again.
 */
export class HelpDesk {
  /** The other ids a PC asked under while a call was open, by the open call's id (kept in memory while it is open). */
  private readonly otherIds = new Map<string, string[]>();
  /** The open call each such id stands for. */
  private readonly standsFor = new Map<string, string>();

  constructor(
    private readonly store: HubStore,
    private readonly listeners: HelpListeners,
    private readonly ledger: UsageLedger,
  ) {}

  /**
   * Records the call (once); `created` is false when the PC sent it again
   * or already had an open call (then `call` is that one; the PC knows it
   * as `callId`).
   */
  request(pcId: string, callId: string, requestedAt: number, now: number, remote = false): { call: HelpCallView; created: boolean } {
    const open = this.openCallOf(pcId, callId, now);
    if (open) {
      this.alias(open.id, callId);
      return { call: open, created: false };
    }
    const at = Math.min(requestedAt, now);
    // The call and the usage event that counts it commit together.
    const created = this.store.db.transaction(() => {
      if (!this.store.insertHelpCall(callId, pcId, at, now, remote)) return false;
      this.ledger.record(pcId, [{ id: `${callId}:requested`, at, type: 'help-requested', data: {} }], now);
      return true;
    })();
    const call = this.store.helpCall(callId)!;
    if (call.pcId !== pcId) throw new HubError(409, 'not-your-call', 'that call belongs to another PC');
    if (created) {
      this.store.audit(now, `pc:${pcId}`, remote ? 'remote help requested' : 'help requested', callId);
      this.listeners.requested(call);
      this.listeners.changed(call);
    }
    return { call, created };
  }

  /** The ids the PC knows this call by, its own included (more than one only while it is open). */
  idsOf(callId: string): string[] {
    return [callId, ...(this.otherIds.get(callId) ?? [])];
  }

  cancel(pcId: string, askedAs: string, now: number): HelpCallView | undefined {
    const callId = this.standsFor.get(askedAs) ?? askedAs;
    const call = this.store.helpCall(callId);
    if (!call || call.pcId !== pcId) return undefined;
    // The state change and the usage event that counts it commit together.
    const cancelled = this.store.db.transaction(() => {
      if (!this.store.setHelpState(callId, 'cancelled', now)) return false;
      this.store.audit(now, `pc:${pcId}`, 'help cancelled', callId);
      this.record(callId, now);
      return true;
    })();
    if (cancelled) {
      const updated = this.store.helpCall(callId)!;
      this.listeners.changed(updated);
      this.forget(callId);
      return updated;
    }
    return call;
  }

  acknowledge(callId: string, advisor: string, now: number): HelpCallView {
    return this.advance(callId, 'acknowledged', advisor, now);
  }

  resolve(callId: string, advisor: string, now: number): HelpCallView {
    return this.store.db.transaction(() => {
      const call = this.advance(callId, 'resolved', advisor, now);
      this.record(callId, now);
      return call;
    })();
  }

  private advance(callId: string, state: HelpState, advisor: string, now: number): HelpCallView {
    const call = this.store.helpCall(callId);
    if (!call) throw new HubError(404, 'unknown-call', `there is no help call "${callId}"`);
    if (this.store.setHelpState(callId, state, now, advisor)) {
      this.store.audit(now, `advisor:${advisor}`, `help ${state}`, callId);
      const updated = this.store.helpCall(callId)!;
      this.listeners.changed(updated);
      if (state === 'resolved') this.forget(callId);
      return updated;
    }
    if (call.state === state || (state === 'acknowledged' && call.state === 'resolved')) return call;
    throw new HubError(409, 'call-closed', `the call is already ${call.state}`);
  }

  /** The PC's open call, if it has one other than `callId` itself (a request sent again is that call, as before). */
  private openCallOf(pcId: string, callId: string, now: number): HelpCallView | undefined {
    const known = this.standsFor.get(callId);
    if (known) {
      const call = this.store.helpCall(known);
      if (call && (call.state === 'requested' || call.state === 'acknowledged')) return call;
    }
    if (this.store.helpCall(callId)) return undefined;
    // Every open call is listed, however old.
    return this.store.helpCalls(now).find((c) => c.pcId === pcId && (c.state === 'requested' || c.state === 'acknowledged'));
  }

  private alias(openId: string, askedAs: string): void {
    if (this.standsFor.get(askedAs) === openId) return;
    const others = this.otherIds.get(openId) ?? [];
    others.push(askedAs);
    this.standsFor.set(askedAs, openId);
    // A PC sending id after id keeps only its latest few.
    while (others.length > MAX_OTHER_IDS) this.standsFor.delete(others.shift()!);
    this.otherIds.set(openId, others);
  }

  private forget(callId: string): void {
    for (const other of this.otherIds.get(callId) ?? []) this.standsFor.delete(other);
    this.otherIds.delete(callId);
  }

  /** The call's delays, as a usage event (no names: seconds and the outcome). */
  private record(callId: string, now: number): void {
    const call = this.store.helpCall(callId);
    if (!call) return;
    const seconds = (at: number | undefined) => (at === undefined ? undefined : wholeSeconds(call.requestedAt, at));
    // Counted on the day the resident asked.
    const data: Record<string, unknown> = {
      outcome: call.state,
      toAcknowledgeSeconds: seconds(call.acknowledgedAt),
      toResolveSeconds: seconds(call.resolvedAt),
      toCancelSeconds: call.state === 'cancelled' ? seconds(now) : undefined,
    };
    this.ledger.record(call.pcId, [{ id: `${callId}:closed`, at: call.requestedAt, type: 'help-call', data }], now);
  }
}
