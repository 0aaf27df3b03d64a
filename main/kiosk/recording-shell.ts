import type { SessionFile, Shell, ShellEvent, ShellNotice, Unsubscribe, ViewArea, ViewTarget } from '../core/shell';
import type { ProbeCounts, WipeStep, WipeStepOutcome } from '../core/wipe-plan';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export type ShellCall =
  | { call: 'openSessionView'; sessionId: string; zoomPercent: number }
  | { call: 'show'; target: ViewTarget }
  | { call: 'setZoom'; percent: number }
  | { call: 'setViewArea'; area: ViewArea | null }
  | { call: 'navigate'; action: 'back' | 'forward' | 'reload' }
  | { call: 'chooseFiles'; names: readonly string[] }
  | { call: 'hideSessionView'; sessionId: string }
  | { call: 'wipeStep'; step: WipeStep; sessionId: string }
  | { call: 'restartApp' }
  | { call: 'showPointer'; at: { x: number; y: number } | null };

const CLEAN: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };

/**
 * A Shell that records what the core asked of it and answers as a healthy
 * room PC would. It serves the browser preview (where the resident's "web
 * view" is a placeholder) and the tests, which can make a step fail or the
 * probe find leftovers, and play the web view's signals.
 */
export class RecordingShell implements Shell {
  readonly calls: ShellCall[] = [];
  private readonly listeners = new Set<(event: ShellEvent) => void>();
  private failures = new Map<WipeStep, string>();
  private leftovers: Partial<ProbeCounts> = {};
  private stepDelayMs = 0;
  private history: string[] = [];
  private position = -1;
  openView: string | undefined;
  /** Where session folders live (the preview's data folder); absent: no session folder. */
  private readonly sessionsDir: string | undefined;
  /** Pages of the placeholder "web page" printToPDF renders (tests set it). */
  pagePdfPages = 2;

  constructor(options: { sessionsDir?: string | undefined } = {}) {
    this.sessionsDir = options.sessionsDir;
  }

  sessionFolder(sessionId: string): string | undefined {
    return this.sessionsDir ? join(this.sessionsDir, sessionId) : undefined;
  }

  /** The preview has no real page: a placeholder PDF stands in for printToPDF (none on the start page). */
  async renderPageToPdf(): Promise<Uint8Array | undefined> {
    if (!this.openView || this.history.length === 0) return undefined;
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 1; i <= this.pagePdfPages; i++) doc.addPage([595, 842]).drawText(`Tupa preview: web page, page ${i}`, { x: 50, y: 780, size: 18, font });
    return doc.save();
  }

  async openSessionView(options: { sessionId: string; zoomPercent: number }): Promise<void> {
    this.calls.push({ call: 'openSessionView', ...options });
    this.openView = options.sessionId;
    this.history = [];
    this.position = -1;
  }

  async show(target: ViewTarget): Promise<void> {
    this.calls.push({ call: 'show', target });
    if (target.kind === 'url') {
      this.history = [...this.history.slice(0, this.position + 1), target.url];
      this.position = this.history.length - 1;
      this.emitNav();
    }
  }

  setZoom(percent: number): void {
    this.calls.push({ call: 'setZoom', percent });
  }

  setViewArea(area: ViewArea | null): void {
    this.calls.push({ call: 'setViewArea', area });
  }

  navigate(action: 'back' | 'forward' | 'reload'): void {
    this.calls.push({ call: 'navigate', action });
    if (action === 'back' && this.position > 0) this.position--;
    if (action === 'forward' && this.position < this.history.length - 1) this.position++;
    this.emitNav();
  }

  async chooseFiles(names: readonly string[]): Promise<void> {
    this.calls.push({ call: 'chooseFiles', names });
    this.emit({ type: 'file-chooser', request: null });
  }

  /** Called after a restart is recorded (the preview says so on its console). */
  onRestart: (() => void) | undefined;

  /** Recorded only: the preview and the tests play a PC whose app an administrator restarts. */
  restartApp(): void {
    this.calls.push({ call: 'restartApp' });
    this.onRestart?.();
  }

  /**
   * Recorded only: with no web view above it, the kiosk page draws the
   * advisor's marker itself (renderer/kiosk/remote/RemoteHelp.tsx).
   */
  showPointer(at: { x: number; y: number } | null): void {
    this.calls.push({ call: 'showPointer', at });
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
    const folder = this.sessionFolder(sessionId);
    if (step === 'delete-downloads' && folder) {
      // The session folder is real here too (the preview's demo PDF, print files): deleted as on a room PC.
      const items = existsSync(folder) ? readdirSync(folder, { recursive: true }).length : 0;
      rmSync(folder, { recursive: true, force: true });
      return { detail: `${items} item(s) deleted` };
    }
    if (step === 'probe') return { counts: { ...CLEAN, ...this.leftovers }, detail: 'recording shell: simulated probe' };
    return { detail: 'recording shell: simulated' };
  };

  onEvent(listener: (event: ShellEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- controls for tests and the preview ---------------------------------

  emit(event: ShellEvent): void {
    for (const l of this.listeners) l(event);
  }

  setMediaInUse(inUse: boolean): void {
    this.emit({ type: 'media', inUse });
  }

  reportActivity(): void {
    this.emit({ type: 'activity' });
  }

  notify(notice: ShellNotice): void {
    this.emit({ type: 'notice', notice });
  }

  askForFile(files: SessionFile[], multiple = false): void {
    this.emit({ type: 'file-chooser', request: { multiple, files } });
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

  private emitNav(): void {
    this.emit({ type: 'nav', canGoBack: this.position > 0, canGoForward: this.position < this.history.length - 1 });
  }
}
