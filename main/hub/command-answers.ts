import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { Logger } from '../log/logger';
import type { CommandEvent, KioskToHub } from '../../preload/hub-contract';
import type { HubStore } from './hub-store';

/** How long the hub waits for a PC to answer a command before telling the advisor it did not. */
export const COMMAND_ANSWER_MS = 10_000;
/** A late answer (after "no answer") still reaches the console for this long. */
const LATE_ANSWER_MS = 10 * 60_000;

/** A command sent to a PC, waiting for its answer. */
interface Pending<L> {
  pcId: string;
  /** The connection it went out on: if that one closes, no answer will come. */
  link: L;
  timer: Scheduled;
}

/**
 * The advisors' commands a PC has not answered yet: each is answered once,
 * by the PC it went to, or given up ("no answer") after a time, when its
 * connection closes or when the PC goes offline; a late answer still
 * reaches the console for a while.
 */
export class CommandAnswers<L> {
  private readonly pending = new Map<string, Pending<L>>();
  private readonly overdue = new Map<string, { pcId: string; at: number }>();

  constructor(
    private readonly deps: {
      store: HubStore;
      clock: Clock;
      scheduler: Scheduler;
      logger: Logger;
      commandOutcome: (event: CommandEvent) => void;
      answerMs?: number | undefined;
    },
  ) {}

  /** A command went out to `pcId` on `link`. */
  sent(commandId: string, pcId: string, link: L): void {
    const { clock, scheduler } = this.deps;
    const timer = scheduler.at(clock.now() + (this.deps.answerMs ?? COMMAND_ANSWER_MS), () => this.noAnswer(commandId, 'timeout'));
    this.pending.set(commandId, { pcId, link, timer });
  }

  /** A PC's answer: taken only from the PC the command went to, and only once. */
  answered(pcId: string, message: Extract<KioskToHub, { type: 'command-done' }>, now: number): void {
    const { commandId, ok, reason, minutes, detail } = message;
    // Only the PC a command went to can answer it, and only once; other answers are not even audited.
    const pending = this.pending.get(commandId);
    const late = this.overdue.get(commandId);
    if (pending?.pcId === pcId) {
      pending.timer.cancel();
      this.pending.delete(commandId);
    } else if (late?.pcId === pcId) {
      this.overdue.delete(commandId);
    } else {
      this.deps.logger.warn('command answer ignored: not this PC\'s command', { pc: pcId });
      return;
    }
    const details = { ...(reason ? { reason } : {}), ...(minutes ? { minutes } : {}), ...(detail ? { detail } : {}) };
    this.deps.store.audit(now, `pc:${pcId}`, ok ? 'command done' : 'command failed', commandId, Object.keys(details).length ? details : undefined);
    const event: CommandEvent = { type: 'command', commandId, pcId, outcome: ok ? 'done' : 'failed' };
    if (reason) event.reason = reason;
    if (minutes) event.minutes = minutes;
    this.deps.commandOutcome(event);
  }

  /** The connection closed: no answer will come for what went out on it. */
  linkClosed(link: L): void {
    for (const [commandId, entry] of this.pending) if (entry.link === link) this.noAnswer(commandId, 'disconnected');
  }

  /** The PC went offline: no answer will come from it. */
  pcOffline(pcId: string): void {
    for (const [commandId, entry] of this.pending) if (entry.pcId === pcId) this.noAnswer(commandId, 'offline');
  }

  stop(): void {
    for (const entry of this.pending.values()) entry.timer.cancel();
    this.pending.clear();
  }

  /** No answer in time, or the PC went away first: the advisor is told so (a late answer still follows). */
  private noAnswer(commandId: string, why: 'timeout' | 'disconnected' | 'offline'): void {
    const entry = this.pending.get(commandId);
    if (!entry) return;
    entry.timer.cancel();
    this.pending.delete(commandId);
    const now = this.deps.clock.now();
    for (const [id, late] of this.overdue) if (now - late.at > LATE_ANSWER_MS) this.overdue.delete(id);
    this.overdue.set(commandId, { pcId: entry.pcId, at: now });
    this.deps.logger.info('command not answered', { pc: entry.pcId, why });
    this.deps.store.audit(now, 'system', 'command not answered', commandId, { pcId: entry.pcId, why });
    this.deps.commandOutcome({ type: 'command', commandId, pcId: entry.pcId, outcome: 'no-answer' });
  }
}
