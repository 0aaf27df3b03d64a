import { useEffect, useId, useState } from 'react';
import type { Board } from '../../../preload/hub-contract';
import type { PcUpdateState, PcUpdateView, ReleaseView, UpdateReason, UpdatesView } from '../../../preload/updates-contract';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SelectField } from '../../ui/SelectField';
import { callHub } from '../api';
import { describeError } from '../errors';
import { useText, type AdvisorKey, type Tr } from '../i18n';
import { formatDateTime } from '../time';

/** How often the page asks the hub again while it is open (the hub pushes changes too; this catches releases added on the command line). */
const REFRESH_MS = 15_000;

/**
 * The "Updates" page (administrators only): the newest release and its
 * stage — its first PC, and the button that lets every PC take it — and
 * each PC's version and update state.
 */
export function Updates({ board, onFailure }: { board: Board; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const [view, setView] = useState<UpdatesView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    const load = () =>
      callHub('updates').then(
        (next) => {
          if (!live) return;
          setView(next);
          setError(undefined);
        },
        (failure: unknown) => {
          if (!live) return;
          setError(describeError(failure, tr));
          onFailure(failure);
        },
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [tr, onFailure]);

  const [newest, ...older] = view?.releases ?? [];
  return (
    <section id="updates" className="panel" aria-labelledby="updates-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="updates-heading">{tr('updates.heading')}</h2>
      </div>
      <p>{tr('updates.intro')}</p>
      <ErrorMessage text={error} />
      {view && !newest ? <p className="hint">{tr('updates.none')}</p> : null}
      {newest ? <Release release={newest} view={view!} board={board} onChanged={(next, message) => (setView(next), setDone(message))} onFailure={onFailure} /> : null}
      <div aria-live="polite">{done ? <p className="message message--success">{done}</p> : null}</div>
      {view?.pcs.length ? <PcTable pcs={view.pcs} zone={board.site.timeZone} /> : null}
      {older.length ? (
        <>
          <h3>{tr('updates.older')}</h3>
          <ul>
            {older.map((r) => (
              <li key={r.version}>
                {tr('updates.release', { version: r.version })}: <Stage release={r} board={board} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Stage({ release, board }: { release: ReleaseView; board: Board }) {
  const { tr, locale } = useText();
  if (release.confirmedAt !== undefined) {
    return <>{tr('updates.stageAll', { time: formatDateTime(release.confirmedAt, locale, board.site.timeZone), by: who(release.confirmedBy) })}</>;
  }
  const pilot = board.pcs.find((p) => p.id === release.pilotPc)?.name ?? release.pilotPc;
  return <>{pilot ? tr('updates.stagePilot', { pc: pilot }) : tr('updates.stageNoPilot')}</>;
}

/** "advisor:neuvoja" → "neuvoja"; "cli" stays. */
const who = (actor: string | undefined) => (actor ?? '').replace(/^advisor:/, '');

function Release({
  release,
  view,
  board,
  onChanged,
  onFailure,
}: {
  release: ReleaseView;
  view: UpdatesView;
  board: Board;
  onChanged: (view: UpdatesView, message: string) => void;
  onFailure: (error: unknown) => void;
}) {
  const { tr, locale } = useText();
  const selectId = useId();
  const [pilot, setPilot] = useState(release.pilotPc ?? view.pcs[0]?.pcId ?? '');
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const pilotDone = view.pcs.some((p) => p.pcId === release.pilotPc && p.running === release.version);

  const act = async (action: () => Promise<UpdatesView>, message: string) => {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      onChanged(await action(), message);
      setConfirming(false);
    } catch (failure) {
      setError(describeError(failure, tr));
      onFailure(failure);
    } finally {
      setPending(false);
    }
  };
  const pcName = (id: string) => board.pcs.find((p) => p.id === id)?.name ?? id;

  return (
    <div className="card">
      <h3>{tr('updates.release', { version: release.version })}</h3>
      <p>
        {tr('updates.added', { time: formatDateTime(release.addedAt, locale, board.site.timeZone), by: who(release.addedBy) })}
        {release.signed ? ` · ${tr('updates.signed')}` : ''}
      </p>
      <p>
        <Stage release={release} board={board} />
      </p>
      {release.confirmedAt === undefined ? (
        <>
          {view.pcs.length ? (
            <div className="updates__pilot">
              <SelectField id={selectId} label={tr('updates.pilotLabel')} value={pilot} options={view.pcs.map((p) => ({ value: p.pcId, label: p.name }))} onChange={setPilot} />
              <button
                type="button"
                className="button"
                aria-disabled={pending || !pilot || undefined}
                onClick={() => pilot && void act(() => callHub('updatePilot', { id: release.version, body: { pcId: pilot } }), tr('updates.pilotSet', { pc: pcName(pilot), version: release.version }))}
              >
                {tr('updates.pilotChoose')}
              </button>
            </div>
          ) : null}
          <button type="button" className="button button--primary" onClick={() => (setError(undefined), setConfirming(true))}>
            {tr('updates.confirm')}
          </button>
        </>
      ) : null}
      {!confirming ? <ErrorMessage text={error} /> : null}
      <ConfirmDialog
        open={confirming}
        title={tr('updates.confirmTitle', { version: release.version })}
        confirmLabel={tr('updates.confirm')}
        cancelLabel={tr('common.cancel')}
        busy={pending}
        error={error}
        onConfirm={() => void act(() => callHub('updateConfirm', { id: release.version }), tr('updates.confirmed', { version: release.version }))}
        onCancel={() => setConfirming(false)}
      >
        <p>{pilotDone ? tr('updates.confirmBody') : tr('updates.confirmBodyNotYet')}</p>
      </ConfirmDialog>
    </div>
  );
}

const STATE_TEXT = {
  idle: 'updates.state.idle',
  downloading: 'updates.state.downloading',
  ready: 'updates.state.ready',
  installing: 'updates.state.installing',
  failed: 'updates.state.failed',
} as const satisfies Record<PcUpdateState, AdvisorKey>;

const REASON_TEXT = {
  'check-failed': 'updates.reason.check-failed',
  'download-failed': 'updates.reason.download-failed',
  'install-failed': 'updates.reason.install-failed',
  session: 'updates.reason.session',
  'booking-soon': 'updates.reason.booking-soon',
} as const satisfies Record<UpdateReason, AdvisorKey>;

/** "Downloading 1.2.0", "1.2.0 downloaded, waiting (a session is running)", "Failed: could not download, trying again". */
function stateText(tr: Tr, pc: PcUpdateView): string {
  if (!pc.state) return tr('updates.unknown');
  const reason = pc.reason ? tr(REASON_TEXT[pc.reason]) : '';
  const text = tr(STATE_TEXT[pc.state], { version: pc.target ?? '', reason });
  return pc.state === 'ready' && reason ? `${text} (${reason})` : text;
}

function PcTable({ pcs, zone }: { pcs: PcUpdateView[]; zone: string }) {
  const { tr, locale } = useText();
  return (
    <>
      <h3 id="updates-pcs-heading">{tr('updates.pcsHeading')}</h3>
      <ScrollRegion labelledBy="updates-pcs-caption" className="table-scroll">
      <table className="figures updates__table">
        <caption id="updates-pcs-caption" className="sr-only">{tr('updates.pcsHeading')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('updates.colPc')}</th>
            <th scope="col">{tr('updates.colVersion')}</th>
            <th scope="col">{tr('updates.colOffered')}</th>
            <th scope="col">{tr('updates.colState')}</th>
            <th scope="col">{tr('updates.colAt')}</th>
          </tr>
        </thead>
        <tbody>
          {pcs.map((pc) => (
            <tr key={pc.pcId}>
              <th scope="row">
                {pc.name}
                {pc.online ? '' : ` (${tr('updates.offline')})`}
              </th>
              <td>{pc.running ?? tr('updates.unknown')}</td>
              <td>{pc.offered ?? tr('updates.nothing')}</td>
              <td>{stateText(tr, pc)}</td>
              <td>{pc.at !== undefined ? formatDateTime(pc.at, locale, zone) : tr('updates.nothing')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollRegion>
    </>
  );
}
