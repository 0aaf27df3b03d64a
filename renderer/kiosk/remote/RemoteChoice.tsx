import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';

/** "Get help on the screen", beside "Ask the advisor to come", while remote help is on duty and a session runs. */
export function RemoteChoice({ onAsked }: { onAsked: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const remote = snapshot.remote;
  if (!remote?.offered || remote.state !== 'idle') return null;
  const ask = async () => {
    const answer = await run(() => client.call('kiosk.remote.ask', {}));
    if (answer?.result === 'sending') onAsked();
  };
  return (
    <button type="button" className="button" onClick={() => void ask()}>
      {t('remote.ask')}
    </button>
  );
}
