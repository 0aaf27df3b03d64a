import { useTranslation } from 'react-i18next';
import { useKioskContext } from '../state';
import { useBookingLauncher, type BookingOrigin } from './BookingContext';

/**
 * The way into self-booking: "Book a time" (welcome screen) or "Book your
 * next time" (after a session). Absent where the site does not offer it;
 * while the hub cannot be reached it says so instead of offering a button.
 */
export function BookATime({ origin, intro = false }: { origin: BookingOrigin; intro?: boolean }) {
  const { t } = useTranslation();
  const { snapshot } = useKioskContext();
  const { open } = useBookingLauncher();
  const offer = snapshot.selfBooking;
  if (!offer) return null;
  if (!offer.online) {
    return (
      <p className="self-booking-offer__unavailable" role="status">
        {t('selfBooking.unavailable')}
      </p>
    );
  }
  return (
    <div className="self-booking-offer">
      {intro ? <p>{t('selfBooking.intro')}</p> : null}
      <button type="button" className="button button--large self-booking-offer__button" onClick={() => open(origin)}>
        {origin === 'feedback' ? t('selfBooking.bookNext') : t('selfBooking.bookATime')}
      </button>
    </div>
  );
}
