import { useId, type ReactNode } from 'react';

/**
 * The welcome screen's ways to get this PC beside the booking code: any
 * number of actions ("Start now", "Book a time", "Take a number"), side by
 * side where there is room and stacked where there is not.
 */
export function ActionArea({ heading, children }: { heading: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="actions" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <div className="actions__list">{children}</div>
    </section>
  );
}

/**
 * One main action: a large button with a line beneath that says what it
 * gives ("free until 11:00"). Without `onClick` only the line is shown (the
 * action is not possible now, and the line says why). `busy`: a press is
 * being answered, and another is ignored.
 */
export function Action({ label, note, onClick, primary = true, busy }: { label?: string; note?: ReactNode; onClick?: () => void; primary?: boolean; busy?: boolean }) {
  const noteId = useId();
  return (
    <div className="action">
      {onClick && label ? (
        <button
          type="button"
          className={`button button--large${primary ? ' button--primary' : ''}`}
          aria-describedby={note ? noteId : undefined}
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onClick();
          }}
        >
          {label}
        </button>
      ) : null}
      {note ? (
        <p id={noteId} className="action__note">
          {note}
        </p>
      ) : null}
    </div>
  );
}
