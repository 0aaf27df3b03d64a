import { useText } from '../i18n';
import { useAlertState } from './useAlertState';
import { useTestAlert } from './useTestAlert';

/** Beside the help queue's heading: whether sound and notifications are on, how often an unanswered alert sounds again, and the test. */
export function AlertSettings({ repeatSeconds }: { repeatSeconds: number }) {
  const { tr } = useText();
  const { sound, notifications } = useAlertState();
  const { test, result } = useTestAlert();
  const notificationText =
    notifications === 'granted'
      ? tr('alerts.notificationsOn')
      : notifications === 'denied'
        ? tr('alerts.notificationsBlockedNow')
        : notifications === 'default'
          ? tr('alerts.notificationsOffNow')
          : tr('alerts.notificationsUnsupported');
  return (
    <div className="alert-settings">
      <p className="alert-settings__state">
        <span>{sound ? tr('alerts.soundOn') : tr('alerts.soundOffClick')}</span> <span>{notificationText}</span>{' '}
        <span>{repeatSeconds > 0 ? tr('alerts.repeats', { seconds: repeatSeconds }) : tr('alerts.noRepeats')}</span>
      </p>
      <button type="button" className="button" onClick={test}>
        {tr('alerts.test')}
      </button>
      <p className="alert-settings__result" role="status">
        {result}
      </p>
    </div>
  );
}
