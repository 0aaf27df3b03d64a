import { useRef, useState } from 'react';
import { useText, type AdvisorKey } from '../i18n';
import { useAlertState } from './useAlertState';
import { useTestAlert } from './useTestAlert';

/**
 * At the top of the console while it cannot alert the advisor fully: the
 * browser keeps sound off until the page is used, and notifications until
 * they are allowed. One press turns both on; blocked notifications are
 * named, with how to allow them. After the press the banner says that all
 * is on and offers the test, until the advisor goes on elsewhere.
 */
export function AlertBanner() {
  const { tr } = useText();
  const { sound, notifications, turnOn } = useAlertState();
  const [confirming, setConfirming] = useState(false);
  const testButton = useRef<HTMLButtonElement>(null);
  const { test, result } = useTestAlert();
  const notificationsOff = notifications === 'default';
  const blocked = notifications === 'denied';
  const off = !sound || notificationsOff || blocked;

  const title: AdvisorKey = !sound
    ? notificationsOff
      ? 'alerts.bothOff'
      : blocked
        ? 'alerts.soundOffBlocked'
        : 'alerts.soundOff'
    : notificationsOff
      ? 'alerts.notificationsOff'
      : 'alerts.notificationsBlocked';

  const press = async () => {
    // Confirming first: the banner must not vanish between "all on" and the confirmation.
    setConfirming(true);
    await turnOn();
    // The button goes with the warning: focus moves to the test, the next thing to do.
    requestAnimationFrame(() => testButton.current?.focus());
  };

  if (!off && !confirming) return null;
  return (
    <div
      className={`status-banner alert-banner${off ? '' : ' alert-banner--on'}`}
      role="region"
      aria-label={tr('alerts.bannerLabel')}
      onBlur={(event) => {
        // Only focus moved elsewhere ends the confirmation: the pressed button going away moves focus nowhere.
        const to = event.relatedTarget;
        if (!off && to instanceof Node && !event.currentTarget.contains(to)) setConfirming(false);
      }}
    >
      <div role="status" className="alert-banner__text">
        {off ? (
          <p>
            <strong>{tr(title)}</strong>
            {sound && blocked ? null : <> — {tr('alerts.why')}</>}
          </p>
        ) : (
          <p>
            <strong>{tr('alerts.allOn')}</strong>
          </p>
        )}
        {blocked ? <p className="alert-banner__fix">{tr('alerts.howToAllow')}</p> : null}
        {result ? <p>{result}</p> : null}
      </div>
      {off && (!sound || notificationsOff) ? (
        <button type="button" className="button button--primary" onClick={() => void press()}>
          {tr('alerts.turnOn')}
        </button>
      ) : null}
      {!off ? (
        <button ref={testButton} type="button" className="button" onClick={test}>
          {tr('alerts.test')}
        </button>
      ) : null}
    </div>
  );
}
