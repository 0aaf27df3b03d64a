import { useTranslation } from 'react-i18next';
import { formatClock, formatDay, sameSiteDay } from '../format';
import { useKioskContext } from '../state';

/**
 * The welcome screen while the centre is closed: "Closed", when it opens
 * (with the day when it is not today) and the policy's phone number. Check-in
 * and walk-in are not offered; help and the languages stay in the top bar.
 */
export function ClosedPanel() {
  const { t } = useTranslation();
  const { snapshot, locale } = useKioskContext();
  const { opensAt, phone } = snapshot.opening;
  const zone = snapshot.timeZone;
  const opens =
    opensAt === undefined
      ? t('opening.noOpening')
      : sameSiteDay(opensAt, snapshot.now, zone)
        ? t('opening.opensAt', { time: formatClock(opensAt, locale, zone) })
        : t('opening.opensOn', { day: formatDay(opensAt, locale, zone), time: formatClock(opensAt, locale, zone) });

  return (
    <section className="closed" aria-labelledby="closed-heading">
      {/* One live region, so a screen reader hears the change when the centre closes. */}
      <div role="status">
        <h2 id="closed-heading" className="closed__heading">
          {t('opening.closed')}
        </h2>
        <p className="closed__opens">{opens}</p>
      </div>
      <p>{t('opening.nothingStarts')}</p>
      {phone ? <p className="closed__phone">{t('opening.phone', { phone })}</p> : null}
    </section>
  );
}

/** "Open today until 16:00": shown on the welcome screen when the centre closes later today. */
export function OpenUntil() {
  const { t } = useTranslation();
  const { snapshot, locale } = useKioskContext();
  const { open, closesAt } = snapshot.opening;
  if (!open || closesAt === undefined || !sameSiteDay(closesAt, snapshot.now, snapshot.timeZone)) return null;
  return <p className="open-until">{t('opening.openUntil', { time: formatClock(closesAt, locale, snapshot.timeZone) })}</p>;
}
