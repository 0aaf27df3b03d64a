import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { useKioskContext } from '../state';
import { ChatBox } from '../../ui/ChatBox';
import { useRemoteShare, type Pointer } from './useRemoteShare';
import { POINTER_SHOWN_MS } from '../../../preload/protocol';
import './remote.css';

/**
 * Help from afar on the kiosk (issue 16): the bar while waiting and while
 * sharing (outside the web area, so no web page can cover it), the consent
 * question, the advisor's pointer, the chat, and a plain message for every
 * way a call ends.
 */
export function RemoteHelp() {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const share = useRemoteShare();
  const { remote, chat, pointer, problem, micMissing, audio } = share;
  if (!remote) return null;
  const state = remote.state;
  const dismiss = () => void run(() => client.call('kiosk.remote.dismiss', {}));
  const phone = snapshot.help?.phone;

  return (
    <>
      {state === 'waiting' ? (
        <section className="remote-bar remote-bar--waiting" aria-label={t('remote.barLabel')}>
          <p role="status">{t('remote.waiting')}</p>
          <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.remote.stop', { reason: 'resident-stopped' }))}>
            {t('remote.cancel')}
          </button>
        </section>
      ) : null}
      {state === 'sharing' ? (
        <section className="remote-bar remote-bar--sharing" aria-label={t('remote.barLabel')}>
          <div className="remote-bar__row">
            <p role="status" className="remote-bar__live">
              <span className="remote-bar__dot" aria-hidden="true" />
              {t('remote.sharing')}
            </p>
            <button type="button" className="button button--danger" onClick={() => void run(() => client.call('kiosk.remote.stop', { reason: 'resident-stopped' }))}>
              {t('remote.stop')}
            </button>
          </div>
          {remote.voice ? <p className="remote-bar__note">{micMissing ? t('remote.micMissing') : t('remote.voiceOn')}</p> : null}
          <ChatBox
            prefix="remote-chat"
            level={2}
            heading={t('remote.chatHeading')}
            label={t('remote.chatLabel')}
            send={t('remote.send')}
            names={{ advisor: t('remote.advisor'), resident: t('remote.you') }}
            lines={chat}
            onSay={share.say}
          />
        </section>
      ) : null}
      <audio ref={audio} autoPlay hidden />
      <PointerMarker pointer={state === 'sharing' ? pointer : undefined} />

      <Dialog open={state === 'consent'} titleId="remote-consent-title" descriptionId="remote-consent-body">
        <h2 id="remote-consent-title">{t('remote.consentTitle')}</h2>
        <p id="remote-consent-body" className="dialog__body">
          {t('remote.consentBody')}
        </p>
        <div className="dialog__actions">
          <button type="button" className="button" data-autofocus onClick={() => void run(() => client.call('kiosk.remote.consent', { given: false }))}>
            {t('remote.notNow')}
          </button>
          <button type="button" className="button button--primary" onClick={() => void share.show()}>
            {t('remote.show')}
          </button>
        </div>
      </Dialog>

      <Dialog open={state === 'ended' || state === 'refused'} titleId="remote-ended-title" descriptionId="remote-ended-body" onEscape={dismiss}>
        <h2 id="remote-ended-title">{t('remote.endedTitle')}</h2>
        <div id="remote-ended-body" className="dialog__body">
          <p role="status">{problem === 'capture' ? t('remote.captureFailed') : t(endKey(state, remote.reason))}</p>
          {state === 'refused' || remote.reason === 'connection-lost' ? <p>{phone ? t('remote.otherChoicesPhone', { phone }) : t('remote.otherChoices')}</p> : null}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button button--primary" data-autofocus onClick={dismiss}>
            {t('remote.close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}

const ENDED = {
  'resident-stopped': 'remote.ended.residentStopped',
  declined: 'remote.ended.declined',
  'advisor-ended': 'remote.ended.advisorEnded',
  'session-ended': 'remote.ended.sessionEnded',
  'connection-lost': 'remote.ended.connectionLost',
  cancelled: 'remote.ended.cancelled',
} as const;

/** The words for how the call ended (or why the hub did not take it). */
function endKey(state: string, reason: string | undefined) {
  if (state === 'refused') return reason === 'busy' ? ('remote.refused.busy' as const) : ('remote.refused.offDuty' as const);
  return ENDED[reason as keyof typeof ENDED] ?? ENDED['connection-lost'];
}

/**
 * Where the advisor pointed, fading away, and said to screen readers. In
 * the preview the marker is drawn here, over the shared page. On a room PC
 * the web view lies above this page, so the shell draws it over the web
 * view (main/shell/pointer-overlay.ts) and this page only announces it.
 */
function PointerMarker({ pointer }: { pointer: Pointer | undefined }) {
  const { t } = useTranslation();
  const [faded, setFaded] = useState<number | undefined>();
  useEffect(() => {
    if (!pointer) return;
    // Gone with its fading: nothing of it stays on the page.
    const id = setTimeout(() => setFaded(pointer.id), POINTER_SHOWN_MS);
    return () => clearTimeout(id);
  }, [pointer]);
  const shown = pointer && faded !== pointer.id ? pointer.id : undefined;
  const said = shown !== undefined ? t('remote.pointed') : '';
  let style: { left: number; top: number } | undefined;
  if (pointer && !window.tupa) style = { left: pointer.x * window.innerWidth, top: pointer.y * window.innerHeight };
  return (
    <>
      {pointer && style && shown === pointer.id ? <div key={pointer.id} className="remote-pointer" style={style} aria-hidden="true" data-testid="remote-pointer" /> : null}
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </>
  );
}
