import { useState } from 'react';
import type { Board, PcView } from '../../preload/hub-contract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Fingerprint } from '../ui/Fingerprint';
import { callHub } from './api';
import { useNow } from '../ui/useNow';
import { describeError } from './errors';
import { useText } from './i18n';
import { formatCountdown } from '../ui/countdown';
import { formatClock } from './time';

interface PairingCode {
  code: string;
  expiresAt: number;
  caFingerprint: string;
}

/**
 * Pairing a PC with this site: a one-time code (8 digits, 10 minutes), the
 * site CA's fingerprint to compare, and IT's three steps on the PC. Below:
 * the paired PCs, each revocable.
 */
export function Pairing({ board, offsetMs, onFailure }: { board: Board; offsetMs: number; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const [pairing, setPairing] = useState<PairingCode | undefined>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const now = useNow(1000) + offsetMs;
  const left = pairing ? pairing.expiresAt - now : 0;
  const fingerprint = pairing?.caFingerprint ?? board.site.caFingerprint;

  const create = async () => {
    if (pending) return;
    setPending(true);
    setError(undefined);
    try {
      setPairing(await callHub('pairingCode'));
    } catch (failure) {
      setError(describeError(failure, tr));
      onFailure(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <section id="pairing" className="panel" aria-labelledby="pairing-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="pairing-heading">{tr('pairing.heading')}</h2>
      </div>
      <div className="pairing">
        <div className="card">
          <h3>{tr('pairing.pairHeading')}</h3>
          <p>{tr('pairing.intro')}</p>
          {pairing ? (
            <div className="pairing-code" aria-live="polite">
              {left > 0 ? (
                <>
                  <p className="pairing-code__label">{tr('pairing.codeLabel')}</p>
                  <p className="pairing-code__digits">
                    <span className="sr-only">{pairing.code.split('').join(' ')}</span>
                    <span aria-hidden="true">{`${pairing.code.slice(0, 4)} ${pairing.code.slice(4)}`}</span>
                  </p>
                  <p>
                    {tr('pairing.validUntil', { time: formatClock(pairing.expiresAt, locale, board.site.timeZone) })}{' '}
                    <span className="countdown" aria-hidden="true">
                      ({formatCountdown(left)})
                    </span>
                  </p>
                </>
              ) : (
                <p className="message message--info">{tr('pairing.expired')}</p>
              )}
            </div>
          ) : null}
          <button type="button" className="button button--primary" aria-disabled={pending || undefined} onClick={() => void create()}>
            {pairing ? tr('pairing.newCode') : tr('pairing.create')}
          </button>
          <ErrorMessage text={error} />
        </div>
        <div className="card">
          <h3>{tr('pairing.fingerprintHeading')}</h3>
          <Fingerprint value={fingerprint} />
          <h3>{tr('pairing.stepsHeading')}</h3>
          <ol className="steps">
            <li>{tr('pairing.step1')}</li>
            <li>{tr('pairing.step2', { address: location.host })}</li>
            <li>{tr('pairing.step3')}</li>
          </ol>
        </div>
      </div>
      <PairedPcs pcs={board.pcs} onFailure={onFailure} />
    </section>
  );
}

function PairedPcs({ pcs, onFailure }: { pcs: PcView[]; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const [revoking, setRevoking] = useState<PcView | undefined>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const paired = pcs.filter((p) => p.paired);

  const revoke = async () => {
    if (!revoking || pending) return;
    setPending(true);
    setError(undefined);
    try {
      await callHub('revoke', { id: revoking.id });
      setDone(tr('pairing.revoked', { pc: revoking.name }));
      setRevoking(undefined);
    } catch (failure) {
      setError(describeError(failure, tr, { pc: revoking.name }));
      onFailure(failure);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="paired">
      <h3>{tr('pairing.pairedHeading')}</h3>
      {paired.length === 0 ? <p className="hint">{tr('pairing.nonePaired')}</p> : null}
      <ul className="paired__list">
        {paired.map((pc) => (
          <li key={pc.id} className="paired__item">
            <span className="paired__name">
              {pc.room ? tr('bookings.pcOption', { pc: pc.name, room: pc.room }) : pc.name}
              <span className="paired__id">{pc.id}</span>
            </span>
            <button
              type="button"
              className="button"
              aria-label={tr('pairing.revokeNamed', { pc: pc.name })}
              onClick={() => {
                setError(undefined);
                setRevoking(pc);
              }}
            >
              {tr('pairing.revoke')}
            </button>
          </li>
        ))}
      </ul>
      <div aria-live="polite">{done ? <p className="message message--success">{done}</p> : null}</div>
      <ConfirmDialog
        open={!!revoking}
        title={tr('pairing.revokeTitle', { pc: revoking?.name ?? '' })}
        confirmLabel={tr('pairing.revokeConfirm')}
        cancelLabel={tr('common.cancel')}
        tone="danger"
        busy={pending}
        error={error}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
      >
        <p>{tr('pairing.revokeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
