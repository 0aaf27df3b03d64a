import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { useKioskContext } from '../state';
import { CheckInForm } from '../welcome/CheckInForm';
import { LanguagePicker } from '../welcome/LanguagePicker';
import { TextSizePicker } from '../welcome/TextSizePicker';
import { PrivacyNotice } from '../welcome/PrivacyNotice';
import { HelpButton } from '../help/HelpButton';
import { ScreenHeader } from '../layout/ScreenHeader';
import { StatusItem, StatusLine } from '../layout/StatusLine';
import { Action, ActionArea } from '../layout/ActionArea';
import { longPress } from '../../ui/longPress';
import { ClosedPanel, OpenUntil } from '../opening/ClosedPanel';
import { QueuePanel } from '../queue/QueuePanel';
import { BookATime } from '../booking/BookATime';

/**
 * The screen between sessions: who this PC is, one line on its bookings,
 * check-in with a code, and the other ways to get the PC (each an Action in
 * the ActionArea). The check-in button and the actions are in view without
 * scrolling on a room PC's screen at every text size (tests/e2e-web/layout.spec.ts).
 */
export function WelcomeScreen({ thanks }: { thanks: boolean }) {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const time = (at: number) => formatClock(at, locale, snapshot.timeZone);
  const { current, next } = snapshot.schedule;

  return (
    <div className="screen screen--welcome">
      <ScreenHeader
        where={
          <p className="topbar__where" {...longPress(() => window.dispatchEvent(new Event('tupa:maintenance')))}>
            {t('welcome.where', { pc: snapshot.pc.name, room: snapshot.room.name })}
          </p>
        }
      >
        <LanguagePicker />
        <TextSizePicker />
        <HelpButton />
      </ScreenHeader>
      <main id="main" className="screen__main" tabIndex={-1}>
        {snapshot.opening.open ? (
          <>
            <div className="welcome-intro">
              <h1>{t('welcome.heading')}</h1>
              <StatusLine heading={t('welcome.scheduleHeading')}>
                {current ? <StatusItem now>{t('welcome.bookedNow', { from: time(current.startsAt), to: time(current.endsAt) })}</StatusItem> : null}
                <StatusItem>{next ? t('welcome.nextBooking', { from: time(next.startsAt), to: time(next.endsAt) }) : t('welcome.noMoreBookings')}</StatusItem>
              </StatusLine>
              <OpenUntil />
            </div>
            {thanks ? (
              <p className="message message--success" role="status">
                {t('welcome.thanks')}
              </p>
            ) : null}
            <QueuePanel />
            <div className="welcome-layout">
              <section className="card check-in-card" aria-labelledby="check-in-heading">
                <h2 id="check-in-heading">{t('welcome.checkInHeading')}</h2>
                <CheckInForm />
              </section>
              <ActionArea heading={t('welcome.walkInHeading')}>
                {snapshot.walkIn.allowed && snapshot.walkIn.until ? (
                  <Action
                    label={t('welcome.startNow')}
                    note={t('welcome.walkInFree', { until: time(snapshot.walkIn.until) })}
                    onClick={() => void run(() => client.call('kiosk.startWalkIn', { locale }))}
                  />
                ) : (
                  <Action note={t('welcome.walkInNotNow')} />
                )}
                <BookATime origin="welcome" intro />
              </ActionArea>
            </div>
          </>
        ) : (
          <>
            <h1>{t('welcome.heading')}</h1>
            {thanks ? (
              <p className="message message--success" role="status">
                {t('welcome.thanks')}
              </p>
            ) : null}
            <ClosedPanel />
            {/* Closed now, a time for another day can still be booked. */}
            <BookATime origin="welcome" intro />
          </>
        )}
      </main>
      <footer className="footer">
        <PrivacyNotice retentionDays={snapshot.usageRetentionDays} />
      </footer>
    </div>
  );
}
