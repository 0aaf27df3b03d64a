import { useEffect, useState } from 'react';
import { askForNotifications, beep, notificationState, soundReady, type NotificationState } from './alerts';
import { useText } from './i18n';

/**
 * How new calls reach the advisor: a button to allow system notifications
 * (asked only when pressed, never on load) and a sound test.
 */
export function AlertSettings() {
  const { tr } = useText();
  const [state, setState] = useState<NotificationState>(() => notificationState());
  const [sound, setSound] = useState(() => soundReady());

  // Browsers allow sound only after the page has been used; say so until then.
  useEffect(() => {
    if (sound) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setSound(soundReady()), 200);
    };
    window.addEventListener('pointerdown', check);
    window.addEventListener('keydown', check);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', check);
      window.removeEventListener('keydown', check);
    };
  }, [sound]);

  // The permission can change in the browser's own settings meanwhile.
  useEffect(() => {
    const refresh = () => setState(notificationState());
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);

  return (
    <div className="alert-settings">
      {state === 'default' ? (
        <button type="button" className="button" onClick={() => void askForNotifications().then(setState)}>
          {tr('alerts.enableNotifications')}
        </button>
      ) : (
        <p className="alert-settings__state" role="status">
          {state === 'granted' ? tr('alerts.notificationsOn') : state === 'denied' ? tr('alerts.notificationsBlocked') : tr('alerts.notificationsUnsupported')}
        </p>
      )}
      <button type="button" className="button" onClick={beep}>
        {tr('alerts.testSound')}
      </button>
      {sound ? null : <p className="alert-settings__state">{tr('alerts.soundBlocked')}</p>}
    </div>
  );
}
