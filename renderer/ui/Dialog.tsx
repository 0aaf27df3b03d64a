import { useEffect, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  titleId: string;
  descriptionId?: string;
  /** alertdialog for messages that interrupt (warnings, "Are you still there?"). */
  alert?: boolean;
  /** Escape does this (if absent, Escape does nothing). */
  onEscape?: () => void;
  tone?: 'normal' | 'warning';
  children: ReactNode;
}

/**
 * A modal built on <dialog>.showModal(): the browser keeps focus inside,
 * makes the rest inert and returns focus when it closes. Focus starts on
 * the element marked `data-autofocus` (React's autoFocus runs before the
 * dialog opens, and showModal() would otherwise pick the first button,
 * whatever it does).
 */
export function Dialog({ open, titleId, descriptionId, alert, onEscape, tone = 'normal', children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${tone}`}
      role={alert ? 'alertdialog' : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onEscape?.();
      }}
    >
      {open ? children : null}
    </dialog>
  );
}
