import { useTranslation } from 'react-i18next';
import type { KioskSnapshot } from '../../../preload/contract';
import { useKioskContext } from '../state';
import { usePrint } from './PrintContext';

/**
 * The session bar's "Print" (the page on screen) and "Files" (the PDFs saved
 * in this session, in the kiosk's own viewer). Absent when the site has no
 * printer.
 */
export function PrintTools({ session }: { session: NonNullable<KioskSnapshot['session']> }) {
  const { t } = useTranslation();
  const { client, snapshot, run } = useKioskContext();
  const { view } = usePrint();
  const print = snapshot.print;
  if (!print) return null;
  return (
    <div role="group" aria-label={t('print.tools')} className="print-tools">
      {session.view.kind === 'tile' ? (
        <button type="button" className="button bar-button" onClick={() => void run(() => client.call('kiosk.print.prepare', {}))}>
          <span aria-hidden="true" className="bar-icon">
            ⎙
          </span>
          <span className="bar-button__label">{t('print.button')}</span>
        </button>
      ) : null}
      {print.files.length > 0 ? (
        <button type="button" className="button bar-button" onClick={() => view('')}>
          <span aria-hidden="true" className="bar-icon">
            🗎
          </span>
          <span className="bar-button__label">{t('print.files', { count: print.files.length })}</span>
        </button>
      ) : null}
    </div>
  );
}
