import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result, KioskMethods } from '../../../preload/contract';
import { formatCountdown } from '../format';
import { useCoreNow, useKioskContext, useTicker } from '../state';
import './queue.css';

type TakeResult = Result<KioskMethods, 'kiosk.queue.take'>;

/**
 * "Take a number" on the welcome screen (the queue lives at the hub): the
 * number called to this PC with its Start button and the time left to take
 * it; the numbers called to other PCs, announced politely; and, while no PC
 * is free, the button that takes a number and shows it large with the
 * people before it, until the resident presses OK.
 */
export function QueuePanel() {
  const { snapshot } = useKioskContext();
  const [ticket, setTicket] = useState<TakeResult | undefined>();
  const queue = snapshot.queue;
  if (!queue) return null;
  return (
    <div className="queue">
      {queue.here ? <CalledHere number={queue.here.number} until={queue.here.until} /> : null}
      <CallBanner calls={queue.calls} />
      {ticket ? <Ticket result={ticket} onOk={() => setTicket(undefined)} /> : queue.offered && !queue.here ? <TakeNumber onTaken={setTicket} /> : null}
    </div>
  );
}

function CalledHere({ number, until }: { number: string; until: number }) {
  const { t } = useTranslation();
  const { client, locale, run } = useKioskContext();
  const coreNow = useCoreNow();
  useTicker(1_000);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [number]);
  return (
    <section className="card queue__here" aria-labelledby="queue-here-heading">
      <h2 id="queue-here-heading" ref={heading} tabIndex={-1} className="queue__here-heading">
        {t('queue.calledHere', { number })}
      </h2>
      <p className="queue__left">{t('queue.timeLeft', { time: formatCountdown(until - coreNow()) })}</p>
      <button type="button" className="button button--primary button--large" onClick={() => void run(() => client.call('kiosk.queue.start', { locale }))}>
        {t('queue.start')}
      </button>
    </section>
  );
}

function CallBanner({ calls }: { calls: ReadonlyArray<{ number: string; pcName: string }> }) {
  const { t } = useTranslation();
  return (
    <div className="queue__calls" role="status" aria-live="polite" aria-atomic="true">
      {calls.length ? (
        <>
          <h2 className="sr-only">{t('queue.callsLabel')}</h2>
          <ul className="queue__call-list">
            {calls.map((c) => (
              <li key={c.number} className="queue__call">
                {t('queue.calledElsewhere', { number: c.number, pc: c.pcName })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function TakeNumber({ onTaken }: { onTaken: (result: TakeResult) => void }) {
  const { t } = useTranslation();
  const { client, run, snapshot } = useKioskContext();
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    const result = await run(() => client.call('kiosk.queue.take', {}));
    setBusy(false);
    if (result) onTaken(result);
  };
  return (
    <section className="card queue__take" aria-labelledby="queue-take-heading">
      <h2 id="queue-take-heading">{t('queue.takeHeading')}</h2>
      <p>{t('queue.takeText')}</p>
      {snapshot.queue?.waiting ? <p>{t('queue.waiting', { count: snapshot.queue.waiting })}</p> : null}
      <button type="button" className="button button--primary button--large" disabled={busy} onClick={() => void take()}>
        {t('queue.take')}
      </button>
    </section>
  );
}

function Ticket({ result, onOk }: { result: TakeResult; onOk: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const ok = (
    <button type="button" className="button button--primary button--large" onClick={onOk}>
      {t('queue.ok')}
    </button>
  );
  if (result.result !== 'ok') {
    const text = result.result === 'refused' ? t(`queue.refused.${result.reason}`) : t('queue.unavailable');
    return (
      <section className="card queue__ticket" aria-labelledby="queue-ticket-heading">
        <h2 id="queue-ticket-heading" ref={heading} tabIndex={-1}>
          {t('queue.noNumber')}
        </h2>
        <p className="message message--error">{text}</p>
        {ok}
      </section>
    );
  }
  return (
    <section className="card queue__ticket" aria-labelledby="queue-ticket-heading">
      <h2 id="queue-ticket-heading" ref={heading} tabIndex={-1}>
        {t('queue.ticketHeading')}
      </h2>
      <p className="queue__number">{result.number}</p>
      <p className="queue__ahead">{result.ahead === 0 ? t('queue.aheadNone') : t('queue.ahead', { count: result.ahead })}</p>
      <p>{t('queue.ticketHint')}</p>
      {ok}
    </section>
  );
}
