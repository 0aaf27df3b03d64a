import { createContext, useContext } from 'react';

/** Whether the help panel is open: shared, because the web view must step aside for it. */
export const HelpPanelContext = createContext<{ open: boolean; setOpen: (open: boolean) => void }>({ open: false, setOpen: () => undefined });

export function useHelpPanel() {
  return useContext(HelpPanelContext);
}
