import type { Phase } from './session-machine';

export type CommandKind = 'end' | 'extend' | 'reset';
export type CommandRefusal = { reason: 'wiping' | 'out-of-service' | 'no-session'; detail: string };

/**
 * Why a PC in this phase cannot carry out an advisor's command, or
 * undefined when it can. Between sessions the PC is busy clearing the last
 * one: nothing to extend or end, and a reset would only repeat the wipe. A
 * reset is what helps a PC out of service, and it is never refused otherwise.
 */
export function commandRefusal(phase: Phase, kind: CommandKind): CommandRefusal | undefined {
  if (phase === 'ending' || phase === 'wiping') return { reason: 'wiping', detail: 'the previous session is being cleared' };
  if (kind === 'reset') return undefined;
  if (phase === 'out-of-service') return { reason: 'out-of-service', detail: 'the PC is out of service' };
  if (phase !== 'active' && phase !== 'warning') return { reason: 'no-session', detail: 'no session is running' };
  return undefined;
}
