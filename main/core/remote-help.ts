/**
 * Help from afar (issue 16): the rules of one remote help call, pure.
 *
 * asked ──accept (one advisor's console)──► consent-asked ──"Show my screen"──► sharing
 *   │                                          │ "Not now"                          │
 *   └── cancelled ─────────────────────────────┴────────────── ended (with a reason) ◄┘
 *
 * Only the console that accepted the call and the PC that made it take part;
 * nothing is relayed before the resident's consent but the chat and the end,
 * and nothing at all after the end.
 */

/** Why a remote call ended: the kiosk and the console each have words for every one. */
export const REMOTE_END_REASONS = [
  /** The resident pressed "Stop sharing". */
  'resident-stopped',
  /** The resident answered "Not now": nothing was shared. */
  'declined',
  /** The advisor pressed "End" (or closed the call). */
  'advisor-ended',
  /** The resident's session ended (before the wipe). */
  'session-ended',
  /** The PC's or the console's connection to the hub, or the media between them, was lost. */
  'connection-lost',
  /** The resident cancelled before anyone accepted. */
  'cancelled',
] as const;
export type RemoteEndReason = (typeof REMOTE_END_REASONS)[number];

export type RemotePhase = 'asked' | 'consent-asked' | 'sharing' | 'ended';

export interface RemoteCall {
  phase: RemotePhase;
  pcId: string;
  askedAt: number;
  /** The advisor who accepted, and the console (its sign-in session) that alone may take part. */
  advisor?: string;
  console?: string;
  acceptedAt?: number;
  sharedAt?: number;
  endedAt?: number;
  reason?: RemoteEndReason;
}

/** Who sends a message about a call. */
export type Party = { kind: 'pc'; pcId: string } | { kind: 'advisor'; name: string; console: string };

export type RemoteInput =
  | { type: 'accept'; advisor: string; console: string; at: number }
  | { type: 'consent'; given: boolean; at: number }
  | { type: 'end'; reason: RemoteEndReason; at: number };

/** What may travel between the two parties. */
export type RelayKind = 'signal' | 'pointer' | 'chat';

export type Refusal =
  /** The call is over: nothing more goes either way. */
  | 'ended'
  /** Another advisor already accepted it (or this console is not the one that did). */
  | 'taken'
  /** Not the PC that made the call. */
  | 'not-your-call'
  /** Not in this phase (a signal before consent, a pointer from the PC, consent twice). */
  | 'not-now';

export type Step = { ok: true; call: RemoteCall } | { ok: false; refused: Refusal; call: RemoteCall };

export function asked(pcId: string, at: number): RemoteCall {
  return { phase: 'asked', pcId, askedAt: at };
}

/** The call after an input, or why the input is refused (the call unchanged). */
export function step(call: RemoteCall, input: RemoteInput, from: Party): Step {
  const refuse = (refused: Refusal): Step => ({ ok: false, refused, call });
  if (call.phase === 'ended') return refuse('ended');
  const party = partyCheck(call, from);
  switch (input.type) {
    case 'accept':
      if (from.kind !== 'advisor') return refuse('not-now');
      if (call.phase !== 'asked') return refuse('taken');
      return { ok: true, call: { ...call, phase: 'consent-asked', advisor: input.advisor, console: input.console, acceptedAt: Math.max(call.askedAt, input.at) } };
    case 'consent':
      if (party) return refuse(party);
      if (from.kind !== 'pc' || call.phase !== 'consent-asked') return refuse('not-now');
      return input.given
        ? { ok: true, call: { ...call, phase: 'sharing', sharedAt: Math.max(call.acceptedAt ?? call.askedAt, input.at) } }
        : { ok: true, call: end(call, 'declined', input.at) };
    case 'end':
      // Before anyone accepted, only the PC (a cancel, its session's end, its link's loss) ends a call.
      if (call.phase === 'asked' && from.kind === 'advisor') return refuse('not-now');
      if (party) return refuse(party);
      return { ok: true, call: end(call, input.reason, input.at) };
  }
}

/** May this party relay this kind of message now? (undefined: yes.) */
export function mayRelay(call: RemoteCall, from: Party, kind: RelayKind): Refusal | undefined {
  if (call.phase === 'ended') return 'ended';
  const party = partyCheck(call, from);
  if (party) return party;
  if (call.phase === 'asked') return 'not-now';
  // Media and the pointer only once the resident said "Show my screen"; chat from the moment the advisor accepted.
  if (kind !== 'chat' && call.phase !== 'sharing') return 'not-now';
  if (kind === 'pointer' && from.kind !== 'advisor') return 'not-now';
  return undefined;
}

function partyCheck(call: RemoteCall, from: Party): Refusal | undefined {
  if (from.kind === 'pc') return from.pcId === call.pcId ? undefined : 'not-your-call';
  if (call.phase === 'asked') return undefined;
  return from.console === call.console ? undefined : 'taken';
}

function end(call: RemoteCall, reason: RemoteEndReason, at: number): RemoteCall {
  const after = Math.max(call.sharedAt ?? call.acceptedAt ?? call.askedAt, at);
  return { ...call, phase: 'ended', reason, endedAt: after };
}

/** What the figures keep of an ended call: whole seconds and the outcome, nothing else. */
export interface RemoteFigures {
  /** Seconds from asking to an advisor's accepting (absent: nobody accepted). */
  waitSeconds?: number;
  /** Seconds the page was shown (absent: never shown). */
  sharedSeconds?: number;
  reason: RemoteEndReason;
}

export function figuresOf(call: RemoteCall): RemoteFigures | undefined {
  if (call.phase !== 'ended' || call.endedAt === undefined || call.reason === undefined) return undefined;
  const seconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));
  const figures: RemoteFigures = { reason: call.reason };
  if (call.acceptedAt !== undefined) figures.waitSeconds = seconds(call.askedAt, call.acceptedAt);
  if (call.sharedAt !== undefined) figures.sharedSeconds = seconds(call.sharedAt, call.endedAt);
  return figures;
}
