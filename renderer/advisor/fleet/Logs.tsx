import { useId, useState } from 'react';
import type { Board } from '../../../preload/hub-contract';
import type { LogView } from '../../../preload/fleet-contract';
import { HubRequestError, callHub } from '../api';
import { describeError } from '../errors';
import { useText } from '../i18n';
import { formatClock } from '../time';

const HUB = '';

/**
 * "Logs" (administrators only; the hub refuses others): a PC's or the
 * hub's recent lines, already scrubbed of codes and addresses, shown and
 * downloadable as a .txt file.
 */
export function Logs({ board, onFailure }: { board: Board; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const id = useId();
  const pcs = board.pcs.filter((p) => p.paired && !p.revoked);
  const [source, setSource] = useState(HUB);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [log, setLog] = useState<LogView | undefined>();
  const nameOf = (s: string) => (s === 'hub' || s === HUB ? tr('fleet.logs.hub') : (pcs.find((p) => p.id === s)?.name ?? s));

  const show = async () => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setLog(source === HUB ? await callHub('hubLogs') : await callHub('pcLogs', { id: source }));
    } catch (failure) {
      setLog(undefined);
      setError(failure instanceof HubRequestError && failure.status === 504 ? tr('fleet.logs.noAnswer', { pc: nameOf(source) }) : describeError(failure, tr, { pc: nameOf(source) }));
      onFailure(failure);
    } finally {
      setBusy(false);
    }
  };

  const download = () => {
    if (!log) return;
    const blob = new Blob([`${log.lines.join('\n')}\n`], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `tupa-${log.source}-${new Date(log.fetchedAt).toISOString().replace(/[:.]/g, '-')}.txt`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };

  return (
    <section id="logs" className="panel" aria-labelledby={`${id}-heading`} tabIndex={-1}>
      <div className="panel__head">
        <h2 id={`${id}-heading`}>{tr('fleet.logs.heading')}</h2>
      </div>
      <p>{tr('fleet.logs.intro')}</p>
      <div className="fleet-logs__pick">
        <label htmlFor={`${id}-source`} className="field__label">
          {tr('fleet.logs.source')}
        </label>
        <select id={`${id}-source`} className="input input--select" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value={HUB}>{tr('fleet.logs.hub')}</option>
          {pcs.map((pc) => (
            <option key={pc.id} value={pc.id}>
              {pc.name}
            </option>
          ))}
        </select>
        <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={() => void show()}>
          {tr('fleet.logs.show')}
        </button>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {busy ? <p className="message message--info">{tr('fleet.logs.loading')}</p> : null}
        {error ? <p className="message message--error">{error}</p> : null}
        {log && !busy ? (
          <p className="fleet-logs__meta">
            {tr('fleet.logs.fetched', { count: log.lines.length, time: formatClock(log.fetchedAt, locale, board.site.timeZone) })}
            {log.truncated ? ` ${tr('fleet.logs.truncated')}` : ''}
          </p>
        ) : null}
      </div>
      {log ? (
        <>
          {log.lines.length === 0 ? (
            <p>{tr('fleet.logs.empty')}</p>
          ) : (
            <pre className="fleet-logs__lines" tabIndex={0} role="region" aria-label={tr('fleet.logs.linesLabel', { source: nameOf(log.source) })}>
              {log.lines.join('\n')}
            </pre>
          )}
          <button type="button" className="button" onClick={download}>
            {tr('fleet.logs.download')}
          </button>
        </>
      ) : null}
    </section>
  );
}
