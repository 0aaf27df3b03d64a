import { randomUUID } from 'node:crypto';
import { MINUTE, SECOND } from '../core/clock';
import type { Scheduled } from '../core/scheduler';
import type { ShellEvent } from '../core/shell';
import { WELCOME, inSession, nextDeadline, step, type Effect, type Input, type MachinePolicy, type NewSession, type Now, type State } from '../core/session-machine';
import type { KioskConfig } from '../config/schema';
import { describeError, type Logger } from '../log/logger';
import type { SitePolicy } from '../../preload/hub-contract';
import type { KioskSnapshot } from '../../preload/contract';
import type { KioskContext, KioskDeps, KioskFeature } from './feature';
import { snapshotKey } from './snapshot';

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
 * Runs the session machine for the features: feeds it inputs, records its
 * effects in the PC's database and hands each effect to the features, wakes
 * itself at every deadline, and sends the snapshot the composition builds
 * whenever what the UI shows has changed.
 */
export class SessionRunner implements KioskContext {
  readonly deps: KioskDeps;
  readonly log: Logger;
  readonly newId: () => string;
  private current: State = WELCOME;
  private settings: KioskConfig;
  private policy: MachinePolicy;
  private readonly features: KioskFeature[] = [];
  private readonly build: (rev: number) => KioskSnapshot;
  private wake: Scheduled | undefined;
  private stops: Array<() => void> = [];
  private readonly listeners = new Set<(snapshot: KioskSnapshot) => void>();
  private readonly phaseListeners = new Set<(phase: State['phase'], at: number) => void>();
  private rev = 0;
  private lastKey = '';
  private lastAlive = 0;
  private running = false;
  private stopped = false;

  constructor(deps: KioskDeps, build: (rev: number) => KioskSnapshot) {
    this.deps = deps;
    this.build = build;
    this.settings = deps.config;
    this.policy = machinePolicy(deps.config);
    this.newId = deps.newId ?? randomUUID;
    this.log = deps.logger.child({ component: 'kiosk', pc: deps.config.pc.id });
  }

  get config(): KioskConfig {
    return this.settings;
  }

  get state(): State {
    return this.current;
  }

  register(feature: KioskFeature): void {
    this.features.push(feature);
  }

  /** Starts the heartbeat, the features and the shell's events (start-up recovery is the wipe's). */
  start(): void {
    this.running = true;
    this.every(HEARTBEAT_MS, 'heartbeat', () => this.heartbeat());
    for (const f of this.features) f.start?.();
    this.whileRunning(this.deps.shell.onEvent(this.guarded('shell event', (event: ShellEvent) => this.onShellEvent(event))));
  }

  stop(): void {
    this.running = false;
    this.stopped = true;
    this.wake?.cancel();
    for (const stop of this.stops) stop();
    this.stops = [];
  }

  every(intervalMs: number, what: string, action: () => void): void {
    const timer = this.deps.scheduler.every(intervalMs, this.guarded(what, action));
    this.whileRunning(() => timer.cancel());
  }

  whileRunning(stop: () => void): void {
    this.stops.push(stop);
  }

  onSnapshot(listener: (snapshot: KioskSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onPhase(listener: (phase: State['phase'], at: number) => void): () => void {
    this.phaseListeners.add(listener);
    return () => this.phaseListeners.delete(listener);
  }

  snapshot(): KioskSnapshot {
    return this.build(this.rev);
  }

  time(): Now {
    return { now: this.deps.clock.now(), mono: this.deps.clock.monotonic() };
  }

  fault(): string | undefined {
    for (const f of this.features) {
      const fault = f.fault?.();
      if (fault) return fault;
    }
    return undefined;
  }

  /** The hub's policy replaces the PC's own for the fields it covers. */
  applyPolicy(policy: SitePolicy, timeZone: string): void {
    this.settings = { ...this.settings, ...policy, timeZone };
    this.policy = machinePolicy(this.settings);
    for (const f of this.features) f.policyChanged?.(this.settings);
    this.log.info('policy from the hub applied');
    this.reschedule();
    this.emit();
  }

  startSession(session: NewSession): void {
    for (const f of this.features) f.sessionStarting?.();
    this.dispatch({ type: 'start', session });
  }

  enter(state: State): void {
    const changed = state.phase !== this.current.phase;
    this.current = state;
    if (changed) this.notifyPhase(this.deps.clock.now());
    this.reschedule();
    this.emit(true);
  }

  dispatch(input: Input): void {
    const t = this.time();
    const before = this.current.phase;
    const result = step(this.current, input, t, this.policy);
    this.current = result.state;
    // Each effect on its own: a failed database write must not stop the view
    // being hidden and wiped (the open session row is closed as interrupted at the next start).
    for (const effect of result.effects) this.guarded(`effect ${effect.type}`, () => this.perform(effect))();
    if (this.current.phase !== before) this.notifyPhase(t.now);
    this.reschedule();
    this.emit();
  }

  /** Sends a snapshot when what the UI shows has changed (or when forced). */
  emit(force = false): void {
    // A kiosk that stopped draws nothing more (a hub link closing after it would read a closed store).
    if (this.stopped) return;
    const candidate = this.build(this.rev + 1);
    const key = snapshotKey(candidate);
    if (!force && key === this.lastKey) return;
    this.lastKey = key;
    this.rev = candidate.rev;
    for (const listener of this.listeners) listener(candidate);
    for (const f of this.features) f.changed?.();
  }

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

  /** Records the effect in the PC's database, then lets every feature do its part. */
  private perform(effect: Effect): void {
    const { store } = this.deps;
    switch (effect.type) {
      case 'record-start':
        store.recordStart(effect.session);
        this.lastAlive = effect.session.startedAt;
        this.log.info('session started', { session: effect.session.id, kind: effect.session.kind });
        break;
      case 'session-changed':
        store.sessions.update(effect.session);
        break;
      case 'record-end':
        store.recordEnd(effect.session, effect.reason, effect.endedAt, effect.usedMs);
        this.log.info('session ended', { session: effect.session.id, reason: effect.reason });
        break;
      case 'record-feedback':
        store.recordFeedback(effect.sessionId, effect.score, this.deps.clock.now());
        break;
      case 'warning':
        this.log.info('warning shown', { minutesLeft: effect.minutesLeft });
        break;
    }
    for (const f of this.features) f.effect?.(effect);
  }

  private onShellEvent(event: ShellEvent): void {
    if (event.type === 'media') return this.dispatch({ type: 'media', inUse: event.inUse });
    if (event.type === 'activity') return this.dispatch({ type: 'activity' });
    for (const f of this.features) f.shellEvent?.(event);
  }

  private notifyPhase(at: number): void {
    for (const listener of this.phaseListeners) listener(this.current.phase, at);
  }

  private reschedule(): void {
    this.wake?.cancel();
    this.wake = undefined;
    if (!this.running) return;
    const deadline = nextDeadline(this.current, this.time(), this.policy);
    if (deadline !== undefined) this.wake = this.deps.scheduler.at(deadline, this.guarded('deadline', () => this.dispatch({ type: 'tick' })));
  }

  private heartbeat(): void {
    const now = this.deps.clock.now();
    // Catches what a deadline could miss: a wall clock that jumped, a booking boundary passing.
    this.dispatch({ type: 'tick' });
    if (inSession(this.current) && now - this.lastAlive >= ALIVE_EVERY_MS) {
      this.deps.store.sessions.alive(this.current.session.id, now);
      this.lastAlive = now;
    }
  }
}
