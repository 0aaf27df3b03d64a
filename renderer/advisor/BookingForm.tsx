import { useId, useState, type FormEvent } from 'react';
import type { BookingView, PcView } from '../../preload/hub-contract';
import { HubRequestError } from './api';
import { describeError } from './errors';
import { useText, type Tr } from './i18n';
import { formatClock, instantOf, MINUTE, siteLocalIso, type DayKey } from './time';

export const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240] as const;

export interface SlotInput {
  pcId: string;
  day: DayKey;
  time: string;
  minutes: number;
}

/** What the hub gets: the start as the site's wall-clock time (it refuses a skipped or repeated hour), the end exact. */
export function slotBody(slot: SlotInput, zone: string): { pcId: string; start: string; end: string } {
  const startsAt = instantOf(slot.day, slot.time, zone);
  return { pcId: slot.pcId, start: siteLocalIso(slot.day, slot.time), end: new Date(startsAt + slot.minutes * MINUTE).toISOString() };
}

type Field = 'pcId' | 'day' | 'time' | 'minutes' | 'form';

/**
 * Which booking is in the way, from the console's own copy of the bookings
 * (so the message is in the advisor's language, with the times).
 */
function clashText(error: unknown, slot: SlotInput, bookings: BookingView[], pcs: PcView[], zone: string, tr: Tr, locale: Parameters<typeof formatClock>[1], except?: string): string {
  const startsAt = instantOf(slot.day, slot.time, zone);
  const endsAt = startsAt + slot.minutes * MINUTE;
  const clash = bookings.find((b) => b.pcId === slot.pcId && b.id !== except && b.startsAt < endsAt && startsAt < b.endsAt);
  const pc = pcs.find((p) => p.id === slot.pcId)?.name ?? slot.pcId;
  return describeError(error, tr, clash ? { pc, booked: `${formatClock(clash.startsAt, locale, zone)}–${formatClock(clash.endsAt, locale, zone)}` } : { pc });
}

/** Where the hub's complaint belongs: next to the field it names. */
function fieldOf(error: unknown): Field {
  if (!(error instanceof HubRequestError)) return 'form';
  if (error.field === 'start') return 'time';
  if (error.field === 'end') return 'minutes';
  if (error.field === 'pcId') return 'pcId';
  return 'form';
}

/**
 * PC, day, start time and length: for a new booking and for moving one. A
 * refusal (an overlap, a time in the past) is shown next to its field.
 */
export function BookingForm({
  pcs,
  bookings,
  zone,
  initial,
  minDay,
  submitLabel,
  except,
  onSubmit,
  onCancel,
  onFailure,
}: {
  pcs: PcView[];
  bookings: BookingView[];
  zone: string;
  initial: SlotInput;
  minDay: DayKey;
  submitLabel: string;
  /** The booking being moved (it does not clash with itself). */
  except?: string;
  onSubmit: (slot: SlotInput) => Promise<void>;
  onCancel?: () => void;
  onFailure: (error: unknown) => void;
}) {
  const { tr, locale } = useText();
  const id = useId();
  const [slot, setSlot] = useState<SlotInput>(initial);
  const [problem, setProblem] = useState<{ field: Field; text: string } | undefined>();
  const [pending, setPending] = useState(false);
  const durations: number[] = DURATIONS.includes(initial.minutes as (typeof DURATIONS)[number]) ? [...DURATIONS] : [...DURATIONS, initial.minutes].sort((a, b) => a - b);

  const set = <K extends keyof SlotInput>(key: K, value: SlotInput[K]) => {
    setSlot((s) => ({ ...s, [key]: value }));
    if (problem) setProblem(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (!slot.day) return setProblem({ field: 'day', text: tr('bookings.missingDay') });
    if (!/^\d{2}:\d{2}$/.test(slot.time)) return setProblem({ field: 'time', text: tr('bookings.missingTime') });
    setPending(true);
    setProblem(undefined);
    try {
      await onSubmit(slot);
    } catch (error) {
      setProblem({ field: fieldOf(error), text: clashText(error, slot, bookings, pcs, zone, tr, locale, except) });
      onFailure(error);
    } finally {
      setPending(false);
    }
  };

  const describedBy = (field: Field, hint?: string) => [hint, problem?.field === field ? `${id}-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const errorFor = (field: Field) =>
    problem?.field === field ? (
      <p id={`${id}-${field}-error`} className="field__error" role="alert">
        {problem.text}
      </p>
    ) : null;

  return (
    <form className="form booking-form" onSubmit={submit} noValidate>
      <div className="booking-form__fields">
        <div className="field">
          <label htmlFor={`${id}-pc`} className="field__label">
            {tr('bookings.pc')}
          </label>
          <select
            id={`${id}-pc`}
            className="input input--select"
            value={slot.pcId}
            onChange={(e) => set('pcId', e.target.value)}
            aria-invalid={problem?.field === 'pcId' || undefined}
            aria-describedby={describedBy('pcId')}
          >
            {pcs.map((pc) => (
              <option key={pc.id} value={pc.id}>
                {pc.room ? tr('bookings.pcOption', { pc: pc.name, room: pc.room }) : pc.name}
              </option>
            ))}
          </select>
          {errorFor('pcId')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-day`} className="field__label">
            {tr('bookings.day')}
          </label>
          <input
            id={`${id}-day`}
            className="input"
            type="date"
            min={minDay}
            value={slot.day}
            onChange={(e) => set('day', e.target.value)}
            aria-invalid={problem?.field === 'day' || undefined}
            aria-describedby={describedBy('day')}
          />
          {errorFor('day')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-time`} className="field__label">
            {tr('bookings.start')}
          </label>
          <input
            id={`${id}-time`}
            className="input"
            type="time"
            step={300}
            value={slot.time}
            onChange={(e) => set('time', e.target.value)}
            aria-invalid={problem?.field === 'time' || undefined}
            aria-describedby={describedBy('time', `${id}-zone`)}
          />
          <p id={`${id}-zone`} className="field__hint">
            {tr('bookings.zoneHint', { zone })}
          </p>
          {errorFor('time')}
        </div>
        <div className="field">
          <label htmlFor={`${id}-minutes`} className="field__label">
            {tr('bookings.length')}
          </label>
          <select
            id={`${id}-minutes`}
            className="input input--select"
            value={slot.minutes}
            onChange={(e) => set('minutes', Number(e.target.value))}
            aria-invalid={problem?.field === 'minutes' || undefined}
            aria-describedby={describedBy('minutes')}
          >
            {durations.map((m) => (
              <option key={m} value={m}>
                {tr('common.minutes', { count: m })}
              </option>
            ))}
          </select>
          {errorFor('minutes')}
        </div>
      </div>
      {errorFor('form')}
      <div className="form__actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {tr('common.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button button--primary" aria-disabled={pending || undefined}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
