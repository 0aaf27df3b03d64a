import { SECOND } from './clock';

export interface ThrottlePolicy {
  /** Wrong codes allowed within the window before the PC stops taking codes. */
  maxWrong: number;
  windowSeconds: number;
  lockSeconds: number;
}

export type ThrottleStatus = { locked: false } | { locked: true; until: number };

/**
 * Wrong-code throttling for one PC: after `maxWrong` wrong codes within the
 * window, codes are refused until the lock ends; then the count starts over.
 * A right code also starts the count over.
 */
export class CodeThrottle {
  private failures: number[] = [];
  private lockedUntil: number | undefined;
  private policy: ThrottlePolicy;

  constructor(policy: ThrottlePolicy) {
    this.policy = policy;
  }

  /** A new policy from the hub; the count so far is kept. */
  setPolicy(policy: ThrottlePolicy): void {
    this.policy = policy;
  }

  status(now: number): ThrottleStatus {
    if (this.lockedUntil !== undefined) {
      // A clock moved backwards must not stretch the lock beyond its length.
      const longest = now + this.policy.lockSeconds * SECOND;
      if (this.lockedUntil > longest) this.lockedUntil = longest;
      if (now < this.lockedUntil) return { locked: true, until: this.lockedUntil };
      this.lockedUntil = undefined;
      this.failures = [];
    }
    return { locked: false };
  }

  recordWrong(now: number): ThrottleStatus {
    // A lock that has ended is cleared first, so this wrong code counts afresh.
    const current = this.status(now);
    if (current.locked) return current;
    const windowStart = now - this.policy.windowSeconds * SECOND;
    this.failures = this.failures.filter((t) => t > windowStart && t <= now);
    this.failures.push(now);
    if (this.failures.length >= this.policy.maxWrong) {
      this.lockedUntil = now + this.policy.lockSeconds * SECOND;
      this.failures = [];
    }
    return this.status(now);
  }

  recordRight(): void {
    this.failures = [];
  }

  /** What must outlive a restart (the maintenance PIN's throttle is kept on disk). */
  save(): { failures: number[]; lockedUntil: number | null } {
    return { failures: [...this.failures], lockedUntil: this.lockedUntil ?? null };
  }

  /** Takes back a saved state; anything malformed is ignored (the count starts over). */
  load(saved: unknown): void {
    if (typeof saved !== 'object' || saved === null) return;
    const { failures, lockedUntil } = saved as { failures?: unknown; lockedUntil?: unknown };
    if (Array.isArray(failures)) this.failures = failures.filter((t): t is number => Number.isFinite(t)).slice(-this.policy.maxWrong);
    if (typeof lockedUntil === 'number' && Number.isFinite(lockedUntil)) this.lockedUntil = lockedUntil;
  }

  wrongSoFar(now: number): number {
    const windowStart = now - this.policy.windowSeconds * SECOND;
    return this.failures.filter((t) => t > windowStart && t <= now).length;
  }
}
