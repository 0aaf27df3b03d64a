import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Lockout } from '../../ui/Lockout';
import { useCountdown } from '../../ui/useCountdown';
import { formatClock, formatDay, sameSiteDay } from '../format';
import { useCoreNow, useKioskContext } from '../state';
import { Keypad } from './Keypad';

type Message =
  | { kind: 'incomplete' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'throttled'; until: number }
  | { kind: 'not-yet'; startsAt: number; validFrom: number }
  | { kind: 'busy' };

/** Before a snapshot says otherwise: six digits, as Tupa makes them. */
const SIX: readonly number[] = [6];

/**
 * The booking code: typed or tapped on the large keypad. "Check in" sits
 * beside the field (beneath it where the line is short), above the keypad,
 * so it is in view with the field at every text size, and a keyboard user
 * reaches it straight from the field.
 */
export function CheckInForm() {
  const { t } = useTranslation();
  const { client, snapshot, locale, run } = useKioskContext();
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<Message | undefined>();
  const [pending, setPending] = useState(false);
  // The lengths the PC's bookings have now (4 from Varaamo, or 6): field, keypad, hint and check follow them.
  const lengths = snapshot.checkIn.codeLengths ?? SIX;
  const longest = Math.max(...lengths);
  const either = lengths.length > 1;
  // Codes are refused until the core's lock ends (the snapshot's, or the answer's until the next snapshot comes).
  const lockedUntil = snapshot.checkIn.lockedUntil ?? (message?.kind === 'throttled' ? message.until : undefined);
  const lockedMs = useCountdown(lockedUntil, useCoreNow());
  const locked = lockedMs > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked || pending) return;
    if (!lengths.includes(code.length)) {
      setMessage({ kind: 'incomplete' });
      return;
    }
    setPending(true);
    const reply = await run(() => client.call('kiosk.checkIn', { code, locale }));
    setPending(false);
    if (!reply) return;
    switch (reply.result) {
      case 'ok':
        setCode('');
        setMessage(undefined);
        return;
      case 'wrong-code':
        setCode('');
        setMessage({ kind: 'wrong', attemptsLeft: reply.attemptsLeft });
        return;
      case 'throttled':
        setCode('');
        setMessage({ kind: 'throttled', until: reply.until });
        return;
      case 'not-yet':
        setMessage({ kind: 'not-yet', startsAt: reply.startsAt, validFrom: reply.validFrom });
        return;
      case 'busy':
        setMessage({ kind: 'busy' });
        return;
      case 'closed':
        // The centre closed while the code was typed: the welcome screen turns to "Closed" with the snapshot.
        setCode('');
        setMessage(undefined);
    }
  };

  const text = (m: Exclude<Message, { kind: 'throttled' }>): string => {
    switch (m.kind) {
      case 'incomplete':
        return either ? t('codes.incompleteEither') : t('codes.incomplete', { count: longest });
      case 'wrong':
        return t('welcome.wrongCode', { count: m.attemptsLeft });
      case 'not-yet':
        // A resident on the wrong day must hear which day: the clock alone would send them waiting.
        return t(sameSiteDay(m.startsAt, snapshot.now, snapshot.timeZone) ? 'welcome.notYet' : 'welcome.notYetDay', {
          day: formatDay(m.startsAt, locale, snapshot.timeZone),
          start: formatClock(m.startsAt, locale, snapshot.timeZone),
          from: formatClock(m.validFrom, locale, snapshot.timeZone),
        });
      case 'busy':
        return t('welcome.busy');
    }
  };

  // While codes are refused the screen says so, with the time left; once the pause is over the message goes.
  const shown = locked ? 'locked' : message?.kind === 'throttled' ? undefined : message;

  return (
    <form className="check-in" onSubmit={submit} noValidate>
      <label htmlFor="booking-code" className="field-label">
        {t('welcome.codeLabel')}
      </label>
      <p id="booking-code-hint" className="hint">
        {either ? t('codes.hintEither') : t('codes.hint', { count: longest })}
      </p>
      <div className="check-in__row">
        <input
          id="booking-code"
          className="code-input"
          dir="ltr"
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, longest))}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={longest}
          disabled={locked}
          aria-invalid={!locked && (message?.kind === 'wrong' || message?.kind === 'incomplete') ? true : undefined}
          aria-describedby={`booking-code-hint${shown ? ' booking-code-message' : ''}`}
        />
        <button type="submit" className="button button--primary button--large" disabled={locked} aria-disabled={pending || undefined}>
          {t('welcome.checkIn')}
        </button>
      </div>
      {shown ? (
        <div id="booking-code-message" className={`message message--${shown !== 'locked' && shown.kind === 'not-yet' ? 'info' : 'error'}`}>
          <p role="alert">{shown === 'locked' ? <Lockout leftMs={lockedMs} text={(time) => t('welcome.throttled', { time })} /> : text(shown)}</p>
        </div>
      ) : null}
      <Keypad
        disabled={locked}
        onDigit={(d) => setCode((c) => (c.length < longest ? c + d : c))}
        onDelete={() => setCode((c) => c.slice(0, -1))}
        onClear={() => setCode('')}
      />
    </form>
  );
}
