import { useEffect, useId, useRef, useState } from 'react';
import type { Board, CommandEvent, HelpCallView, PcView } from '../../preload/hub-contract';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { callHub } from './api';
import { useNow } from '../ui/useNow';
import { isOpen, type CommandOutcomes } from './board';
import { currentAndNext } from './pc-bookings';
import { ImportedMarks } from './CheckInForThem';
import { describeOutcome, type CommandKind } from './commands';
import { describeError } from './errors';
import { useText, type AdvisorLocale, type Tr } from './i18n';
import { formatCountdown } from '../ui/countdown';
import { dayBounds, dayKey, formatClock, formatShortDay } from './time';
import { intlLocale } from '../i18n/languages';
import { HealthFacts } from './fleet/PcHealth';
import { PcMaintenance } from './fleet/PcMaintenance';
import { CardResult } from './fleet/CardResult';
import { AttentionFilter, useAttentionFilter } from './fleet/AttentionFilter';
import { HeldPrintJob } from './print/HeldPrintJob';
import { Printers } from './print/Printers';

/** A PC's clock further than this from the hub's is shown on its card. */
export const SKEW_SHOWN_MS = 5_000;
const EXTEND_CHOICES = [5, 10, 15, 20, 30, 45, 60] as const;
const EXTEND_DEFAULT = 15;
/**
 * The hub answers "no answer" after 10 s; without any word by this time the
 * console's own connection must have missed it.
 */
export const RESULT_WAIT_MS = 15_000;

