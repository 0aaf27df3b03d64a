import { randomUUID } from 'node:crypto';
import { HOUR, MINUTE, SECOND } from '../core/clock';
import type { Scheduled } from '../core/scheduler';
import type { ShellEvent, ViewArea } from '../core/shell';
import {
  WELCOME,
  inSession,
  nextDeadline,
  step,
  type Effect,
  type FeedbackScore,
  type Input,
  type MachinePolicy,
  type NewSession,
  type Now,
  type State,
} from '../core/session-machine';
import type { KioskConfig } from '../config/schema';
import { describeError, type Logger } from '../log/logger';
import type { CheckInResult, KioskSnapshot, Locale } from '../../preload/contract';
import type { HelpState, KioskCommand, ScheduleEntry, SitePolicy } from '../../preload/hub-contract';

import { buildSnapshot, snapshotKey } from './snapshot';
import type { KioskContext, KioskDeps, KioskFeature } from './feature';
import { setupHelp, type Help } from './help';
import { setupWebView, type WebView } from './web-view';
import { setupSchedule, type Schedule } from './schedule';
import { setupAccess, type Access, type ExtendResult } from './access';
import { setupWipe, type Wipe } from './wipe';
import { setupHubStatus, type HubStatus } from './hub-status';
import { setupCommands, type Commands } from './commands';

export type { CommandDone, HubPort, KioskDeps } from './feature';


const HEARTBEAT_MS = SECOND;
const ALIVE_EVERY_MS = 15 * SECOND;

export function machinePolicy(config: KioskConfig): MachinePolicy {
  return {
    warningMinutes: [...config.warnings.minutes].sort((a, b) => b - a),
    idleTimeoutMs: config.idle.timeoutMinutes * MINUTE,
    idlePromptMs: config.idle.promptSeconds * SECOND,
    feedback: { enabled: config.feedback.enabled, timeoutMs: config.feedback.timeoutSeconds * SECOND },
  };
}

/**
 * One room PC's kiosk: it runs the session machine, carries out its effects
 * (database, web view, wipe), wakes itself at every deadline and tells the
 * UI what to show through snapshots.
 */
export class KioskController implements KioskContext {
  state: State = WELCOME;
  private policy: MachinePolicy;
  private readonly features: KioskFeature[] = [];
  private readonly help: Help;
  private readonly webView: WebView;
  private readonly schedule: Schedule;
  private readonly access: Access;
  private readonly wipe: Wipe;
  private readonly hubStatus: HubStatus;
  private readonly commands: Commands;
  private wake: Scheduled | undefined;
  private timers: Scheduled[] = [];
  private unsubscribers: Array<() => void> = [];
  private readonly listeners = new Set<(snapshot: KioskSnapshot) => void>();
  private readonly phaseListeners = new Set<(phase: State['phase'], at: number) => void>();
  private rev = 0;
  private lastKey = '';
  private lastAlive = 0;
  private running = false;
  readonly newId: () => string;
  readonly log: Logger;

  readonly deps: KioskDeps;
  /** The PC's configuration with the hub's policy over it (the hub wins once paired). */
  config: KioskConfig;

  constructor(deps: KioskDeps) {
    this.deps = deps;
    this.config = deps.config;
    this.policy = machinePolicy(deps.config);
    this.newId = deps.newId ?? randomUUID;
    this.log = deps.logger.child({ component: 'kiosk', pc: deps.config.pc.id });
    this.schedule = setupSchedule(this);
    this.access = setupAccess(this, this.schedule);
    this.webView = setupWebView(this);
    this.help = setupHelp(this);
    this.wipe = setupWipe(this);
    this.hubStatus = setupHubStatus(this, this.schedule, this.wipe);
    this.commands = setupCommands(this, this.schedule, this.wipe);
  }

  register(feature: KioskFeature): void {
    this.features.push(feature);
  }

  every(intervalMs: number, what: string, action: () => void): void {
    this.timers.push(this.deps.scheduler.every(intervalMs, this.guarded(what, action)));
  }

  whileRunning(stop: () => void): void {
    this.unsubscribers.push(stop);
  }

  fault(): string | undefined {
    for (const f of this.features) {
      const fault = f.fault?.();
      if (fault) return fault;
    }
    return undefined;
  }

