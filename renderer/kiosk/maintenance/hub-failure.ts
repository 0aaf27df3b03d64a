/** How checking or pairing with a hub failed, as the core reports it. */
export interface HubFailure {
  reason: 'locked' | 'unreachable' | 'not-a-hub' | 'certificate' | 'refused' | 'fingerprint-changed';
  /** The system's error code (ECONNREFUSED, ETIMEDOUT, …) or the hub's (wrong-code, …). */
  code?: string | undefined;
  /** The raw detail, in English, for IT. */
  message: string;
}

export type HubFailureText =
  | 'locked'
  | 'address'
  | 'name'
  | 'timeout'
  | 'unreachable'
  | 'not-a-hub'
  | 'certificate'
  | 'fingerprint-changed'
  | 'wrong-code'
  | 'slow-down'
  | 'already-paired'
  | 'version'
  | 'refused';

/** The system's codes for a connection that failed. */
const CONNECTION = new Map<string, HubFailureText>([
  ['invalid-address', 'address'],
  ['ENOTFOUND', 'name'],
  ['EAI_AGAIN', 'name'],
  ['ETIMEDOUT', 'timeout'],
]);

/** The hub's codes for a pairing it refused. */
const HUB = new Map<string, HubFailureText>([
  ['wrong-code', 'wrong-code'],
  ['slow-down', 'slow-down'],
  ['rate-limited', 'slow-down'],
  ['already-paired', 'already-paired'],
  ['version', 'version'],
]);

/**
 * Which plain sentence a failure gets on the maintenance screen (in the
 * PC's language; the raw detail is shown beneath it for IT). A code the
 * screen does not know falls back to its reason's sentence.
 */
export function hubFailureText({ reason, code }: Pick<HubFailure, 'reason' | 'code'>): HubFailureText {
  switch (reason) {
    case 'unreachable':
      return (code !== undefined ? CONNECTION.get(code) : undefined) ?? 'unreachable';
    case 'refused':
      return (code !== undefined ? HUB.get(code) : undefined) ?? 'refused';
    default:
      return reason;
  }
}
