import { useState } from 'react';
import type { Board, QueueView } from '../../preload/hub-contract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatCountdown } from '../ui/countdown';
import { useNow } from '../ui/useNow';
import { callHub } from './api';
import { pcLabel } from './board';
import { describeError } from './errors';
import { useText } from './i18n';
import { formatClock } from './time';
import { useHubAction } from './useHubAction';

type Undoable = { kind: 'skip'; id: string; number: string } | { kind: 'clear' };

/**
 * "Take a number" for the advisor: the numbers waiting (oldest first), the
 * ones called with their PC and the time left to take it; call the next (or
 * a chosen) number to a free PC, skip one, clear them all. Skip and clear
 * cannot be undone, so each asks first.
 */
export function QueueNumbers({ board, offsetMs, onFailure }: { board: Board; offsetMs: number; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const now = useNow(1_000) + offsetMs;
  const queue: QueueView = board.queue ?? { waiting: [], called: [], freePcs: [] };
  const [pcChoice, setPcChoice] = useState('');
  const pcId = queue.freePcs.includes(pcChoice) ? pcChoice : (queue.freePcs[0] ?? '');
  const { pending, error, run } = useHubAction<string>(onFailure);
  const [confirming, setConfirming] = useState<Undoable | undefined>();
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [confirmBusy, setConfirmBusy] = useState(false);
  const zone = board.site.timeZone;
  const name = (id: string) => pcLabel(board.pcs, id).name;

  const call = (id?: string) => run(`call-${id ?? 'next'}`, () => callHub('queueCall', { body: id ? { pcId, id } : { pcId } }));
  const confirm = async () => {
    if (!confirming) return;
    setConfirmBusy(true);
    setConfirmError(undefined);
    try {
      if (confirming.kind === 'skip') await callHub('queueSkip', { id: confirming.id, body: {} });
      else await callHub('queueClear', { body: {} });
      setConfirming(undefined);
    } catch (failure) {
      setConfirmError(describeError(failure, tr));
      onFailure(failure);
    } finally {
      setConfirmBusy(false);
    }
  };
  const count = queue.waiting.length + queue.called.length;

  return (
    <section id="queue" className="panel queue-panel" aria-labelledby="queue-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="queue-heading">
          {tr('queue.heading')}
          {count ? <span className="count-badge">{count}</span> : null}
        </h2>
        {count ? (
          <button type="button" className="button button--danger" onClick={() => setConfirming({ kind: 'clear' })}>
            {tr('queue.clear')}
          </button>
        ) : null}
      </div>
      <h3>{tr('queue.calledHeading')}</h3>
      {queue.called.length === 0 ? (
        <p>{tr('queue.noneCalled')}</p>
      ) : (
        <ul className="queue-list">
          {queue.called.map((c) => (
            <li key={c.id} className="queue-list__item">
              <span className="queue-list__number">{c.number}</span>
              <span>{tr('queue.calledTo', { pc: name(c.pcId), time: formatCountdown(c.until - now) })}</span>
              <button type="button" className="button" aria-label={tr('queue.skipNumber', { number: c.number })} onClick={() => setConfirming({ kind: 'skip', id: c.id, number: c.number })}>
                {tr('queue.skip')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{tr('queue.waitingHeading')}</h3>
      {queue.freePcs.length ? (
        <div className="queue-panel__call">
          <label htmlFor="queue-pc">{tr('queue.pcLabel')}</label>
          <select id="queue-pc" value={pcId} onChange={(e) => setPcChoice(e.target.value)}>
            {queue.freePcs.map((id) => (
              <option key={id} value={id}>
                {name(id)}
              </option>
            ))}
          </select>
          {queue.waiting.length ? (
            <button type="button" className="button button--primary" disabled={!!pending} onClick={() => void call()}>
              {tr('queue.callNext', { pc: name(pcId) })}
            </button>
          ) : null}
        </div>
      ) : (
        <p>{tr('queue.noFreePc')}</p>
      )}
      <ErrorMessage text={error} />
      {queue.waiting.length === 0 ? (
        <p>{tr('queue.none')}</p>
      ) : (
        <ol className="queue-list">
          {queue.waiting.map((w) => (
            <li key={w.id} className="queue-list__item">
              <span className="queue-list__number">{w.number}</span>
              <span>{tr('queue.takenAt', { time: formatClock(w.takenAt, locale, zone) })}</span>
              {pcId ? (
                <button type="button" className="button" disabled={!!pending} aria-label={tr('queue.callNumber', { number: w.number, pc: name(pcId) })} onClick={() => void call(w.id)}>
                  {tr('queue.call')}
                </button>
              ) : null}
              <button type="button" className="button" aria-label={tr('queue.skipNumber', { number: w.number })} onClick={() => setConfirming({ kind: 'skip', id: w.id, number: w.number })}>
                {tr('queue.skip')}
              </button>
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={!!confirming}
        title={confirming?.kind === 'skip' ? tr('queue.skipTitle', { number: confirming.number }) : tr('queue.clearTitle')}
        confirmLabel={confirming?.kind === 'skip' ? tr('queue.skip') : tr('queue.clear')}
        cancelLabel={tr('queue.keep')}
        tone="danger"
        busy={confirmBusy}
        error={confirmError}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(undefined)}
      >
        <p>{confirming?.kind === 'skip' ? tr('queue.skipBody') : tr('queue.clearBody', { count })}</p>
      </ConfirmDialog>
    </section>
  );
}
