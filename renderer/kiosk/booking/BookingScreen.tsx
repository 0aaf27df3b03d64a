import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FreeTimeView, SelfBookingRefusal, SelfBookingReply, SelfBookingRequest } from '../../../preload/contract';
import { useKioskContext } from '../state';
import { HelpButton } from '../help/HelpButton';
import { BookedCode, BookingDetails } from './BookedCode';
import { DayChoice, LengthChoice, TimeList, useDayName, type DayOption } from './TimeList';
import { useInactivity } from './useInactivity';
import './booking.css';

/** Back to the welcome screen after this long without input while picking (nothing is lost: nothing is booked yet). */
export const PICKING_IDLE_MS = 90_000;
/** The code stays until "Done", or this long without input: generous, so a resident writing it down never loses it. */
export const CODE_KEPT_MS = 5 * 60_000;
/** Free times shown at first, and added by "Show more times". */
const PAGE = 8;

type Booked = Extract<SelfBookingReply, { kind: 'booked' }>;
type Times = Extract<SelfBookingReply, { kind: 'times' }>;
type Problem = SelfBookingRefusal | 'unavailable';

type ProblemKey = `selfBooking.${'taken' | 'closedThen' | 'tooFar' | 'past' | 'notBookable' | 'kioskLimit' | 'pcDayLimit' | 'unavailable'}`;
const PROBLEM_TEXT: Record<Problem, ProblemKey> = {
  taken: 'selfBooking.taken',
  closed: 'selfBooking.closedThen',
  'too-far-ahead': 'selfBooking.tooFar',
  past: 'selfBooking.past',
  'off-grid': 'selfBooking.notBookable',
  length: 'selfBooking.notBookable',
  'unknown-pc': 'selfBooking.notBookable',
  'kiosk-limit': 'selfBooking.kioskLimit',
  'pc-day-limit': 'selfBooking.pcDayLimit',
  disabled: 'selfBooking.unavailable',
  unavailable: 'selfBooking.unavailable',
};

/**
 * "Book a time": pick a day (today first), a free time of any PC, confirm,
 * and the code shown large. At most three taps after "Book a time" when
 * today and the first length suit. The hub decides; a time just taken by
 * someone else brings the list back, refreshed, with a word why.
 */
