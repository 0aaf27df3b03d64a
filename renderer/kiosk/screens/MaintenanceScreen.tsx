import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';

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
  const [message, setMessage] = useState<string | undefined>();
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
    const reply = await run(() => client.call('kiosk.maintenance.unlock', { pin }));
    setPin('');
    if (!reply) return;
    if (reply.result === 'ok') setMessage(undefined);
    else if (reply.result === 'wrong') setMessage(t('maintenance.wrongPin'));
    else if (reply.result === 'throttled') setMessage(t('maintenance.throttled', { seconds: Math.ceil((reply.until - snapshot.now) / 1000) }));
    else setMessage(t('maintenance.noPin'));
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
    } else setMessage(t('maintenance.error', { message: reply.message }));
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
      setMessage(t('maintenance.paired', { site: reply.siteName }));
    } else setMessage(t('maintenance.error', { message: reply.message }));
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
        {message ? (
          <p className="message message--info" role="alert">
            {message}
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
              />
              <button type="submit" className="button button--primary button--large">
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
              {m.hub.caFingerprint ? (
                <p>
                  {t('maintenance.fingerprint')}: <code className="fingerprint">{m.hub.caFingerprint}</code>
                </p>
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
                  <code className="fingerprint fingerprint--large">{checked.fingerprint}</code>
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
