import type { BoardPc, BoardPcState, BoardView } from '../../preload/board-contract';
import { useText, type Tr } from './i18n';
import { when } from './time';

/** A shape beside each state's word, so that colour is never the only sign. */
const MARK: Record<BoardPcState, string> = { free: '✓', 'in-use': '●', booked: '◆', closed: '–', 'out-of-service': '✕' };
const STATE_KEY = { free: 'pcs.free', 'in-use': 'pcs.inUse', booked: 'pcs.booked', closed: 'pcs.closed', 'out-of-service': 'pcs.outOfService' } as const;

/** Columns for this many PCs: ten fit on one screen in two columns of five. */
export function columnsFor(count: number): number {
  return count <= 5 ? 1 : count <= 12 ? 2 : 3;
}

export function PcList({ board, now }: { board: BoardView; now: number }) {
  const { tr } = useText();
  const cols = columnsFor(board.pcs.length);
  const rows = Math.max(1, Math.ceil(board.pcs.length / cols));
  // The room is shown only where the site has more than one.
  const rooms = new Set(board.pcs.map((pc) => pc.room)).size > 1;
  return (
    <section className="pcs" aria-labelledby="pcs-heading">
      <h2 id="pcs-heading" className="board-heading">
        {tr('pcs.heading')}
      </h2>
      {board.pcs.length === 0 ? (
        <p>{tr('pcs.none')}</p>
      ) : (
        <ul className="pc-grid" style={{ '--cols': cols, '--rows': rows } as React.CSSProperties}>
          {board.pcs.map((pc, index) => (
            <li key={`${index}-${pc.name}`} className={`pc pc--${pc.state}`}>
              <span className="pc-name">
                {pc.name}
                {rooms && <span className="pc-room">{pc.room}</span>}
              </span>
              <span className="pc-state">
                <span className="pc-mark" aria-hidden="true">
                  {MARK[pc.state]}
                </span>{' '}
                {tr(STATE_KEY[pc.state])}
              </span>
              <span className="pc-detail">{detail(pc, now, board.site.timeZone, tr)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function detail(pc: BoardPc, now: number, zone: string, tr: Tr): string {
  const at = (ms: number) => when(ms, now, zone, tr);
  switch (pc.state) {
    case 'free':
      return pc.until === undefined ? '' : tr('pcs.freeUntil', { time: at(pc.until) });
    case 'in-use':
      return pc.until === undefined ? '' : tr('pcs.inUseUntil', { time: at(pc.until) });
    case 'booked':
      if (pc.from !== undefined && pc.from > now) return tr('pcs.bookedFrom', { time: at(pc.from) });
      return pc.until === undefined ? '' : tr('pcs.bookedUntil', { time: at(pc.until) });
    case 'closed':
      return pc.from === undefined ? '' : tr('pcs.opens', { when: at(pc.from) });
    default:
      return '';
  }
}
