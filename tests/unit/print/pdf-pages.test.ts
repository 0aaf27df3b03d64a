import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { countPdf, selectPages } from '../../../main/print/pdf-pages';

async function pdf(pages: number, size: [number, number] = [595, 842]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setTitle('Kela decision of a resident');
  for (let i = 0; i < pages; i++) doc.addPage(size).drawText(`Page ${i + 1}`, { x: 20, y: 20, size: 12 });
  return doc;
}

describe('counting a PDF before anything prints', () => {
  it('counts pages and makes a PDF of exactly the chosen pages and copies, without the title', async () => {
    const counted = await countPdf(await (await pdf(5)).save());
    expect(counted).toMatchObject({ ok: true, pages: 5 });
    if (!counted.ok) return;
    const out = await PDFDocument.load(await selectPages(counted.doc, [2, 3], 2));
    expect(out.getPageCount()).toBe(4);
    expect(out.getTitle() ?? '').toBe('');
  });

  it('refuses an encrypted PDF, a broken one, one without pages, a zero-size page and a 500-page one', async () => {
    const enc = await pdf(1);
    enc.context.trailerInfo.Encrypt = enc.context.obj({ Filter: PDFName.of('Standard'), V: 1, R: 2 });
    expect(await countPdf(await enc.save())).toMatchObject({ ok: false, problem: 'encrypted' });
    expect(await countPdf(new TextEncoder().encode('not a pdf at all, just words'))).toMatchObject({ ok: false, problem: 'corrupt' });
    expect(await countPdf(await (await pdf(0)).save({ addDefaultPage: false }))).toMatchObject({ ok: false, problem: 'empty' });
    const zero = await pdf(2);
    zero.addPage([0, 842]);
    expect(await countPdf(await zero.save())).toMatchObject({ ok: false, problem: 'zero-size-page', detail: expect.stringContaining('page 3') });
    expect(await countPdf(await (await pdf(500)).save())).toMatchObject({ ok: false, problem: 'too-long', pages: 500 });
  });
});
