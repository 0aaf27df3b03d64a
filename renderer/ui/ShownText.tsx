import type { Shown } from './shown';

/** A figure on screen; a screen reader hears the spoken form instead where there is one. */
export function ShownText({ shown }: { shown: Shown }) {
  if (shown.spoken === undefined) return <>{shown.text}</>;
  return (
    <>
      <span aria-hidden="true">{shown.text}</span>
      <span className="sr-only">{shown.spoken}</span>
    </>
  );
}
