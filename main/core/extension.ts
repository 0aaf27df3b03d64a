import { MINUTE } from './clock';
import { latestWalkInEnd, type WalkInPolicy } from './walk-in';
import type { CheckInWindow, Slot } from './bookings';

export interface ExtensionPolicy {
  enabled: boolean;
  /** How much one extension adds. */
  minutes: number;
  /** How many extensions one session may have. */
  maxPerSession: number;
}

export type ExtensionCheck =
  | { allowed: true; endsAt: number }
  | { allowed: false; reason: 'disabled' | 'limit-reached' | 'next-slot-taken' | 'offline' | 'closing' };

/**
 * A session may be extended when the policy allows it and the time after its
 * end is free: no other booking (with its gap) begins before the new end, and
 * the site does not close before it (`closesAt`; absent: it stays open).
 */
export function checkExtension(
  session: { endsAt: number; extensions: number; bookingId?: string | undefined },
  bookings: readonly (Slot & { id: string })[],
  now: number,
  policy: { extension: ExtensionPolicy; walkIn: Pick<WalkInPolicy, 'gapMinutes'>; checkIn: CheckInWindow },
  closesAt = Number.POSITIVE_INFINITY,
): ExtensionCheck {
  const { extension } = policy;
  if (!extension.enabled) return { allowed: false, reason: 'disabled' };
  if (session.extensions >= extension.maxPerSession) return { allowed: false, reason: 'limit-reached' };
  const wanted = session.endsAt + extension.minutes * MINUTE;
  if (wanted > closesAt) return { allowed: false, reason: 'closing' };
  const others = bookings.filter((b) => b.id !== session.bookingId && b.endsAt > session.endsAt);
  const limit = latestWalkInEnd(others, now, wanted, policy.walkIn, policy.checkIn);
  if (limit < wanted) return { allowed: false, reason: 'next-slot-taken' };
  return { allowed: true, endsAt: wanted };
}
