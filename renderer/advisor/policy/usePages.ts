import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A list the hub gives a page at a time, newest first: the first page again
 * whenever `reloadKey` changes, the next one below the last item on "more",
 * and the failure (and the console's handler told of it) when the hub refuses.
 */
export function usePages<T, A extends { more: boolean }>(options: {
  load: (before: number | undefined) => Promise<A>;
  items: (answer: A) => T[];
  /** The position the next page starts below (a version number, an audit entry's seq). */
  below: (last: T) => number;
  reloadKey: unknown;
  onFailure: (error: unknown) => void;
}) {
  const [list, setList] = useState<T[]>([]);
  const [answer, setAnswer] = useState<A | undefined>();
  const [failure, setFailure] = useState<unknown>();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const page = useCallback(
    (before: number | undefined) =>
      latest.current.load(before).then(
        (next) => {
          const items = latest.current.items(next);
          setList((shown) => (before === undefined ? items : [...shown, ...items]));
          setAnswer(next);
          setFailure(undefined);
        },
        (error: unknown) => {
          setFailure(error);
          latest.current.onFailure(error);
        },
      ),
    [],
  );
  useEffect(() => {
    void page(undefined);
  }, [options.reloadKey, page]);

  const last = list.at(-1);
  return {
    list,
    answer,
    more: answer?.more ?? false,
    failure,
    setFailure,
    reload: () => void page(undefined),
    loadMore: () => void page(last === undefined ? undefined : options.below(last)),
  };
}
