import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSnapshot } from '../../../preload/contract';
import { formatClock, formatCountdown } from '../format';
import { useKioskContext } from '../state';
import { HelpButton } from '../help/HelpButton';
import { useFit } from '../layout/useFit';
import { useDisclosure } from '../layout/useDisclosure';
import { PrintTools } from '../print/PrintTools';

type Session = NonNullable<KioskSnapshot['session']>;

/** How many forms the bar has, fullest first (bars.css, "session bar"). */
const BAR_LEVELS = 6;

/**
 * Always on screen during a session, on one line: the time left, the page's
 * tools (back, reload, start page, zoom), "End session" and "Ask for help".
 * Where the line is too short for all of it (a narrow window, large text,
 * long words) the tools lose their words first (the icons keep their names
 * for screen readers), then the time loses its label, then the tools move
 * behind a "Menu" button whose panel opens beneath the bar. The time left
 * and "Ask for help" never leave the line.
 */
export function SessionBar({ session, remainingMs, onEnd }: { session: Session; remainingMs: number; onEnd: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const ref = useRef<HTMLElement>(null);
  useFit(ref, BAR_LEVELS);
  const menu = useDisclosure();
  const zoom = snapshot.zoom;
  const zoomBy = (change: 'in' | 'out') => void run(() => client.call('kiosk.zoom', { change }));
  const urgent = session.warning !== undefined && remainingMs <= 60_000;

  return (
    <header ref={ref} className={`session-bar${menu.open ? ' session-bar--open' : ''}`} aria-label={t('session.barLabel')}>
      <div role="timer" aria-labelledby="time-left-label" className={`time-left${urgent ? ' time-left--urgent' : ''}`}>
        <span id="time-left-label" className="time-left__label">
          {t('session.timeLeft')}
        </span>
        <span className="time-left__value">{formatCountdown(remainingMs)}</span>
        <span className="time-left__ends">{t('session.endsAt', { time: formatClock(session.endsAt, locale, snapshot.timeZone) })}</span>
      </div>
      <div className="session-bar__tools" {...menu.wrapper}>
        <button {...menu.button} className="button session-bar__menu">
          <span aria-hidden="true" className="bar-icon">
            ☰
          </span>
          <span className="session-bar__menu-label">{t('layout.menu')}</span>
        </button>
        <div id={menu.panelId} className="session-bar__panel">
          {session.view.kind === 'tile' ? (
            <div role="group" aria-label={t('session.pageNav')} className="page-nav">
              <BarButton icon="←" directional label={t('session.back')} disabled={!session.nav.canGoBack} onClick={() => void run(() => client.call('kiosk.navigate', { action: 'back' }))} />
              <BarButton icon="↻" label={t('session.reload')} onClick={() => void run(() => client.call('kiosk.navigate', { action: 'reload' }))} />
              <BarButton icon="⌂" label={t('session.startPage')} onClick={() => void run(() => client.call('kiosk.goHome', {}))} />
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
          <PrintTools session={session} />
          <button type="button" className="button button--danger" onClick={onEnd}>
            {t('session.endSession')}
          </button>
        </div>
      </div>
      <HelpButton />
    </header>
  );
}

/** A page tool: an icon and its word; on a short bar the word is kept for screen readers only. */
/** A bar button; a `directional` icon (back) is mirrored in right-to-left languages, the others (reload, home) are not. */
function BarButton({ icon, label, directional, disabled, onClick }: { icon: ReactNode; label: string; directional?: boolean; disabled?: boolean; onClick: () => void }) {
  return (
    <button type="button" className="button bar-button" disabled={disabled} onClick={onClick}>
      <span aria-hidden="true" className={directional ? 'bar-icon bar-icon--directional' : 'bar-icon'}>
        {icon}
      </span>
      <span className="bar-button__label">{label}</span>
    </button>
  );
}
