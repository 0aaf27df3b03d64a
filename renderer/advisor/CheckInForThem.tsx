import { useEffect, useState } from 'react';
import type { BookingView } from '../../preload/hub-contract';
import { callHub } from './api';
import type { CommandOutcomes } from './board-state';
import { describeOutcome } from './commands';
import { useHubAction } from './useHubAction';
import { useText } from './i18n';

/** How long the console waits for the PC's answer before saying it did not arrive. */
const RESULT_WAIT_MS = 20_000;

/** "From Varaamo" / "From a calendar", and "No code": an imported booking told apart in the bookings list and on the PC board. */
export function ImportedMarks({ booking }: { booking: BookingView }) {
  const { tr } = useText();
  if (booking.source !== 'import') return null;
  return (
    <>
      <span className="tag tag--import">{tr(booking.from?.kind === 'ics' ? 'sources.from.ics' : 'sources.from.respa')}</span>
      {booking.noCode ? <span className="tag">{tr('sources.noCode')}</span> : null}
    </>
  );
}

/** The words an imported booking is named by in a label ("From Varaamo"). */
export function importedLabel(booking: BookingView, tr: ReturnType<typeof useText>['tr']): string {
  return booking.source === 'import' ? tr(booking.from?.kind === 'ics' ? 'sources.from.ics' : 'sources.from.respa') : '';
}

/**
 * An imported booking's actions: it is moved and cancelled at its source,
 * so the console offers neither; a booking without a code gets "Check in
 * for them", and the PC's answer (started, not its time yet, busy, gone)
 * is announced.
 */
export function ImportedActions({ booking, label, commands, onFailure }: { booking: BookingView; label: string; commands: CommandOutcomes; onFailure: (error: unknown) => void }) {
  const { tr } = useText();
  const { pending, error, run } = useHubAction<'check-in'>(onFailure);
  const [sent, setSent] = useState<{ commandId: string; lost?: boolean } | undefined>();
  const outcome = sent ? commands[sent.commandId] : undefined;
  const waiting = sent && !outcome && !sent.lost;

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setSent((current) => (current ? { ...current, lost: true } : current)), RESULT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [waiting]);

  const press = () =>
    void run('check-in', async () => {
      setSent(undefined);
      const { commandId } = await callHub('checkInFor', { id: booking.id });
      setSent({ commandId });
    });

  const result = outcome ? describeOutcome('check-in', outcome, tr) : undefined;
  const source = tr(booking.from?.kind === 'ics' ? 'sources.kind.ics' : 'sources.kind.respa');
  return (
    <div className="booking__actions booking__actions--import">
      <p className="hint">{tr('sources.changeAtSource', { source })}</p>
      {booking.noCode ? (
        <button type="button" className="button button--primary" aria-label={tr('sources.checkIn.named', { booking: label })} disabled={!!pending || !!waiting} onClick={press}>
          {tr('sources.checkIn.button')}
        </button>
      ) : null}
      <div role="status" aria-live="polite" className="booking__result">
        {pending || waiting ? <p className="hint">{tr('sources.checkIn.sending')}</p> : null}
        {error ? <p className="message message--error">{error}</p> : null}
        {result ? <p className={`message message--${result.tone}`}>{result.text}</p> : null}
        {sent?.lost && !outcome ? <p className="message message--error">{tr('command.unknown')}</p> : null}
      </div>
    </div>
  );
}
