import { useEffect, useState } from 'react';

/**
 * Milliseconds left until `until`, on the clock `now` reads: the component
 * is drawn again each time the whole seconds shown change, and no more once
 * the time is over (so a countdown never stops early or lags behind).
 */
export function useCountdown(until: number | undefined, now: () => number): number {
  const [, redraw] = useState(0);
  const left = until === undefined ? 0 : Math.max(0, until - now());
  useEffect(() => {
    if (left <= 0) return;
    // Just past the moment the rounded-up seconds change.
    const id = setTimeout(() => redraw((n) => n + 1), (left % 1000 || 1000) + 5);
    return () => clearTimeout(id);
  });
  return left;
}
