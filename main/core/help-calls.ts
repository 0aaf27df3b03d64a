/**
 * Which help calls count. A call the resident cancels before anyone
 * answered, within this many seconds, was not a help call (a mistap, a
 * change of mind): the hub counts it apart, and the city never gets it.
 */
export const QUICK_CANCEL_SECONDS = 30;

/** Seconds from one instant to a later one, whole, as the hub's usage events record them. */
export function wholeSeconds(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 1000));
}

/** A closed call's record (its outcome and delays in whole seconds): was it cancelled unanswered within QUICK_CANCEL_SECONDS? */
export function cancelledQuickly(call: { outcome?: unknown; toAcknowledgeSeconds?: unknown; toCancelSeconds?: unknown }): boolean {
  return (
    call.outcome === 'cancelled' &&
    typeof call.toAcknowledgeSeconds !== 'number' &&
    typeof call.toCancelSeconds === 'number' &&
    call.toCancelSeconds <= QUICK_CANCEL_SECONDS
  );
}
