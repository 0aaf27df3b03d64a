import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookablePc } from '../../../preload/contract';
import { useKioskContext } from '../state';
import { formatDay, sameSiteDay } from '../format';
import { useTimeText } from './TimeList';

/** When, where: the booking's day, time, PC and room as a list of terms. */
export function BookingDetails({ startsAt, minutes, pc }: { startsAt: number; minutes: number; pc: BookablePc }) {
  const { t } = useTranslation();
  const { locale, snapshot } = useKioskContext();
  const words = useTimeText()({ startsAt, minutes }, pc);
  const day = formatDay(startsAt, locale, snapshot.timeZone);
  return (
    <dl className="booking-details">
      <dt>{t('selfBooking.day')}</dt>
      <dd>{sameSiteDay(startsAt, snapshot.now, snapshot.timeZone) ? `${t('selfBooking.today')}, ${day}` : day}</dd>
      <dt>{t('selfBooking.time')}</dt>
      <dd dir="ltr">
        {words.from}–{words.to} ({words.length})
      </dd>
      <dt>{t('selfBooking.pc')}</dt>
      <dd>{pc.name}</dd>
      <dt>{t('selfBooking.room')}</dt>
      <dd>{pc.room}</dd>
    </dl>
  );
}

/** The code, large, with a clear "write this down": the only place it is ever shown. */
export function BookedCode({ code, startsAt, endsAt, pc, onDone }: { code: string; startsAt: number; endsAt: number; pc: BookablePc; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="booked" aria-labelledby="booked-heading">
      <h1 id="booked-heading" ref={heading} tabIndex={-1}>
        {t('selfBooking.codeHeading')}
      </h1>
      <p className="booked__label">
        {t('selfBooking.codeLabel')}
      </p>
      <p className="booked__code" dir="ltr">
        <span aria-hidden="true">{code}</span>
        <span className="sr-only">{code.split('').join(' ')}</span>
      </p>
      <p className="booked__write-down">
        <strong>{t('selfBooking.writeDown')}</strong>
      </p>
      <BookingDetails startsAt={startsAt} minutes={Math.round((endsAt - startsAt) / 60_000)} pc={pc} />
      <p>{t('selfBooking.checkInHint', { pc: pc.name })}</p>
      <button type="button" className="button button--primary button--large" onClick={onDone}>
        {t('selfBooking.done')}
      </button>
    </section>
  );
}
