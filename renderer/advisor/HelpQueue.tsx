import type { Board, HelpCallView } from '../../preload/hub-contract';
import { ErrorMessage } from '../ui/ErrorMessage';
import { callHub } from './api';
import { useNow } from '../ui/useNow';
import { isOpen, pcLabel } from './board';
import { useHubAction } from './useHubAction';
import { useText } from './i18n';
import { dayBounds, dayKey, formatClock, MINUTE } from './time';
import { AlertSettings } from './alerts/AlertSettings';
import { openAlerts, unanswered } from './alerts/attention';
import { ClosedAlert, PcAlertList } from './alerts/PcAlertList';
import { RemoteAccept, RemoteMark } from './remote/RemoteAccept';

export { pcLabel } from './board';

/**
 * The help queue, first on the page: PCs out of service, then open calls
 * (oldest first) with how long the resident has waited and the two
 * answers; today's closed calls and PCs back in service below, dimmed.
 * While something waits for a first answer the queue is "ringing".
 */
export function HelpQueue({ board, offsetMs, onFailure }: { board: Board; offsetMs: number; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const now = useNow(5_000) + offsetMs;
  const today = dayBounds(dayKey(now, board.site.timeZone), board.site.timeZone);
  const open = board.help.filter(isOpen).sort((a, b) => a.requestedAt - b.requestedAt);
  const closed = board.help
    .filter((c) => !isOpen(c) && c.requestedAt >= today.start)
    .sort((a, b) => (b.resolvedAt ?? b.requestedAt) - (a.resolvedAt ?? a.requestedAt));
  const alerts = openAlerts(board);
  const cleared = board.alerts.filter((a) => a.state === 'cleared' && (a.clearedAt ?? 0) >= today.start);
  const count = open.length + alerts.length;
  const state = count === 0 ? '' : unanswered(board) ? ' help-queue--active help-queue--ringing' : ' help-queue--active';

  return (
    <section id="help" className={`panel help-queue${state}`} aria-labelledby="help-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="help-heading">
          {tr('help.heading')}
          {count ? <span className="count-badge">{count}</span> : null}
        </h2>
        <AlertSettings repeatSeconds={board.site.alertRepeatSeconds} />
      </div>
      {alerts.length ? <PcAlertList alerts={alerts} board={board} onFailure={onFailure} /> : null}
      {open.length === 0 ? (
        alerts.length ? null : <p className="help-queue__empty">{tr('help.none')}</p>
      ) : (
        <ol className="help-list">
          {open.map((call) => (
            <OpenCall key={call.id} call={call} board={board} now={now} onFailure={onFailure} />
          ))}
        </ol>
      )}
      {closed.length || cleared.length ? (
        <div className="help-closed">
          <h3 className="help-closed__heading">{tr('help.earlierToday')}</h3>
          <ul className="help-list help-list--closed">
            {cleared.map((alert) => (
              <ClosedAlert key={alert.id} alert={alert} board={board} />
            ))}
            {closed.map((call) => (
              <ClosedCall key={call.id} call={call} board={board} />
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function OpenCall({ call, board, now, onFailure }: { call: HelpCallView; board: Board; now: number; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const { pending, error, run } = useHubAction<'acknowledge' | 'resolve'>(onFailure);
  const zone = board.site.timeZone;
  const { name, room } = pcLabel(board.pcs, call.pcId);
  const minutes = Math.max(0, Math.floor((now - call.requestedAt) / MINUTE));
  const since = formatClock(call.requestedAt, locale, zone);
  const headingId = `call-${call.id}`;

  const act = (action: 'acknowledge' | 'resolve') => run(action, () => callHub(action, { id: call.id }));

  return (
    <li className={`help-call help-call--${call.state}`}>
      <h3 id={headingId} className="help-call__where" tabIndex={-1}>
        {room ? tr('help.where', { pc: name, room }) : name}
        {call.remote ? <RemoteMark /> : null}
      </h3>
      <p className="help-call__state">
        {call.state === 'requested'
          ? minutes < 1
            ? tr('help.waitingJustNow', { time: since })
            : tr('help.waiting', { count: minutes, time: since })
          : tr('help.coming', { advisor: call.advisor ?? '', time: formatClock(call.acknowledgedAt ?? call.requestedAt, locale, zone) })}
      </p>
      <div className="help-call__actions">
        {call.remote ? <RemoteAccept call={call} describedBy={headingId} onFailure={onFailure} /> : null}
        {call.state === 'requested' && !call.remote ? (
          <button
            type="button"
            className="button button--primary button--large"
            aria-describedby={headingId}
            aria-disabled={!!pending || undefined}
            onClick={() => void act('acknowledge')}
          >
            {tr('help.acknowledge')}
          </button>
        ) : null}
        <button
          type="button"
          className={`button button--large${call.state === 'acknowledged' ? ' button--primary' : ''}`}
          aria-describedby={headingId}
          aria-disabled={!!pending || undefined}
          onClick={() => void act('resolve')}
        >
          {tr('help.resolve')}
        </button>
      </div>
      <ErrorMessage text={error} />
    </li>
  );
}

function ClosedCall({ call, board }: { call: HelpCallView; board: Board }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const { name } = pcLabel(board.pcs, call.pcId);
  const at = formatClock(call.requestedAt, locale, zone);
  const closedAt = formatClock(call.resolvedAt ?? call.acknowledgedAt ?? call.requestedAt, locale, zone);
  const minutes = call.resolvedAt ? Math.max(0, Math.round((call.resolvedAt - call.requestedAt) / MINUTE)) : 0;
  return (
    <li className="help-call help-call--closed">
      <span className="help-call__where">{name}</span> {call.remote ? <RemoteMark /> : null}{' '}
      <span>
        {call.state === 'cancelled'
          ? tr('help.cancelled', { time: at, closed: closedAt })
          : tr('help.resolved', { time: at, closed: closedAt, advisor: call.advisor ?? '', count: minutes })}
      </span>
    </li>
  );
}
