import { MINUTE } from '../core/clock';
import { codeValidFrom, isCodeValidAt } from '../core/bookings';
import { codeLengthsNow } from '../core/code-lengths';
import { findByHash, hashCode } from '../core/codes';
import { checkExtension, type ExtensionCheck } from '../core/extension';
import { inSession } from '../core/session-machine';
import { CodeThrottle } from '../core/throttle';
import { walkInWindow } from '../core/walk-in';
import { keepThrottle } from '../store/throttle-file';
import type { CheckInResult, Locale } from '../../preload/contract';
import type { KioskContext } from './feature';
import type { Opening } from './opening';
import type { Schedule } from './schedule';
import type { SnapshotInput } from './snapshot';

export type ExtendResult = ExtensionCheck | { allowed: false; reason: 'no-session' };

export interface Access {
  checkIn(code: string, locale: Locale): CheckInResult;
  startWalkIn(locale: Locale): boolean;
  extend(): ExtendResult;
  /** After pairing, and in each welcome: codes are hashed with the key the hub gave this PC from now on. */
  setCodeKey(key: Buffer): void;
  snapshotPart(): Pick<SnapshotInput, 'throttle' | 'canExtend' | 'codeLengths'>;
}

/**
 * Getting a PC and keeping it: a booking's code (wrong codes throttled, the
 * count kept across restarts), a walk-in while the PC is free, and an
 * extension when the next slot is free. Nothing starts while the site is
 * closed, and nothing runs past closing. A booking's code works even once
 * the booking has let go of the PC (a no-show, or the rest after an early
 * end), as long as the PC is free.
 */
export function setupAccess(ctx: KioskContext, schedule: Schedule, opening: Opening): Access {
  const { clock } = ctx.deps;
  let codeKey = ctx.deps.codeKey;
  const throttle = new CodeThrottle(ctx.config.checkIn.throttle);
  const kept = ctx.deps.throttleFile
    ? keepThrottle(throttle, ctx.deps.throttleFile, (error) => ctx.log.warn('wrong-code count not saved', { error: error.message }))
    : undefined;
  kept?.load();

  const extensionCheck = (): ExtendResult => {
    const state = ctx.state;
    if (!inSession(state)) return { allowed: false, reason: 'no-session' };
    const hub = ctx.deps.hub;
    if (hub?.available && !hub.online) return { allowed: false, reason: 'offline' };
    return checkExtension(state.session, schedule.holding(), clock.now(), ctx.config, opening.closesAt());
  };

  ctx.register({
    policyChanged(config) {
      throttle.setPolicy(config.checkIn.throttle);
    },
  });

  return {
    checkIn(code, locale) {
      const now = clock.now();
      if (ctx.state.phase !== 'welcome') return { result: 'busy' };
      if (!opening.isOpen()) {
        const { opening: view } = opening.snapshotPart();
        return view.opensAt === undefined ? { result: 'closed' } : { result: 'closed', opensAt: view.opensAt };
      }
      const status = throttle.status(now);
      if (status.locked) return { result: 'throttled', until: status.until };

      const booking = findByHash(schedule.bookings(), hashCode(codeKey, code));
      const early = ctx.config.checkIn;
      if (booking && isCodeValidAt(booking, now, early)) {
        throttle.recordRight();
        kept?.save();
        ctx.log.info('check-in accepted', { kind: 'booked' });
        // A booking made before the hours changed still ends by closing.
        const endsAt = Math.min(booking.endsAt, opening.closesAt());
        ctx.startSession({ id: ctx.newId(), kind: 'booked', bookingId: booking.id, endsAt, language: locale });
        return { result: 'ok' };
      }
      if (booking && now < codeValidFrom(booking, early)) {
        return { result: 'not-yet', startsAt: booking.startsAt, validFrom: codeValidFrom(booking, early) };
      }
      const after = throttle.recordWrong(now);
      kept?.save();
      ctx.log.info('check-in refused', { reason: after.locked ? 'throttled' : 'wrong-code' });
      ctx.emit();
      if (after.locked) return { result: 'throttled', until: after.until };
      return { result: 'wrong-code', attemptsLeft: ctx.config.checkIn.throttle.maxWrong - throttle.wrongSoFar(now) };
    },
    startWalkIn(locale) {
      const now = clock.now();
      if (ctx.state.phase !== 'welcome' || !opening.isOpen()) return false;
      const window = walkInWindow(schedule.holding(), now, ctx.config.walkIn, ctx.config.checkIn, opening.closesAt());
      if (!window.allowed) return false;
      ctx.log.info('walk-in started', { minutes: Math.round((window.endsAt - now) / MINUTE) });
      ctx.startSession({ id: ctx.newId(), kind: 'walk-in', endsAt: window.endsAt, language: locale });
      return true;
    },
    extend() {
      const check = extensionCheck();
      if (check.allowed) ctx.dispatch({ type: 'extend', endsAt: check.endsAt });
      return check;
    },
    setCodeKey(key) {
      codeKey = key;
    },
    snapshotPart: () => ({
      throttle: throttle.status(clock.now()),
      // Every live booking's code may still check in (a no-show's too, while the PC is free): all of them count.
      codeLengths: codeLengthsNow(schedule.bookings(), clock.now(), ctx.config.checkIn),
      canExtend: ctx.state.phase === 'warning' && extensionCheck().allowed,
    }),
  };
}
