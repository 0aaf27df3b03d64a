/** How fast something may go: `perSecond` on average, `burst` at once. */
export interface RatePolicy {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket: it holds at most `burst` tokens and gains `perSecond` of
 * them each second; each thing done takes one. Time is given, never read.
 * A clock moved backwards adds nothing (and takes nothing away).
 */
export class TokenBucket {
  private tokens: number;
  private at: number | undefined;

  constructor(private readonly policy: RatePolicy) {
    this.tokens = policy.burst;
  }

  /** Tokens now (fractional), after refilling for the time gone by. */
  level(now: number): number {
    if (this.at !== undefined && now > this.at) {
      this.tokens = Math.min(this.policy.burst, this.tokens + ((now - this.at) * this.policy.perSecond) / 1000);
    }
    if (this.at === undefined || now > this.at) this.at = now;
    return this.tokens;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    if (this.level(now) < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the bucket holds `count` tokens (0: it does now). */
  msUntil(count: number, now: number): number {
    const missing = Math.min(count, this.policy.burst) - this.level(now);
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.policy.perSecond);
  }
}

export interface FloodPolicy extends RatePolicy {
  /** A sender over its rate for this long without a pause is cut off. */
  closeAfterMs: number;
}

/**
 * What to do with one message from a sender: `accept` it; `drop` it (over
 * the rate), and `firstDrop` says a flood has just begun (log it once);
 * `close`: the sender has been over its rate for `closeAfterMs`.
 * A flood ends when the sender pauses long enough for its bucket to fill.
 */
export type FloodVerdict = 'accept' | 'first-drop' | 'drop' | 'close';

export class FloodGate {
  private readonly bucket: TokenBucket;
  private floodingSince: number | undefined;
  private droppedCount = 0;

  constructor(private readonly policy: FloodPolicy) {
    this.bucket = new TokenBucket(policy);
  }

  admit(now: number): FloodVerdict {
    // A full bucket: the sender paused long enough; whatever came before is over.
    if (this.bucket.level(now) >= this.policy.burst) {
      this.floodingSince = undefined;
      this.droppedCount = 0;
    }
    if (this.bucket.take(now)) return 'accept';
    this.droppedCount++;
    if (this.floodingSince === undefined) {
      this.floodingSince = now;
      return 'first-drop';
    }
    return now - this.floodingSince >= this.policy.closeAfterMs ? 'close' : 'drop';
  }

  /** Messages dropped in the flood going on (0: none). */
  dropped(): number {
    return this.droppedCount;
  }

  /** Milliseconds until `count` messages would be accepted again. */
  msUntil(count: number, now: number): number {
    return this.bucket.msUntil(count, now);
  }
}

export interface ConnectionLimits {
  /** Open connections at most, from everyone. */
  max: number;
  /** Open connections at most from one source (an IPv4 address, an IPv6 /64). */
  perSource: number;
  /** The last this many of `max` are kept for sources known to the hub (a paired PC, a signed-in advisor). */
  reserved: number;
}

export type ConnectionVerdict = 'admit' | 'source-full' | 'reserved' | 'full';

/**
 * Whether a new connection may stay open, given how many are open already
 * (without it): every source gets at most `perSource`; when the hub is
 * nearly full, only known sources get the reserved rest.
 */
export function admitConnection(limits: ConnectionLimits, open: { total: number; fromSource: number; knownSource: boolean }): ConnectionVerdict {
  if (open.total >= limits.max) return 'full';
  if (open.fromSource >= limits.perSource) return 'source-full';
  if (!open.knownSource && open.total >= limits.max - limits.reserved) return 'reserved';
  return 'admit';
}
