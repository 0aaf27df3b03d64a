import { useTranslation } from 'react-i18next';
import type { ConnectionState } from '../api/ws-bridge';

/** Says plainly when the screen cannot reach the kiosk core, or a tap did not work. */
export function StatusBanner({
  connection,
  mismatch,
  failed,
  onDismiss,
}: {
  connection: ConnectionState;
  mismatch: boolean;
  failed: boolean;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  let text: string | undefined;
  if (mismatch) text = t('app.versionMismatch');
  else if (connection === 'lost') text = t('app.connectionLost');
  else if (connection === 'connecting') text = t('app.connecting');
  else if (failed) text = t('app.actionFailed');
  return (
    <div className="status-banner" role="alert" hidden={!text}>
      {text ? (
        <p>
          {text}
          {failed && !mismatch && connection === 'open' ? (
            <button type="button" className="link-button" onClick={onDismiss}>
              {t('common.close')}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
