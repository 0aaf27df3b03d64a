import { useCallback, useEffect, useState } from 'react';
import type { Board } from '../../preload/hub-contract';
import type { SourceConflictView, SourcesView, SourceView } from '../../preload/sources-contract';
import { callHub } from './api';
import { pcLabel } from './board-state';
import { describeError } from './errors';
import { useText, type AdvisorKey, type Tr } from './i18n';
import { formatClock, formatDateTime, dayKey, formatShortDay } from './time';
import { ScrollRegion } from '../ui/ScrollRegion';
import './sources.css';

/**
 * Booking sources (issue 12): every Varaamo/Respa or calendar source with
 * its state in words and a mark that does not rely on colour, its last
 * good sync, its last error as a precise line for IT, what its last change
 * brought, "Sync now", and the conflicts its bookings met, both bookings
 * side by side. A source failing `sources.alertAfterFailures` times in a
 * row shows as a banner at the top of the console too.
 */

export interface SourcesState {
  view: SourcesView | undefined;
  /** A source's health after "Sync now" (before its pushed event arrives). */
  replace: (source: SourceView) => void;
  loadError: string | undefined;
}

/** The sources: fetched once, then as every console is told of each change. */
export function useSources(pushed: SourcesView | undefined): SourcesState {
  const { tr } = useText();
  const [view, setView] = useState<SourcesView | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    callHub('sources').then(
      (fetched) => live && setView((current) => current ?? fetched),
      (error: unknown) => live && setLoadError(describeError(error, tr)),
    );
    return () => {
      live = false;
    };
  }, [tr]);
  // A pushed view is newer than whatever the console had (taken while drawing, as React advises for derived state).
  const [seen, setSeen] = useState(pushed);
  if (pushed !== seen) {
    setSeen(pushed);
    if (pushed) setView(pushed);
  }
  const replace = useCallback((source: SourceView) => {
    setView((current) => current && { ...current, sources: current.sources.map((s) => (s.id === source.id ? source : s)) });
  }, []);
  return { view, replace, loadError };
}

const kindName = (source: Pick<SourceView, 'kind'>, tr: Tr) => tr(source.kind === 'ics' ? 'sources.kind.ics' : 'sources.kind.respa');
const sourceName = (source: SourceView, tr: Tr) => `${kindName(source, tr)} ${source.id}`;

type StateWord = 'syncing' | 'alerting' | 'failing' | 'ok' | 'never';
function stateOf(source: SourceView): StateWord {
  const h = source.health;
  if (h.syncing) return 'syncing';
  if (h.alerting) return 'alerting';
  if (h.failures > 0) return 'failing';
  return h.lastOkAt !== undefined ? 'ok' : 'never';
}
/** A mark beside the words, so the state never rests on colour alone. */
const MARK: Record<StateWord, string> = { syncing: '⟳', alerting: '⚠', failing: '!', ok: '✓', never: '–' };
const STATE_TEXT = {
  syncing: 'sources.state.syncing',
  alerting: 'sources.state.alerting',
  failing: 'sources.state.failing',
  ok: 'sources.state.ok',
  never: 'sources.state.never',
} as const satisfies Record<StateWord, AdvisorKey>;
const ORIGIN_TEXT = { staff: 'sources.conflicts.origin.staff', self: 'sources.conflicts.origin.self', import: 'sources.conflicts.origin.import' } as const satisfies Record<string, AdvisorKey>;

/** At the top of the console: each source that failed too often, until it syncs again. */
export function SourcesBanner({ sources }: { sources: SourcesView | undefined }) {
  const { tr } = useText();
  const failing = sources?.sources.filter((s) => s.health.alerting) ?? [];
  return (
    <div className="status-banner status-banner--source" role="alert" hidden={failing.length === 0}>
      {failing.map((s) => (
        <p key={s.id}>
          <span aria-hidden="true">⚠ </span>
          <strong>{tr('sources.banner', { source: sourceName(s, tr), count: s.health.failures })}</strong>{' '}
          <a href="#sources">{tr('sources.bannerLink')}</a>
        </p>
      ))}
    </div>
  );
}

