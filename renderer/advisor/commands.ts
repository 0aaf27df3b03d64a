import type { CommandEvent, KioskCommand } from '../../preload/hub-contract';
import type { Tr } from './i18n';

/** The commands a PC's card sends (end, extend, reset); "check-in" goes from a booking (renderer/advisor/CheckInForThem.tsx). */
export type CommandKind = Exclude<KioskCommand['kind'], 'check-in'>;

export interface OutcomeText {
  tone: 'success' | 'warning' | 'error';
  text: string;
}

/**
 * How a command sent from this console turned out, in the console's
 * language: the PC's reason code picks the text, never its English detail.
 */
export function describeOutcome(kind: KioskCommand['kind'], event: Pick<CommandEvent, 'outcome' | 'reason' | 'minutes'>, tr: Tr): OutcomeText {
  const { outcome, reason, minutes } = event;
  if (outcome === 'no-answer') return { tone: 'error', text: tr('command.noAnswer') };
  if (outcome === 'failed') {
    switch (reason) {
      case 'next-booking':
        return { tone: 'warning', text: tr('command.notExtended') };
      case 'no-session':
        return { tone: 'warning', text: tr('command.noSession') };
      case 'wiping':
        return { tone: 'warning', text: tr('command.wiping') };
      case 'out-of-service':
        return { tone: 'error', text: tr('command.outOfService') };
      case 'wipe-failed':
        return { tone: 'error', text: tr('command.wipeFailed') };
      case 'not-yet':
        return { tone: 'warning', text: tr('sources.checkIn.notYet') };
      case 'pc-busy':
        return { tone: 'warning', text: tr('sources.checkIn.pcBusy') };
      case 'booking-gone':
        return { tone: 'warning', text: tr('sources.checkIn.bookingGone') };
      case 'closed':
        return { tone: 'warning', text: tr('sources.checkIn.closed') };
      case 'nothing-held':
        return { tone: 'warning', text: tr('printing.nothingHeld') };
      default:
        return { tone: 'error', text: tr('command.failed') };
    }
  }
  if (reason === 'shortened' && minutes !== undefined) return { tone: 'warning', text: tr('command.shortened', { count: minutes }) };
  if (reason === 'nothing-to-reset') return { tone: 'success', text: tr('command.nothingToReset') };
  if (reason === 'recovered') return { tone: 'success', text: tr('command.recovered') };
  if (kind === 'extend' && minutes !== undefined) return { tone: 'success', text: tr('command.extended', { count: minutes }) };
  if (kind === 'end') return { tone: 'success', text: tr('command.ended') };
  if (kind === 'reset') return { tone: 'success', text: tr('command.reset') };
  if (kind === 'check-in') return { tone: 'success', text: tr('sources.checkIn.done') };
  return { tone: 'success', text: tr('command.done') };
}
