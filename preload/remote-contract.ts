import { z } from 'zod';
import { Empty, Ok, PcId, route } from './hub-base';

/**
 * Help from afar (issue 16): the signalling of a remote help call, as the
 * hub relays it between the PC that asked and the one console that
 * accepted (main/hub/remote-help.ts). The media go directly (or through
 * the city's TURN server) between the two; the hub sees only these.
 * hub-contract.ts carries them in its "remote" messages and routes.
 */

export const RemoteEndReason = z.enum(['resident-stopped', 'declined', 'advisor-ended', 'session-ended', 'connection-lost', 'cancelled']);
export type RemoteEndReason = z.infer<typeof RemoteEndReason>;

/** WebRTC's offer/answer and ICE candidates, passed through as the browsers made them. */
export const RemoteSignal = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sdp'), type: z.enum(['offer', 'answer']), sdp: z.string().min(1).max(30_000) }),
  z.strictObject({
    kind: z.literal('ice'),
    candidate: z.string().max(1_000),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.int().min(0).max(64).nullable(),
  }),
]);
export type RemoteSignal = z.infer<typeof RemoteSignal>;

/** One chat line: what the resident or the advisor wrote (relayed, never stored or logged). */
export const ChatText = z.string().trim().min(1).max(500);

export const IceServerView = z.strictObject({
  urls: z.array(z.string().max(200)).min(1).max(4),
  username: z.string().max(100).optional(),
  credential: z.string().max(100).optional(),
});
export type IceServerView = z.infer<typeof IceServerView>;

/** Where the advisor pointed, as fractions of the shared page's width and height. */
export const PointerAt = z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });

/** From the PC about its remote call (inside a "remote" message with the call's id). */
export const RemoteFromPc = z.discriminatedUnion('kind', [
  /** "Get help on the screen": a help call marked remote. */
  z.strictObject({ kind: z.literal('ask'), at: z.number().int().nonnegative() }),
  /** "Show my screen" (true) or "Not now" (false). */
  z.strictObject({ kind: z.literal('consent'), given: z.boolean() }),
  z.strictObject({ kind: z.literal('signal'), signal: RemoteSignal }),
  z.strictObject({ kind: z.literal('chat'), text: ChatText }),
  z.strictObject({ kind: z.literal('end'), reason: z.enum(['resident-stopped', 'session-ended', 'connection-lost', 'cancelled']) }),
]);
export type RemoteFromPc = z.infer<typeof RemoteFromPc>;

/** Why the hub did not take a remote call: off in the policy, outside the remote hours, or the PC has one already. */
export const RemoteAskRefusal = z.enum(['disabled', 'off-duty', 'busy']);

/** To the PC about its remote call. */
export const RemoteToPc = z.discriminatedUnion('kind', [
  /** The hub took the call: it waits for an advisor. */
  z.strictObject({ kind: z.literal('asked') }),
  z.strictObject({ kind: z.literal('refused'), reason: RemoteAskRefusal }),
  /** An advisor accepted: ask the resident; the ICE servers (with short-lived TURN credentials) are for this PC. */
  z.strictObject({ kind: z.literal('accepted'), iceServers: z.array(IceServerView).max(2), voice: z.boolean() }),
  z.strictObject({ kind: z.literal('signal'), signal: RemoteSignal }),
  z.strictObject({ kind: z.literal('pointer'), at: PointerAt }),
  z.strictObject({ kind: z.literal('chat'), text: ChatText }),
  z.strictObject({ kind: z.literal('ended'), reason: RemoteEndReason }),
]);
export type RemoteToPc = z.infer<typeof RemoteToPc>;

/** To the console that accepted the call (its event socket only). */
export const RemoteToAdvisor = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('consent'), given: z.boolean() }),
  z.strictObject({ kind: z.literal('signal'), signal: RemoteSignal }),
  z.strictObject({ kind: z.literal('chat'), text: ChatText }),
  z.strictObject({ kind: z.literal('ended'), reason: RemoteEndReason }),
]);
export type RemoteToAdvisor = z.infer<typeof RemoteToAdvisor>;

/** The accepting console's start: the call, its PC, its ICE servers (credentials for this advisor), whether they talk. */
export const RemoteJoin = z.strictObject({
  callId: z.uuid(),
  pcId: PcId,
  iceServers: z.array(IceServerView).max(2),
  voice: z.boolean(),
});
export type RemoteJoin = z.infer<typeof RemoteJoin>;

/** The console's remote-help routes (spread into hub-contract.ts's advisorRoutes). */
export const remoteRoutes = {
  remoteAccept: route('POST', '/api/remote/:id/accept', Empty, RemoteJoin),
  remoteSignal: route('POST', '/api/remote/:id/signal', z.strictObject({ signal: RemoteSignal }), Ok),
  remotePointer: route('POST', '/api/remote/:id/pointer', PointerAt, Ok),
  remoteChat: route('POST', '/api/remote/:id/chat', z.strictObject({ text: ChatText }), Ok),
  remoteEnd: route('POST', '/api/remote/:id/end', Empty, Ok),
} as const;

// ---- the kiosk UI's side (spread into preload/contract.ts) ----

/**
 * Help from afar on the kiosk's screen: offered (remote help on duty now,
 * a session running, the hub reachable), and the call's state: asking,
 * waiting for an advisor, consent (the advisor accepted: ask the resident),
 * sharing, or ended (with why; refused: the hub did not take it).
 */
export const RemoteSnapshot = z.strictObject({
  offered: z.boolean(),
  state: z.enum(['idle', 'waiting', 'consent', 'sharing', 'ended', 'refused']),
  reason: z.union([RemoteEndReason, RemoteAskRefusal]).optional(),
  voice: z.boolean(),
});
export type RemoteSnapshot = z.infer<typeof RemoteSnapshot>;

/** What the kiosk's core pushes to its UI during a call, besides the snapshot: the advisor's signalling, pointer and chat. */
export const RemoteKioskEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('signal'), signal: RemoteSignal }),
  z.strictObject({ kind: z.literal('pointer'), at: PointerAt }),
  z.strictObject({ kind: z.literal('chat'), text: ChatText }),
]);
export type RemoteKioskEvent = z.infer<typeof RemoteKioskEvent>;

const KioskOk = z.strictObject({ ok: z.literal(true) });
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** The kiosk UI's remote-help calls (spread into preload/contract.ts's kioskMethods). */
export const remoteKioskMethods = {
  /** "Get help on the screen". */
  'kiosk.remote.ask': method(z.strictObject({}), z.strictObject({ result: z.enum(['sending', 'unavailable']) })),
  /** "Show my screen" (given) or "Not now": given answers with the ICE servers for this PC's side (none: direct only). */
  'kiosk.remote.consent': method(
    z.strictObject({ given: z.boolean() }),
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok'), iceServers: z.array(IceServerView).max(2), voice: z.boolean() }),
      z.strictObject({ result: z.literal('not-now') }),
    ]),
  ),
  'kiosk.remote.signal': method(z.strictObject({ signal: RemoteSignal }), KioskOk),
  'kiosk.remote.chat': method(z.strictObject({ text: ChatText }), KioskOk),
  /** "Stop sharing" (or cancel while waiting; the media failed: connection-lost). */
  'kiosk.remote.stop': method(z.strictObject({ reason: z.enum(['resident-stopped', 'connection-lost']) }), KioskOk),
  /** Closes the "ended" message. */
  'kiosk.remote.dismiss': method(z.strictObject({}), KioskOk),
} as const;
