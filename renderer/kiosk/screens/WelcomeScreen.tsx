import { useTranslation } from 'react-i18next';
import { formatClock } from '../format';
import { useKioskContext } from '../state';
import { CheckInForm } from '../welcome/CheckInForm';
import { LanguagePicker } from '../welcome/LanguagePicker';
import { TextSizePicker } from '../welcome/TextSizePicker';
import { PrivacyNotice } from '../welcome/PrivacyNotice';
import { HelpButton } from '../help/HelpButton';
import { ClosedPanel, OpenUntil } from '../opening/ClosedPanel';
import { longPress } from '../../ui/longPress';
import { QueuePanel } from '../queue/QueuePanel';
import { BookATime } from '../booking/BookATime';

/** The screen between sessions: who this PC is, its bookings (times only), check-in and walk-in. */
export function WelcomeScreen({ thanks }: { thanks: boolean }) {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const time = (at: number) => formatClock(at, locale, snapshot.timeZone);
  const { current, next } = snapshot.schedule;

  return (
    <div className="screen screen--welcome">
      <header className="topbar">
        <p className="topbar__where" {...longPress(() => window.dispatchEvent(new Event('tupa:maintenance')))}>
          {t('welcome.where', { pc: snapshot.pc.name, room: snapshot.room.name })}
        </p>
        <div className="topbar__tools">
          <LanguagePicker />
          <TextSizePicker />
          <HelpButton />
        </div>
      </header>
      <main id="main" className="screen__main" tabIndex={-1}>
        <h1>{t('welcome.heading')}</h1>
        {thanks ? (
          <p className="message message--success" role="status">
            {t('welcome.thanks')}
          </p>
        ) : null}
        {snapshot.opening.open ? (
          <>
            <QueuePanel />
            <OpenUntil />
            <section className="schedule" aria-labelledby="schedule-heading">
              <h2 id="schedule-heading" className="schedule__heading">
                {t('welcome.scheduleHeading')}
              </h2>
              <ul className="schedule__list">
                {current ? <li className="schedule__item schedule__item--now">{t('welcome.bookedNow', { from: time(current.startsAt), to: time(current.endsAt) })}</li> : null}
                {next ? (
                  <li className="schedule__item">{t('welcome.nextBooking', { from: time(next.startsAt), to: time(next.endsAt) })}</li>
                ) : (
                  <li className="schedule__item">{t('welcome.noMoreBookings')}</li>
                )}
              </ul>
            </section>
            <div className="welcome-grid">
              <section className="card" aria-labelledby="check-in-heading">
                <h2 id="check-in-heading">{t('welcome.checkInHeading')}</h2>
                <CheckInForm />
              </section>
              <section className="card" aria-labelledby="walk-in-heading">
                <h2 id="walk-in-heading">{t('welcome.walkInHeading')}</h2>
                {snapshot.walkIn.allowed && snapshot.walkIn.until ? (
                  <>
                    <p>{t('welcome.walkInFree', { until: time(snapshot.walkIn.until) })}</p>
                    <button
                      type="button"
                      className="button button--primary button--large"
                      onClick={() => void run(() => client.call('kiosk.startWalkIn', { locale }))}
                    >
                      {t('welcome.startNow')}
                    </button>
                  </>
                ) : (
                  <p>{t('welcome.walkInNotNow')}</p>
                )}
                <BookATime origin="welcome" intro />
              </section>
            </div>
          </>
        ) : (
          <ClosedPanel />
        )}
      </main>
      <footer className="footer">
        <PrivacyNotice retentionDays={snapshot.usageRetentionDays} />
      </footer>
    </div>
  );
}
