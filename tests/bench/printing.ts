import { PDFDocument, StandardFonts } from 'pdf-lib';
import { decidePrint } from '../../main/core/print-limits';
import { IppPrinter, PrinterError } from '../../main/print/ipp-printer';
import { countPdf, selectPages } from '../../main/print/pdf-pages';
import { ippPrinterMissing, startTestPrinter } from '../support/ipp-printer';

/**
 * Printing's numbers (issue 14): a 20-page PDF counted and accepted by a real
 * IPP printer (ippeveprinter on loopback), from the bytes to the printer's
 * job id; and a 300-page PDF counted and judged by the limits, before
 * anything could be sent.
 */
export interface PrintBenchResult {
  /** Count + select + Print-Job accepted, ms per job (empty when no printer could run). */
  accepted: number[];
  /** Count + limits of a 300-page PDF, ms. */
  counted300: number[];
  skipped?: string;
}

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`Page ${i}: ${'text '.repeat(40)}`, { x: 40, y: 780, size: 10, font, maxWidth: 500 });
  return doc.save();
}

export async function measurePrinting(jobs = 20, counts = 20): Promise<PrintBenchResult> {
  const limits = { perSession: 20, perPcPerDay: 50 };
  const big = await pdfOf(300);
  const counted300: number[] = [];
  for (let i = 0; i < counts; i++) {
    const t0 = performance.now();
    const counted = await countPdf(big);
    if (!counted.ok) throw new Error(`300-page PDF refused: ${counted.problem}`);
    decidePrint(counted.pages, 1, { session: 0, today: 0 }, limits);
    counted300.push(performance.now() - t0);
  }
  const missing = ippPrinterMissing();
  if (missing) return { accepted: [], counted300, skipped: missing };
  const printer = await startTestPrinter('Tupa bench');
  try {
    const client = new IppPrinter({ uri: printer.uri, pcId: 'bench-pc', timeoutMs: 5_000 });
    const twenty = await pdfOf(20);
    const accepted: number[] = [];
    for (let i = 0; i < jobs; i++) {
      // ippeveprinter takes one job at a time and answers "busy" meanwhile: that wait is the
      // simulated printer's, not Tupa's, so a busy answer starts the timing again.
      for (let tries = 0; ; tries++) {
        const t0 = performance.now();
        try {
          const counted = await countPdf(twenty);
          if (!counted.ok) throw new Error(counted.problem);
          await client.printPdf(await selectPages(counted.doc, Array.from({ length: 20 }, (_, p) => p + 1), 1), 0);
          accepted.push(performance.now() - t0);
          break;
        } catch (error) {
          if (!(error instanceof PrinterError) || error.status !== 0x0507 || tries > 100) throw error;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    }
    return { accepted, counted300 };
  } finally {
    await printer.remove();
  }
}
