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
  --demo-pdf        put a 5-page demo PDF (hakemus.pdf) into each session's folder, to view and print`;

export const PRINT_OPTIONS = {
  printer: { type: 'string' },
  'demo-pdf': { type: 'boolean', default: false },
} as const;

/** The configuration with the printer from --printer (the policy's checks apply: a bad address is refused). */
export function withPrinter<T extends KioskConfig>(config: T, printer: string | undefined): T {
  if (printer === undefined) return config;
  const checked = printerAddress.safeParse(printer);
  if (!checked.success) throw new Error(`--printer ${checked.error.issues[0]?.message ?? 'is not a printer address'}`);
  return { ...config, printing: { ...config.printing, printer } };
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
