import type { PDFDocumentProxy } from 'pdfjs-dist';
// The worker is bundled with the app (electron-vite emits it as an asset of its own): no CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js, loaded when the viewer first opens (it is large): the worker from
 * the app itself, no eval (the CSP allows none), no fetching of anything.
 */
export async function openPdf(bytes: Uint8Array): Promise<{ doc: PDFDocumentProxy; close: () => void }> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  // No wasm decoders (the CSP allows no wasm compilation) and nothing fetched: every byte is given here.
  const task = pdfjs.getDocument({ data: bytes, useWasm: false, useWorkerFetch: false, disableAutoFetch: true, disableStream: true, enableXfa: false });
  return { doc: await task.promise, close: () => void task.destroy() };
}

/** Renders one page into the canvas at `scale` (CSS pixels), sharp on high-density screens. */
export async function renderPage(doc: PDFDocumentProxy, pageNumber: number, canvas: HTMLCanvasElement, scale: number): Promise<void> {
  const page = await doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  await page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
}

export function fromBase64(base64: string): Uint8Array {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
