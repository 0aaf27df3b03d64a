/**
 * The printer client against a real IPP printer (ippeveprinter on loopback):
 * the printer receives exactly the pages counted and confirmed, a retry after
 * an unanswered send does not double the job, and a printer that is down is
 * told apart from one that may have the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { IppPrinter, JOB_STATE, PrinterError } from '../../main/print/ipp-printer';
import { countPdf, selectPages } from '../../main/print/pdf-pages';
import { freePort, ippPrinterMissing, startTestPrinter, type TestPrinter } from '../support/ipp-printer';

export async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780, size: 24 });
  return doc.save();
}

const missing = ippPrinterMissing();

describe.skipIf(missing)(`printing to a real IPP printer${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let printer: TestPrinter;
  beforeAll(async () => {
    printer = await startTestPrinter();
  }, 20_000);
  afterAll(async () => printer?.remove());

  it('sends pages 2-3 of a 5-page PDF and the printer receives exactly 2 pages, with a neutral job name', async () => {
    const counted = await countPdf(await pdfOf(5));
    if (!counted.ok) throw new Error(counted.problem);
    const client = new IppPrinter({ uri: printer.uri, pcId: 'pc-1', timeoutMs: 5_000 });
    const status = await client.status();
    expect(status.state).toBe('idle');
    const before = printer.received().length;
    const jobId = await client.printPdf(await selectPages(counted.doc, [2, 3], 1));
    expect(jobId).toBeGreaterThan(0);
    await expect.poll(() => printer.received().length, { timeout: 5_000 }).toBe(before + 1);
    expect((await printer.receivedPages()).at(-1)).toBe(2);
    const mine = await client.myJobs();
    expect(mine.map((j) => j.id)).toContain(jobId);
    // ippeveprinter without a print command "processes" a job by waiting a random 5 to 15 s.
    await expect.poll(async () => (await client.job(jobId)).state, { timeout: 25_000 }).toBe(JOB_STATE.completed);
    // Copies are in the PDF itself: two copies of two pages are four pages at the printer.
    await client.printPdf(await selectPages(counted.doc, [4, 5], 2));
    await expect.poll(() => printer.received().length, { timeout: 5_000 }).toBe(before + 2);
    expect((await printer.receivedPages()).at(-1)).toBe(4);
  }, 45_000);

  it('a printer that is down is unreachable (nothing sent), and works again once it is up', async () => {
    const client = new IppPrinter({ uri: printer.uri, pcId: 'pc-2', timeoutMs: 2_000 });
    await printer.stop();
    const down = await client.status().catch((e: unknown) => e);
    expect(down).toBeInstanceOf(PrinterError);
    expect((down as PrinterError).kind).toBe('unreachable');
    await printer.start();
    expect((await client.status()).state).toBe('idle');
  }, 20_000);

  it('a port that accepts and never answers is "uncertain", not "unreachable"', async () => {
    const { createServer } = await import('node:net');
    const port = await freePort();
    const sockets: import('node:net').Socket[] = [];
    const server = createServer((s) => sockets.push(s)).listen(port, '127.0.0.1');
    try {
      const client = new IppPrinter({ uri: `ipp://127.0.0.1:${port}/ipp/print`, pcId: 'pc-3', timeoutMs: 300 });
      const error = await client.printPdf(await pdfOf(1)).catch((e: unknown) => e);
      expect((error as PrinterError).kind).toBe('uncertain');
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
    }
  });
});
