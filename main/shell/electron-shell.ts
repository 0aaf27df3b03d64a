import { mkdirSync, rmSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Session, WebContentsView } from 'electron';
import type { Shell, ShellEvent, Unsubscribe, ViewArea, ViewTarget } from '../core/shell';
import type { Logger } from '../log/logger';
import type { WipeExecutor } from '../core/wipe-plan';
import type { PermissionPolicy } from './policy/permission-policy';
import type { UrlPolicy } from './policy/url-policy';
import type { Scheduled } from '../core/scheduler';
import { PointerOverlay } from './pointer-overlay';
import { runProbe, type ProbeContents, type ProbeSession } from './probe';
import { SessionView } from './session-view';
import { createWipeExecutor, type WipeTargets } from './wipe-executor';

export interface ElectronShellDeps {
  /** Puts a view into / takes it out of the kiosk window (window.contentView). */
  attach: (view: WebContentsView) => void;
  detach: (view: WebContentsView) => void;
  /** A new WebContentsView in the given session: no preload, sandboxed, isolated. */
  createView: (session: Session) => WebContentsView;
  /** session.fromPartition without "persist:": in memory only. */
  partition: (name: string) => Session;
  clipboard: WipeTargets['clipboard'];
  /** <dataDir>/sessions: one folder per session for its downloads. */
  sessionsDir: string;
  /** `machineHosts` here: names of this PC from the configuration (an embedded hub's `hub.hostnames`), added to what `machineHosts` below finds. */
  urlPolicy: UrlPolicy;
  /** This PC's addresses and names as they are now; read at start and at each session's start. */
  machineHosts?: () => readonly string[];
  permissionPolicy: PermissionPolicy;
  /** Moves keyboard focus to the kiosk window's own page (the session bar). */
  focusBar: () => void;
  logger: Logger;
  /** Restarts the app (main/shell/relaunch.ts's way: by itself, or by its service manager). */
  restart?: () => void;
  /** The advisor's marker over the web view (main/shell/pointer-overlay.ts): a new view from pointerViewOptions, and a timer for its fade. */
  pointer?: { createView: () => WebContentsView; later: (ms: number, fn: () => void) => Scheduled };
}

/** A session visiting more origins than this has the first ones probed (each probe takes a page load). */
const MAX_PROBED_ORIGINS = 50;

export function partitionName(sessionId: string): string {
  return `kiosk-session-${sessionId}`;
}

/** Every address of every interface of this PC, its host name and that name under ".local" (mDNS). */
export function thisMachineHosts(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address ?? '')
    .filter((a) => a !== '');
  const name = hostname().toLowerCase();
  return [...new Set([...addresses, name, `${name}.local`])];
}

/**
 * The Shell port on a room PC: one WebContentsView per session, in that
 * session's own in-memory partition, laid over the kiosk UI's web area.
 */
export class ElectronShell implements Shell {
  private readonly deps: ElectronShellDeps;
  /** The site's web rules as they are now: updated in place when the hub sends a new policy, so the open view follows them too. */
  private readonly urlPolicy: { -readonly [K in keyof UrlPolicy]: UrlPolicy[K] };
  private readonly permissionPolicy: { -readonly [K in keyof PermissionPolicy]: PermissionPolicy[K] };
  private readonly listeners = new Set<(event: ShellEvent) => void>();
  private current: { sessionId: string; view: SessionView; native: WebContentsView } | undefined;
  private area: ViewArea | null = null;
  private showing = false;
  private zoomPercent = 100;
  private readonly pointer: PointerOverlay | undefined;
  /** Origins each session visited, kept until its probe has run. */
  private readonly visited = new Map<string, Set<string>>();
  readonly wipeStep: WipeExecutor;

  restartApp(): void {
    this.deps.restart?.();
  }

  constructor(deps: ElectronShellDeps) {
    this.deps = deps;
    this.urlPolicy = { ...deps.urlPolicy };
    this.refreshMachineHosts();
    this.permissionPolicy = { ...deps.permissionPolicy };
    this.pointer = deps.pointer
      ? new PointerOverlay({ ...deps.pointer, attach: deps.attach, detach: deps.detach, giveFocusBack: () => (this.showing ? this.focusPage() : deps.focusBar()), logger: deps.logger })
      : undefined;
    this.wipeStep = createWipeExecutor({
      view: (sessionId) => (this.current?.sessionId === sessionId ? { close: () => this.closeView() } : undefined),
      session: (sessionId) => deps.partition(partitionName(sessionId)),
      sessionDir: (sessionId) => join(deps.sessionsDir, sessionId),
      clipboard: deps.clipboard,
      probe: async (sessionId) => {
        const origins = [...(this.visited.get(sessionId) ?? [])];
        this.visited.delete(sessionId);
        return runProbe({
          // One never-used partition for every probe: fresh, and no new session leaked per probe.
          partitions: [deps.partition(partitionName(sessionId)), deps.partition('kiosk-probe')],
          origins,
          openContents: (ses) => this.probeContents(ses),
        });
      },
    });
    // Nothing from an earlier run may survive: a crash can leave downloads behind.
    rmSync(deps.sessionsDir, { recursive: true, force: true });
    mkdirSync(deps.sessionsDir, { recursive: true, mode: 0o700 });
  }

  /**
   * The site policy from the hub: the web allow and deny lists, private
   * hosts and camera origins apply at once, to the page open now as well.
   * The hub's own origins stay blocked whatever the lists say.
   */
  updatePolicy(policy: { web: { allow: readonly string[]; deny: readonly string[]; allowPrivateHosts: readonly string[]; mediaOrigins: readonly string[] } }): void {
    this.urlPolicy.allow = policy.web.allow;
    this.urlPolicy.deny = policy.web.deny;
    this.urlPolicy.allowPrivateHosts = policy.web.allowPrivateHosts;
    this.permissionPolicy.mediaOrigins = policy.web.mediaOrigins;
    this.deps.logger.info('web policy updated', { allow: policy.web.allow.length, deny: policy.web.deny.length });
  }

