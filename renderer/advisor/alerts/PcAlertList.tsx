import type { Board, PcAlertView } from '../../../preload/hub-contract';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { callHub } from '../api';
import { useHubAction } from '../useHubAction';
import { pcLabel } from '../board';
import { useText } from '../i18n';
import { formatClock } from '../time';
import { CAUSE_TEXT } from './attention';

/**
 * PCs out of service and printers that need someone, at the top of the help queue: which PC, why in plain
 * words, what to do, and "I'll see to it" (every console stops ringing).
 * The PC's own words are one tap away, for IT.
 */
export function PcAlertList({ alerts, board, onFailure }: { alerts: PcAlertView[]; board: Board; onFailure: (error: unknown) => void }) {
  return (
    <ol className="help-list">
      {alerts.map((alert) => (
        <OpenAlert key={alert.id} alert={alert} board={board} onFailure={onFailure} />
      ))}
    </ol>
  );
}

function OpenAlert({ alert, board, onFailure }: { alert: PcAlertView; board: Board; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const { pending, error, run } = useHubAction<'acknowledge'>(onFailure);
  const zone = board.site.timeZone;
  const { name, room } = pcLabel(board.pcs, alert.pcId);
  const headingId = `alert-${alert.id}`;
  const printer = alert.kind === 'printer';
  const since = formatClock(alert.raisedAt, locale, zone);

  const acknowledge = () => run('acknowledge', () => callHub('acknowledgeAlert', { id: alert.id }));

  return (
    <li className={`help-call help-call--alert help-call--alert-${alert.state}`}>
      <h3 id={headingId} className="help-call__where" tabIndex={-1}>
        {printer ? tr('printerAlert.heading', { printer: alert.printer ?? '' }) : room ? tr('help.where', { pc: name, room }) : name}
      </h3>
      <p className="help-call__state">
        <strong>{printer ? tr('printerAlert.since', { time: since, pc: name }) : tr('pcAlert.since', { time: since })}</strong> {tr(CAUSE_TEXT[alert.cause])}
      </p>
      <p className="help-call__todo">{tr(printer ? 'printerAlert.todo' : 'pcAlert.todo')}</p>
      {alert.state === 'acknowledged' ? (
        <p className="help-call__taken">{tr('pcAlert.taken', { advisor: alert.advisor ?? '', time: formatClock(alert.acknowledgedAt ?? alert.raisedAt, locale, zone) })}</p>
      ) : (
        <div className="help-call__actions">
          <button
            type="button"
            className="button button--primary button--large"
            aria-describedby={headingId}
            aria-disabled={!!pending || undefined}
            onClick={() => void acknowledge()}
          >
            {tr('pcAlert.acknowledge')}
          </button>
        </div>
      )}
      <details className="help-call__details">
        <summary>{tr('pcAlert.forIt')}</summary>
        <p>
          <code>{alert.detail}</code>
        </p>
      </details>
      <ErrorMessage text={error} />
    </li>
  );
}

/** A PC that was out of service today and is back (or a printer working again), in the queue's "earlier today" list. */
export function ClosedAlert({ alert, board }: { alert: PcAlertView; board: Board }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const { name } = pcLabel(board.pcs, alert.pcId);
  const times = { time: formatClock(alert.raisedAt, locale, zone), closed: formatClock(alert.clearedAt ?? alert.raisedAt, locale, zone) };
  return (
    <li className="help-call help-call--closed">
      <span className="help-call__where">{alert.kind === 'printer' ? tr('printerAlert.heading', { printer: alert.printer ?? '' }) : name}</span>{' '}
      <span>{tr(alert.kind === 'printer' ? 'printerAlert.cleared' : 'pcAlert.cleared', times)}</span>
    </li>
  );
}
