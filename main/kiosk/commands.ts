import { commandRefusal } from '../core/advisor-commands';
import { advisorExtension } from '../core/session-bounds';
import { inSession } from '../core/session-machine';
import { describeError } from '../log/logger';
import type { KioskCommand } from '../../preload/hub-contract';
import type { CheckInForThem } from './check-in-for-them';
import type { CommandDone, KioskContext } from './feature';
import type { Opening } from './opening';
import type { Schedule } from './schedule';
import type { Wipe } from './wipe';
import type { Fleet } from './fleet';
import type { PrinterStatus } from './printer-status';

type CommandResult = Omit<CommandDone, 'type' | 'commandId'>;

export interface Commands {
  /**
   * An advisor's command from the console, answered with whether it was
   * done and why not (a reason code the console translates), and for an
   * extension the minutes really added.
   */
  run(commandId: string, command: KioskCommand): void;
}

/** The advisor's commands from the console: end, extend or reset this PC, check a resident in for their booking, maintenance, release or cancel a print job. */
export function setupCommands(
  ctx: KioskContext,
  schedule: Schedule,
  wipe: Wipe,
  opening: Opening,
  checkInForThem: CheckInForThem,
  fleet: Fleet,
  printer: Pick<PrinterStatus, 'carryOut'>,
): Commands {
  function carryOut(command: KioskCommand): CommandResult | Promise<CommandResult> {
    if (command.kind === 'print-release' || command.kind === 'print-cancel') return printer.carryOut(command.kind);
    if (command.kind === 'check-in') return checkInForThem(command.bookingId);
    if (command.kind === 'out-of-service' || command.kind === 'in-service' || command.kind === 'restart') return fleet.carryOut(command);
    const state = ctx.state;
    const refused = commandRefusal(state.phase, command.kind === 'reset-warned' ? 'reset' : command.kind);
    if (refused) return { ok: false, ...refused };
    switch (command.kind) {
      case 'end':
        ctx.dispatch({ type: 'end', reason: 'advisor' });
        return { ok: true };
      case 'extend': {
        if (!inSession(state)) return { ok: false, reason: 'no-session' }; // refused above; this narrows the type
        // The advisor may go past the policy, never into another booking nor past closing.
        const closesAt = opening.closesAt();
        const extension = advisorExtension(state.session, schedule.holding(), ctx.deps.clock.now(), command.minutes, ctx.config, closesAt);
        const limit = state.session.endsAt + command.minutes * 60_000 > closesAt ? 'closing time' : 'the next booking';
        if (!extension.allowed) return { ok: false, reason: 'next-booking', detail: `${limit} leaves no time to add` };
        ctx.dispatch({ type: 'extend', endsAt: extension.endsAt });
        return extension.shortened
          ? { ok: true, reason: 'shortened', minutes: extension.minutes, detail: `shortened to end by ${limit}` }
          : { ok: true, minutes: extension.minutes };
      }
      case 'reset-warned':
        // Reset all (issue 15): the resident is warned and given these minutes, then the session ends and is wiped.
        if (inSession(state)) {
          const latestEnd = ctx.deps.clock.now() + command.minutes * 60_000;
          ctx.dispatch({ type: 'clamp', latestEnd });
          return { ok: true, minutes: command.minutes, detail: `the session ends within ${command.minutes} min` };
        }
        // Nobody to warn: a reset as any other.
        return reset();
      case 'reset':
        return reset();
    }
  }

  function reset(): CommandResult | Promise<CommandResult> {
    const state = ctx.state;
    if (inSession(state)) {
      ctx.dispatch({ type: 'end', reason: 'advisor' });
      return { ok: true };
    }
    // Out of service for maintenance: a reset has nothing to clear, and does not put it back in service ("in-service" does).
    if (fleet.planned()) return { ok: true, reason: 'nothing-to-reset', detail: 'out of service for maintenance' };
    if (state.phase === 'out-of-service') {
      return wipe.recover().then((ok): CommandResult => (ok ? { ok: true, reason: 'recovered' } : { ok: false, reason: 'wipe-failed', detail: 'the wipe still fails' }));
    }
    // Already cleared: from the feedback question straight back to the welcome screen.
    if (state.phase === 'feedback') ctx.dispatch({ type: 'skip-feedback' });
    return { ok: true, reason: 'nothing-to-reset', detail: 'nothing to reset' };
  }

  return {
    run(commandId, command) {
      const answer = (result: CommandResult) => ctx.deps.hub?.commandDone({ type: 'command-done', commandId, ...result });
      const failed = (error: unknown) => {
        ctx.log.error('advisor command failed', { command: command.kind, error: describeError(error) });
        answer({ ok: false, reason: 'error' });
      };
      try {
        const result = carryOut(command);
        if (result instanceof Promise) void result.then(answer, failed);
        else answer(result);
      } catch (error) {
        failed(error);
      }
    },
  };
}
