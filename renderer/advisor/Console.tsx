import { useCallback, useEffect, useRef, useState } from 'react';
import type { Board, HelpCallView, PcAlertView } from '../../preload/hub-contract';
import { AlertBanner } from './alerts/AlertBanner';
import { openCount, reminderEveryMs } from './alerts/attention';
import { chime, notify } from './alerts/sound';
import { HubRequestError } from './api';
import { TopBar } from '../ui/TopBar';
import { useNow } from '../ui/useNow';
import { pcLabel, useLiveBoard } from './board';
import { Bookings } from './Bookings';
import { Counts } from './Counts';
import { Figures } from './Figures';
import { HelpQueue } from './HelpQueue';
import { useText } from './i18n';
import { LanguagePicker } from './LanguagePicker';
import type { LinkState } from './live';
import { Pairing } from './Pairing';
import { AdminNav, PolicyPages } from './policy/PolicyPages';
import { PcBoard } from './PcBoard';
import { QueueNumbers } from './QueueNumbers';
import { Sources, SourcesBanner, useSources } from './Sources';
import { Updates } from './updates/Updates';
import { Logs } from './fleet/Logs';
import { RemoteHelpView, RemoteNavItem } from './remote/RemoteView';

/** Focus moves to a new call only when the advisor is not in the middle of something else. */
function focusIsFree(): boolean {
  const active = document.activeElement;
  if (!active || active === document.body || active.id === 'main') return true;
  if (document.querySelector('dialog[open]')) return false;
  return !!active.closest('#help');
}

/**
 * The console after sign-in: the help queue first, then the PCs, the day's
 * bookings, today's counts, the site's figures and pairing, all from one
 * live board but the figures (fetched on their own, as the advisor opens them).
 */
