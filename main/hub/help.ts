import type { HelpCallView, HelpState } from '../../preload/hub-contract';
import type { HubStore } from './hub-store';
import { HubError } from './bookings';
import type { UsageLedger } from './usage-ledger';

export interface HelpListeners {
  /** The call changed: tell the advisors and the PC. */
  changed: (call: HelpCallView) => void;
  /** A new call arrived: wake the phone (webhooks). */
  requested: (call: HelpCallView) => void;
}

/**
 * Help calls: requested at a PC, acknowledged and resolved by an advisor,
 * or cancelled by the resident. A request carries the PC's own call id, so a
 * request sent again after a lost connection is the same call, once.
 */
export class HelpDesk {
  constructor(
    private readonly store: HubStore,
    private readonly listeners: HelpListeners,
    private readonly ledger: UsageLedger,
  ) {}

  /** Records the call (once); `created` is false when the PC sent it again. */
  request(pcId: string, callId: string, requestedAt: number, now: number): { call: HelpCallView; created: boolean } {
    const at = Math.min(requestedAt, now);
    // The call and the usage event that counts it commit together.
    const created = this.store.db.transaction(() => {
      if (!this.store.insertHelpCall(callId, pcId, at, now)) return false;
      this.ledger.record(pcId, [{ id: `${callId}:requested`, at, type: 'help-requested', data: {} }], now);
      return true;
    })();
    const call = this.store.helpCall(callId)!;
    if (call.pcId !== pcId) throw new HubError(409, 'not-your-call', 'that call belongs to another PC');
    if (created) {
      this.store.audit(now, `pc:${pcId}`, 'help requested', callId);
      this.listeners.requested(call);
      this.listeners.changed(call);
    }
    return { call, created };
  }

  cancel(pcId: string, callId: string, now: number): HelpCallView | undefined {
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
      return updated;
    }
    if (call.state === state || (state === 'acknowledged' && call.state === 'resolved')) return call;
    throw new HubError(409, 'call-closed', `the call is already ${call.state}`);
  }

  /** The call's delays, as a usage event (no names: seconds and the outcome). */
  private record(callId: string, now: number): void {
    const call = this.store.helpCall(callId);
    if (!call) return;
    const seconds = (at: number | undefined) => (at === undefined ? undefined : Math.max(0, Math.round((at - call.requestedAt) / 1000)));
    // Counted on the day the resident asked.
    const data: Record<string, unknown> = { outcome: call.state, toAcknowledgeSeconds: seconds(call.acknowledgedAt), toResolveSeconds: seconds(call.resolvedAt) };
    this.ledger.record(call.pcId, [{ id: `${callId}:closed`, at: call.requestedAt, type: 'help-call', data }], now);
  }
}
