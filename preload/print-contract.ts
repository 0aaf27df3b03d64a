import { z } from 'zod';
import { PRINTER_REASONS, PRINTER_STATES } from '../main/core/printer-state';
import { Commanded, Empty, Millis, route } from './hub-base';

/**
 * Printing and the PDF viewer (issue 14) in the kiosk contract: the calls a
 * kiosk UI makes and the `print` part of its snapshot. preload/contract.ts
 * spreads `printMethods` into its methods and holds `print` as one field.
 * Never a document's title or address: a file name of the session's own
 * folder at most, which the resident saw when it was saved.
 */

const Ok = z.strictObject({ ok: z.literal(true) });
const FileName = z.string().min(1).max(255);

/** Why a PDF could not be counted (main/print/pdf-pages.ts), or why there was nothing to print. */
export const PrintRefusal = z.enum(['encrypted', 'corrupt', 'empty', 'zero-size-page', 'too-long', 'too-large', 'no-page', 'no-file', 'off', 'busy']);
export type PrintRefusal = z.infer<typeof PrintRefusal>;

/** Why "Print" in the dialog did not start a job (main/core/print-limits.ts). */
export const ConfirmRefusal = z.enum([
  'empty', 'syntax', 'out-of-document', 'reversed', 'too-many',
  'no-pages', 'too-many-copies', 'session-limit', 'day-limit', 'too-long',
  'no-offer', 'release-unavailable',
]);
export type ConfirmRefusal = z.infer<typeof ConfirmRefusal>;

export const PrintFailure = z.enum(['unreachable', 'timeout', 'media-empty', 'media-jam', 'stopped', 'format', 'refused', 'cancelled', 'not-configured']);
export type PrintFailure = z.infer<typeof PrintFailure>;

export const PrintView = z.strictObject({
  /** Pages that may still print now (the lesser of the session's and the day's allowance). */
  left: z.int().nonnegative(),
  /** Pages this PC may still print today. */
  leftToday: z.int().nonnegative(),
  /** PDFs in this session's folder, for the viewer. */
  files: z.array(z.strictObject({ name: FileName, bytes: z.int().nonnegative() })),
  /** A counted document waiting for the resident's "Print" or "Cancel". */
  offer: z.strictObject({ source: z.enum(['page', 'file']), pages: z.int().min(1), seq: z.int() }).optional(),
  /** Counting the page or file now. */
  preparing: z.boolean(),
  /** The last "Print" that could not even be offered, and why. */
  refused: z.strictObject({ reason: PrintRefusal, seq: z.int() }).optional(),
  /** The job sent last, until the resident closes its outcome. */
  job: z
    .strictObject({
      state: z.enum(['waiting-release', 'sending', 'printing', 'printed', 'failed', 'cancelled']),
      sheets: z.int().min(1),
      /** Failed: why. Printing: a printer problem it waits on (out of paper). */
      failure: PrintFailure.optional(),
      seq: z.int(),
    })
    .optional(),
});
export type PrintView = z.infer<typeof PrintView>;

function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const printMethods = {
  /** Counts the page on screen (no `file`) or a PDF of the session's folder, and offers it for confirmation. */
  'kiosk.print.prepare': method(
    z.strictObject({ file: FileName.optional() }),
    z.discriminatedUnion('result', [z.strictObject({ result: z.literal('ok'), pages: z.int().min(1) }), z.strictObject({ result: z.literal('refused'), reason: PrintRefusal })]),
  ),
  /** What "Print" would print with this range and copies (the dialog's "This prints N pages"), without printing. */
  'kiosk.print.check': method(
    z.strictObject({ range: z.string().max(100).optional(), copies: z.int().min(1).max(99) }),
    z.discriminatedUnion('result', [
      z.strictObject({ result: z.literal('ok'), sheets: z.int().min(1), needsRelease: z.boolean() }),
      z.strictObject({ result: z.literal('refused'), reason: ConfirmRefusal, left: z.int().nonnegative() }),
    ]),
  ),
  /** "Print" in the dialog: all pages (no `range`) or a range such as "2-3", in copies. */
  'kiosk.print.confirm': method(
    z.strictObject({ range: z.string().max(100).optional(), copies: z.int().min(1).max(99) }),
    z.discriminatedUnion('result', [z.strictObject({ result: z.literal('ok'), sheets: z.int().min(1) }), z.strictObject({ result: z.literal('refused'), reason: ConfirmRefusal, left: z.int().nonnegative() })]),
  ),
  /** "Cancel" in the dialog, or cancels the job while it waits for release or prints. */
  'kiosk.print.cancel': method(Empty, Ok),
  /** Closes the job's outcome ("Printed", or why not). */
  'kiosk.print.dismiss': method(Empty, Ok),
  /** A PDF of the session's folder for the viewer, base64. */
  'kiosk.print.readFile': method(
    z.strictObject({ name: FileName }),
    z.discriminatedUnion('result', [z.strictObject({ result: z.literal('ok'), base64: z.string() }), z.strictObject({ result: z.literal('refused'), reason: PrintRefusal })]),
  ),
} as const;

// ---- the hub's side (issue 14): the printer's state and jobs waiting for release, in the PC's status ----

/** The printer as this PC last heard from it (main/core/printer-state.ts): its label, state and reasons in closed words. */
export const PrinterStatusReport = z.strictObject({
  /** Host, port and path of the printer's address (never a user name or password). */
  printer: z.string().min(1).max(200),
  state: z.enum(PRINTER_STATES),
  reasons: z.array(z.enum(PRINTER_REASONS)).max(PRINTER_REASONS.length),
  /** Since when it has been in this state with these reasons. */
  since: Millis,
});
export type PrinterStatusReport = z.infer<typeof PrinterStatusReport>;

/** The PC's printing part of its status: its printer, and a job waiting for an advisor's release. */
export const PrintHubStatus = z.strictObject({
  printer: PrinterStatusReport.optional(),
  held: z.strictObject({ sheets: z.int().min(1), since: Millis }).optional(),
});
export type PrintHubStatus = z.infer<typeof PrintHubStatus>;

/** "Release" and "Cancel" of a job waiting for release, from the console to the PC. */
export const PrintCommands = [z.strictObject({ kind: z.literal('print-release') }), z.strictObject({ kind: z.literal('print-cancel') })] as const;

/** nothing-held: no job waits for release on that PC now (printed, cancelled or the session ended). */
export const PRINT_COMMAND_REASONS = ['nothing-held'] as const;

export const printRoutes = {
  printRelease: route('POST', '/api/pcs/:id/print/release', Empty, Commanded),
  printCancel: route('POST', '/api/pcs/:id/print/cancel', Empty, Commanded),
} as const;
