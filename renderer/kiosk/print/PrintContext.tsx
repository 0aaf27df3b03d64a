import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { KioskSnapshot } from '../../../preload/contract';

interface PrintContextValue {
  /** The PDF open in the viewer, '' for the list of files, undefined: the viewer is closed. */
  viewing: string | undefined;
  view: (name: string | undefined) => void;
}

const PrintContext = createContext<PrintContextValue>({ viewing: undefined, view: () => undefined });

/** Where the session bar's "Files" and the viewer meet: which PDF is open, if any. */
export function PrintProvider({ children }: { children: ReactNode }) {
  const [viewing, view] = useState<string | undefined>(undefined);
  const value = useMemo(() => ({ viewing, view }), [viewing]);
  return <PrintContext.Provider value={value}>{children}</PrintContext.Provider>;
}

export function usePrint(): PrintContextValue {
  return useContext(PrintContext);
}

/** The print dialog is open: counting, a document waiting for "Print", a job, or a refusal to tell. */
export function printDialogOpen(print: KioskSnapshot['print']): boolean {
  return !!print && (print.preparing || !!print.offer || !!print.job || !!print.refused);
}

/** Whether print's screens cover the web view (it is drawn above the window, so it goes while they show). */
export function usePrintCovers(print: KioskSnapshot['print']): boolean {
  const { viewing } = usePrint();
  return printDialogOpen(print) || viewing !== undefined;
}
