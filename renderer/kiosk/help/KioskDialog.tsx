import { Dialog, type DialogProps } from '../../ui/Dialog';
import { HelpButton } from './HelpButton';

/**
 * A kiosk dialog: the shared modal, with "Ask for help" at its foot. A modal
 * makes the rest of the screen inert, the session bar's help button with it;
 * so each dialog carries its own, and the help panel opens above the dialog
 * (the browser stacks modals), which keeps its place and gets the focus back
 * when the panel closes.
 */
export function KioskDialog({ onAskHelp, children, ...props }: DialogProps & { onAskHelp?: () => void }) {
  return (
    <Dialog {...props}>
      {children}
      <div className="dialog__help">
        <HelpButton onAsk={onAskHelp} />
      </div>
    </Dialog>
  );
}
