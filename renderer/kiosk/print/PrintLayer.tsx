import { useKioskContext } from '../state';
import { PdfViewer } from './PdfViewer';
import { PrintDialog } from './PrintDialog';
import './print.css';

export { PrintProvider, usePrintCovers } from './PrintContext';

/** Printing's screens over a session: the PDF viewer and the print dialog (which opens above it). */
export function PrintLayer() {
  const { snapshot } = useKioskContext();
  if (!snapshot.print) return null;
  return (
    <>
      <PdfViewer />
      {/* A PC with a hub tells the advisor of a printer fault (the hub's printer alert); one without cannot. */}
      <PrintDialog print={snapshot.print} advisorTold={snapshot.help !== undefined} />
    </>
  );
}
