import { useTranslation } from 'react-i18next';
import type { BookablePc, FreeTimeView } from '../../../preload/contract';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { useKioskContext } from '../state';
import { formatClock, formatDay } from '../format';

export interface DayOption {
  date: string;
  open: boolean;
}

/** A site day (YYYY-MM-DD) as the resident reads it: "Today", "Tomorrow", or its weekday and date. */
export function useDayName(): (date: string, index: number) => string {
  const { t } = useTranslation();
  const { locale } = useKioskContext();
  return (date, index) => {
    if (index === 0) return t('selfBooking.today');
    if (index === 1) return t('selfBooking.tomorrow');
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return formatDay(Date.UTC(y, m - 1, d, 12), locale, 'UTC');
  };
}

/** One free time in words: "10:15–10:45, 30 min, Kone 1, Olohuone". */
export function useTimeText(): (time: { startsAt: number; minutes: number }, pc: BookablePc | undefined) => { from: string; to: string; length: string; pc: string; room: string } {
  const { t } = useTranslation();
  const { locale, snapshot } = useKioskContext();
  return (time, pc) => ({
    from: formatClock(time.startsAt, locale, snapshot.timeZone),
    to: formatClock(time.startsAt + time.minutes * 60_000, locale, snapshot.timeZone),
    length: t('selfBooking.minutes', { count: time.minutes }),
    pc: pc?.name ?? '',
    room: pc?.room ?? '',
  });
}

export function DayChoice({ days, date, onPick }: { days: DayOption[]; date: string | undefined; onPick: (date: string) => void }) {
  const { t } = useTranslation();
  const dayName = useDayName();
  return (
    <ChoiceGroup label={t('selfBooking.dayLegend')}>
      {days.map((day, i) => (
        <button key={day.date} type="button" className="choice booking-day" aria-pressed={day.date === date} disabled={!day.open} onClick={() => onPick(day.date)}>
          {dayName(day.date, i)}
          {day.open ? null : <span className="booking-day__closed"> · {t('selfBooking.closed')}</span>}
        </button>
      ))}
    </ChoiceGroup>
  );
}

export function LengthChoice({ lengths, length, onPick }: { lengths: number[]; length: number | undefined; onPick: (minutes: number) => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceGroup label={t('selfBooking.lengthLegend')}>
      {lengths.map((minutes) => (
        <button key={minutes} type="button" className="choice" aria-pressed={minutes === length} onClick={() => onPick(minutes)}>
          {t('selfBooking.minutes', { count: minutes })}
        </button>
      ))}
    </ChoiceGroup>
  );
}

/** The free times of every PC, in order of start: a button each, a few at a time. */
export function TimeList(props: { heading: string; times: FreeTimeView[] | undefined; pcs: BookablePc[]; shown: number; onMore: () => void; onPick: (time: FreeTimeView) => void }) {
  const { t } = useTranslation();
  const text = useTimeText();
  const { times, pcs, shown } = props;
  const pcOf = (id: string) => pcs.find((p) => p.id === id);
  return (
    <section className="booking-times" aria-labelledby="booking-times-heading">
      <h2 id="booking-times-heading">{props.heading}</h2>
      <p role="status" className="booking-times__count">
        {times === undefined ? t('selfBooking.loading') : times.length === 0 ? t('selfBooking.noTimes') : t('selfBooking.count', { count: times.length })}
      </p>
      {times && times.length > 0 ? (
        <ul className="booking-times__list">
          {times.slice(0, shown).map((time) => {
            const words = text(time, pcOf(time.pcId));
            return (
              <li key={`${time.pcId}/${time.startsAt}/${time.minutes}`}>
                <button type="button" className="free-time" onClick={() => props.onPick(time)}>
                  <span className="free-time__when" dir="ltr">
                    {words.from}–{words.to}
                  </span>
                  <span className="free-time__length">
                    <span className="sr-only">, </span>
                    {words.length}
                  </span>
                  <span className="free-time__pc">
                    <span className="sr-only">, </span>
                    {words.pc}
                  </span>
                  <span className="free-time__room">
                    <span className="sr-only">, </span>
                    {words.room}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {times && times.length > shown ? (
        <button type="button" className="button booking-times__more" onClick={props.onMore}>
          {t('selfBooking.more')}
        </button>
      ) : null}
    </section>
  );
}