  /** The residents' web view's main frame, the one thing remote help may capture (main/shell/remote-capture.ts). */
  webViewFrame() {
    return this.current?.native.webContents.mainFrame;
  }

  async openSessionView(options: { sessionId: string; zoomPercent: number }): Promise<void> {
    if (this.current) await this.closeView();
    // An address the PC gained since (DHCP, a new network) is this PC too.
    this.refreshMachineHosts();
    this.zoomPercent = options.zoomPercent;
    this.showing = false;
    this.current = this.makeView(options.sessionId);
  }

  async show(target: ViewTarget): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.pointer?.hide();
    if (target.kind === 'home') {
      this.showing = false;
      current.view.place(null);
      return;
    }
    this.showing = true;
    current.view.place(this.area);
    await current.view.load(target.url);
    current.view.webContents.focus();
  }

  setZoom(percent: number): void {
    this.zoomPercent = percent;
    // The page reflows: the marker no longer points at what the advisor saw.
    this.pointer?.hide();
    this.current?.view.setZoom(percent);
  }

  setViewArea(area: ViewArea | null): void {
    if (JSON.stringify(area) !== JSON.stringify(this.area)) this.pointer?.hide();
    this.area = area;
    if (this.showing) this.current?.view.place(area);
  }

  navigate(action: 'back' | 'forward' | 'reload'): void {
    this.current?.view.navigate(action);
  }

  async chooseFiles(names: readonly string[]): Promise<void> {
    await this.current?.view.chooseFiles(names);
  }

  async hideSessionView(sessionId: string): Promise<void> {
    if (this.current?.sessionId !== sessionId) return;
    this.showing = false;
    this.pointer?.hide();
    this.current.view.place(null);
  }

  /**
   * The advisor's marker over the resident's page while it is on screen
   * (nowhere else: it points into the shared page); null ends the call's
   * marker and closes its view.
   */
  showPointer(at: { x: number; y: number } | null): void {
    if (!at) return this.pointer?.dispose();
    if (!this.current || !this.showing || !this.area) return this.pointer?.hide();
    this.pointer?.show(at, this.area);
  }

  /** The page on screen as a PDF for the kiosk's print flow; none on the start page. */
  async renderPageToPdf(): Promise<Uint8Array | undefined> {
    if (!this.showing || !this.current || this.current.view.isClosed) return undefined;
    // Chromium's own rendering, in memory: nothing is written to disk.
    const pdf = await this.current.view.webContents.printToPDF({ printBackground: true, pageSize: 'A4', generateDocumentOutline: false });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  }

  sessionFolder(sessionId: string): string {
    return join(this.deps.sessionsDir, sessionId);
  }

  /** F6 from the session bar: into the page. */
  focusPage(): void {
    if (this.showing) this.current?.view.webContents.focus();
  }

  onEvent(listener: (event: ShellEvent) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ShellEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private makeView(sessionId: string): { sessionId: string; view: SessionView; native: WebContentsView } {
    const ses = this.deps.partition(partitionName(sessionId));
    const native = this.deps.createView(ses);
    native.setVisible(false);
    this.deps.attach(native);
    const view = new SessionView({
      sessionId,
      view: native,
      ses,
      downloadsDir: join(this.deps.sessionsDir, sessionId),
      urlPolicy: this.urlPolicy,
      permissionPolicy: this.permissionPolicy,
      emit: (event) => this.emit(event),
      focusBar: this.deps.focusBar,
      onCrash: () => this.replaceView(sessionId),
      visited: (origin) => this.remember(sessionId, origin),
      onFault: (reason) => {
        // No safe view without its safeguards: take it away for the rest of this session.
        if (this.current?.sessionId === sessionId) void this.closeView();
        this.emit({ type: 'fault', reason });
      },
      logger: this.deps.logger,
    });
    view.setZoom(this.zoomPercent);
    return { sessionId, view, native };
  }

  private refreshMachineHosts(): void {
    const found = (this.deps.machineHosts ?? thisMachineHosts)();
    this.urlPolicy.machineHosts = [...new Set([...(this.deps.urlPolicy.machineHosts ?? []), ...found])];
  }

  private remember(sessionId: string, origin: string): void {
    const origins = this.visited.get(sessionId) ?? new Set<string>();
    if (origins.size < MAX_PROBED_ORIGINS) origins.add(origin);
    this.visited.set(sessionId, origins);
  }

  /** A crashed page: a fresh view in the same partition, showing the start page. */
  private replaceView(sessionId: string): void {
    if (this.current?.sessionId !== sessionId) return;
    void this.closeView();
    this.showing = false;
    this.current = this.makeView(sessionId);
  }

  /** Closes the view and resolves once its page is gone (nothing can write during the clearing after it). */
  private closeView(): Promise<void> {
    const current = this.current;
    if (!current) return Promise.resolve();
    this.current = undefined;
    this.showing = false;
    this.pointer?.dispose();
    const gone = current.view.closed$();
    current.view.close();
    this.deps.detach(current.native);
    return gone;
  }

  private probeContents(ses: ProbeSession): ProbeContents {
    const native = this.deps.createView(ses as Session);
    const contents = native.webContents;
    return {
      loadURL: (url) => contents.loadURL(url),
      executeJavaScript: (code) => contents.executeJavaScript(code),
      close: () => {
        if (!contents.isDestroyed()) contents.close();
      },
    };
  }
}
