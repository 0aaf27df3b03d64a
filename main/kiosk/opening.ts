import { openingAt, type Opening as OpeningNow } from '../core/opening-hours';
import type { KioskConfig } from '../config/schema';
import type { KioskSnapshot } from '../../preload/contract';
import type { KioskContext } from './feature';

const DAY = 24 * 3_600_000;

export type OpeningView = KioskSnapshot['opening'];

export interface Opening {
  /** Whether the site is open now (from the policy's opening hours, in the site's zone). */
  isOpen(): boolean;
  /** The latest any session may end if it runs now: closing time (now, while closed; infinity: open at all hours). */
  closesAt(): number;
  snapshotPart(): { opening: OpeningView };
}

/**
 * The site's opening hours on this PC: outside them the welcome screen says
 * "Closed" and when it opens, and nothing starts; inside them every session
 * ends by closing (access.ts and schedule.ts bound their times with
 * `closesAt`). The hours come with the hub's policy, so a change of hours
 * reaches a running session through the schedule's clamp.
 */
export function setupOpening(ctx: KioskContext): Opening {
  const now = () => ctx.deps.clock.now();
  /**
   * The answer holds until its next change (closing, opening, or a day for
   * a site open at all hours) and for the same policy: the snapshot asks
   * every second, and the periods of 40 days are not worth working out each time.
   */
  let kept: { config: KioskConfig; from: number; until: number; opening: OpeningNow } | undefined;
  const at = (): OpeningNow => {
    const t = now();
    if (kept && kept.config === ctx.config && kept.from <= t && t < kept.until) return kept.opening;
    const opening = openingAt(t, ctx.config.timeZone, ctx.config.openingHours);
    const until = (opening.open ? opening.closesAt : opening.opensAt) ?? t + DAY;
    kept = { config: ctx.config, from: t, until, opening };
    return opening;
  };
  return {
    isOpen: () => at().open,
    closesAt() {
      // As endByClosing with no wish of its own: closing, now while closed, or never.
      const opening = at();
      return opening.open ? (opening.closesAt ?? Number.POSITIVE_INFINITY) : now();
    },
    snapshotPart() {
      const opening = at();
      const view: OpeningView = opening.open
        ? { open: true, ...(opening.closesAt !== undefined ? { closesAt: opening.closesAt } : {}) }
        : { open: false, ...(opening.opensAt !== undefined ? { opensAt: opening.opensAt } : {}) };
      const phone = ctx.config.help.phone;
      if (!opening.open && phone) view.phone = phone;
      return { opening: view };
    },
  };
}
