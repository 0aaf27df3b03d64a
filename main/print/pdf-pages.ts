import { PDFDocument } from 'pdf-lib';
import { MAX_DOCUMENT_PAGES } from '../core/print-limits';

/** Why a PDF cannot be printed, in a word the kiosk translates; `detail` is for IT's log. */
export type PdfProblem = 'encrypted' | 'corrupt' | 'empty' | 'zero-size-page' | 'too-long' | 'too-large';

export type CountedPdf = { ok: true; pages: number; doc: PDFDocument } | { ok: false; problem: PdfProblem; detail: string; pages?: number };

/** The largest PDF the kiosk reads (a scanned decision of a few hundred pages fits). */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

/**
 * Reads a PDF and counts its pages. Refused: an encrypted file (it may not
 * print as shown, and the kiosk cannot remove a password), a file that is
 * not a PDF or is broken, one without pages, one with a page of zero width or
 * height (printers reject or feed a blank sheet; refusing says so plainly),
 * and one longer than any limit could allow (before anything is sent).
 */
export async function countPdf(bytes: Uint8Array): Promise<CountedPdf> {
  if (bytes.byteLength > MAX_PDF_BYTES) return { ok: false, problem: 'too-large', detail: `${bytes.byteLength} bytes` };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (error) {
    const name = (error as Error).name;
    const message = (error as Error).message;
    if (name === 'EncryptedPDFError' || /encrypted/i.test(message)) return { ok: false, problem: 'encrypted', detail: 'the PDF is encrypted' };
    return { ok: false, problem: 'corrupt', detail: message.slice(0, 200) };
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return { ok: false, problem: 'corrupt', detail: `page tree: ${(error as Error).message.slice(0, 200)}` };
  }
  if (pages === 0) return { ok: false, problem: 'empty', detail: 'no pages' };
  if (pages > MAX_DOCUMENT_PAGES) return { ok: false, problem: 'too-long', detail: `${pages} pages`, pages };
  for (const [i, page] of doc.getPages().entries()) {
    const { width, height } = page.getSize();
    if (!(width > 0 && height > 0)) return { ok: false, problem: 'zero-size-page', detail: `page ${i + 1} is ${width}×${height}`, pages };
  }
  return { ok: true, pages, doc };
}

/**
 * A new PDF of exactly these pages (1-based, in this order) repeated `copies`
 * times, collated: what the printer receives is what was counted.
 */
export async function selectPages(source: PDFDocument, pages: readonly number[], copies: number): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  const indices = pages.map((p) => p - 1);
  for (let c = 0; c < copies; c++) {
    // A page object can be added once: each copy is copied from the source afresh.
    for (const page of await out.copyPages(source, indices)) out.addPage(page);
  }
  // No title, author or producer that could name the resident's document.
  out.setTitle('');
  out.setAuthor('');
  out.setProducer('Tupa');
  out.setCreator('Tupa');
  return out.save();
}
