/**
 * Bookings from outside systems (issue 12): what a source's parser gives
 * the hub's sync, whatever its kind (Respa/Varaamo, an ICS feed). Only
 * times, ids and the check-in code pass a parser: nothing of the person
 * who booked (Respa's user and reserver fields, ICS ORGANIZER, ATTENDEE,
 * SUMMARY and DESCRIPTION text) is ever kept.
 */

/** One reservation as its source has it now, mapped to a Tupa PC. */
export interface OutsideBooking {
  /** The source's own id for it (a Respa reservation id, an ICS UID with its RECURRENCE-ID), stable across polls. */
  outsideId: string;
  /** The Tupa PC it holds (from the source's resource map or its LOCATION/SUMMARY rule). */
  pcId: string;
  startsAt: number;
  endsAt: number;
  /** Its check-in code: 4 or 6 digits, leading zeros kept; absent while the source has none (yet). */
  code?: string | undefined;
}

/**
 * Something in a source's answer that was left out, said precisely for IT:
 * where (a JSON path such as "results[3].begin", or "line 42" of a feed) and why.
 */
export interface SourceProblem {
  where: string;
  reason: string;
}

/** A source's parsed answer for one window: the reservations it holds now, and what was left out. */
export interface SourceSnapshot {
  bookings: OutsideBooking[];
  problems: SourceProblem[];
}

/** What applying a snapshot changed at the hub (shown in the source's health). */
export interface SyncCounts {
  added: number;
  moved: number;
  cancelled: number;
  unchanged: number;
  /** Overlaps with other bookings, and bookings outside opening hours: each shown to the advisor. */
  conflicts: number;
}