export function PcBoard({
  board,
  offsetMs,
  commands,
  onFailure,
}: {
  board: Board;
  offsetMs: number;
  commands: CommandOutcomes;
  onFailure: (error: unknown) => void;
}) {
  const { tr } = useText();
  const now = useNow(1000) + offsetMs;
  const filter = useAttentionFilter(board.pcs);
  return (
    <section id="pcs" className="panel" aria-labelledby="pcs-heading" tabIndex={-1}>
      <div className="panel__head">
        <h2 id="pcs-heading">{tr('pcs.heading')}</h2>
        <AttentionFilter filter={filter} board={board} onFailure={onFailure} />
      </div>
      <Printers board={board} />
      {board.pcs.length === 0 ? (
        <p>{tr('pcs.none')}</p>
      ) : (
        <ul className="pc-grid">
          {filter.shown.map((pc) => (
            <PcCard
              key={pc.id}
              pc={pc}
              board={board}
              now={now}
              call={board.help.find((c) => c.pcId === pc.id && isOpen(c))}
              commands={commands}
              onFailure={onFailure}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** "14:02", or "22.11.2026 14:02" when it was not today at the site. */
function when(at: number, now: number, locale: AdvisorLocale, zone: string): string {
  const clock = formatClock(at, locale, zone);
  return dayKey(at, zone) === dayKey(now, zone) ? clock : `${formatShortDay(dayKey(at, zone), locale, zone)} ${clock}`;
}

export function duration(ms: number, locale: AdvisorLocale): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const [value, unit] = seconds < 120 ? [seconds, 'second'] : seconds < 7200 ? [Math.round(seconds / 60), 'minute'] : [Math.round(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

type Tone = 'help' | 'offline' | 'problem' | 'busy' | 'free' | 'idle';

function mainState(pc: PcView, now: number, tr: Tr, locale: AdvisorLocale, zone: string): { tone: Tone; label: string; detail?: string | undefined } {
  const status = pc.status;
  if (!pc.paired) return { tone: 'idle', label: tr('pc.notPaired') };
  if (!pc.online) {
    return {
      tone: 'offline',
      label: tr('pc.offline'),
      detail: pc.lastSeen
        ? tr('pc.lastSeen', { time: when(pc.lastSeen, now, locale, zone), ago: duration(now - pc.lastSeen, locale) })
        : tr('pc.neverSeen'),
    };
  }
  switch (status?.phase) {
    case undefined:
      return { tone: 'idle', label: tr('pc.noStatus') };
    case 'out-of-service':
      // Put out of service by an advisor: their reason is among the facts (fleet/PcHealth.tsx), nothing to fix.
      if (status.outOfService?.planned) return { tone: 'problem', label: tr('pc.outOfService') };
      // Plain words and what to do; the PC's own words are in the last clearing's line, for IT.
      return { tone: 'problem', label: tr('pc.outOfService'), detail: tr('pcAlert.todo') };
    case 'active':
    case 'warning':
      return { tone: 'busy', label: status.session?.kind === 'walk-in' ? tr('pc.inSessionWalkIn') : tr('pc.inSessionBooked') };
    case 'ending':
    case 'wiping':
      return { tone: 'busy', label: tr('pc.ending') };
    case 'feedback':
      return { tone: 'busy', label: tr('pc.feedback') };
    case 'welcome':
      return { tone: 'free', label: tr('pc.free') };
  }
}

/** This card's latest command: being sent, then waiting for its outcome under its id. */
interface Sent {
  kind: CommandKind;
  commandId?: string;
  /** No outcome reached this console in time. */
  lost?: boolean;
}

function PcCard({
  pc,
  board,
  now,
  call,
  commands,
  onFailure,
}: {
  pc: PcView;
  board: Board;
  now: number;
  call: HelpCallView | undefined;
  commands: CommandOutcomes;
  onFailure: (error: unknown) => void;
}) {
  const { tr, locale } = useText();
  const id = useId();
  const zone = board.site.timeZone;
  const [minutes, setMinutes] = useState<number>(EXTEND_DEFAULT);
  const [confirm, setConfirm] = useState<'end' | 'reset' | undefined>();
  const [pending, setPending] = useState(false);
  const [sent, setSent] = useState<Sent | undefined>();
  const [refused, setRefused] = useState<string | undefined>();
  const [dialogError, setDialogError] = useState<string | undefined>();
  const nameRef = useRef<HTMLHeadingElement>(null);
  const lastFocus = useRef<HTMLElement | null>(null);
  const outcome: CommandEvent | undefined = sent?.commandId ? commands[sent.commandId] : undefined;
  const waitingId = sent?.commandId && !outcome && !sent.lost ? sent.commandId : undefined;
  const state = mainState(pc, now, tr, locale, zone);
  const status = pc.online ? pc.status : undefined;
  const session = status && (status.phase === 'active' || status.phase === 'warning') ? status.session : undefined;
  const tone: Tone = call ? 'help' : state.tone;
  const nameId = `${id}-name`;
  const todayEnd = dayBounds(dayKey(now, zone), zone).end;
  const own = board.bookings.filter((b) => b.pcId === pc.id && b.endsAt > now && b.startsAt < todayEnd).sort((a, b) => a.startsAt - b.startsAt);
  const { current: bookedNow, next: nextBooking } = currentAndNext(own, session, now);
  const range = (b: { startsAt: number; endsAt: number }) => `${formatClock(b.startsAt, locale, zone)}–${formatClock(b.endsAt, locale, zone)}`;

  // The outcome comes from the hub within seconds (the PC's answer, or "no answer"); if this console's connection missed it, say so.
  useEffect(() => {
    if (!waitingId) return;
    const timer = setTimeout(() => setSent((current) => (current?.commandId === waitingId ? { ...current, lost: true } : current)), RESULT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [waitingId]);

  // Focus stays where the advisor left it; only when the focused button went away with the session, it stays on this card.
  useEffect(() => {
    const last = lastFocus.current;
    if (!sent || !last || last.isConnected) return;
    lastFocus.current = null;
    const active = document.activeElement;
    if (!active || active === document.body) nameRef.current?.focus({ preventScroll: true });
  });

  const send = async (kind: 'extend' | 'end' | 'reset', fromDialog: boolean) => {
    if (pending) return;
    setPending(true);
    setRefused(undefined);
    setDialogError(undefined);
    setSent({ kind });
    try {
      const { commandId } = kind === 'extend' ? await callHub('extend', { id: pc.id, body: { minutes } }) : await callHub(kind, { id: pc.id });
      setConfirm(undefined);
      setSent({ kind, commandId });
    } catch (error) {
      setSent(undefined);
      const text = describeError(error, tr, { pc: pc.name });
      if (fromDialog) setDialogError(text);
      else setRefused(text);
      onFailure(error);
    } finally {
      setPending(false);
    }
  };

  const shown = refused
    ? { tone: 'error' as const, text: refused }
    : !sent
      ? undefined
      : outcome
        ? describeOutcome(sent.kind, outcome, tr)
        : sent.lost
          ? { tone: 'warning' as const, text: tr('command.unknown') }
          : { tone: 'info' as const, text: tr('command.sending') };

  return (
    <li
      className={`pc-card pc-card--${tone}`}
      onFocus={(event) => {
        lastFocus.current = event.target;
      }}
      onBlur={(event) => {
        if (event.relatedTarget instanceof Node && !event.currentTarget.contains(event.relatedTarget)) lastFocus.current = null;
      }}
    >
      <div className="pc-card__head">
        <h3 id={nameId} ref={nameRef} className="pc-card__name" tabIndex={-1}>
          {pc.name}
        </h3>
        <p className="pc-card__room">{pc.room}</p>
      </div>
      {call ? (
        <p className="pc-card__help">
          <a href="#help">{call.state === 'acknowledged' ? tr('pc.helpAcknowledged') : tr('pc.helpRequested')}</a>
        </p>
      ) : null}
      <p className={`pc-state pc-state--${state.tone}`}>
        <span className="pc-state__label">{state.label}</span>
        {state.detail ? <span className="pc-state__detail">{state.detail}</span> : null}
      </p>
      {session ? (
        <p className="pc-card__time">
          <span className="pc-card__left" role="timer" aria-live="off">
            {tr('pc.timeLeft', { time: formatCountdown(session.endsAt - now) })}
          </span>{' '}
          <span className="pc-card__ends">{tr('pc.endsAt', { time: formatClock(session.endsAt, locale, zone) })}</span>
        </p>
      ) : null}
      {pc.status?.conflict ? (
        <p className="message message--warning">
          <strong>{tr('pc.conflict')}</strong> {pc.status.conflict}
        </p>
      ) : null}
      <ul className="pc-card__facts">
        {bookedNow ? (
          <li>
            {tr('pc.bookedNow', { time: range(bookedNow) })} <ImportedMarks booking={bookedNow} />
          </li>
        ) : null}
        {nextBooking ? (
          <li>
            {tr('pc.nextBooking', { time: range(nextBooking) })} <ImportedMarks booking={nextBooking} />
          </li>
        ) : null}
        {pc.status?.lastWipe ? (
          pc.status.lastWipe.ok ? (
            <li>{tr('pc.lastWipeOk', { time: when(pc.status.lastWipe.at, now, locale, zone) })}</li>
          ) : (
            <li className="fact--bad">
              {tr('pc.lastWipeFailed', { time: when(pc.status.lastWipe.at, now, locale, zone) })}
              {pc.status.lastWipe.problem ? <span className="fact__detail">{tr('pc.forIt', { problem: pc.status.lastWipe.problem })}</span> : null}
            </li>
          )
        ) : null}
        {pc.clockSkewMs !== undefined && Math.abs(pc.clockSkewMs) > SKEW_SHOWN_MS ? (
          <li className="fact--bad">
            {pc.clockSkewMs > 0 ? tr('pc.skewAhead', { amount: duration(pc.clockSkewMs, locale) }) : tr('pc.skewBehind', { amount: duration(pc.clockSkewMs, locale) })}
          </li>
        ) : null}
        <HealthFacts pc={pc} tr={tr} locale={locale} />
      </ul>
      {pc.paired ? (
        <div className="pc-card__actions">
          {session ? (
            <>
              <div className="extend">
                <label htmlFor={`${id}-minutes`} className="extend__label">
                  {tr('pc.extendBy')}
                </label>
                <select id={`${id}-minutes`} className="input input--select" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
                  {EXTEND_CHOICES.map((m) => (
                    <option key={m} value={m}>
                      {tr('common.minutes', { count: m })}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" aria-describedby={nameId} aria-disabled={pending || undefined} onClick={() => void send('extend', false)}>
                  {tr('pc.extend')}
                </button>
              </div>
              <button type="button" className="button" aria-describedby={nameId} onClick={() => setConfirm('end')}>
                {tr('pc.end')}
              </button>
            </>
          ) : null}
          <button type="button" className="button" aria-describedby={nameId} onClick={() => setConfirm('reset')}>
            {tr('pc.reset')}
          </button>
        </div>
      ) : null}
      <HeldPrintJob pc={pc} zone={zone} commands={commands} nameId={nameId} onFailure={onFailure} />
      <PcMaintenance pc={pc} admin={board.advisor.admin} commands={commands} nameId={nameId} onFailure={onFailure} />
      <CardResult pcName={pc.name} shown={shown} />
      <ConfirmDialog
        open={confirm !== undefined}
        title={confirm === 'end' ? tr('pc.endTitle', { pc: pc.name }) : tr('pc.resetTitle', { pc: pc.name })}
        confirmLabel={confirm === 'end' ? tr('pc.endConfirm') : tr('pc.resetConfirm')}
        cancelLabel={tr('common.cancel')}
        tone="danger"
        busy={pending}
        error={dialogError}
        onConfirm={() => confirm && void send(confirm, true)}
        onCancel={() => {
          setConfirm(undefined);
          setDialogError(undefined);
        }}
      >
        <p>{confirm === 'end' ? tr('pc.endBody') : tr('pc.resetBody')}</p>
      </ConfirmDialog>
    </li>
  );
}

