import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';
import { useHelpPanel } from './HelpContext';

/**
 * "Ask for help": on every screen, and in every dialog, while the PC has a
 * hub to reach the advisor through. `onAsk` runs first (in "Are you still
 * there?", asking for help says that someone is).
 */
export function HelpButton({ onAsk }: { onAsk?: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const { setOpen } = useHelpPanel();
  const statusId = useId();
  const help = snapshot.help;
  if (!help) return null;
  const active = help.state === 'sending' || help.state === 'sent' || help.state === 'acknowledged';
  const ask = async () => {
    onAsk?.();
    // With help on the screen on offer, the resident chooses in the panel first; otherwise the call goes at once.
    const choose = snapshot.remote?.offered === true && snapshot.remote.state === 'idle';
    if (!active && !choose && help.state !== 'resolved' && help.state !== 'off-duty') await run(() => client.call('kiosk.requestHelp', {}));
    setOpen(true);
  };
  return (
    <div className="help-button-wrap">
      <button type="button" className={`button help-button${active ? ' help-button--active' : ''}`} onClick={() => void ask()} aria-describedby={active ? statusId : undefined}>
        <span aria-hidden="true" className="help-button__icon">
          ?
        </span>
        {t('help.button')}
      </button>
      {active ? (
        <span id={statusId} className="help-button__status">
          {help.state === 'acknowledged' ? t('help.acknowledged') : t('help.buttonActive')}
        </span>
      ) : null}
    </div>
  );
}
