import type { SourceSnapshot } from '../../core/booking-source';

/** How an ICS feed maps to PCs and where its codes are (a source's settings). */
export interface IcsOptions {
  /** One feed per PC: every event holds this PC. */
  pcId?: string | undefined;
  /** One feed for the site: the PC named by an event's LOCATION or SUMMARY, through this map (text → PC id, matched case-insensitively). */
  pcRule?: { field: 'LOCATION' | 'SUMMARY'; map: Record<string, string> } | undefined;
  /** A regular expression whose first group is the check-in code, looked for in DESCRIPTION (e.g. "Koodi: (\\d{6})"); absent: no code. */
  codePattern?: string | undefined;
  /** All-day events hold their PC too (default: ignored). */
  includeAllDay?: boolean | undefined;
}

/**
 * Parses an ICS feed into the reservations that touch the window (issue 12).
 * Being written on the `ics` branch; until it lands, an ICS source is refused.
 */
export function parseIcs(_text: string, _options: IcsOptions, _window: { from: number; to: number }): SourceSnapshot {
  throw new Error('ICS sources are not supported yet');
}
