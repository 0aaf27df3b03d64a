import { MINUTE } from './clock';

/**
 * "Take a number": the site's anonymous queue for its PCs, as a pure
 * `step(state, input) → state + effects`. The hub keeps the state in SQLite
 * and feeds it what it sees (which PCs are free, busy or lost); nothing here
 * knows a name, a code or a clock.
 *
 * - take: a resident at a kiosk takes the next number of the site day
 *   (A-1, A-2, …; a new day starts again at 1 and drops yesterday's numbers);
 *   at most `maxWaitingPerKiosk` numbers from one kiosk wait at once.
 * - tick: the hub's view of its PCs. A number called to a PC that has since
 *   become busy was started there; one called to a PC gone offline or out of
 *   service goes back into line at its own place (and is called to the next
 *   free PC); one not taken within the hold time is dropped. Then each free
 *   PC without a call gets the first waiting number, in order.
 * - start: the called PC says its resident pressed Start.
 * - call / skip / clear: the advisor's hand: call a number (the first, or a
 *   chosen one) to a chosen free PC, drop one number, drop them all.
 */

export interface QueuePolicy {
  enabled: boolean;
  holdMinutes: number;
  prefix: string;
  maxWaitingPerKiosk: number;
}

export interface QueueCall {
  pcId: string;
  at: number;
  /** Not started by then: the number is dropped and the next one is called. */
  until: number;
}

export interface QueueEntry {
  id: string;
  /** The site day it was taken on (YYYY-MM-DD). */
  day: string;
  seq: number;
  /** What the resident sees: the policy's prefix and the seq. */
  label: string;
  /** The kiosk it was taken at (for the per-kiosk limit only). */
  kioskId: string;
  takenAt: number;
  call?: QueueCall | undefined;
}

export interface QueueState {
  day: string;
  /** The last seq given out on `day`. */
  lastSeq: number;
  /** Waiting and called numbers, in seq order. */
  entries: readonly QueueEntry[];
}

export type EndedHow = 'started' | 'expired' | 'skipped' | 'cleared' | 'day-over';

export type QueueInput =
  | { type: 'take'; id: string; kioskId: string; at: number; day: string }
  | {
      type: 'tick';
      at: number;
      day: string;
      /** PCs free now (online, on the welcome screen, wiped, not booked), in the order they should be offered. */
      free: readonly string[];
      /** PCs someone is using now. */
      busy: readonly string[];
      /** PCs offline or out of service. */
      lost: readonly string[];
    }
  | { type: 'start'; pcId: string; at: number }
  | { type: 'call'; at: number; pcId: string; id?: string | undefined; free: readonly string[] }
  | { type: 'skip'; id: string; at: number }
  | { type: 'clear'; at: number };

export type QueueRefusal = 'disabled' | 'limit' | 'pc-not-free' | 'not-waiting' | 'empty' | 'unknown-number';

export type QueueEffect =
  | { type: 'taken'; entry: QueueEntry; ahead: number }
  | { type: 'refused'; reason: QueueRefusal }
  | { type: 'called'; entry: QueueEntry; call: QueueCall }
  /** The PC it was called to went away: back in line at its own place. */
  | { type: 'recalled'; entry: QueueEntry; pcId: string }
  | { type: 'ended'; entry: QueueEntry; how: EndedHow };

export interface QueueStep {
  state: QueueState;
  effects: QueueEffect[];
}

export const EMPTY_QUEUE: QueueState = { day: '', lastSeq: 0, entries: [] };

export const queueLabel = (prefix: string, seq: number): string => `${prefix}-${seq}`;

export const isWaiting = (entry: QueueEntry): boolean => entry.call === undefined;

/** How many waiting numbers stand before this one (numbers already called have their PC). */
export function aheadOf(state: QueueState, id: string): number {
  const entry = state.entries.find((e) => e.id === id);
  if (!entry) return 0;
  return state.entries.filter((e) => isWaiting(e) && e.seq < entry.seq).length;
}

