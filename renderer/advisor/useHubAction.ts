import { useCallback, useState } from 'react';
import { describeError } from './errors';
import { useText } from './i18n';

/**
 * One advisor action at a time against the hub (a button's press): which
 * one is under way, and the refusal in the advisor's words if it fails
 * (also handed to `onFailure`, which may sign out or refresh the board).
 */
export function useHubAction<K extends string>(onFailure: (error: unknown) => void) {
  const { tr } = useText();
  const [pending, setPending] = useState<K | undefined>();
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(
    async (what: K, action: () => Promise<unknown>) => {
      if (pending) return;
      setPending(what);
      setError(undefined);
      try {
        await action();
      } catch (failure) {
        setError(describeError(failure, tr));
        onFailure(failure);
      } finally {
        setPending(undefined);
      }
    },
    [pending, tr, onFailure],
  );
  return { pending, error, run };
}
