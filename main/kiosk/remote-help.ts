import { randomUUID } from 'node:crypto';
import { dutyAt } from '../core/duty';
import { inSession } from '../core/session-machine';
import type { IceServerView, RemoteFromPc, RemoteKioskEvent, RemoteSnapshot, RemoteToPc } from '../../preload/remote-contract';
import type { KioskContext } from './feature';

type Consent = { result: 'ok'; iceServers: IceServerView[]; voice: boolean } | { result: 'not-now' };

export interface RemoteHelp {
  /** "Get help on the screen": a remote help call to the hub. */
  ask(): 'sending' | 'unavailable';
  /** "Show my screen" / "Not now". */
  consent(given: boolean): Consent;
  /** The UI's WebRTC signalling and chat, to the accepting advisor. */
  relay(message: { kind: 'signal'; signal: Extract<RemoteKioskEvent, { kind: 'signal' }>['signal'] } | { kind: 'chat'; text: string }): void;
  /** "Stop sharing", a cancel while waiting, or the media lost. */
  stop(reason: 'resident-stopped' | 'connection-lost'): void;
  dismiss(): void;
  /** The hub's word on this PC's remote call. */
  fromHub(callId: string, message: RemoteToPc): void;
  hubChanged(online: boolean): void;
  /** The advisor's signalling, pointer and chat, for the UI. */
  onEvent(listener: (event: RemoteKioskEvent) => void): () => void;
  snapshotPart(): { remote?: RemoteSnapshot };
}

type Call = { state: RemoteSnapshot['state']; callId?: string; reason?: RemoteSnapshot['reason']; iceServers?: IceServerView[]; voice: boolean };

/**
 * "Get help on the screen" (issue 16) at the kiosk: the call's state for
 * the screen, the resident's consent, and the signalling passed between
 * the UI (which holds the WebRTC connection and the capture) and the hub.
 * Nothing is shared before "Show my screen"; the session's end ends the
 * call before the wipe; nothing of it outlives the session.
 */
export function setupRemoteHelp(ctx: KioskContext): RemoteHelp {
  let call: Call = { state: 'idle', voice: false };
  const listeners = new Set<(event: RemoteKioskEvent) => void>();
  const hub = () => ctx.deps.hub;
  const active = () => call.state === 'waiting' || call.state === 'consent' || call.state === 'sharing';
  const send = (message: RemoteFromPc) => !!call.callId && hub()?.sendRemote?.({ type: 'remote', callId: call.callId, message }) === true;
  const set = (next: Call) => {
    // The sharing is over: the advisor's marker goes with it, at once.
    if (call.state === 'sharing' && next.state !== 'sharing') ctx.deps.shell.showPointer?.(null);
    call = next;
    ctx.emit();
  };
  const endHere = (reason: 'session-ended' | 'connection-lost' | 'resident-stopped') => {
    if (!active()) return;
    send({ kind: 'end', reason: call.state === 'waiting' && reason === 'resident-stopped' ? 'cancelled' : reason });
    set({ state: 'ended', reason: call.state === 'waiting' && reason === 'resident-stopped' ? 'cancelled' : reason, voice: call.voice });
  };
  const onDuty = () => {
    const policy = ctx.config.remoteHelp;
    return policy.enabled && dutyAt(ctx.deps.clock.now(), ctx.config.timeZone, policy).onDuty;
  };

  ctx.register({
    // The session ends: the sharing ends before the wipe; the next resident starts with nothing of it.
    effect(effect) {
      if (effect.type === 'record-end') endHere('session-ended');
    },
    sessionStarting() {
      endHere('session-ended');
      call = { state: 'idle', voice: false };
    },
  });

  return {
    ask() {
      const port = hub();
      if (!port?.online || !port.sendRemote || !onDuty() || !inSession(ctx.state)) return 'unavailable';
      if (active()) return 'sending';
      const callId = randomUUID();
      call = { state: 'waiting', callId, voice: ctx.config.remoteHelp.headsets };
      if (!send({ kind: 'ask', at: ctx.deps.clock.now() })) {
        set({ state: 'idle', voice: false });
        return 'unavailable';
      }
      ctx.log.info('remote help asked');
      ctx.emit();
      return 'sending';
    },
    consent(given) {
      if (call.state !== 'consent') return { result: 'not-now' };
      if (!send({ kind: 'consent', given })) {
        set({ state: 'ended', reason: 'connection-lost', voice: call.voice });
        return { result: 'not-now' };
      }
      if (!given) {
        set({ state: 'ended', reason: 'declined', voice: call.voice });
        return { result: 'not-now' };
      }
      set({ ...call, state: 'sharing' });
      return { result: 'ok', iceServers: call.iceServers ?? [], voice: call.voice };
    },
    relay(message) {
      if (call.state !== 'sharing' && !(call.state === 'consent' && message.kind === 'chat')) return;
      send(message);
    },
    stop(reason) {
      endHere(reason);
    },
    dismiss() {
      if (call.state === 'ended' || call.state === 'refused') set({ state: 'idle', voice: false });
    },
    fromHub(callId, message) {
      if (callId !== call.callId) return;
      switch (message.kind) {
        case 'asked':
          return;
        case 'refused':
          return set({ state: 'refused', reason: message.reason, voice: false });
        case 'accepted':
          if (call.state !== 'waiting') return;
          return set({ ...call, state: 'consent', iceServers: message.iceServers, voice: message.voice });
        case 'ended':
          if (!active()) return;
          return set({ state: 'ended', reason: message.reason, voice: call.voice });
        case 'pointer':
          // Drawn over the shared page only while it is shared (on a room PC by the shell, above the web view).
          if (call.state === 'sharing') ctx.deps.shell.showPointer?.(message.at);
          if (!active()) return;
          for (const listener of listeners) listener(message);
          return;
        case 'signal':
        case 'chat':
          if (!active()) return;
          for (const listener of listeners) listener(message);
          return;
      }
    },
    hubChanged(online) {
      if (!online) endHere('connection-lost');
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshotPart() {
      // Back at the welcome screen, the next resident sees nothing of the last one's call.
      if (ctx.state.phase === 'welcome' && !active() && call.state !== 'idle') call = { state: 'idle', voice: false };
      const port = hub();
      if (!port?.available || !port.sendRemote || !ctx.config.remoteHelp.enabled) return {};
      const remote: RemoteSnapshot = { offered: port.online && onDuty() && inSession(ctx.state), state: call.state, voice: call.voice };
      if (call.reason) remote.reason = call.reason;
      return { remote };
    },
  };
}