export function BookingScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { client, snapshot } = useKioskContext();
  const dayName = useDayName();
  const [days, setDays] = useState<{ days: DayOption[]; lengths: number[] } | 'loading'>('loading');
  const [date, setDate] = useState<string>();
  const [length, setLength] = useState<number>();
  /** The last free times the hub gave, under the request they answer (date and refresh). */
  const [answered, setAnswered] = useState<{ key: string; times: Times }>();
  const [reload, setReload] = useState(0);
  const [shown, setShown] = useState(PAGE);
  const [chosen, setChosen] = useState<FreeTimeView>();
  const [booked, setBooked] = useState<Booked>();
  const [problem, setProblem] = useState<Problem>();
  const [pending, setPending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const ask = useCallback(async (request: SelfBookingRequest): Promise<SelfBookingReply> => {
    try {
      return await client.call('kiosk.selfBooking', request);
    } catch {
      return { kind: 'unavailable' };
    }
  }, [client]);

  useInactivity(booked ? CODE_KEPT_MS : PICKING_IDLE_MS, onClose);

  useEffect(() => {
    let live = true;
    void ask({ kind: 'days' }).then((reply) => {
      if (!live) return;
      if (reply.kind !== 'days') return setProblem(reply.kind === 'refused' ? reply.reason : 'unavailable');
      setDays({ days: reply.days, lengths: reply.lengths });
      setDate(reply.days[0]?.date);
      setLength(reply.lengths[0]);
    });
    return () => {
      live = false;
    };
  }, [ask]);

  useEffect(() => {
    if (!date) return;
    let live = true;
    void ask({ kind: 'times', date }).then((reply) => {
      if (!live) return;
      if (reply.kind === 'times') setAnswered({ key: `${date}/${reload}`, times: reply });
      else setProblem(reply.kind === 'refused' ? reply.reason : 'unavailable');
    });
    return () => {
      live = false;
    };
  }, [ask, date, reload]);

  // Each step starts at its heading, for keyboard and screen-reader users alike.
  const step = booked ? 'code' : chosen ? 'confirm' : 'list';
  useEffect(() => heading.current?.focus(), [step]);

  const book = async (time: FreeTimeView) => {
    if (pending) return;
    setPending(true);
    const reply = await ask({ kind: 'book', pcId: time.pcId, startsAt: time.startsAt, minutes: time.minutes });
    setPending(false);
    if (reply.kind === 'booked') {
      setProblem(undefined);
      setBooked(reply);
      return;
    }
    // Taken (or refused otherwise): back to the list, refreshed, saying why.
    setChosen(undefined);
    setProblem(reply.kind === 'refused' ? reply.reason : 'unavailable');
    setReload((n) => n + 1);
  };

  // Until the answer for this day (and this refresh) comes, the list says it is looking.
  const times = answered?.key === `${date}/${reload}` ? answered.times : undefined;
  const pcs = times?.pcs ?? answered?.times.pcs ?? [];
  const visible = times?.times.filter((x) => x.minutes === length);
  const dayIndex = days === 'loading' ? -1 : days.days.findIndex((d) => d.date === date);

  return (
    <div className="screen screen--booking">
      <header className="topbar topbar--slim">
        <p className="topbar__where">{t('welcome.where', { pc: snapshot.pc.name, room: snapshot.room.name })}</p>
        <HelpButton />
      </header>
      <main id="main" className="screen__main booking" tabIndex={-1}>
        {booked ? (
          <BookedCode code={booked.code} startsAt={booked.startsAt} endsAt={booked.endsAt} pc={booked.pc} onDone={onClose} />
        ) : chosen ? (
          <section aria-labelledby="booking-confirm-heading">
            <h1 id="booking-confirm-heading" ref={heading} tabIndex={-1}>
              {t('selfBooking.confirmHeading')}
            </h1>
            <BookingDetails startsAt={chosen.startsAt} minutes={chosen.minutes} pc={pcs.find((p) => p.id === chosen.pcId) ?? { id: chosen.pcId, name: chosen.pcId, room: '' }} />
            <div className="booking__actions">
              <button type="button" className="button button--primary button--large" aria-disabled={pending || undefined} onClick={() => void book(chosen)}>
                {pending ? t('selfBooking.booking') : t('selfBooking.confirm')}
              </button>
              <button type="button" className="button button--large" onClick={() => setChosen(undefined)}>
                {t('selfBooking.back')}
              </button>
            </div>
          </section>
        ) : (
          <>
            <h1 ref={heading} tabIndex={-1}>
              {t('selfBooking.heading')}
            </h1>
            {problem ? (
              <div className={`message message--${problem === 'taken' ? 'info' : 'error'}`}>
                <p role="alert">{t(PROBLEM_TEXT[problem])}</p>
              </div>
            ) : null}
            {days === 'loading' ? (
              problem ? null : <p role="status">{t('selfBooking.loading')}</p>
            ) : (
              <div className="booking__pickers">
                <DayChoice days={days.days} date={date} onPick={(d) => (setDate(d), setShown(PAGE), setProblem(undefined))} />
                {days.lengths.length > 1 ? <LengthChoice lengths={days.lengths} length={length} onPick={(m) => (setLength(m), setShown(PAGE))} /> : null}
              </div>
            )}
            {date && problem !== 'unavailable' && problem !== 'disabled' ? (
              <TimeList
                heading={t('selfBooking.timesHeading', { day: dayName(date, dayIndex) })}
                times={visible}
                pcs={pcs}
                shown={shown}
                onMore={() => setShown((n) => n + PAGE)}
                onPick={(time) => (setProblem(undefined), setChosen(time))}
              />
            ) : null}
            <div className="booking__actions">
              <button type="button" className="button button--large" onClick={onClose}>
                {t('selfBooking.cancel')}
              </button>
            </div>
          </>
        )}
      </main>
    </div>
  );
}
