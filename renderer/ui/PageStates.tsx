import { useEffect } from 'react';

/** The page's language on <html> (screen readers pronounce by it), left to right. */
export function useDocumentLanguage(locale: string): void {
  useEffect(() => {
    const root = document.documentElement;
    root.lang = locale;
    root.dir = 'ltr';
  }, [locale]);
}

/** How long a page waits before it asks its server again when the server could not be reached. */
export const RETRY_UNREACHABLE_MS = 5_000;

/** Calls `retry` after a pause for as long as `waiting` is true (again after each change of `waiting`'s cause, `key`). */
export function useRetryWhile(waiting: boolean, key: unknown, retry: () => void): void {
  useEffect(() => {
    if (!waiting) return;
    const id = setTimeout(retry, RETRY_UNREACHABLE_MS);
    return () => clearTimeout(id);
  }, [waiting, key, retry]);
}

/** While the page asks its server whether the session is still good. */
export function Loading({ text }: { text: string }) {
  return (
    <main id="main" className="screen__main screen__main--centred" aria-busy="true">
      <p>{text}</p>
    </main>
  );
}

/** When the page's server could not be asked: why, and a way to try again now. */
export function Unavailable({ title, message, retryLabel, onRetry }: { title: string; message: string; retryLabel: string; onRetry: () => void }) {
  return (
    <main id="main" className="screen__main screen__main--centred">
      <h1>{title}</h1>
      <p className="message message--error" role="alert">
        {message}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </main>
  );
}
