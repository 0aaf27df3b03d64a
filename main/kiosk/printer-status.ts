import { printerLabel, printerReport, type PrinterReport } from '../core/printer-state';
import { printingFor } from '../config/policy-printing';
import { describeError } from '../log/logger';
import { IppPrinter, type PrinterStatus as IppStatus } from '../print/ipp-printer';
import type { PrintHubStatus } from '../../preload/print-contract';
import type { CommandDone, KioskContext } from './feature';

/** What the printer said when asked (its state and raw reasons), or that it did not answer. */
export type PrinterAnswer = Pick<IppStatus, 'state' | 'reasons'> | 'unreachable';

export interface HeldJobs {
  /** The job waiting for an advisor's release, if any. */
  held(): { sheets: number; since: number } | undefined;
  release(): void;
  /** Cancels the job waiting for release (the resident is told it was cancelled). */
  cancelHeld(): void;
}

export interface PrinterStatus {
  /** The printing part of the PC's status for the hub; undefined where no printer is set. */
  statusPart(): PrintHubStatus | undefined;
  /** What the printer answered just now (a job's polling, a failed send): the report follows it at once. */
  heard(answer: PrinterAnswer): void;
  /** "Release" or "Cancel" from the console. */
  carryOut(kind: 'print-release' | 'print-cancel'): Omit<CommandDone, 'type' | 'commandId'>;
}

/** How often an idle PC asks its printer how it is (a job in progress is polled every second by printing.ts). */
export const PRINTER_CHECK_MS = 60_000;

/**
 * The site printer as the advisor sees it (issue 14): each PC with a
 * printer and a hub asks the printer its state every minute, and hears it
 * with every job; what it heard goes to the hub in the PC's status (the hub
 * raises a printer alert for a problem someone must fix). A job over the
 * policy's releaseOver waits here until an advisor releases or cancels it.
 */
export function setupPrinterStatus(ctx: KioskContext, jobs: HeldJobs): PrinterStatus {
  let report: (PrinterReport & { printer: string; since: number }) | undefined;
  let asking = false;

  const address = () => printingFor(ctx.config.printing, ctx.config.pc.id).printer;

  function heard(answer: PrinterAnswer): void {
    const uri = address();
    if (!uri) return;
    const next = printerReport(answer);
    const printer = printerLabel(uri);
    if (report && report.printer === printer && report.state === next.state && report.reasons.join() === next.reasons.join()) return;
    ctx.log.info('printer state', { state: next.state, reasons: next.reasons.join(',') || 'none' });
    report = { ...next, printer, since: ctx.deps.clock.now() };
    // The UI's snapshot does not change: forced, so the hub hears it.
    ctx.emit(true);
  }

  async function ask(): Promise<void> {
    const uri = address();
    if (!uri || asking || !ctx.deps.hub?.available) return;
    asking = true;
    try {
      const s = printingFor(ctx.config.printing, ctx.config.pc.id);
      const status = await new IppPrinter({ uri, pcId: ctx.config.pc.id, timeoutMs: s.timeoutSeconds * 1_000 }).status();
      heard(status);
    } catch (error) {
      ctx.log.info('the printer did not answer', { reason: describeError(error) });
      heard('unreachable');
    } finally {
      asking = false;
    }
  }

  ctx.register({
    start() {
      void ask();
      ctx.every(PRINTER_CHECK_MS, 'ask the printer its state', () => void ask());
    },
    policyChanged() {
      // Another printer, or none: what was heard of the old one no longer holds.
      if (report && report.printer !== (address() ? printerLabel(address()!) : undefined)) report = undefined;
      void ask();
    },
  });

  return {
    statusPart() {
      if (!address()) return undefined;
      const held = jobs.held();
      if (!report && !held) return undefined;
      return { ...(report ? { printer: report } : {}), ...(held ? { held } : {}) };
    },
    heard,
    carryOut(kind) {
      if (!jobs.held()) return { ok: false, reason: 'nothing-held', detail: 'no print job waits for release' };
      if (kind === 'print-release') jobs.release();
      else jobs.cancelHeld();
      return { ok: true };
    },
  };
}
