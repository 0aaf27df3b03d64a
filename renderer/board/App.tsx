import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardView } from '../../preload/board-contract';
import { useText, type Tr } from './i18n';
import { hhmm, when } from './time';
import { isRightToLeft } from '../i18n/languages';
import { useBoard, useRotation } from './useBoard';
import { PcList } from './PcList';
import { Calls, NextFree } from './SidePanel';

/**
 * The lobby's status board: the site's name, whether it is open, the time,
 * every PC, the numbers called and the next free times, live from the hub.
 * Read-only: the one control stops the language rotation (WCAG 2.2.2).
 */
export function App() {
  const { board, state, now } = useBoard();
  const { tr } = useText();
  const { i18n } = useTranslation();
  const [paused, setPaused] = useState(false);
  const language = useRotation(board?.languages ?? [], board?.rotateSeconds ?? 15, paused);

  useEffect(() => {
    if (language && language !== i18n.language) void i18n.changeLanguage(language);
    document.documentElement.lang = language ?? i18n.language;
    document.documentElement.dir = isRightToLeft(language ?? i18n.language) ? 'rtl' : 'ltr';
  }, [language, i18n]);
  const title = board ? `${board.site.name}: ${tr('page.title')}` : 'Tupa';
  useEffect(() => {
    document.title = title;
  }, [title]);

  const zone = board?.site.timeZone ?? 'Europe/Helsinki';
  return (
    <div className={state === 'lost' ? 'board board--stale' : 'board'}>
      <header className="board-head">
        <h1 className="board-site">{board?.site.name ?? 'Tupa'}</h1>
        {board && <p className="board-opening">{openingText(board, now, tr)}</p>}
        <p className="board-clock">
          <span className="sr-only">{tr('page.clock')} </span>
          <time>{hhmm(now, zone)}</time>
        </p>
      </header>
      {/* Announced when it appears (an addition), not when the rotation changes its words. */}
      <div aria-live="polite" aria-relevant="additions">
        {state === 'lost' && (
          <p className="board-lost">
            <span aria-hidden="true" className="board-lost-mark">
              !
            </span>{' '}
            {tr('link.lost')} {board && tr('link.stale')}
          </p>
        )}
      </div>
      {board ? (
        <main className="board-body">
          <PcList board={board} now={now} />
          <div className="board-side">
            <Calls board={board} now={now} />
            <NextFree board={board} now={now} />
          </div>
        </main>
      ) : (
        <main className="board-body board-body--waiting">
          <p>{tr('link.connecting')}</p>
        </main>
      )}
      {board && board.languages.length > 1 && (
        <footer className="board-foot" aria-label={tr('rotation.label')}>
          <button type="button" className="board-rotation" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
            {paused ? tr('rotation.resume') : tr('rotation.pause')}
          </button>
        </footer>
      )}
    </div>
  );
}

function openingText(board: BoardView, now: number, tr: Tr): string {
  const zone = board.site.timeZone;
  const { opening } = board;
  if (opening.open) return opening.closesAt === undefined ? tr('opening.open') : tr('opening.openUntil', { time: when(opening.closesAt, now, zone, tr) });
  return opening.opensAt === undefined ? tr('opening.closed') : tr('opening.closedOpens', { when: when(opening.opensAt, now, zone, tr) });
}
