import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSnapshot } from '../../../preload/contract';
import { KioskDialog } from '../help/KioskDialog';
import { formatClock } from '../format';
import { useKioskContext } from '../state';

type Session = NonNullable<KioskSnapshot['session']>;

/** "N minutes left", with "Add time" when the next slot is free. */
export function WarningDialog({ session, open, onClose }: { session: Session; open: boolean; onClose: (extendedTo?: number) => void }) {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const [refused, setRefused] = useState(false);
  const [pending, setPending] = useState(false);
  const minutes = session.warning?.minutesLeft ?? 0;
  const extend = async () => {
    if (pending) return; // a double tap must not add the time twice
    setPending(true);
    const reply = await run(() => client.call('kiosk.extendSession', {}));
    setPending(false);
    if (reply?.result === 'ok') onClose(reply.endsAt);
    else if (reply) setRefused(true);
  };
  return (
    <KioskDialog open={open} alert tone="warning" titleId="warning-title" descriptionId="warning-body" onEscape={() => onClose()}>
      <h2 id="warning-title">{t('warning.title', { count: minutes })}</h2>
      <div id="warning-body" className="dialog__body">
        <p>{t('warning.body', { time: formatClock(session.endsAt, locale, snapshot.timeZone) })}</p>
        {minutes <= 1 ? <p>{t('warning.lastMinute')}</p> : null}
        {refused ? (
          <p className="message message--info" role="status">
            {t('warning.extendRefused')}
          </p>
        ) : null}
      </div>
      <div className="dialog__actions">
        {session.canExtend && !refused ? (
          <button type="button" className="button" onClick={() => void extend()}>
            {t('warning.extend', { minutes: session.extendMinutes })}
          </button>
        ) : null}
        <button type="button" className="button button--primary" data-autofocus onClick={() => onClose()}>
          {t('warning.continue')}
        </button>
      </div>
    </KioskDialog>
  );
}

/** "Are you still there?" with the seconds left; the session ends when they run out. */
export function IdleDialog({ open, secondsLeft }: { open: boolean; secondsLeft: number }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const confirm = () => void run(() => client.call('kiosk.confirmPresence', {}));
  return (
    <KioskDialog open={open} alert tone="warning" titleId="idle-title" descriptionId="idle-body" onEscape={confirm} onAskHelp={confirm}>
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-body" className="dialog__body">
        {t('idle.body', { count: secondsLeft })}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary button--large" data-autofocus onClick={confirm}>
          {t('idle.stillHere')}
        </button>
      </div>
    </KioskDialog>
  );
}

/** "End session" asks once before everything is cleared. */
export function EndConfirmDialog({ open, onCancel }: { open: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  return (
    <KioskDialog open={open} titleId="end-title" descriptionId="end-body" onEscape={onCancel}>
      <h2 id="end-title">{t('endConfirm.title')}</h2>
      <p id="end-body" className="dialog__body">
        {t('endConfirm.body')}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" data-autofocus onClick={onCancel}>
          {t('endConfirm.cancel')}
        </button>
        <button type="button" className="button button--danger" onClick={() => void run(() => client.call('kiosk.endSession', {}))}>
          {t('endConfirm.confirm')}
        </button>
      </div>
    </KioskDialog>
  );
}
