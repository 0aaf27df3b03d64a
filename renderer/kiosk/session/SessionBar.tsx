import { useTranslation } from 'react-i18next';
import type { KioskSnapshot } from '../../../preload/contract';
import { formatClock, formatCountdown } from '../format';
import { useKioskContext } from '../state';
import { HelpButton } from '../help/HelpButton';

type Session = NonNullable<KioskSnapshot['session']>;

/**
 * Always on screen during a session: the time left, the page zoom, the way
 * back to the start page and "End session". Room is kept at the end for the
 * help button.
 */
export function SessionBar({ session, remainingMs, onEnd }: { session: Session; remainingMs: number; onEnd: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const zoom = snapshot.zoom;
  const zoomBy = (change: 'in' | 'out') => void run(() => client.call('kiosk.zoom', { change }));
  const urgent = session.warning !== undefined && remainingMs <= 60_000;

  return (
    <header className="session-bar" aria-label={t('session.barLabel')}>
      <div role="timer" aria-labelledby="time-left-label" className={`time-left${urgent ? ' time-left--urgent' : ''}`}>
        <span id="time-left-label" className="time-left__label">
          {t('session.timeLeft')}
        </span>
        <span className="time-left__value">{formatCountdown(remainingMs)}</span>
        <span className="time-left__ends">{t('session.endsAt', { time: formatClock(session.endsAt, locale, snapshot.timeZone) })}</span>
      </div>
      <div className="session-bar__tools">
        {session.view.kind === 'tile' ? (
          <div role="group" aria-label={t('session.pageNav')} className="page-nav">
            <button
              type="button"
              className="button"
              disabled={!session.nav.canGoBack}
              onClick={() => void run(() => client.call('kiosk.navigate', { action: 'back' }))}
            >
              <span aria-hidden="true">← </span>
              {t('session.back')}
            </button>
            <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.navigate', { action: 'reload' }))}>
              {t('session.reload')}
            </button>
            <button type="button" className="button" onClick={() => void run(() => client.call('kiosk.goHome', {}))}>
              {t('session.startPage')}
            </button>
          </div>
        ) : null}
        <div role="group" aria-label={t('session.zoom')} className="zoom">
          <button
            type="button"
            className="button button--icon"
            aria-label={t('session.zoomOut')}
            disabled={session.zoomPercent <= zoom.min}
            onClick={() => zoomBy('out')}
          >
            <span aria-hidden="true">−</span>
          </button>
          <output className="zoom__value" aria-live="polite">
            {t('session.zoomValue', { percent: session.zoomPercent })}
          </output>
          <button
            type="button"
            className="button button--icon"
            aria-label={t('session.zoomIn')}
            disabled={session.zoomPercent >= zoom.max}
            onClick={() => zoomBy('in')}
          >
            <span aria-hidden="true">+</span>
          </button>
        </div>
        <button type="button" className="button button--danger" onClick={onEnd}>
          {t('session.endSession')}
        </button>
        <HelpButton />
      </div>
    </header>
  );
}
