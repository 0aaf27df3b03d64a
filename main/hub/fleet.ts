import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import { DEFAULT_HEALTH_LIMITS, attentionReasons, newestRelease, type HealthLimits } from '../core/pc-health';
import type { Logger } from '../log/logger';
import { safeLine, type LogSource } from '../log/tail';
import { LOG_LIMITS, type LogView, type PcHealthReport, type PcHealthView, type ResetAllAnswer } from '../../preload/fleet-contract';
import type { HubToKiosk, KioskCommand, KioskToHub, PcView } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';

/** How long the hub waits for a PC's log lines. */
export const LOG_ANSWER_MS = 8_000;

type FleetMessage = Extract<KioskToHub, { type: 'health' | 'log-lines' }>;

/** What the PC links (kiosk-links.ts) give the fleet and take from it. */
export interface FleetLinkPort {
  hello(pcId: string, release: string): void;
  fromPc(pcId: string, message: FleetMessage): void;
  pcGone(pcId: string): void;
}

export interface HubFleetDeps {
  store: HubStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** The hub's own log (absent: no lines). */
  logs: LogSource | undefined;
  /** Sends a message to a connected PC; false when it is not connected. */
  sendToPc(pcId: string, message: HubToKiosk): boolean;
  /** Sends an advisor's command (services.command): throws HubError when the PC cannot take it. */
  command(pcId: string, command: KioskCommand, advisorName: string): { commandId: string };
  /** Something a console shows of these PCs changed (their health, or the newest release seen). */
  pcsChanged(pcIds: string[]): void;
  limits?: Partial<HealthLimits>;
  logAnswerMs?: number;
}

/**
 * The hub's side of IT's fleet view (issue 15): each PC's latest health
 * report and release, which PCs need attention, reset of every PC, and log
 * lines fetched from a PC (a request and its answer under one id, with a
 * timeout) or from the hub itself. Every line is scrubbed once more here
 * before it leaves for a console.
 */
export class HubFleet implements FleetLinkPort {
  private readonly reports = new Map<string, { report: PcHealthReport; at: number }>();
  private readonly releases = new Map<string, string>();
  private readonly pendingLogs = new Map<string, { pcId: string; timer: Scheduled; resolve: (view: LogView) => void; reject: (error: Error) => void }>();
  private readonly limits: HealthLimits;

  constructor(private readonly deps: HubFleetDeps) {
    this.limits = { ...DEFAULT_HEALTH_LIMITS, ...deps.limits };
  }

  hello(pcId: string, release: string): void {
    const before = this.newest();
    this.releases.set(pcId, release);
    // A newer release on one PC makes the others "old": every PC's view changes.
    if (this.newest() !== before) this.deps.pcsChanged(this.deps.store.pcs().map((p) => p.id));
  }

  fromPc(pcId: string, message: FleetMessage): void {
    if (message.type === 'health') {
      this.reports.set(pcId, { report: message.health, at: this.deps.clock.now() });
      this.deps.pcsChanged([pcId]);
      return;
    }
    const pending = this.pendingLogs.get(message.requestId);
    // Only the PC asked may answer, and only once.
    if (!pending || pending.pcId !== pcId) {
      this.deps.logger.warn('log lines ignored: not asked of this PC', { pc: pcId });
      return;
    }
    this.settle(message.requestId);
    pending.resolve(this.view(pcId, message.lines, message.truncated));
  }

  pcGone(pcId: string): void {
    for (const [id, pending] of this.pendingLogs) {
      if (pending.pcId !== pcId) continue;
      this.settle(id);
      pending.reject(new HubError(409, 'pc-offline', 'the PC went away before it sent its log'));
    }
  }

  /** The health part of a PC's board entry, with why it needs attention. */
  health(view: Omit<PcView, 'health'>): PcHealthView {
    const latest = this.reports.get(view.id);
    const release = this.releases.get(view.id);
    const health: PcHealthView = { ...(latest ? { ...latest.report, reportedAt: latest.at } : {}), ...(release ? { release } : {}), attention: [] };
    health.attention = attentionReasons({ ...view, health }, this.newest(), this.limits);
    return health;
  }

  /** Resets every connected PC, running sessions after a warning; offline PCs are listed, not reached. */
  resetAll(warnMinutes: number, advisorName: string): ResetAllAnswer {
    const answer: ResetAllAnswer = { commands: [], skipped: [] };
    for (const pc of this.deps.store.pcs()) {
      if (!pc.paired || pc.revoked) continue;
      try {
        answer.commands.push({ pcId: pc.id, ...this.deps.command(pc.id, { kind: 'reset-warned', minutes: warnMinutes }, advisorName) });
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
        answer.skipped.push(pc.id);
      }
    }
    this.deps.store.audit(this.deps.clock.now(), `advisor:${advisorName}`, 'reset all', 'fleet', { warnMinutes, pcs: answer.commands.length, skipped: answer.skipped.length });
    return answer;
  }

  /** A PC's recent log lines, asked over its link; refused when it is not connected, given up after a while. */
  pcLogs(pcId: string, advisorName: string): Promise<LogView> {
    const pc = this.deps.store.pc(pcId);
    if (!pc || pc.revoked) throw new HubError(404, 'unknown-pc', `there is no PC "${pcId}"`);
    const requestId = randomUUID();
    const sent = this.deps.sendToPc(pcId, { type: 'log-request', requestId, maxLines: LOG_LIMITS.lines, maxBytes: LOG_LIMITS.bytes });
    if (!sent) throw new HubError(409, 'pc-offline', `${pc.name} is not connected to the hub now; try again when it is online`);
    this.deps.store.audit(this.deps.clock.now(), `advisor:${advisorName}`, 'log fetched', pcId);
    return new Promise<LogView>((resolve, reject) => {
      const timer = this.deps.scheduler.at(this.deps.clock.now() + (this.deps.logAnswerMs ?? LOG_ANSWER_MS), () => {
        this.settle(requestId);
        reject(new HubError(504, 'no-answer', `${pc.name} did not send its log in time`));
      });
      this.pendingLogs.set(requestId, { pcId, timer, resolve, reject });
    });
  }

  hubLogs(advisorName: string): LogView {
    this.deps.store.audit(this.deps.clock.now(), `advisor:${advisorName}`, 'log fetched', 'hub');
    const { lines, truncated } = this.deps.logs?.recent(LOG_LIMITS) ?? { lines: [], truncated: false };
    return this.view('hub', lines, truncated);
  }

  stop(): void {
    for (const id of [...this.pendingLogs.keys()]) this.settle(id);
  }

  private view(source: string, lines: readonly string[], truncated: boolean): LogView {
    // Scrubbed again: whatever a PC (of any release) sends, no code or address reaches a console.
    return { source, fetchedAt: this.deps.clock.now(), lines: lines.map((l) => safeLine(l, LOG_LIMITS.lineChars)), truncated };
  }

  private settle(requestId: string): void {
    this.pendingLogs.get(requestId)?.timer.cancel();
    this.pendingLogs.delete(requestId);
  }

  private newest(): string | undefined {
    const live = new Set(this.deps.store.pcs().filter((p) => p.paired && !p.revoked).map((p) => p.id));
    return newestRelease([...this.releases].filter(([id]) => live.has(id)).map(([, r]) => r));
  }
}
