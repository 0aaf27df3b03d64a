import { WIPE_PLAN } from './wipe-plan';
import { PRINTER_CAUSES } from './printer-state';

/**
 * A PC out of service raises an alert the advisor answers like a help call.
 * The PC reports why in its own words ("probe: the probe found data left
 * behind", "clear-cache: …"): for IT. The advisor reads a cause instead,
 * which the console translates into plain words and what to do.
 *
 * - wipe: a step of clearing the previous session failed;
 * - probe: the check after clearing found data left (or could not check);
 * - other: anything else (a safeguard of the web view, a receipt not saved).
 */
export const OUT_OF_SERVICE_CAUSES = ['wipe', 'probe', 'other'] as const;
export type OutOfServiceCause = (typeof OUT_OF_SERVICE_CAUSES)[number];

/** out-of-service: a PC took itself out of service; printer: the printer a PC prints to needs someone (issue 14). */
export const ALERT_KINDS = ['out-of-service', 'printer'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Every alert's cause: a PC's (above) or a printer's (main/core/printer-state.ts). */
export const ALERT_CAUSES = [...OUT_OF_SERVICE_CAUSES, ...PRINTER_CAUSES] as const;
export type AlertCause = (typeof ALERT_CAUSES)[number];

/** raised: nobody has answered yet (the console keeps ringing); acknowledged: an advisor is on it; cleared: the PC is back in service. */
export const ALERT_STATES = ['raised', 'acknowledged', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export function outOfServiceCause(reason: string): OutOfServiceCause {
  const step = /^([a-z-]+):/.exec(reason)?.[1];
  if (step === 'probe') return 'probe';
  if ((step !== undefined && (WIPE_PLAN as readonly string[]).includes(step)) || /^wipe[- ]failed$/.test(reason)) return 'wipe';
  return 'other';
}

/**
 * What a PC's newly reported phase means for its alert: a PC that goes out
 * of service raises one (once, however often it says so), a PC back in any
 * other phase clears the one open.
 */
export function alertChange(open: { state: AlertState } | undefined, phase: string): 'raise' | 'clear' | 'none' {
  const isOpen = open !== undefined && open.state !== 'cleared';
  if (phase === 'out-of-service') return isOpen ? 'none' : 'raise';
  return isOpen ? 'clear' : 'none';
}
