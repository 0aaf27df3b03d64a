/**
 * The site printer's state as the advisor sees it (issue 14): what a PC
 * last heard from its printer, in a few closed words the console
 * translates, and whether it is a problem someone must fix (an alert) or
 * only worth knowing (toner low).
 *
 * IPP gives printer-state (idle, processing, stopped) and
 * printer-state-reasons (RFC 8011 §5.4.12, PWG 5100.9), each keyword
 * possibly suffixed -report, -warning or -error. Only the reasons below
 * are kept; anything else is "other" and counts only if the printer
 * stopped with it.
 */

export const PRINTER_STATES = ['idle', 'processing', 'stopped', 'unreachable'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const PRINTER_REASONS = ['media-empty', 'media-jam', 'media-low', 'toner-empty', 'toner-low', 'door-open', 'offline', 'other'] as const;
export type PrinterReason = (typeof PRINTER_REASONS)[number];

/** What needs someone at the printer: the causes of a printer alert. */
export const PRINTER_CAUSES = ['media-empty', 'media-jam', 'toner-empty', 'door-open', 'stopped', 'unreachable'] as const;
export type PrinterCause = (typeof PRINTER_CAUSES)[number];

export interface PrinterReport {
  state: PrinterState;
  reasons: PrinterReason[];
}

const KNOWN: ReadonlyMap<string, PrinterReason> = new Map([
  ['media-empty', 'media-empty'],
  ['media-needed', 'media-empty'],
  ['input-tray-missing', 'media-empty'],
  ['media-jam', 'media-jam'],
  ['media-low', 'media-low'],
  ['toner-empty', 'toner-empty'],
  ['marker-supply-empty', 'toner-empty'],
  ['toner-low', 'toner-low'],
  ['marker-supply-low', 'toner-low'],
  ['door-open', 'door-open'],
  ['cover-open', 'door-open'],
  ['interlock-open', 'door-open'],
  ['offline', 'offline'],
  ['shutdown', 'offline'],
]);

/** Reasons that never mean anything to the advisor (the printer's own bookkeeping). */
const IGNORED = new Set(['none', 'paused', 'moving-to-paused', 'spool-area-full', 'cups-waiting-for-job-completed', 'printer-restarted', 'connecting-to-device']);

/** The printer's reasons as the closed set, each once, in the set's order. */
export function printerReasons(reasons: readonly string[]): PrinterReason[] {
  const found = new Set<PrinterReason>();
  for (const raw of reasons) {
    const base = raw.toLowerCase().replace(/-(report|warning|error)$/, '');
    if (IGNORED.has(base)) continue;
    found.add(KNOWN.get(base) ?? 'other');
  }
  return PRINTER_REASONS.filter((r) => found.has(r));
}

/** A report from what the printer answered (state and raw reasons), or `unreachable` when it did not answer. */
export function printerReport(answer: { state: 'idle' | 'processing' | 'stopped'; reasons: readonly string[] } | 'unreachable'): PrinterReport {
  if (answer === 'unreachable') return { state: 'unreachable', reasons: [] };
  return { state: answer.state, reasons: printerReasons(answer.reasons) };
}

/**
 * What someone must fix, or undefined when the printer can print (a
 * warning such as toner-low is not an alert). The most specific reason
 * wins; a stopped printer with no known reason is "stopped".
 */
export function printerProblem(report: PrinterReport): PrinterCause | undefined {
  if (report.state === 'unreachable') return 'unreachable';
  for (const cause of ['media-jam', 'media-empty', 'toner-empty', 'door-open'] as const) if (report.reasons.includes(cause)) return cause;
  if (report.state === 'stopped') return 'stopped';
  return undefined;
}

/**
 * How the advisor names a printer: its host, port and path, never a user
 * name or password a misconfigured address might carry.
 */
export function printerLabel(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`.slice(0, 200);
  } catch {
    return 'printer';
  }
}
