import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { KioskDialog } from '../help/KioskDialog';
import { useKioskContext } from '../state';
import { usePrint } from './PrintContext';
import { fromBase64, openPdf, renderPage } from './pdf-document';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/**
 * The kiosk's own PDF viewer (pdf.js, from the app): the PDFs saved in this
 * session only, page by page, with zoom and the same "Print" as the page.
 */
export function PdfViewer() {
  const { t } = useTranslation();
  const { snapshot } = useKioskContext();
  const { viewing, view } = usePrint();
  const files = snapshot.print?.files ?? [];
  const open = viewing !== undefined && !!snapshot.print;
  return (
    <KioskDialog open={open} titleId="viewer-title" onEscape={() => view(viewing ? '' : undefined)}>
      {viewing ? (
        <Document key={viewing} name={viewing} onClose={() => view('')} />
      ) : (
        <>
          <h2 id="viewer-title">{t('print.viewer.title')}</h2>
          {files.length > 0 ? (
            <ul className="viewer-files" aria-label={t('print.viewer.intro')}>
              {files.map((f, i) => (
                <li key={f.name}>
                  <span className="viewer-files__name">{f.name}</span>
                  <button type="button" className="button" data-autofocus={i === 0 ? true : undefined} onClick={() => view(f.name)} aria-label={t('print.viewer.openFile', { name: f.name })}>
                    {t('print.viewer.open')}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('print.viewer.none')}</p>
          )}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => view(undefined)} data-autofocus={files.length === 0 ? true : undefined}>
              {t('print.viewer.close')}
            </button>
          </div>
        </>
      )}
    </KioskDialog>
  );
}

function Document({ name, onClose }: { name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | undefined>();
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const [zoom, setZoom] = useState(2);

  useEffect(() => {
    let loaded: { doc: PDFDocumentProxy; close: () => void } | undefined;
    let stale = false;
    client
      .call('kiosk.print.readFile', { name })
      .then(async (answer) => {
        if (answer.result !== 'ok') throw new Error(answer.reason);
        loaded = await openPdf(fromBase64(answer.base64));
        if (stale) loaded.close();
        else setDoc(loaded.doc);
      })
      .catch(() => !stale && setFailed(true));
    return () => {
      stale = true;
      loaded?.close();
    };
  }, [client, name]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    void renderPage(doc, page, canvas.current, ZOOMS[zoom]!).catch(() => setFailed(true));
  }, [doc, page, zoom]);

  const count = doc?.numPages ?? 0;
  return (
    <div className="viewer">
      <h2 id="viewer-title" className="viewer__title">
        {name}
      </h2>
      <div className="viewer__tools" role="toolbar" aria-label={t('print.viewer.tools')}>
        <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('print.viewer.previous')}
        </button>
        <output aria-live="polite" className="viewer__page" data-testid="viewer-page">
          {count ? t('print.viewer.page', { page, count }) : t('print.viewer.loading')}
        </output>
        <button type="button" className="button" disabled={page >= count} onClick={() => setPage(page + 1)}>
          {t('print.viewer.next')}
        </button>
        <button type="button" className="button button--icon" aria-label={t('print.viewer.zoomOut')} disabled={zoom <= 0} onClick={() => setZoom(zoom - 1)}>
          <span aria-hidden="true">−</span>
        </button>
        <output aria-live="polite" className="viewer__zoom">
          {t('session.zoomValue', { percent: Math.round(ZOOMS[zoom]! * 100) })}
        </output>
        <button type="button" className="button button--icon" aria-label={t('print.viewer.zoomIn')} disabled={zoom >= ZOOMS.length - 1} onClick={() => setZoom(zoom + 1)}>
          <span aria-hidden="true">+</span>
        </button>
        <button type="button" className="button button--primary" disabled={!doc} data-autofocus onClick={() => void run(() => client.call('kiosk.print.prepare', { file: name }))}>
          {t('print.button')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('print.viewer.back')}
        </button>
      </div>
      <div className="viewer__page-area" tabIndex={0} role="region" aria-label={t('print.viewer.pageArea', { page, count })}>
        {failed ? <p role="alert">{t('print.viewer.failed')}</p> : <canvas ref={canvas} role="img" aria-label={t('print.viewer.page', { page, count })} />}
      </div>
    </div>
  );
}
