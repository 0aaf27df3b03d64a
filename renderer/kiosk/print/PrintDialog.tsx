import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statusText } from './status-text';
import type { ConfirmRefusal, KioskSnapshot } from '../../../preload/contract';
import { KioskDialog } from '../help/KioskDialog';
import { useKioskContext } from '../state';
import { printDialogOpen } from './PrintContext';

type Print = NonNullable<KioskSnapshot['print']>;
type Check = { result: 'ok'; sheets: number; needsRelease: boolean } | { result: 'refused'; reason: ConfirmRefusal; left: number };

/**
 * Printing, one dialog from counting to the outcome: "This prints N pages.
 * You have M pages left today." with all pages or a range, and copies; then
 * "Printing…", "Printed" or a plain reason. The core counts and checks every
 * choice (kiosk.print.check), so what is shown is what will print.
 */
export function PrintDialog({ print, advisorTold }: { print: Print | undefined; advisorTold: boolean }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const open = printDialogOpen(print);
  const close = () => void run(() => client.call(print?.job || print?.refused ? 'kiosk.print.dismiss' : 'kiosk.print.cancel', {}));
  const finished = print?.job && ['printed', 'failed', 'cancelled'].includes(print.job.state);
  return (
    <KioskDialog open={open} titleId="print-title" descriptionId="print-status" onEscape={print?.job && !finished ? undefined : close}>
      <h2 id="print-title">{t('print.title')}</h2>
      {print?.offer && !print.job ? (
        <PrintChoice key={print.offer.seq} print={print} offer={print.offer} />
      ) : (
        <>
          <p id="print-status" role="status" aria-live="polite" className="print-status" data-testid="print-status">
            {print ? statusText(print, t, advisorTold) : ''}
          </p>
          <div className="dialog__actions">
            {print?.job && (print.job.state === 'waiting-release' || print.job.state === 'printing') ? (
              <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.print.cancel', {}))}>
                {t('print.cancelJob')}
              </button>
            ) : null}
            {!print?.preparing && (!print?.job || finished) ? (
              <button type="button" className="button button--primary" data-autofocus onClick={close}>
                {t('print.close')}
              </button>
            ) : null}
          </div>
        </>
      )}
    </KioskDialog>
  );
}


function PrintChoice({ print, offer }: { print: Print; offer: NonNullable<Print['offer']> }) {
  const { t } = useTranslation();
  const { client, run } = useKioskContext();
  const [some, setSome] = useState(false);
  const [range, setRange] = useState('');
  const [copies, setCopies] = useState(1);
  const [check, setCheck] = useState<Check | undefined>();
  const params = { ...(some ? { range } : {}), copies };
  const key = JSON.stringify(params);

  useEffect(() => {
    let stale = false;
    void client.call('kiosk.print.check', JSON.parse(key) as typeof params).then(
      (answer) => !stale && setCheck(answer),
      () => undefined,
    );
    return () => {
      stale = true;
    };
  }, [client, key, print.left]);

  const problem = check?.result === 'refused' ? t(`print.problem.${check.reason}`, { count: check.left, pages: offer.pages }) : undefined;
  return (
    <form
      className="print-choice"
      onSubmit={(event) => {
        event.preventDefault();
        if (check?.result === 'ok') void run(() => client.call('kiosk.print.confirm', params));
      }}
    >
      <div id="print-status" className="print-summary" role="status" aria-live="polite" aria-atomic="true">
        {check?.result === 'ok' ? <p className="print-summary__count">{t('print.summary', { count: check.sheets })}</p> : null}
        <p>{t('print.left', { count: print.leftToday })}</p>
        {check?.result === 'ok' && check.needsRelease ? <p>{t('print.needsRelease')}</p> : null}
        {problem ? (
          <p className="print-problem" id="print-problem">
            {problem}
          </p>
        ) : null}
      </div>
      <fieldset className="print-pages">
        <legend>{t('print.pages')}</legend>
        <label className="print-option">
          <input type="radio" name="print-pages" checked={!some} onChange={() => setSome(false)} data-autofocus />
          <span>{t('print.allPages', { count: offer.pages })}</span>
        </label>
        <label className="print-option">
          <input type="radio" name="print-pages" checked={some} onChange={() => setSome(true)} />
          <span>{t('print.somePages')}</span>
        </label>
        <label className="print-range">
          <span>{t('print.range')}</span>
          <input
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={range}
            aria-describedby="print-range-hint"
            aria-invalid={some && check?.result === 'refused' ? true : undefined}
            onChange={(event) => {
              setRange(event.target.value);
              setSome(true);
            }}
          />
          <span id="print-range-hint" className="print-hint">
            {t('print.rangeHint')}
          </span>
        </label>
      </fieldset>
      <div role="group" aria-labelledby="print-copies-label" className="print-copies">
        <span id="print-copies-label">{t('print.copies')}</span>
        <button type="button" className="button button--icon" aria-label={t('print.fewerCopies')} disabled={copies <= 1} onClick={() => setCopies(copies - 1)}>
          <span aria-hidden="true">−</span>
        </button>
        <output aria-live="polite" className="print-copies__value">
          {copies}
        </output>
        <button type="button" className="button button--icon" aria-label={t('print.moreCopies')} disabled={copies >= 10} onClick={() => setCopies(copies + 1)}>
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.print.cancel', {}))}>
          {t('print.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={check?.result !== 'ok'}>
          {t('print.print')}
        </button>
      </div>
    </form>
  );
}
