import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Fingerprint } from '../../ui/Fingerprint';
import { Lockout } from '../../ui/Lockout';
import { useCountdown } from '../../ui/useCountdown';
import { hubFailureText, type HubFailure } from '../maintenance/hub-failure';
import { useCoreNow, useKioskContext } from '../state';

type Message = { kind: 'wrong-pin' } | { kind: 'no-pin' } | { kind: 'paired'; site: string } | { kind: 'failed'; failure: HubFailure };

/**
 * IT's maintenance screen, behind the admin PIN: the hub connection and
 * pairing with a hub (step 1 shows the site CA's fingerprint to compare with
 * the advisor console; step 2 pins it and pairs with the one-time code).
 */
export function MaintenanceScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const m = snapshot.maintenance!;
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<Message | undefined>();
  const [pinLockedUntil, setPinLockedUntil] = useState<number | undefined>();
  const pinLockedMs = useCountdown(pinLockedUntil, useCoreNow());
  const [address, setAddress] = useState(m.hub.address ?? '');
  const [checked, setChecked] = useState<{ address: string; fingerprint: string } | undefined>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  const close = () => {
    void run(() => client.call('kiosk.maintenance.lock', {}));
    onClose();
  };

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    if (pinLockedMs > 0) return;
    const reply = await run(() => client.call('kiosk.maintenance.unlock', { pin }));
    setPin('');
    if (!reply) return;
    setMessage(reply.result === 'wrong' ? { kind: 'wrong-pin' } : reply.result === 'no-pin' ? { kind: 'no-pin' } : undefined);
    if (reply.result === 'throttled') setPinLockedUntil(reply.until);
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setChecked(undefined);
    const reply = await run(() => client.call('kiosk.maintenance.inspectHub', { address }));
    setBusy(false);
    if (!reply) return;
    if (reply.result === 'ok') {
      setChecked({ address: reply.address, fingerprint: reply.fingerprint });
      setMessage(undefined);
    } else setMessage({ kind: 'failed', failure: reply });
  };

  const pair = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked) return;
    setBusy(true);
    const reply = await run(() => client.call('kiosk.maintenance.pair', { address: checked.address, fingerprint: checked.fingerprint, code }));
    setBusy(false);
    setCode('');
    if (!reply) return;
    if (reply.result === 'ok') {
      setChecked(undefined);
      setMessage({ kind: 'paired', site: reply.siteName });
    } else setMessage({ kind: 'failed', failure: reply });
  };

  return (
    <div className="screen screen--maintenance">
      <header className="topbar">
        <p className="topbar__where">{snapshot.pc.name}</p>
        <button type="button" className="button" onClick={close}>
          {t('maintenance.close')}
        </button>
      </header>
      <main id="main" className="screen__main" tabIndex={-1}>
        <h1>{t('maintenance.title')}</h1>
        {pinLockedMs > 0 && !m.unlocked ? (
          <p className="message message--error" role="alert">
            <Lockout leftMs={pinLockedMs} text={(time) => t('maintenance.throttled', { time })} />
          </p>
        ) : message?.kind === 'failed' ? (
          <div className="message message--error">
            <p role="alert">{t(`maintenance.failed-${hubFailureText(message.failure)}`)}</p>
            {/* The raw detail, for IT (in English, as the system gave it). */}
            <p className="message__detail">
              {t('maintenance.details')}{' '}
              <span lang="en" dir="ltr" translate="no">
                {message.failure.message}
              </span>
            </p>
          </div>
        ) : message ? (
          <p className={`message message--${message.kind === 'paired' ? 'success' : 'error'}`} role="alert">
            {message.kind === 'paired' ? t('maintenance.paired', { site: message.site }) : message.kind === 'wrong-pin' ? t('maintenance.wrongPin') : t('maintenance.noPin')}
          </p>
        ) : null}
        {!m.unlocked ? (
          m.pinSet ? (
            <form className="stack" onSubmit={unlock}>
              <label htmlFor="maintenance-pin" className="field-label">
                {t('maintenance.pinLabel')}
              </label>
              <input
                id="maintenance-pin"
                className="code-input"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 12))}
                disabled={pinLockedMs > 0}
              />
              <button type="submit" className="button button--primary button--large" disabled={pinLockedMs > 0}>
                {t('maintenance.unlock')}
              </button>
            </form>
          ) : (
            <p>{t('maintenance.noPin')}</p>
          )
        ) : (
          <>
            <section className="card stack" aria-labelledby="hub-heading">
              <h2 id="hub-heading">{t('maintenance.hubHeading')}</h2>
              <p>{t(`maintenance.mode-${m.hub.mode}`)}</p>
              <p>{t('maintenance.state', { state: t(`maintenance.state-${m.hub.state}`) })}</p>
              {m.hub.address ? (
                <p>
                  {t('maintenance.address')}: <span dir="ltr">{m.hub.address}</span>
                </p>
              ) : null}
              {m.hub.siteName ? (
                <p>
                  {t('maintenance.site')}: {m.hub.siteName}
                </p>
              ) : null}
              {/* One fingerprint on the screen at a time: while a hub is being checked, the one to compare. */}
              {m.hub.caFingerprint && !checked ? (
                <>
                  <p>{t('maintenance.fingerprint')}:</p>
                  <Fingerprint value={m.hub.caFingerprint} />
                </>
              ) : null}
            </section>
            <section className="card stack" aria-labelledby="pair-heading">
              <h2 id="pair-heading">{t('maintenance.pairHeading')}</h2>
              <form className="stack" onSubmit={check}>
                <label htmlFor="hub-address" className="field-label">
                  {t('maintenance.address')}
                </label>
                <input id="hub-address" className="text-input" dir="ltr" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
                <button type="submit" className="button" disabled={busy || address.trim() === ''}>
                  {t('maintenance.check')}
                </button>
              </form>
              {checked ? (
                <form className="stack" onSubmit={pair}>
                  <p>{t('maintenance.compare')}</p>
                  <Fingerprint value={checked.fingerprint} large />
                  <label htmlFor="pairing-code" className="field-label">
                    {t('maintenance.code')}
                  </label>
                  <input
                    id="pairing-code"
                    className="code-input"
                    inputMode="numeric"
                    autoComplete="off"
                    value={code}
                    onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 8))}
                  />
                  <button type="submit" className="button button--primary" disabled={busy || code.length !== 8}>
                    {t('maintenance.pair')}
                  </button>
                </form>
              ) : null}
            </section>
          </>
        )}
      </main>
    </div>
  );
}
