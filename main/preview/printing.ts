import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { KioskConfig } from '../config/schema';
import { printerAddress } from '../config/policy-printing';
import { RecordingShell } from '../kiosk/recording-shell';

/**
 * Printing in the browser preview: `--printer ipp://…` sets the demo site's
 * printer (ippeveprinter on loopback, see docs/printing.md), and
 * `--demo-pdf` puts a 5-page demo PDF into each session's folder, so the
 * viewer and printing can be tried where no web page is really rendered.
 */
export const PRINT_USAGE = `  --printer URI     print to this IPP printer (ipp:// or ipps://), e.g. ippeveprinter on loopback
                    (docs/printing.md says how to start one)
  --demo-pdf        put a 5-page demo PDF (hakemus.pdf) into each session's folder, to view and print
  --release-over N  jobs of more than N pages wait for the advisor's "Release" in the console`;

export const PRINT_OPTIONS = {
  printer: { type: 'string' },
  'demo-pdf': { type: 'boolean', default: false },
  'release-over': { type: 'string' },
} as const;

/** The configuration with the printer from --printer and --release-over (the policy's checks apply: a bad value is refused). */
export function withPrinter<T extends KioskConfig>(config: T, printer: string | undefined, releaseOver?: string): T {
  if (printer === undefined) {
    if (releaseOver !== undefined) throw new Error('--release-over needs --printer');
    return config;
  }
  const checked = printerAddress.safeParse(printer);
  if (!checked.success) throw new Error(`--printer ${checked.error.issues[0]?.message ?? 'is not a printer address'}`);
  const over = releaseOver === undefined ? undefined : Number(releaseOver);
  if (over !== undefined && !(Number.isInteger(over) && over >= 1 && over <= 500)) throw new Error(`--release-over must be a whole number of pages from 1 to 500, not "${releaseOver}"`);
  return { ...config, printing: { ...config.printing, printer, ...(over !== undefined ? { releaseOver: over } : {}) } };
}

export async function demoPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 5; i++) {
    const page = doc.addPage([595, 842]);
    page.drawText('Tupa demo: hakemus / application', { x: 56, y: 770, size: 22, font, color: rgb(0, 0, 0) });
    page.drawText(`Page ${i} of 5`, { x: 56, y: 730, size: 16, font });
  }
  return doc.save();
}

/** The preview's shell: session folders under the data folder, with the demo PDF in each when asked. */
export function previewShell(dataDir: string, withDemoPdf: boolean): RecordingShell {
  const sessionsDir = join(dataDir, 'sessions');
  const shell = new RecordingShell({ sessionsDir });
  if (!withDemoPdf) return shell;
  const open = shell.openSessionView.bind(shell);
  shell.openSessionView = async (options) => {
    await open(options);
    const folder = join(sessionsDir, options.sessionId);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(join(folder, 'hakemus.pdf'), await demoPdf());
  };
  return shell;
}
