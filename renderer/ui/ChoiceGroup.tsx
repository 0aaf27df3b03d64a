import type { ReactNode } from 'react';

/** A labelled row of toggle buttons, one of them pressed (language, text size). */
export function ChoiceGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="choice-group">
      <span className="choice-group__label" aria-hidden="true">
        {label}
      </span>
      <div className="choice-group__options">{children}</div>
    </div>
  );
}
