/**
 * A failure said where it happened, announced at once (role="alert"), or
 * nothing while there is none.
 */
export function ErrorMessage({ text }: { text: string | undefined }) {
  return text ? (
    <p className="message message--error" role="alert">
      {text}
    </p>
  ) : null;
}
