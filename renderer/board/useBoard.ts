import { useEffect, useState } from 'react';
import type { BoardView } from '../../preload/board-contract';
import { openBoardFeed, type FeedState } from './feed';

/** The last board the hub sent, how the feed stands, and the hub's time now (its clock, ticking here between pushes). */
export function useBoard(): { board: BoardView | undefined; state: FeedState; now: number } {
  const [board, setBoard] = useState<{ view: BoardView; receivedAt: number }>();
  const [state, setState] = useState<FeedState>('connecting');
  const [tick, setTick] = useState(() => Date.now());

  useEffect(() => openBoardFeed({ onBoard: (view) => setBoard({ view, receivedAt: Date.now() }), onState: setState }), []);
  useEffect(() => {
    const timer = setInterval(() => setTick(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);

  const now = board ? board.view.now + Math.max(0, tick - board.receivedAt) : tick;
  return { board: board?.view, state, now };
}

/**
 * The language shown now: the site's default first, then each of the
 * others for `seconds`, round and round, unless paused. Changes the page's
 * language (and its lang attribute) without remembering anything.
 */
export function useRotation(languages: readonly string[], seconds: number, paused: boolean): string | undefined {
  // The place in the list belongs to the list: another list (the policy changed) starts again at its first.
  const key = languages.join(',');
  const count = languages.length;
  const [place, setPlace] = useState({ key, index: 0 });
  const index = place.key === key ? place.index : 0;
  useEffect(() => {
    if (paused || count < 2) return undefined;
    const timer = setInterval(() => setPlace((p) => ({ key, index: ((p.key === key ? p.index : 0) + 1) % count })), seconds * 1000);
    return () => clearInterval(timer);
  }, [key, count, seconds, paused]);
  return languages[index % Math.max(1, count)];
}
