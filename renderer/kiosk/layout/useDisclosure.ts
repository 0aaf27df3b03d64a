import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

/**
 * A button that shows and hides a panel of more controls (the languages, the
 * session's page tools on a narrow screen). Escape closes it and puts the
 * focus back on the button; so does choosing, if the caller says so; moving
 * the focus or tapping elsewhere closes it, so an open panel never hides
 * what the focus has moved to.
 */
export function useDisclosure() {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  return {
    open,
    close,
    panelId,
    button: {
      ref: buttonRef,
      type: 'button' as const,
      'aria-expanded': open,
      'aria-controls': panelId,
      onClick: () => setOpen((was) => !was),
    },
    /** For the element holding both the button and the panel. */
    wrapper: {
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close(true);
        }
      },
      onBlur: (event: FocusEvent) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      },
    },
  };
}
