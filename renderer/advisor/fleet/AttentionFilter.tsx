import { useState } from 'react';
import type { Board, PcView } from '../../../preload/hub-contract';
import { useText } from '../i18n';
import { needsAttention } from './PcHealth';
import { ResetAll } from './ResetAll';

export interface AttentionFilterState {
  on: boolean;
  toggle: () => void;
  /** The PCs to show: all, or only those that need attention. */
  shown: PcView[];
  count: number;
}

export function useAttentionFilter(pcs: readonly PcView[]): AttentionFilterState {
  const [on, setOn] = useState(false);
  const attention = pcs.filter(needsAttention);
  return { on, toggle: () => setOn((v) => !v), shown: on ? attention : [...pcs], count: attention.length };
}

/** The board's "Needs attention" filter (a toggle button), and for administrators "Reset all computers". */
export function AttentionFilter({ filter, board, onFailure }: { filter: AttentionFilterState; board: Board; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  return (
    <div className="fleet-tools">
      <button type="button" className="button fleet-filter" aria-pressed={filter.on} onClick={filter.toggle}>
        {tr('fleet.filter')} ({filter.count})
      </button>
      {board.advisor.admin ? <ResetAll pcs={board.pcs} onFailure={onFailure} /> : null}
      <p className="sr-only" role="status">
        {filter.on ? (filter.count ? tr('fleet.filterShowing', { count: filter.count }) : tr('fleet.filterNone')) : ''}
      </p>
      {filter.on && filter.count === 0 ? <p className="fleet-filter__none">{tr('fleet.filterNone')}</p> : null}
    </div>
  );
}
