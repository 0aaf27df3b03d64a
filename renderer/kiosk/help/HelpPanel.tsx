import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { formatClock, formatWeekdayTime } from '../format';
import { useKioskContext } from '../state';
import { useHelpPanel } from './HelpContext';
import { RemoteChoice } from '../remote/RemoteChoice';

/** The call's progress: sent → the advisor is coming → resolved; or the hours and a phone number. */
export function HelpPanel() {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const { open, setOpen } = useHelpPanel();
  const closeRef = useRef<HTMLButtonElement>(null);
  const help = snapshot.help;
  const state = help?.state;
  // "The advisor is coming": Close has the focus (never "Cancel the request", which Enter would press).
  useEffect(() => {
    if (open && state === 'acknowledged') closeRef.current?.focus();
  }, [open, state]);
  if (!help) return null;
  const time = (at: number) => formatClock(at, locale, snapshot.timeZone);
  const active = help.state === 'sending' || help.state === 'sent' || help.state === 'acknowledged';
  const close = () => {
    setOpen(false);
    if (help.state === 'resolved' || help.state === 'off-duty') void run(() => client.call('kiosk.dismissHelp', {}));
  };
  const hours = help.hours.map((h) => `${time(h.startsAt)}–${time(h.endsAt)}`).join(', ');
  const nextOnDuty = help.nextOnDuty
    ? formatWeekdayTime(help.nextOnDuty, locale, snapshot.timeZone)
    : undefined;

  let message: string;
  if (help.state === 'off-duty') message = t('help.offDuty');
  else if (active && !help.hubOnline) message = t('help.unreachable');
  else if (help.state === 'sending') message = t('help.sending');
  else if (help.state === 'sent') message = t('help.sent');
  else if (help.state === 'acknowledged') message = t('help.acknowledged');
  else if (help.state === 'resolved') message = t('help.resolved');
  else if (snapshot.remote?.offered && snapshot.remote.state === 'idle') message = t('remote.choose');
  else message = '';

  return (
    <Dialog open={open} titleId="help-title" descriptionId="help-body" onEscape={close}>
      <h2 id="help-title">{t('help.title')}</h2>
      <div id="help-body" className="dialog__body">
        <p role="status" className={`help-state help-state--${help.state}`}>
          {message}
        </p>
        {help.state === 'off-duty' ? (
          <>
            <p>{hours ? t('help.offDutyHours', { hours }) : t('help.noHoursToday')}</p>
            {nextOnDuty ? <p>{t('help.nextOnDuty', { when: nextOnDuty })}</p> : null}
            {help.phone ? <p className="help-phone">{t('help.phone', { phone: help.phone })}</p> : null}
          </>
        ) : null}
      </div>
      <div className="dialog__actions">
        {active ? (
          <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.cancelHelp', {})).then(() => setOpen(false))}>
            {t('help.cancel')}
          </button>
        ) : null}
        {help.state === 'idle' ? (
          <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.requestHelp', {}))}>
            {t('help.ask')}
          </button>
        ) : null}
        {help.state === 'idle' || help.state === 'off-duty' ? <RemoteChoice onAsked={() => setOpen(false)} /> : null}
        <button ref={closeRef} type="button" className="button button--primary" data-autofocus onClick={close}>
          {t('help.close')}
        </button>
      </div>
    </Dialog>
  );
}