export function Console({ initial, onSignedOut, onSignOut }: { initial: Board; onSignedOut: () => void; onSignOut: () => void }) {
  const { tr, locale } = useText();
  const [announcement, setAnnouncement] = useState('');
  /** The element id of the newest call's or alert's heading, for focus. */
  const [newest, setNewest] = useState<string | undefined>();
  const [figuresOpened, setFiguresOpened] = useState(0);
  const announceTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  /** A new call or PC out of service: the chime, a notification, an announcement, and focus when the advisor is free. */
  const ring = useCallback(
    (kind: 'call' | 'alert', id: string, pcId: string, board: Board, printer?: string) => {
      const { name, room } = pcLabel(board.pcs, pcId);
      const where = room ? tr('help.where', { pc: name, room }) : name;
      chime('alert');
      if (kind === 'call') notify(tr('alerts.notificationTitle'), tr('alerts.notificationBody', { where }), `tupa-help-${id}`, locale);
      else if (printer !== undefined) notify(tr('printerAlert.title'), tr('printerAlert.body', { printer, where }), `tupa-alert-${id}`, locale);
      else notify(tr('alerts.outOfServiceTitle'), tr('alerts.outOfServiceBody', { where }), `tupa-alert-${id}`, locale);
      const said = kind === 'call' ? tr('alerts.announce', { where }) : printer !== undefined ? tr('printerAlert.announce', { printer }) : tr('alerts.announceOutOfService', { where });
      // Cleared first, so the same words are announced again for a second call.
      setAnnouncement('');
      clearTimeout(announceTimer.current);
      announceTimer.current = setTimeout(() => setAnnouncement(said), 50);
      setNewest(`${kind}-${id}`);
    },
    [tr, locale],
  );
  const onNewCall = useCallback((call: HelpCallView, board: Board) => ring('call', call.id, call.pcId, board), [ring]);
  const onNewAlert = useCallback(
    (alert: PcAlertView, board: Board) => ring('alert', alert.id, alert.pcId, board, alert.kind === 'printer' ? (alert.printer ?? '') : undefined),
    [ring],
  );

  const { board, offsetMs, commands, sources: pushedSources, link, retryNow, refresh } = useLiveBoard({ initial, onNewCall, onNewAlert, onSignedOut });
  const sources = useSources(pushedSources);
  const open = openCount(board);
  const reminderMs = reminderEveryMs(board);

  // While a call or a PC out of service waits for a first answer, the chime sounds again, quieter (the site's help.alertRepeatSeconds).
  useEffect(() => {
    if (reminderMs === undefined) return;
    const timer = setInterval(() => chime('reminder'), reminderMs);
    return () => clearInterval(timer);
  }, [reminderMs]);

  useEffect(() => {
    document.title = open > 0 ? tr('app.titleWithCalls', { count: open, site: board.site.name }) : tr('app.title', { site: board.site.name });
  }, [tr, open, board.site.name]);

  useEffect(() => () => clearTimeout(announceTimer.current), []);

  // After the new call is on the screen (effects run after it is drawn, even in a background tab).
  useEffect(() => {
    if (newest && focusIsFree()) document.getElementById(newest)?.focus();
  }, [newest]);

  const onFailure = useCallback(
    (error: unknown) => {
      if (error instanceof HubRequestError && error.status === 401) onSignedOut();
      // A refusal may mean the console's copy is behind (a call already closed, a booking gone): fetch the board again.
      else if (error instanceof HubRequestError && error.status >= 400) refresh();
    },
    [onSignedOut, refresh],
  );

  return (
    <div className="screen screen--console">
      <TopBar where={tr('app.heading', { site: board.site.name })} who={tr('app.signedInAs', { name: board.advisor.name })} skipLabel={tr('common.skipToContent')}>
        <LinkIndicator link={link} />
        <button type="button" className="button" onClick={onSignOut}>
          {tr('app.signOut')}
        </button>
      </TopBar>
      <LinkBanner link={link} onRetry={retryNow} />
      <AlertBanner />
      <SourcesBanner sources={sources.view} />
      <nav className="section-nav" aria-label={tr('nav.label')}>
        <ul>
          <li>
            <a href="#help" className={open ? 'section-nav__help' : undefined}>
              {open ? tr('nav.helpWithCount', { count: open }) : tr('nav.help')}
            </a>
          </li>
          <RemoteNavItem />
          <li>
            <a href="#queue">{tr('queue.nav')}</a>
          </li>
          <li>
            <a href="#pcs">{tr('nav.pcs')}</a>
          </li>
          <li>
            <a href="#bookings">{tr('nav.bookings')}</a>
          </li>
          <li>
            <a href="#today">{tr('nav.today')}</a>
          </li>
          <li>
            <a href="#figures" onClick={() => setFiguresOpened((n) => n + 1)}>
              {tr('nav.figures')}
            </a>
          </li>
          {board.advisor.admin ? (
            <li>
              <a href="#pairing">{tr('nav.pairing')}</a>
            </li>
          ) : null}
          <li>
            <a href="#sources">{tr('sources.nav')}</a>
          </li>
          {board.advisor.admin ? <AdminNav /> : null}
          {board.advisor.admin ? (
            <li>
              <a href="#updates">{tr('updates.nav')}</a>
            </li>
          ) : null}
          {board.advisor.admin ? (
            <li>
              <a href="#logs">{tr('fleet.nav')}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <main id="main" className="screen__main console" tabIndex={-1}>
        <h1 className="sr-only">{tr('app.heading', { site: board.site.name })}</h1>
        <RemoteHelpView board={board} />
        <HelpQueue board={board} offsetMs={offsetMs} onFailure={onFailure} />
        <QueueNumbers board={board} offsetMs={offsetMs} onFailure={onFailure} />
        <PcBoard board={board} offsetMs={offsetMs} commands={commands} onFailure={onFailure} />
        <Bookings board={board} offsetMs={offsetMs} commands={commands} onFailure={onFailure} />
        <Counts board={board} offsetMs={offsetMs} />
        <Figures zone={board.site.timeZone} offsetMs={offsetMs} opened={figuresOpened} onSignedOut={onSignedOut} />
        {/* Pairing and revoking PCs are for administrators (the hub refuses others too). */}
        {board.advisor.admin ? <Pairing board={board} offsetMs={offsetMs} onFailure={onFailure} /> : null}
        <Sources board={board} sources={sources} onFailure={onFailure} />
        {board.advisor.admin ? <PolicyPages zone={board.site.timeZone} onFailure={onFailure} /> : null}
        {board.advisor.admin ? <Updates board={board} onFailure={onFailure} /> : null}
        {board.advisor.admin ? <Logs board={board} onFailure={onFailure} /> : null}
      </main>
      <footer className="footer">
        <LanguagePicker />
      </footer>
      <div className="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}

function LinkIndicator({ link }: { link: LinkState }) {
  const { tr } = useText();
  const live = link.kind === 'open';
  return (
    <p className={`link-indicator link-indicator--${live ? 'live' : 'down'}`}>
      <span className="link-indicator__dot" aria-hidden="true" />
      {live ? tr('link.live') : link.kind === 'connecting' ? tr('link.connecting') : tr('link.down')}
    </p>
  );
}

/** Says plainly when the console is not receiving the hub's news (help calls would not ring), until it is back. */
function LinkBanner({ link, onRetry }: { link: LinkState; onRetry: () => void }) {
  const { tr } = useText();
  const now = useNow(1000);
  const [down, setDown] = useState(false);
  const banner = useRef<HTMLDivElement>(null);
  if (link.kind === 'lost' && !down) setDown(true);
  if (link.kind === 'open' && down) setDown(false);

  // The banner stays at the top of the screen while the page scrolls: keep focused elements out from under it.
  useEffect(() => {
    const element = banner.current;
    const root = document.documentElement;
    if (!down || !element) return;
    const observer = new ResizeObserver(() => root.style.setProperty('scroll-padding-block-start', `${element.offsetHeight + 8}px`));
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-block-start');
    };
  }, [down]);

  return (
    <div ref={banner} className="status-banner status-banner--sticky" role="alert" hidden={!down}>
      {down ? (
        <p>
          <span>{tr('link.lost')}</span>
          <span className="status-banner__retry" aria-hidden="true">
            {link.kind === 'lost' ? tr('link.retryIn', { seconds: Math.max(0, Math.ceil((link.retryAt - now) / 1000)) }) : tr('link.connecting')}
          </span>
          <button type="button" className="button" onClick={onRetry}>
            {tr('link.retryNow')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
