import type { Slot } from './bookings';
import { openingAt, openingText, withinOpening, type OpeningHours } from './opening-hours';

/** A booking that does not lie inside one opening period: which field to fix, and the day's hours in words. */
export interface OpeningProblem {
  field: 'start' | 'end';
  reason: 'outside-opening';
  /** For IT and the hub's API: the day's opening hours (openingText). */
  detail: string;
}

/**
 * Whether a booking may be made for `slot` under the site's opening hours:
 * it must lie inside one open period. The field named is the start when the
 * site is closed then, otherwise the end (it runs past closing).
 */
export function openingProblem(slot: Slot, zone: string, hours: OpeningHours): OpeningProblem | undefined {
  if (withinOpening(slot, zone, hours)) return undefined;
  const field = openingAt(slot.startsAt, zone, hours).open ? 'end' : 'start';
  return { field, reason: 'outside-opening', detail: openingText(slot, zone, hours) };
}
