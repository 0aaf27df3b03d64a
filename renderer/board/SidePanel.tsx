import type { BoardView } from '../../preload/board-contract';
import { useText } from './i18n';
import { hhmm, when } from './time';

/** At most this many next free times: the soonest, so the list never pushes the page into scrolling. */
const NEXT_FREE_SHOWN = 5;
/** A free stretch longer than this is shown by its end ("until 20:00"), not its length. */
const LENGTH_SHOWN_UP_TO_MINUTES = 180;

/**
 * The numbers being called, in the largest type. A new call is announced
 * politely (it is an added item); the rotation's new words for the same
 * calls are not.
 */
export function Calls({ board }: { board: BoardView; now: number }) {
  const { tr } = useText();
  const zone = board.site.timeZone;
  return (
    <section className="calls" aria-labelledby="calls-heading">
      <h2 id="calls-heading" className="board-heading">
        {tr('calls.heading')}
      </h2>
      <ol className="call-list" aria-live="polite" aria-relevant="additions">
        {board.calls.map((call) => (
          <li key={call.number} className="call">
            <span className="call-number">{call.number}</span> <span className="call-go">{tr('calls.goTo')}</span> <span className="call-pc">{call.pcName}</span>{' '}
            <span className="call-until">{tr('calls.until', { time: hhmm(call.until, zone) })}</span>
          </li>
        ))}
      </ol>
      {board.calls.length === 0 && <p className="board-quiet">{tr('calls.none')}</p>}
    </section>
  );
}

/** When the PCs that are not free now are next free, soonest first, and for how long. */
export function NextFree({ board, now }: { board: BoardView; now: number }) {
  const { tr } = useText();
  const zone = board.site.timeZone;
  const waiting = board.pcs
    .filter((pc) => pc.state !== 'free' && pc.nextFree)
    .sort((a, b) => a.nextFree!.from - b.nextFree!.from)
    .slice(0, NEXT_FREE_SHOWN);
  const allFree = board.pcs.length > 0 && board.pcs.every((pc) => pc.state === 'free' || pc.state === 'out-of-service');
  return (
    <section className="next-free" aria-labelledby="next-heading">
      <h2 id="next-heading" className="board-heading">
        {tr('next.heading')}
      </h2>
      {waiting.length > 0 ? (
        <ol className="next-list">
          {waiting.map((pc, index) => {
            const { from, until } = pc.nextFree!;
            const minutes = until === undefined ? undefined : Math.round((until - from) / 60_000);
            return (
              <li key={`${index}-${pc.name}`} className="next">
                <span className="next-pc">{pc.name}</span> <span className="next-when">{when(Math.max(from, now), now, zone, tr)}</span>
                {until !== undefined && minutes !== undefined && (
                  <span className="next-length">
                    {minutes <= LENGTH_SHOWN_UP_TO_MINUTES ? tr('next.minutes', { count: minutes }) : tr('next.untilClosing', { time: when(until, now, zone, tr) })}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="board-quiet">{allFree ? tr('next.allFree') : tr('next.none')}</p>
      )}
    </section>
  );
}
