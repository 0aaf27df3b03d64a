/**
 * A resident prints from a kiosk to a real IPP printer (ippeveprinter on
 * loopback): the kiosk core with a real SQLite store and a session folder on
 * disk, the print feature, the IPP client. What the printer received is
 * counted from its spool; nothing is printed twice; the wipe leaves nothing.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { freePort, ippPrinterMissing, startTestPrinter, type TestPrinter } from '../support/ipp-printer';
import { removeTempDirs, startKiosk, tempDir, type KioskHarness } from './support';

async function pdfOf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1}`, { x: 50, y: 780, size: 24 });
  return doc.save();
}

/** ippeveprinter "processes" each job for a random 5-15 s, so waits for a printed job allow 30 s. Advances the kiosk's test clock a second at a time (the job's polling) while real I/O runs, until `check` holds. */
async function until(h: KioskHarness, check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(h.controller.snapshot().print)}`);
    await h.advance(1_000);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const jobState = (h: KioskHarness) => h.controller.snapshot().print?.job?.state;
const printed = (h: KioskHarness) =>
  h.store.events.list().filter((e) => e.event.type === 'pages-printed').map((e) => (e.event as { pages: number }).pages);

const missing = ippPrinterMissing();

describe.skipIf(missing)(`a resident prints at a kiosk${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let printer: TestPrinter;
  const kiosks: KioskHarness[] = [];
  beforeAll(async () => {
    printer = await startTestPrinter();
  }, 20_000);
  afterAll(async () => printer?.remove());
  afterEach(() => {
    for (const k of kiosks.splice(0)) k.close();
    removeTempDirs();
  });

  async function kiosk(uri: string, extra: Record<string, unknown> = {}): Promise<{ h: KioskHarness; folder: () => string }> {
    const sessionsDir = tempDir('tupa-sessions-');
    const h = await startKiosk({ sessionsDir, config: { printing: { printer: uri, pagesPerSession: 6, pagesPerPcPerDay: 9, timeoutSeconds: 2, ...extra } } });
    kiosks.push(h);
    expect(h.controller.startWalkIn('fi')).toBe(true);
    const folder = () => h.shell.sessionFolder(h.controller.snapshot().session ? sessionIdOf(h) : '')!;
    return { h, folder };
  }
  const sessionIdOf = (h: KioskHarness) => {
    const state = (h.controller as unknown as { core: { state: { session?: { id: string } } } }).core.state;
    return state.session!.id;
  };

  it('prints pages 2-3 of a 5-page PDF from the session folder: the printer gets exactly 2 pages, counted once; limits hold; the wipe leaves nothing', async () => {
    const { h, folder } = await kiosk(printer.uri);
    mkdirSync(folder(), { recursive: true });
    writeFileSync(join(folder(), 'paatos.pdf'), await pdfOf(5));
    const before = printer.received().length;

    expect(await h.controller.print.prepare('paatos.pdf')).toEqual({ result: 'ok', pages: 5 });
    expect(h.controller.snapshot().print).toMatchObject({ offer: { source: 'file', pages: 5 }, left: 6, leftToday: 9 });
    expect(await h.controller.print.confirm('9', 1)).toMatchObject({ result: 'refused', reason: 'out-of-document' });
    expect(await h.controller.print.confirm('2-3', 1)).toEqual({ result: 'ok', sheets: 2 });
    await until(h, () => jobState(h) === 'printed', 'the job to print');
    expect(printer.received().length).toBe(before + 1);
    expect((await printer.receivedPages()).at(-1)).toBe(2);
    expect(printed(h)).toEqual([2]);
    expect(h.controller.snapshot().print).toMatchObject({ left: 4, leftToday: 7 });

    // The web page (2 pages here) in 3 copies is 6 pages: over the session's 4 left, refused before anything is sent.
    h.controller.openTile(h.config.tiles[0]!.id);
    expect(await h.controller.print.prepare(undefined)).toEqual({ result: 'ok', pages: 2 });
    expect(await h.controller.print.confirm(undefined, 3)).toEqual({ result: 'refused', reason: 'session-limit', left: 4 });
    expect(printer.received().length).toBe(before + 1);
    // Path tricks are refused, not resolved.
    expect(await h.controller.print.prepare('../paatos.pdf')).toEqual({ result: 'refused', reason: 'no-file' });
    // A broken PDF is refused with its reason.
    writeFileSync(join(folder(), 'rikki.pdf'), 'not a pdf');
    expect(await h.controller.print.prepare('rikki.pdf')).toEqual({ result: 'refused', reason: 'corrupt' });

    const dir = folder();
    h.controller.endSession();
    await until(h, () => h.controller.phase !== 'ending' && h.controller.phase !== 'wiping', 'the wipe');
    expect(existsSync(dir)).toBe(false);
  }, 80_000);

  it('a printer that is down fails plainly and counts nothing; once it is up the next job prints', async () => {
    const { h } = await kiosk(printer.uri);
    h.controller.openTile(h.config.tiles[0]!.id);
    await printer.stop();
    try {
      expect(await h.controller.print.prepare(undefined)).toMatchObject({ result: 'ok' });
      expect(await h.controller.print.confirm(undefined, 1)).toMatchObject({ result: 'ok' });
      await until(h, () => jobState(h) === 'failed', 'the job to fail');
      expect(h.controller.snapshot().print?.job?.failure).toBe('unreachable');
      expect(printed(h)).toEqual([]);
    } finally {
      await printer.start();
    }
    h.controller.print.dismiss();
    const before = printer.received().length;
    await h.controller.print.prepare(undefined);
    await h.controller.print.confirm('1', 1);
    await until(h, () => jobState(h) === 'printed', 'the job to print');
    expect(printer.received().length).toBe(before + 1);
    expect(printed(h)).toEqual([1]);
  }, 80_000);

  it('a send whose answer is lost is not sent again: the kiosk asks the printer, finds the job, and it prints once', async () => {
    // A proxy that passes everything to the printer but swallows the answer to the first Print-Job.
    const port = await freePort();
    let swallowed = 0;
    const sockets: Socket[] = [];
    const proxy = createServer((client) => {
      sockets.push(client);
      const upstream = createConnection(printer.port, '127.0.0.1');
      sockets.push(upstream);
      let swallowThis = false;
      client.on('data', (chunk: Buffer) => {
        if (swallowed === 0 && chunk.includes(Buffer.from('application/pdf'))) {
          swallowThis = true;
          swallowed = 1;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (!swallowThis) client.write(chunk);
      });
      upstream.on('end', () => client.end());
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', () => r()));
    try {
      const { h } = await kiosk(`ipp://127.0.0.1:${port}/ipp/print`);
      h.controller.openTile(h.config.tiles[0]!.id);
      const before = printer.received().length;
      await h.controller.print.prepare(undefined);
      expect(await h.controller.print.confirm(undefined, 1)).toEqual({ result: 'ok', sheets: 2 });
      await until(h, () => jobState(h) === 'printed', 'the job to print', 30_000);
      expect(swallowed).toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(printer.received().length).toBe(before + 1);
      expect(printed(h)).toEqual([2]);
    } finally {
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  }, 80_000);
});
