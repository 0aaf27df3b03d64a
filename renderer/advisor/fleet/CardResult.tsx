/** How a command from a PC's card turned out, announced politely with the PC's name for screen readers. */
export function CardResult({ pcName, shown }: { pcName: string; shown: { tone: string; text: string } | undefined }) {
  return (
    <div className="pc-card__result" aria-live="polite" aria-atomic="true">
      {shown ? (
        <p className={`message message--${shown.tone}`}>
          <span className="sr-only">{pcName}: </span>
          {shown.text}
        </p>
      ) : null}
    </div>
  );
}
