import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../../preload/contract';
import type { i18n as I18n } from 'i18next';
import { isRightToLeft } from '../i18n/languages';
import type { KioskClient } from '../api/client';
import type { ConnectionState } from '../api/ws-bridge';
import { KioskContext, useSnapshot, type KioskContextValue, type TextSize } from './state';
import { WelcomeScreen } from './screens/WelcomeScreen';
import { SessionScreen } from './screens/SessionScreen';
import { EndingScreen, FeedbackScreen, OutOfServiceScreen } from './screens/EndScreens';
import { StatusBanner } from './StatusBanner';
import { HelpPanelContext } from './help/HelpContext';
import { HelpPanel } from './help/HelpPanel';
import { MaintenanceScreen } from './screens/MaintenanceScreen';
import { BookingContext, type BookingOrigin } from './booking/BookingContext';
import { BookingScreen } from './booking/BookingScreen';
import { RemoteHelp } from './remote/RemoteHelp';

const ACTIVITY_EVERY_MS = 5_000;
const THANKS_MS = 6_000;

export function App({ client, useConnection, i18n }: { client: KioskClient; useConnection: () => ConnectionState; i18n: I18n }) {
  const connection = useConnection();
  const { current, mismatch } = useSnapshot(client, connection);
  const snapshot = current?.snapshot;
  const [locale, setLocaleState] = useState<Locale>('fi');
  const [textSize, setTextSize] = useState<TextSize>(100);
  const [thanks, setThanks] = useState(false);
  const [failed, setFailed] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const [maintenanceOpen, setMaintenanceOpen] = useState(false);
  const [booking, setBooking] = useState<BookingOrigin | undefined>(undefined);
  const [seenHelp, setSeenHelp] = useState<string | undefined>(undefined);
  const phase = snapshot?.phase;
  const [seenPhase, setSeenPhase] = useState<string | undefined>(undefined);

  // Every return to the welcome screen starts over in the site's language and text size.
  // When the advisor acknowledges, the resident is told at once.
  const helpState = snapshot?.help?.state;
  if (helpState !== seenHelp) {
    setSeenHelp(helpState);
    if (helpState === 'acknowledged') setHelpOpen(true);
  }

  if (snapshot && phase !== seenPhase) {
    setSeenPhase(phase);
    if (phase === 'welcome') {
      // A resident booking from the feedback screen keeps their language until the booking screen closes.
      if (!booking) {
        setLocaleState(snapshot.locales.default);
        setTextSize(100);
      }
    } else {
      setThanks(false);
      if (phase !== 'feedback') setBooking(undefined);
    }
  }

  useEffect(() => {
    void i18n.changeLanguage(locale);
    const root = document.documentElement;
    root.lang = locale;
    root.dir = isRightToLeft(locale) ? 'rtl' : 'ltr';
  }, [i18n, locale]);

  useEffect(() => {
    document.documentElement.style.fontSize = `${textSize}%`;
  }, [textSize]);

  // IT opens the maintenance screen with Ctrl+Alt+M (or by holding the PC's name).
  const hasMaintenance = !!snapshot?.maintenance;
  useEffect(() => {
    if (!hasMaintenance) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && event.code === 'KeyM') {
        event.preventDefault();
        setMaintenanceOpen(true);
      }
    };
    const onOpen = () => setMaintenanceOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('tupa:maintenance', onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('tupa:maintenance', onOpen);
    };
  }, [hasMaintenance]);

  useEffect(() => {
    if (snapshot) document.title = i18n.t('app.title', { pc: snapshot.pc.name });
  }, [i18n, locale, snapshot?.pc.name]); // eslint-disable-line react-hooks/exhaustive-deps

  // The benchmark's "first render": the first screen drawn with the core's data.
  const drawn = !!current;
  useEffect(() => {
    if (drawn && performance.getEntriesByName('tupa:first-render').length === 0) {
      requestAnimationFrame(() => performance.mark('tupa:first-render'));
    }
  }, [drawn]);

  useEffect(() => {
    if (!thanks) return;
    const id = setTimeout(() => setThanks(false), THANKS_MS);
    return () => clearTimeout(id);
  }, [thanks]);

  // Input anywhere on the kiosk's own screen counts as activity (the web view reports its own).
  const inSession = phase === 'active' || phase === 'warning';
  const promptShown = snapshot?.session?.idlePromptMs !== undefined;
  useEffect(() => {
    if (!inSession || promptShown) return;
    let last = 0;
    const onInput = () => {
      const now = performance.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void client.call('kiosk.reportActivity', {}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, onInput, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, onInput);
    };
  }, [client, inSession, promptShown]);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await action();
      setFailed(false);
      return result;
    } catch {
      setFailed(true);
      return undefined;
    }
  }, []);

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      if (inSession) void client.call('kiosk.setLanguage', { locale: next }).catch(() => undefined);
    },
    [client, inSession],
  );

  const context: KioskContextValue | undefined = current
    ? { client, snapshot: current.snapshot, receivedAt: current.receivedAt, locale, setLocale, textSize, setTextSize, run }
    : undefined;

  return (
    <I18nextProvider i18n={i18n}>
      <StatusBanner connection={connection} mismatch={mismatch} failed={failed} onDismiss={() => setFailed(false)} />
      {context ? (
        <KioskContext.Provider value={context}>
          <HelpPanelContext.Provider value={{ open: helpOpen, setOpen: setHelpOpen }}>
            <BookingContext.Provider value={{ open: setBooking }}>
              <RemoteHelp />
              {maintenanceOpen && context.snapshot.maintenance ? (
                <MaintenanceScreen onClose={() => setMaintenanceOpen(false)} />
              ) : booking ? (
                <BookingScreen
                  onClose={() => {
                    setBooking(undefined);
                    // Opened after a session that has since timed out to the welcome screen: start over for the next resident.
                    if (booking === 'feedback' && context.snapshot.phase === 'welcome') {
                      setLocaleState(context.snapshot.locales.default);
                      setTextSize(100);
                    }
                  }}
                />
              ) : (
                <Screen phase={context.snapshot.phase} thanks={thanks} onAnswered={() => setThanks(true)} />
              )}
            </BookingContext.Provider>
            <HelpPanel />
          </HelpPanelContext.Provider>
        </KioskContext.Provider>
      ) : null}
    </I18nextProvider>
  );
}

function Screen({ phase, thanks, onAnswered }: { phase: string; thanks: boolean; onAnswered: () => void }) {
  switch (phase) {
    case 'active':
    case 'warning':
      return <SessionScreen />;
    case 'ending':
    case 'wiping':
      return <EndingScreen />;
    case 'feedback':
      return <FeedbackScreen onAnswered={onAnswered} />;
    case 'out-of-service':
      return <OutOfServiceScreen />;
    default:
      return <WelcomeScreen thanks={thanks} />;
  }
}
