import type { ReactNode } from 'react';

/**
 * One line under the welcome heading that says what this PC is doing now
 * ("Booked now …", "Next booking …", "Free until …", "Closed, opens at …").
 * Its heading is for screen readers; the line speaks for itself on screen.
 */
export function StatusLine({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <section className="status-line" aria-labelledby="status-line-heading">
      <h2 id="status-line-heading" className="sr-only">
        {heading}
      </h2>
      <ul className="status-line__list">{children}</ul>
    </section>
  );
}

export function StatusItem({ now, children }: { now?: boolean; children: ReactNode }) {
  return <li className={`status-line__item${now ? ' status-line__item--now' : ''}`}>{children}</li>;
}
