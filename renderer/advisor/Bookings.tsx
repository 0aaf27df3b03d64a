import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Board, BookingView } from '../../preload/hub-contract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { callHub } from './api';
import { BookingForm, slotBody, DURATIONS, type SlotInput } from './BookingForm';
import { useNow } from '../ui/useNow';
import { describeError } from './errors';
import { useText } from './i18n';
import { addDays, dayBounds, dayKey, formatClock, formatDay, hhmm, MINUTE, type DayKey } from './time';
import { pcLabel } from './HelpQueue';
import type { CommandOutcomes } from './board-state';
import { ImportedActions, ImportedMarks, importedLabel } from './CheckInForThem';

/** The hub sends the bookings of today and the next seven days. */
export const DAYS_AHEAD_SHOWN = 7;

interface Created {
  booking: BookingView;
  code: string;
}

/** The next quarter of an hour at the site, or 10:00 on another day. */
function suggestedTime(day: DayKey, now: number, zone: string): string {
  if (day !== dayKey(now, zone)) return '10:00';
  const next = Math.ceil((now + MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
  return dayKey(next, zone) === day ? hhmm(next, zone) : '23:45';
}

/**
 * One site day of bookings, PC by PC: make a booking (its code shown once,
 * large, with a printable slip), move one, cancel one.
 */
export function Bookings({ board, offsetMs, commands, onFailure }: { board: Board; offsetMs: number; commands: CommandOutcomes; onFailure: (error: unknown) => void }) {
  const { tr, locale } = useText();
  const zone = board.site.timeZone;
  const now = useNow(30_000) + offsetMs;
  const today = dayKey(now, zone);
  const [day, setDay] = useState<DayKey>(today);
  const [formKey, setFormKey] = useState(0);
  const [created, setCreated] = useState<Created | undefined>();
  const [moving, setMoving] = useState<BookingView | undefined>();
  const [cancelling, setCancelling] = useState<BookingView | undefined>();
  const [cancelError, setCancelError] = useState<string | undefined>();
  const [cancelPending, setCancelPending] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const shownDay = day < today ? today : day;
  const { start, end } = dayBounds(shownDay, zone);
  const ofDay = board.bookings.filter((b) => b.startsAt < end && b.endsAt > start).sort((a, b) => a.startsAt - b.startsAt);
  const time = (at: number) => formatClock(at, locale, zone);
  const range = (b: BookingView) => `${time(b.startsAt)}–${time(b.endsAt)}`;
  const beyondWeek = shownDay > addDays(today, DAYS_AHEAD_SHOWN - 1);

  const create = async (slot: SlotInput) => {
    const answer = await callHub('createBooking', { body: slotBody(slot, zone) });
    setCreated(answer);
    setDay(dayKey(answer.booking.startsAt, zone));
    setNotice(undefined);
  };

  const move = async (slot: SlotInput) => {
    if (!moving) return;
    const body = slotBody(slot, zone);
    const moved = await callHub('moveBooking', { id: moving.id, body: { start: body.start, end: body.end, pcId: body.pcId } });
    setMoving(undefined);
    setDay(dayKey(moved.startsAt, zone));
    const pc = pcLabel(board.pcs, moved.pcId).name;
    setNotice(tr('bookings.moved', { pc, time: `${time(moved.startsAt)}–${time(moved.endsAt)}`, day: formatDay(dayKey(moved.startsAt, zone), locale, zone) }));
  };

  const cancel = async () => {
    if (!cancelling || cancelPending) return;
    setCancelPending(true);
    setCancelError(undefined);
    try {
      await callHub('cancelBooking', { id: cancelling.id });
      setNotice(tr('bookings.cancelled', { pc: pcLabel(board.pcs, cancelling.pcId).name, time: range(cancelling) }));
      setCancelling(undefined);
    } catch (error) {
      setCancelError(describeError(error, tr));
      onFailure(error);
    } finally {
      setCancelPending(false);
    }
  };

  return (
    <section id="bookings" className="panel" aria-labelledby="bookings-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="bookings-heading">{tr('bookings.heading')}</h2>
      </div>

      {board.pcs.length > 0 ? (
        <div className="card new-booking">
          <h3>{tr('bookings.newHeading')}</h3>
          <BookingForm
            key={`${formKey}-${shownDay}`}
            pcs={board.pcs}
            bookings={board.bookings}
            zone={zone}
            minDay={today}
            initial={{ pcId: board.pcs[0]!.id, day: shownDay, time: suggestedTime(shownDay, now, zone), minutes: 60 }}
            submitLabel={tr('bookings.create')}
            onSubmit={create}
            onFailure={onFailure}
          />
        </div>
      ) : null}

      <div className="day-nav">
        <h3 className="day-nav__day" aria-live="polite">
          {formatDay(shownDay, locale, zone)}
          {shownDay === today ? <span className="tag">{tr('bookings.today')}</span> : null}
        </h3>
        <div className="day-nav__buttons">
          <button type="button" className="button" disabled={shownDay <= today} onClick={() => setDay(addDays(shownDay, -1))}>
            {tr('bookings.previousDay')}
          </button>
          <button type="button" className="button" disabled={shownDay === today} onClick={() => setDay(today)}>
            {tr('bookings.today')}
          </button>
          <button type="button" className="button" onClick={() => setDay(addDays(shownDay, 1))}>
            {tr('bookings.nextDay')}
          </button>
        </div>
      </div>
      {beyondWeek ? <p className="hint">{tr('bookings.beyondWeek', { count: DAYS_AHEAD_SHOWN })}</p> : null}
      <div aria-live="polite">{notice ? <p className="message message--success">{notice}</p> : null}</div>

      <div className="day-view">
        {board.pcs.map((pc) => {
          const own = ofDay.filter((b) => b.pcId === pc.id);
          return (
            <section key={pc.id} className="day-view__pc" aria-labelledby={`day-${pc.id}`}>
              <h4 id={`day-${pc.id}`} className="day-view__pc-name">
                {pc.room ? tr('bookings.pcOption', { pc: pc.name, room: pc.room }) : pc.name}
              </h4>
              {own.length === 0 ? (
                <p className="hint">{tr('bookings.noneThisDay')}</p>
              ) : (
                <ul className="booking-list">
                  {own.map((b) => {
                    const state = b.endsAt <= now ? 'past' : b.startsAt <= now ? 'now' : 'coming';
                    const label = `${pc.name} ${range(b)}${b.source === 'self' ? ` (${tr('bookings.selfBooked')})` : ''}${b.source === 'import' ? ` (${importedLabel(b, tr)})` : ''}`;
                    return (
                      <li key={b.id} className={`booking booking--${state}`}>
                        <p className="booking__time">
                          {range(b)}
                          <span className="booking__length">{tr('common.minutes', { count: Math.round((b.endsAt - b.startsAt) / MINUTE) })}</span>
                          {state === 'now' ? <span className="tag tag--now">{tr('bookings.now')}</span> : null}
                          {state === 'past' ? <span className="tag">{tr('bookings.ended')}</span> : null}
                          {b.source === 'self' ? (
                            <span className="tag" title={tr('bookings.selfBookedHint')}>
                              {tr('bookings.selfBooked')}
                            </span>
                          ) : null}
                          <ImportedMarks booking={b} />
                        </p>
                        {state !== 'past' && b.source === 'import' ? <ImportedActions booking={b} label={label} commands={commands} onFailure={onFailure} /> : null}
                        {state !== 'past' && b.source !== 'import' ? (
                          <div className="booking__actions">
                            <button type="button" className="button" aria-label={tr('bookings.moveNamed', { booking: label })} onClick={() => setMoving(b)}>
                              {tr('bookings.move')}
                            </button>
                            <button
                              type="button"
                              className="button"
                              aria-label={tr('bookings.cancelNamed', { booking: label })}
                              onClick={() => {
                                setCancelError(undefined);
                                setCancelling(b);
                              }}
                            >
                              {tr('bookings.cancel')}
                            </button>
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
          );
        })}
      </div>

      <MoveDialog board={board} booking={moving} today={today} onMove={move} onClose={() => setMoving(undefined)} onFailure={onFailure} />

      <ConfirmDialog
        open={!!cancelling}
        title={tr('bookings.cancelTitle')}
        confirmLabel={tr('bookings.cancelConfirm')}
        cancelLabel={tr('bookings.keep')}
        tone="danger"
        busy={cancelPending}
        error={cancelError}
        onConfirm={() => void cancel()}
        onCancel={() => setCancelling(undefined)}
      >
        {cancelling ? (
          <p>
            {tr('bookings.cancelBody', {
              pc: pcLabel(board.pcs, cancelling.pcId).name,
              day: formatDay(dayKey(cancelling.startsAt, zone), locale, zone),
              time: range(cancelling),
            })}
          </p>
        ) : null}
      </ConfirmDialog>

      <CodeDialog
        board={board}
        created={created}
        onClose={() => {
          setCreated(undefined);
          setFormKey((k) => k + 1);
        }}
      />
    </section>
  );
}

function MoveDialog({
  board,
  booking,
  today,
  onMove,
  onClose,
  onFailure,
}: {
  board: Board;
  booking: BookingView | undefined;
  today: DayKey;
  onMove: (slot: SlotInput) => Promise<void>;
  onClose: () => void;
  onFailure: (error: unknown) => void;
}) {
  const { tr } = useText();
  const id = useId();
  const zone = board.site.timeZone;
  return (
    <Dialog open={!!booking} titleId={`${id}-title`} onEscape={onClose}>
      {booking ? (
        <>
          <h2 id={`${id}-title`}>{tr('bookings.moveTitle')}</h2>
          <BookingForm
            pcs={board.pcs}
            bookings={board.bookings}
            zone={zone}
            minDay={today}
            except={booking.id}
            initial={{
              pcId: booking.pcId,
              day: dayKey(booking.startsAt, zone),
              time: hhmm(booking.startsAt, zone),
              minutes: Math.round((booking.endsAt - booking.startsAt) / MINUTE) || DURATIONS[0],
            }}
            submitLabel={tr('bookings.saveMove')}
            onSubmit={onMove}
            onCancel={onClose}
            onFailure={onFailure}
          />
        </>
      ) : null}
    </Dialog>
  );
}

/** The new booking's code, once and large, with a slip to print (the hub keeps only its hash). */
function CodeDialog({ board, created, onClose }: { board: Board; created: Created | undefined; onClose: () => void }) {
  const { tr, locale } = useText();
  const id = useId();
  const zone = board.site.timeZone;
  if (!created) return <Dialog open={false} titleId={`${id}-title`}>{null}</Dialog>;
  const { booking, code } = created;
  const pc = pcLabel(board.pcs, booking.pcId);
  const day = formatDay(dayKey(booking.startsAt, zone), locale, zone);
  const times = `${formatClock(booking.startsAt, locale, zone)}–${formatClock(booking.endsAt, locale, zone)}`;
  const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
  return (
    <>
      <Dialog open titleId={`${id}-title`} descriptionId={`${id}-what`} onEscape={onClose}>
        <h2 id={`${id}-title`}>{tr('code.heading')}</h2>
        <p id={`${id}-what`} className="dialog__body">
          {tr('code.what', { pc: pc.name, room: pc.room, day, time: times })}
        </p>
        <p className="booking-code">
          <span className="booking-code__label">{tr('code.label')}</span>
          <span className="sr-only">{code.split('').join(' ')}</span>
          <span className="booking-code__digits" aria-hidden="true">
            {spaced}
          </span>
        </p>
        <p className="message message--info">{tr('code.onlyNow')}</p>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => window.print()}>
            {tr('code.print')}
          </button>
          <button type="button" className="button button--primary" data-autofocus onClick={onClose}>
            {tr('code.done')}
          </button>
        </div>
      </Dialog>
      {createPortal(
        <div className="print-slip" aria-hidden="true">
          <p className="print-slip__site">{board.site.name}</p>
          <h1 className="print-slip__title">{tr('slip.title')}</h1>
          <dl className="print-slip__facts">
            <dt>{tr('slip.pc')}</dt>
            <dd>{pc.name}</dd>
            <dt>{tr('slip.room')}</dt>
            <dd>{pc.room}</dd>
            <dt>{tr('slip.day')}</dt>
            <dd>{day}</dd>
            <dt>{tr('slip.time')}</dt>
            <dd>{times}</dd>
          </dl>
          <p className="print-slip__code-label">{tr('slip.code')}</p>
          <p className="print-slip__code">{spaced}</p>
          <p className="print-slip__how">{tr('slip.how')}</p>
        </div>,
        document.body,
      )}
    </>
  );
}
