import { useId, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** "danger" for what cannot be undone (end a session, cancel a booking, revoke a PC). */
  tone?: 'normal' | 'danger';
  busy?: boolean;
  /** Shown inside the dialog when the action failed, so the dialog stays open with the reason. */
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Are you sure?" as an alertdialog: the safe choice has the focus, Escape
 * cancels, and a failure is shown in the dialog itself.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, tone = 'normal', busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const id = useId();
  return (
    <Dialog open={open} alert titleId={`${id}-title`} descriptionId={`${id}-body`} onEscape={onCancel}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="dialog__body">
        {children}
      </div>
      <ErrorMessage text={error} />
      <div className="dialog__actions">
        <button type="button" className="button" data-autofocus onClick={onCancel}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