  /** Finishes what a crash interrupted, then opens the welcome screen and starts the timers. */
  async start(): Promise<void> {
    const { scheduler, shell } = this.deps;
    this.running = true;
    this.timers.push(scheduler.every(HEARTBEAT_MS, this.guarded('heartbeat', () => this.heartbeat())));
    this.timers.push(scheduler.every(HOUR, this.guarded('usage retention', () => this.pruneUsage())));
    this.pruneUsage();
    for (const f of this.features) f.start?.();
    this.unsubscribers.push(shell.onEvent(this.guarded('shell event', (event: ShellEvent) => this.onShellEvent(event))));

    if (!(await this.wipe.recover())) return;
    this.log.info('kiosk ready', { bookings: this.schedule.bookings().length });
  }

  stop(): void {
    this.running = false;
    this.wake?.cancel();
    for (const t of this.timers) t.cancel();
    for (const u of this.unsubscribers) u();
    this.timers = [];
    this.unsubscribers = [];
  }

  onSnapshot(listener: (snapshot: KioskSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every phase change with the clock's time (benchmarks and tests). */
  onPhase(listener: (phase: State['phase'], at: number) => void): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  get phase(): State['phase'] {
    return this.state.phase;
  }

  snapshot(): KioskSnapshot {
    return this.build(this.rev);
  }

  // ---- resident actions ---------------------------------------------------

  checkIn(code: string, locale: Locale): CheckInResult {
    return this.access.checkIn(code, locale);
  }

  startWalkIn(locale: Locale): boolean {
    return this.access.startWalkIn(locale);
  }

  endSession(reason: 'resident' | 'advisor' = 'resident'): void {
    this.dispatch({ type: 'end', reason });
  }

  extend(): ExtendResult {
    return this.access.extend();
  }

  activity(): void {
    this.dispatch({ type: 'activity' });
  }

  confirmPresence(): void {
    this.dispatch({ type: 'confirm-presence' });
  }

  setLanguage(locale: Locale): void {
    this.dispatch({ type: 'language', language: locale });
  }

  zoom(change: 'in' | 'out' | 'reset'): number {
    return this.webView.zoom(change);
  }

  openTile(tileId: string): boolean {
    return this.webView.openTile(tileId);
  }

  goHome(): void {
    this.webView.goHome();
  }

  setWebArea(area: ViewArea | null): void {
    this.webView.setWebArea(area);
  }

  navigate(action: 'back' | 'forward' | 'reload'): void {
    this.webView.navigate(action);
  }

  chooseFiles(names: readonly string[]): Promise<void> {
    return this.webView.chooseFiles(names);
  }

  dismissNotice(): void {
    this.webView.dismissNotice();
  }

  private onShellEvent(event: ShellEvent): void {
    if (event.type === 'media') return this.dispatch({ type: 'media', inUse: event.inUse });
    if (event.type === 'activity') return this.dispatch({ type: 'activity' });
    for (const f of this.features) f.shellEvent?.(event);
  }

  submitFeedback(score: FeedbackScore): void {
    this.dispatch({ type: 'feedback', score });
  }

  skipFeedback(): void {
    this.dispatch({ type: 'skip-feedback' });
  }

  // ---- the hub ------------------------------------------------------------------

  /** The hub's policy replaces the PC's own for the fields it covers. */
  applyPolicy(policy: SitePolicy, timeZone: string): void {
    this.config = { ...this.config, ...policy, timeZone };
    this.policy = machinePolicy(this.config);
    for (const f of this.features) f.policyChanged?.(this.config);
    this.log.info('policy from the hub applied');
    this.reschedule();
    this.emit();
  }

  /** The hub's schedule for this PC replaces the cached one (the hub wins). */
  applySchedule(entries: readonly ScheduleEntry[]): void {
    this.hubStatus.applySchedule(entries);
  }

  /** After pairing, and in each welcome: codes are hashed with the key the hub gave this PC from now on. */
  setCodeKey(key: Buffer): void {
    this.access.setCodeKey(key);
  }

  hubStateChanged(online: boolean): void {
    this.hubStatus.hubStateChanged(online);
  }

  requestHelp(): 'sending' | 'off-duty' | 'unavailable' {
    return this.help.request();
  }

  cancelHelp(): void {
    this.help.cancel();
  }

  dismissHelp(): void {
    this.help.dismiss();
  }

  helpUpdate(callId: string, state: HelpState): void {
    this.help.update(callId, state);
  }

  runCommand(commandId: string, command: KioskCommand): void {
    this.commands.run(commandId, command);
  }

  /** Re-reads the screen (after a maintenance change). */
  refresh(): void {
    this.emit();
  }

  // ---- the machine ---------------------------------------------------------

  startSession(session: NewSession): void {
    for (const f of this.features) f.sessionStarting?.();
    this.dispatch({ type: 'start', session });
  }

  /** Sets the state outside the machine (start-up only) and tells everyone. */
  enter(state: State): void {
    const changed = state.phase !== this.state.phase;
    this.state = state;
    if (changed) this.notifyPhase(this.deps.clock.now());
    this.reschedule();
    this.emit(true);
  }

  private notifyPhase(at: number): void {
    for (const listener of this.phaseListeners) listener(this.state.phase, at);
  }

  time(): Now {
    return { now: this.deps.clock.now(), mono: this.deps.clock.monotonic() };
  }

  dispatch(input: Input): void {
    const t = this.time();
    const before = this.state.phase;
    const result = step(this.state, input, t, this.policy);
    this.state = result.state;
    // Each effect on its own: a failed database write must not stop the view
    // being hidden and wiped (the open session row is closed as interrupted at the next start).
    for (const effect of result.effects) this.guarded(`effect ${effect.type}`, () => this.perform(effect))();
    if (this.state.phase !== before) this.notifyPhase(t.now);
    this.reschedule();
    this.emit();
  }

  private perform(effect: Effect): void {
    this.record(effect);
    for (const f of this.features) f.effect?.(effect);
  }

  private record(effect: Effect): void {
    const { store } = this.deps;
    switch (effect.type) {
      case 'record-start':
        store.recordStart(effect.session);
        this.lastAlive = effect.session.startedAt;
        this.log.info('session started', { session: effect.session.id, kind: effect.session.kind });
        return;
      case 'session-changed':
        store.sessions.update(effect.session);
        return;
      case 'record-end':
        store.recordEnd(effect.session, effect.reason, effect.endedAt, effect.usedMs);
        this.log.info('session ended', { session: effect.session.id, reason: effect.reason });
        return;
      case 'record-feedback':
        store.recordFeedback(effect.sessionId, effect.score, this.deps.clock.now());
        return;
      case 'warning':
        this.log.info('warning shown', { minutesLeft: effect.minutesLeft });
        return;
    }
  }

  /** A timer callback that logs a failure instead of taking the kiosk down; the next heartbeat tries again. */
  guarded<A extends unknown[]>(what: string, action: (...args: A) => void): (...args: A) => void {
    return (...args: A) => {
      try {
        action(...args);
      } catch (error) {
        this.log.error(`${what} failed`, { error: describeError(error) });
      }
    };
  }

  async guard(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.log.error(`shell failed: ${what}`, { error: describeError(error) });
    }
  }

  private reschedule(): void {
    this.wake?.cancel();
    this.wake = undefined;
    if (!this.running) return;
    const deadline = nextDeadline(this.state, this.time(), this.policy);
    if (deadline !== undefined) this.wake = this.deps.scheduler.at(deadline, this.guarded('deadline', () => this.dispatch({ type: 'tick' })));
  }

  private heartbeat(): void {
    const now = this.deps.clock.now();
    // Catches what a deadline could miss: a wall clock that jumped, a booking boundary passing.
    this.dispatch({ type: 'tick' });
    if (inSession(this.state) && now - this.lastAlive >= ALIVE_EVERY_MS) {
      this.deps.store.sessions.alive(this.state.session.id, now);
      this.lastAlive = now;
    }
  }

  /** Raw usage events past the retention limit go, once the hub holds them (the database keeps the others). */
  private pruneUsage(): void {
    const deleted = this.deps.store.events.deleteConfirmedBefore(this.deps.clock.now() - this.config.usage.retentionDays * 24 * HOUR);
    if (deleted > 0) this.log.info('old usage events deleted', { count: deleted });
  }

  /** Re-reads the bookings (another process, or the same connection, changed them). */
  reloadFromStore(): void {
    this.schedule.reloadFromStore();
  }

  private build(rev: number): KioskSnapshot {
    return buildSnapshot({
      rev,
      state: this.state,
      time: this.time(),
      config: this.config,
      bookings: this.schedule.bookings(),
      ...this.access.snapshotPart(),
      ...this.webView.snapshotPart(),
      ...this.wipe.snapshotPart(),
      help: this.help.view(),
      maintenance: this.deps.maintenance?.(),
    });
  }

  /** Sends a snapshot when what the UI shows has changed (or when forced). */
  emit(force = false): void {
    const candidate = this.build(this.rev + 1);
    const key = snapshotKey(candidate);
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    this.rev = candidate.rev;
    for (const listener of this.listeners) listener(candidate);
    for (const f of this.features) f.changed?.();
  }
}
