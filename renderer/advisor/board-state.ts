import type { AdvisorEvent, Board, CommandEvent, HelpCallView, PcView } from '../../preload/hub-contract';

/** The board's pure state: events applied to it, commands' outcomes, labels (no DOM, so Node tests can import it). */

/** The outcomes of commands kept, newest last: enough for every card's latest command. */
const COMMANDS_KEPT = 50;

/** Commands' outcomes by id, as the hub reports them (to every console; each card shows its own). */
export type CommandOutcomes = Readonly<Record<string, CommandEvent>>;

/** How often the console checks that the hub still answers (a dead network does not always close a WebSocket) and refreshes today's counts. */
export const PROBE_EVERY_MS = 30_000;

export interface LiveBoard {
  board: Board;
  /** Hub time minus this device's time, from the last full board (times left count down with it). */
  offsetMs: number;
}

export function applyEvent(current: Board | undefined, event: AdvisorEvent): Board | undefined {
  switch (event.type) {
    case 'board':
      return event.board;
    case 'pc': {
      if (!current) return current;
      const others = current.pcs.filter((p) => p.id !== event.pc.id);
      if (event.pc.revoked) return { ...current, pcs: others };
      const index = current.pcs.findIndex((p) => p.id === event.pc.id);
      const pcs = index < 0 ? [...current.pcs, event.pc] : current.pcs.map((p) => (p.id === event.pc.id ? event.pc : p));
      return { ...current, pcs };
    }
    case 'help': {
      if (!current) return current;
      const known = current.help.some((c) => c.id === event.call.id);
      const help = known ? current.help.map((c) => (c.id === event.call.id ? event.call : c)) : [...current.help, event.call];
      return { ...current, help };
    }
    case 'alert': {
      if (!current) return current;
      const known = current.alerts.some((a) => a.id === event.alert.id);
      const alerts = known ? current.alerts.map((a) => (a.id === event.alert.id ? event.alert : a)) : [...current.alerts, event.alert];
      return { ...current, alerts };
    }
    case 'bookings':
      return current ? { ...current, bookings: event.bookings } : current;
    case 'command':
    case 'sources':
    case 'remote':
      return current;
    case 'queue':
      return current ? { ...current, queue: event.queue } : current;
    case 'policy-version':
      return current;
  }
}

/** Adds an outcome (a late answer replaces "no answer"), keeping the newest few. */
export function addOutcome(outcomes: CommandOutcomes, event: CommandEvent): CommandOutcomes {
  const kept = Object.entries(outcomes)
    .filter(([id]) => id !== event.commandId)
    .slice(-(COMMANDS_KEPT - 1));
  return { ...Object.fromEntries(kept), [event.commandId]: event };
}

export const isOpen = (call: HelpCallView) => call.state === 'requested' || call.state === 'acknowledged';

/** A PC's name and room by its id (its id, when the board no longer has it). */
export function pcLabel(pcs: PcView[], pcId: string): { name: string; room: string } {
  const pc = pcs.find((p) => p.id === pcId);
  return { name: pc?.name ?? pcId, room: pc?.room ?? '' };
}