export function step(state: QueueState, input: QueueInput, policy: QueuePolicy): QueueStep {
  const effects: QueueEffect[] = [];
  let next = 'day' in input ? newDay(state, input.day, effects) : state;
  const end = (entry: QueueEntry, how: EndedHow) => {
    effects.push({ type: 'ended', entry, how });
    next = { ...next, entries: next.entries.filter((e) => e.id !== entry.id) };
  };
  switch (input.type) {
    case 'take': {
      if (!policy.enabled) return refuse(state, 'disabled');
      if (next.entries.filter((e) => e.kioskId === input.kioskId).length >= policy.maxWaitingPerKiosk) return refuse(state, 'limit');
      const seq = next.lastSeq + 1;
      const entry: QueueEntry = { id: input.id, day: next.day, seq, label: queueLabel(policy.prefix, seq), kioskId: input.kioskId, takenAt: input.at };
      next = { ...next, lastSeq: seq, entries: [...next.entries, entry] };
      effects.push({ type: 'taken', entry, ahead: aheadOf(next, entry.id) });
      return { state: next, effects };
    }
    case 'tick': {
      const busy = new Set(input.busy);
      const lost = new Set(input.lost);
      for (const entry of next.entries) {
        const call = entry.call;
        if (!call) continue;
        if (busy.has(call.pcId)) end(entry, 'started');
        else if (lost.has(call.pcId)) {
          next = { ...next, entries: next.entries.map((e) => (e.id === entry.id ? { ...e, call: undefined } : e)) };
          effects.push({ type: 'recalled', entry: { ...entry, call: undefined }, pcId: call.pcId });
        } else if (call.until <= input.at) end(entry, 'expired');
      }
      next = assign(next, input.free, input.at, policy, effects);
      return { state: next, effects };
    }
    case 'start': {
      const entry = next.entries.find((e) => e.call?.pcId === input.pcId);
      if (!entry) return refuse(state, 'unknown-number');
      end(entry, 'started');
      return { state: next, effects };
    }
    case 'call': {
      if (!input.free.includes(input.pcId) || next.entries.some((e) => e.call?.pcId === input.pcId)) return refuse(state, 'pc-not-free');
      const entry = input.id === undefined ? next.entries.find(isWaiting) : next.entries.find((e) => e.id === input.id);
      if (!entry) return refuse(state, input.id === undefined ? 'empty' : 'unknown-number');
      if (!isWaiting(entry)) return refuse(state, 'not-waiting');
      next = callTo(next, entry, input.pcId, input.at, policy, effects);
      return { state: next, effects };
    }
    case 'skip': {
      const entry = next.entries.find((e) => e.id === input.id);
      if (!entry) return refuse(state, 'unknown-number');
      end(entry, 'skipped');
      return { state: next, effects };
    }
    case 'clear': {
      for (const entry of next.entries) end(entry, 'cleared');
      return { state: next, effects };
    }
  }
}

/** Each free PC without a call gets the first waiting number, in order. */
function assign(state: QueueState, free: readonly string[], at: number, policy: QueuePolicy, effects: QueueEffect[]): QueueState {
  let next = state;
  for (const pcId of free) {
    if (next.entries.some((e) => e.call?.pcId === pcId)) continue;
    const first = next.entries.find(isWaiting);
    if (!first) break;
    next = callTo(next, first, pcId, at, policy, effects);
  }
  return next;
}

function callTo(state: QueueState, entry: QueueEntry, pcId: string, at: number, policy: QueuePolicy, effects: QueueEffect[]): QueueState {
  const call: QueueCall = { pcId, at, until: at + policy.holdMinutes * MINUTE };
  const called = { ...entry, call };
  effects.push({ type: 'called', entry: called, call });
  return { ...state, entries: state.entries.map((e) => (e.id === entry.id ? called : e)) };
}

/** A new site day: numbers start again at 1, and what was left of the last day is dropped. */
function newDay(state: QueueState, day: string, effects: QueueEffect[]): QueueState {
  if (state.day === day) return state;
  for (const entry of state.entries) effects.push({ type: 'ended', entry, how: 'day-over' });
  return { day, lastSeq: 0, entries: [] };
}

function refuse(state: QueueState, reason: QueueRefusal): QueueStep {
  return { state, effects: [{ type: 'refused', reason }] };
}
