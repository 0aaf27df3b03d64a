import type { OutsideBooking, SourceProblem } from './booking-source';

/**
 * What a source's new snapshot changes among the bookings it made before
 * (issue 12), pure: one reservation is one booking however often it is
 * fetched, keyed by its outside id. A booking the source no longer holds is
 * cancelled only when it lay in the fetched window (one that ended before
 * the window is left as it was).
 */

/** A booking the source made, as the hub has it. */
export interface KnownBooking {
  id: string;
  outsideId: string;
  pcId: string;
  startsAt: number;
  endsAt: number;
  /** Its code; undefined while the source had none. */
  code: string | undefined;
  cancelled: boolean;
}

export interface SourceDiff {
  add: OutsideBooking[];
  /** Cancelled here before (gone, or lost a conflict) and held by the source again. */
  restore: Array<{ id: string; to: OutsideBooking }>;
  move: Array<{ id: string; to: OutsideBooking }>;
  /** The code arrived or changed; times unchanged. */
  recode: Array<{ id: string; code: string }>;
  cancel: KnownBooking[];
  unchanged: number;
  /** The same outside id twice in one answer: the first is kept. */
  problems: SourceProblem[];
}

export function diffSource(known: readonly KnownBooking[], incoming: readonly OutsideBooking[], window: { from: number; to: number }): SourceDiff {
  const byOutside = new Map(known.map((k) => [k.outsideId, k]));
  const seen = new Set<string>();
  const diff: SourceDiff = { add: [], restore: [], move: [], recode: [], cancel: [], unchanged: 0, problems: [] };
  for (const b of incoming) {
    if (seen.has(b.outsideId)) {
      diff.problems.push({ where: `reservation ${b.outsideId}`, reason: 'appears twice in the answer; the first is kept' });
      continue;
    }
    seen.add(b.outsideId);
    const k = byOutside.get(b.outsideId);
    if (!k) diff.add.push(b);
    else if (k.cancelled) diff.restore.push({ id: k.id, to: b });
    else if (k.pcId !== b.pcId || k.startsAt !== b.startsAt || k.endsAt !== b.endsAt) diff.move.push({ id: k.id, to: b });
    else if (b.code !== undefined && b.code !== k.code) diff.recode.push({ id: k.id, code: b.code });
    else diff.unchanged++;
  }
  for (const k of known) {
    if (k.cancelled || seen.has(k.outsideId)) continue;
    if (k.endsAt > window.from && k.startsAt < window.to) diff.cancel.push(k);
  }
  return diff;
}

/** The fetch window: from the start of yesterday to `daysAhead` days after today, on whole UTC days so a URL stays the same all day (conditional requests). */
export function sourceWindow(now: number, daysAhead: number): { from: number; to: number } {
  const day = 86_400_000;
  const today = Math.floor(now / day) * day;
  return { from: today - day, to: today + (daysAhead + 1) * day };
}
