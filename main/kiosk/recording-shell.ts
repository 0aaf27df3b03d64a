import type { Shell, Unsubscribe, ViewTarget } from '../core/shell';
import type { ProbeCounts, WipeStep, WipeStepOutcome } from '../core/wipe-plan';

export type ShellCall =
  | { call: 'openSessionView'; sessionId: string; zoomPercent: number }
  | { call: 'show'; target: ViewTarget }
  | { call: 'setZoom'; percent: number }
  | { call: 'hideSessionView'; sessionId: string }
  | { call: 'wipeStep'; step: WipeStep; sessionId: string };

const CLEAN: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };

/**
 * A Shell that records what the core asked of it and answers as a healthy
 * room PC would. It serves the browser preview (where the resident's "web
 * view" is a placeholder) and the tests, which can make a step fail or the
 * probe find leftovers, and play the web view's media and input signals.
 */
export class RecordingShell implements Shell {
  readonly calls: ShellCall[] = [];
  private readonly mediaListeners = new Set<(inUse: boolean) => void>();
  private readonly activityListeners = new Set<() => void>();
  private failures = new Map<WipeStep, string>();
  private leftovers: Partial<ProbeCounts> = {};
  private stepDelayMs = 0;
  openView: string | undefined;

  async openSessionView(options: { sessionId: string; zoomPercent: number }): Promise<void> {
    this.calls.push({ call: 'openSessionView', ...options });
    this.openView = options.sessionId;
  }

  async show(target: ViewTarget): Promise<void> {
    this.calls.push({ call: 'show', target });
  }

  setZoom(percent: number): void {
    this.calls.push({ call: 'setZoom', percent });
  }

  async hideSessionView(sessionId: string): Promise<void> {
    this.calls.push({ call: 'hideSessionView', sessionId });
  }

  wipeStep = async (step: WipeStep, sessionId: string): Promise<WipeStepOutcome> => {
    this.calls.push({ call: 'wipeStep', step, sessionId });
    if (this.stepDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.stepDelayMs));
    const failure = this.failures.get(step);
    if (failure) throw new Error(failure);
    if (step === 'close-view' && this.openView === sessionId) this.openView = undefined;
    if (step === 'probe') return { counts: { ...CLEAN, ...this.leftovers }, detail: 'recording shell: simulated probe' };
    return { detail: 'recording shell: simulated' };
  };

  onMediaChange(listener: (inUse: boolean) => void): Unsubscribe {
    this.mediaListeners.add(listener);
    return () => this.mediaListeners.delete(listener);
  }

  onActivity(listener: () => void): Unsubscribe {
    this.activityListeners.add(listener);
    return () => this.activityListeners.delete(listener);
  }

  // ---- controls for tests and the preview ---------------------------------

  setMediaInUse(inUse: boolean): void {
    for (const l of this.mediaListeners) l(inUse);
  }

  reportActivity(): void {
    for (const l of this.activityListeners) l();
  }

  /** Make a wipe step throw (until cleared with `failStep(step, undefined)`). */
  failStep(step: WipeStep, message: string | undefined): void {
    if (message === undefined) this.failures.delete(step);
    else this.failures.set(step, message);
  }

  /** Make every wipe step take this long (so a test can see the wipe in progress). */
  slowWipe(ms: number): void {
    this.stepDelayMs = ms;
  }

  /** Make the probe find data left behind. */
  leaveBehind(counts: Partial<ProbeCounts>): void {
    this.leftovers = counts;
  }

  wipeStepsFor(sessionId: string): WipeStep[] {
    return this.calls.flatMap((c) => (c.call === 'wipeStep' && c.sessionId === sessionId ? [c.step] : []));
  }
}
