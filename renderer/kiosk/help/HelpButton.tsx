import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';
import { useHelpPanel } from './HelpContext';

/** "Ask for help": on every screen while the PC has a hub to reach the advisor through. */
export function HelpButton() {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const { setOpen } = useHelpPanel();
  const help = snapshot.help;
  if (!help) return null;
  const active = help.state === 'sending' || help.state === 'sent' || help.state === 'acknowledged';
  const ask = async () => {
    if (!active && help.state !== 'resolved' && help.state !== 'off-duty') await run(() => client.call('kiosk.requestHelp', {}));
    setOpen(true);
  };
  return (
    <div className="help-button-wrap">
      <button type="button" className={`button help-button${active ? ' help-button--active' : ''}`} onClick={() => void ask()} aria-describedby={active ? 'help-status' : undefined}>
        <span aria-hidden="true" className="help-button__icon">
          ?
        </span>
        {t('help.button')}
      </button>
      {active ? (
        <span id="help-status" className="help-button__status">
          {help.state === 'acknowledged' ? t('help.acknowledged') : t('help.buttonActive')}
        </span>
      ) : null}
    </div>
  );
}
