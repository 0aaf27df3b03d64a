/**
 * WebRTC helpers shared by the kiosk (the resident shares) and the advisor
 * console (the advisor watches) in remote help (issue 16). The signalling
 * travels through the hub (preload/remote-contract.ts's RemoteSignal).
 */

export type Signal =
  | { kind: 'sdp'; type: 'offer' | 'answer'; sdp: string }
  | { kind: 'ice'; candidate: string; sdpMid: string | null; sdpMLineIndex: number | null };

declare global {
  interface Window {
    /** Diagnostics and the relay-only test: "relay" sends media only through the TURN server. */
    tupaIceTransportPolicy?: RTCIceTransportPolicy;
  }
}

export function iceTransportPolicy(): RTCIceTransportPolicy {
  return window.tupaIceTransportPolicy === 'relay' ? 'relay' : 'all';
}

/** Sends each local ICE candidate (and the end of them, as an empty one) through `send`. */
export function sendIceCandidates(pc: RTCPeerConnection, send: (signal: Signal) => Promise<unknown>): void {
  pc.onicecandidate = (event) => {
    const c = event.candidate;
    const signal: Signal = { kind: 'ice', candidate: c?.candidate ?? '', sdpMid: c?.sdpMid ?? null, sdpMLineIndex: c?.sdpMLineIndex ?? null };
    void send(signal).catch(() => undefined);
  };
}

/**
 * The other side's offer or answer and candidates, applied in order:
 * candidates that arrive before the description wait for it.
 */
export class SignalInbox {
  private pending: RTCIceCandidateInit[] = [];
  private chain: Promise<unknown> = Promise.resolve();

  /** Applies one signal; resolves to "offer" when an offer was set (the caller answers it). */
  receive(pc: RTCPeerConnection, signal: Signal): Promise<'offer' | undefined> {
    const next = this.chain.then(async () => {
      if (pc.signalingState === 'closed') return undefined;
      if (signal.kind === 'sdp') {
        await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
        for (const candidate of this.pending.splice(0)) await pc.addIceCandidate(candidate).catch(() => undefined);
        return signal.type === 'offer' ? ('offer' as const) : undefined;
      }
      const candidate: RTCIceCandidateInit = { candidate: signal.candidate, sdpMid: signal.sdpMid, sdpMLineIndex: signal.sdpMLineIndex };
      if (!pc.remoteDescription) this.pending.push(candidate);
      else await pc.addIceCandidate(candidate).catch(() => undefined);
      return undefined;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