export function Sources({ board, sources, onFailure }: { board: Board; sources: SourcesState; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const { view, loadError } = sources;
  return (
    <section id="sources" className="panel" aria-labelledby="sources-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="sources-heading">{tr('sources.heading')}</h2>
      </div>
      {loadError ? <p className="message message--error">{loadError}</p> : null}
      {view && view.sources.length === 0 ? <p className="hint">{tr('sources.none')}</p> : null}
      {view ? <p className="hint">{tr('sources.every', { count: view.syncMinutes })}</p> : null}
      <ul className="source-list">
        {view?.sources.map((s) => (
          <SourceCard key={s.id} board={board} source={s} onSynced={sources.replace} onFailure={onFailure} />
        ))}
      </ul>
    </section>
  );
}

function SourceCard({ board, source, onSynced, onFailure }: { board: Board; source: SourceView; onSynced: (s: SourceView) => void; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const h = source.health;
  const state = stateOf(source);
  const name = sourceName(source, tr);
  const headingId = `source-${source.id}`;
  const at = (t: number) => formatDateTime(t, locale, zone);

  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    setSaid(undefined);
    try {
      const after = await callHub('syncSource', { id: source.id });
      onSynced(after);
      const failed = after.health.failures > 0;
      setSaid(failed ? { tone: 'error', text: tr('sources.syncFailed', { source: name, error: after.health.lastError ?? '' }) } : { tone: 'success', text: tr('sources.synced', { source: name }) });
    } catch (error) {
      setSaid({ tone: 'error', text: describeError(error, tr) });
      onFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`card source source--${state}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="source__name">
        {kindName(source, tr)} <span className="source__id">{source.id}</span>
      </h3>
      <p className="source__location">
        <code>{source.location}</code>
      </p>
      <p className={`source__state source__state--${state}`}>
        <span aria-hidden="true" className="source__mark">
          {MARK[state]}
        </span>{' '}
        <strong>{tr(STATE_TEXT[state])}</strong>
        {h.failures > 0 ? <> — {tr('sources.failures', { count: h.failures })}</> : null}
      </p>
      <p>{h.lastOkAt !== undefined ? tr('sources.lastOk', { time: at(h.lastOkAt) }) : tr('sources.lastOkNever')}</p>
      {h.lastError && h.failures > 0 ? (
        <p className="source__error">
          {tr('sources.lastError', { time: h.lastErrorAt !== undefined ? at(h.lastErrorAt) : '' })} <code>{h.lastError}</code>
        </p>
      ) : null}
      {h.counts ? <p>{tr('sources.counts', { ...h.counts })}</p> : null}
      {h.problems.length > 0 ? (
        <details>
          <summary>{tr('sources.problems', { count: h.problems.length })}</summary>
          <ul>
            {h.problems.map((p, i) => (
              <li key={i}>
                <code>{p.where}</code>: {p.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <details>
        <summary>{tr('sources.mapping')}</summary>
        <ul>
          {source.map?.map((m) => (
            <li key={m.resource}>
              <code>{m.resource}</code> → {pcLabel(board.pcs, m.pcId).name}
            </li>
          ))}
          {source.rule?.pcId ? <li>{tr('sources.rulePc', { pc: pcLabel(board.pcs, source.rule.pcId).name })}</li> : null}
          {source.rule?.map?.map((m) => (
            <li key={m.text}>
              {source.rule?.field} “{m.text}” → {pcLabel(board.pcs, m.pcId).name}
            </li>
          ))}
        </ul>
      </details>
      <div className="source__actions">
        <button type="button" className="button" aria-label={tr('sources.syncNowNamed', { source: name })} disabled={busy} onClick={() => void syncNow()}>
          {busy ? tr('sources.syncing') : tr('sources.syncNow')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {busy ? <p className="hint">{tr('sources.syncingNamed', { source: name })}</p> : null}
        {said ? <p className={`message message--${said.tone}`}>{said.text}</p> : null}
      </div>
      <Conflicts board={board} source={source} />
    </li>
  );
}

function Conflicts({ board, source }: { board: Board; source: SourceView }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const span = (from: number, to: number) => `${formatShortDay(dayKey(from, zone), locale, zone)} ${formatClock(from, locale, zone)}–${formatClock(to, locale, zone)}`;
  if (source.conflicts.length === 0) return <p className="hint">{tr('sources.conflicts.none')}</p>;
  const otherText = (c: SourceConflictView) => {
    if (!c.other) return c.kind === 'closed' ? tr('sources.conflicts.closedHours') : tr('sources.conflicts.gone');
    const origin = c.other.origin === 'import' ? tr('sources.conflicts.fromSource', { source: c.other.sourceId ?? '' }) : tr(ORIGIN_TEXT[c.other.origin]);
    return `${span(c.other.startsAt, c.other.endsAt)}, ${origin}${c.other.cancelled ? ` (${tr('sources.conflicts.cancelled')})` : ''}`;
  };
  return (
    <ScrollRegion labelledBy={`conflicts-${source.id}`} className="table-scroll">
      <table className="figures source__conflicts">
        <caption id={`conflicts-${source.id}`}>{tr('sources.conflicts.heading', { count: source.conflicts.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('sources.conflicts.pc')}</th>
            <th scope="col">{tr('sources.conflicts.imported')}</th>
            <th scope="col">{tr('sources.conflicts.other')}</th>
            <th scope="col">{tr('sources.conflicts.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {source.conflicts.map((c, i) => (
            <tr key={`${c.imported.outsideId}-${c.kind}-${c.other?.id ?? ''}-${i}`}>
              <td>{pcLabel(board.pcs, c.pcId).name}</td>
              <td>
                {span(c.imported.startsAt, c.imported.endsAt)}, {tr('sources.conflicts.reservation', { id: c.imported.outsideId, source: source.id })}
              </td>
              <td>{otherText(c)}</td>
              <td>
                {tr(c.kind === 'closed' ? 'sources.conflicts.kind.closed' : 'sources.conflicts.kind.overlap')}:{' '}
                {tr(c.winner === 'source' ? 'sources.conflicts.won' : c.kind === 'closed' ? 'sources.conflicts.lostClosed' : 'sources.conflicts.lost')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
