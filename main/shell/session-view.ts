import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DownloadItem, Event as ElectronEvent, Input, Session, WebContents, WebContentsView } from 'electron';
import type { SessionFile, ShellEvent, ViewArea } from '../core/shell';
import type { Logger } from '../log/logger';
import { isIP } from 'node:net';
import { checkUrl, refuseRequest, refuseResolved, type UrlPolicy } from './policy/url-policy';
import { decidePermission, type PermissionPolicy } from './policy/permission-policy';
import { classifyKey } from './policy/shortcut-policy';
import { decideDownload } from './policy/download-policy';

export interface SessionViewDeps {
  sessionId: string;
  view: WebContentsView;
  ses: Session;
  downloadsDir: string;
  urlPolicy: UrlPolicy;
  permissionPolicy: PermissionPolicy;
  emit: (event: ShellEvent) => void;
  /** F6 in the page: move focus to the kiosk's session bar. */
  focusBar: () => void;
  /** The page's renderer died: the shell replaces the view. */
  onCrash: () => void;
  /** An origin the session loaded (its storage is probed after the wipe). */
  visited: (origin: string) => void;
  /**
   * Something the view's safety depends on failed (the file-picker
   * interception): the shell takes the view away and the PC goes out of
   * service after this session.
   */
  onFault: (reason: string) => void;
  logger: Logger;
}

const ACTIVITY_EVERY_MS = 5_000;

/**
 * One resident's web view: a WebContentsView in the session's own in-memory
 * partition, with every handler that keeps untrusted content in its place
 * (navigation, new windows, permissions, downloads, the file picker, keys).
 */
export class SessionView {
  private readonly deps: SessionViewDeps;
  private readonly contents: WebContents;
  private lastActivity = Number.NEGATIVE_INFINITY;
  /** The origin allowed the camera and microphone, while the page stays on it. */
  private mediaOrigin: string | undefined;
  private currentOrigin = '';
  private playing = false;
  private audible = false;
  private mediaInUse = false;
  private pendingChooser: { backendNodeId: number; multiple: boolean; target: string | undefined } | undefined;
  /** Names given to downloads so far (two downloads of one name must not share a file). */
  private readonly namesGiven = new Set<string>();
  /** Downloads still being written or that failed: never offered to a page asking for a file. */
  private readonly unfinished = new Set<string>();
  private closed = false;
  private readonly onWillDownload = (_event: ElectronEvent, item: DownloadItem) => this.onDownload(item);

  constructor(deps: SessionViewDeps) {
    this.deps = deps;
    this.contents = deps.view.webContents;
    mkdirSync(deps.downloadsDir, { recursive: true, mode: 0o700 });
    this.guardSession();
    this.guardContents();
    void this.interceptFileChooser();
  }

  get webContents(): WebContents {
    return this.contents;
  }

  async load(url: string): Promise<void> {
    const verdict = checkUrl(url, this.deps.urlPolicy);
    if (!verdict.ok) {
      this.refuse(verdict, true);
      return;
    }
    await this.contents.loadURL(verdict.url).catch((error: unknown) => {
      // A page that fails to load shows Chromium's error page; nothing to do.
      this.deps.logger.info('page did not load', { error: (error as Error).name });
    });
  }

  place(area: ViewArea | null): void {
    if (this.closed) return;
    if (area && area.width > 0 && area.height > 0) {
      this.deps.view.setBounds({ x: Math.round(area.x), y: Math.round(area.y), width: Math.round(area.width), height: Math.round(area.height) });
      this.deps.view.setVisible(true);
    } else {
      this.deps.view.setVisible(false);
    }
  }

  setZoom(percent: number): void {
    if (!this.closed) this.contents.setZoomFactor(percent / 100);
  }

  navigate(action: 'back' | 'forward' | 'reload'): void {
    if (this.closed) return;
    const history = this.contents.navigationHistory;
    if (action === 'back' && history.canGoBack()) history.goBack();
    if (action === 'forward' && history.canGoForward()) history.goForward();
    if (action === 'reload') this.contents.reload();
  }

  /** The files this session saved, offered when a page asks for one. */
  sessionFiles(): SessionFile[] {
    if (!existsSync(this.deps.downloadsDir)) return [];
    return readdirSync(this.deps.downloadsDir, { withFileTypes: true })
      .filter((e) => e.isFile() && !this.unfinished.has(e.name))
      .map((e) => ({ name: e.name, bytes: statSync(join(this.deps.downloadsDir, e.name)).size }));
  }

  /** Answers the page's pending file request; only names inside the session folder pass. */
  async chooseFiles(names: readonly string[]): Promise<void> {
    const pending = this.pendingChooser;
    this.pendingChooser = undefined;
    this.deps.emit({ type: 'file-chooser', request: null });
    if (!pending || names.length === 0 || this.closed) return;
    const offered = new Set(this.sessionFiles().map((f) => f.name));
    // Plain names of offered files only: anything with a path in it is refused, not resolved.
    const files = [...new Set(names)]
      .filter((n) => n === basename(n) && !n.includes('\\') && offered.has(n))
      .slice(0, pending.multiple ? names.length : 1)
      .map((n) => join(this.deps.downloadsDir, n));
    if (files.length === 0) return;
    await this.contents.debugger.sendCommand('DOM.setFileInputFiles', { files, backendNodeId: pending.backendNodeId }, pending.target);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.view.setVisible(false);
    // The partition outlives this view (a crash gets a new one): its handlers must not pile up.
    this.deps.ses.removeListener('will-download', this.onWillDownload);
    try {
      if (this.contents.debugger.isAttached()) this.contents.debugger.detach();
    } catch {
      // Already detached with the page.
    }
    if (!this.contents.isDestroyed()) this.contents.close();
  }

  /** Resolves when the page's renderer is gone (so nothing can write while the partition is cleared). */
  closed$(timeoutMs = 2_000): Promise<void> {
    if (this.contents.isDestroyed()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.contents.once('destroyed', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  // ---- handlers -------------------------------------------------------------

  private guardSession(): void {
    const { ses, permissionPolicy } = this.deps;
    ses.setPermissionRequestHandler((contents, permission, callback, details) => {
      const url = 'requestingUrl' in details ? details.requestingUrl : contents.getURL();
      const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
      const origin = originOf(url);
      const allowed = decidePermission({ permission, requestingOrigin: origin, mediaTypes }, permissionPolicy);
      if (permission === 'media') {
        if (allowed) this.mediaOrigin = origin;
        else this.deps.emit({ type: 'notice', notice: { kind: 'permission-denied', what: 'camera-microphone' } });
      }
      callback(allowed);
    });
    ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
      decidePermission(
        { permission, requestingOrigin, mediaTypes: details.mediaType && details.mediaType !== 'unknown' ? [details.mediaType] : undefined },
        permissionPolicy,
      ),
    );
    ses.setDevicePermissionHandler(() => false);
    ses.setSpellCheckerEnabled(false);
    ses.on('will-download', this.onWillDownload);
    // Every request of every type (pages, frames, fetch, WebSockets, images,
    // scripts, styles, fonts, media, beacons, plugins, CSP reports, the rest),
    // through one check: no local network, this PC or the hub, and no public
    // name that resolves to any of them.
    ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
      void this.refuses(details.url).then(
        (cancel) => callback({ cancel }),
        () => callback({ cancel: true }),
      );
    });
  }

  private async refuses(url: string): Promise<boolean> {
    const policy = this.deps.urlPolicy;
    if (refuseRequest(url, policy)) return true;
    let host: string;
    try {
      const parsed = new URL(url);
      if (!/^(https?|wss?):$/.test(parsed.protocol)) return false;
      host = parsed.hostname;
    } catch {
      return false;
    }
    // An address is judged as it is written (above); a name by what it resolves to.
    if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) return false;
    try {
      const resolved = await this.deps.ses.resolveHost(host);
      return refuseResolved(url, resolved.endpoints.map((e) => e.address), policy);
    } catch {
      return false; // not resolvable: the request fails on its own
    }
  }

  private guardContents(): void {
    const c = this.contents;
    const guard = (details: { url: string; isMainFrame: boolean; preventDefault: () => void }) => {
      // Frames of the page's own making (about:blank, srcdoc, data:, blob:) stay inside that page.
      if (!details.isMainFrame && /^(about|data|blob):/i.test(details.url)) return;
      const verdict = checkUrl(details.url, this.deps.urlPolicy);
      if (verdict.ok) return;
      details.preventDefault();
      this.refuse(verdict, details.isMainFrame);
    };
    c.on('will-navigate', (event) => guard({ url: event.url, isMainFrame: event.isMainFrame, preventDefault: () => event.preventDefault() }));
    c.on('will-frame-navigate', (event) => guard({ url: event.url, isMainFrame: event.isMainFrame, preventDefault: () => event.preventDefault() }));
    c.on('will-redirect', (event) => guard({ url: event.url, isMainFrame: event.isMainFrame, preventDefault: () => event.preventDefault() }));
    // window.open, target=_blank and middle-click stay in this view.
    c.setWindowOpenHandler(({ url, postBody, referrer }) => {
      // A receipt shown as window.open(blob:…) is a file: save it to the session folder.
      if (/^blob:/i.test(url)) {
        this.contents.downloadURL(url);
        return { action: 'deny' };
      }
      const verdict = checkUrl(url, this.deps.urlPolicy);
      if (!verdict.ok) {
        this.refuse(verdict, true);
        return { action: 'deny' };
      }
      // A form posted into a new window keeps its data (window.opener cannot be kept).
      const post = postBody
        ? { postData: postBody.data, extraHeaders: `Content-Type: ${postBody.contentType}${postBody.boundary ? `; boundary=${postBody.boundary}` : ''}` }
        : {};
      void this.contents.loadURL(verdict.url, { httpReferrer: referrer, ...post }).catch(() => undefined);
      return { action: 'deny' };
    });
    c.on('before-input-event', (event: ElectronEvent, input: Input) => {
      const decision = classifyKey(input, 'web-view');
      if (decision.action === 'allow') return this.activity();
      event.preventDefault();
      if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return;
      if (decision.action === 'zoom') this.deps.emit({ type: 'zoom', change: decision.change });
      if (decision.action === 'focus') this.deps.focusBar();
      if (decision.action === 'block' && decision.reason === 'print') this.deps.emit({ type: 'print' }); // the kiosk's own print flow
    });
    c.on('input-event', () => this.activity());
    c.on('zoom-changed', (_event, direction) => this.deps.emit({ type: 'zoom', change: direction === 'in' ? 'in' : 'out' }));
    const navState = () => {
      if (this.closed) return;
      const history = c.navigationHistory;
      this.deps.emit({ type: 'nav', canGoBack: history.canGoBack(), canGoForward: history.canGoForward() });
    };
    const visit = (url: string) => {
      const origin = originOf(url);
      if (origin) this.deps.visited(origin);
    };
    c.on('did-navigate', (_event, url) => {
      visit(url);
      this.currentOrigin = originOf(url);
      // Leaving the call's site ends the call, as far as the idle timer is concerned.
      if (this.mediaOrigin && this.currentOrigin !== this.mediaOrigin) {
        this.mediaOrigin = undefined;
        this.media({});
      }
      navState();
    });
    c.on('did-navigate-in-page', navState);
    // Third-party frames keep storage of their own (#45531): probe their origins too.
    c.on('did-frame-navigate', (_event, url) => visit(url));
    // "In a call": media allowed for this page and it is playing or making sound.
    c.on('media-started-playing', () => this.media({ playing: true }));
    c.on('media-paused', () => this.media({ playing: false }));
    c.on('audio-state-changed', (event) => this.media({ audible: event.audible }));
    c.on('render-process-gone', (_event, details) => {
      this.deps.logger.warn('web view renderer gone', { reason: details.reason });
      this.deps.emit({ type: 'notice', notice: { kind: 'page-crashed' } });
      this.deps.onCrash();
    });
    c.on('devtools-opened', () => c.closeDevTools());
  }

  /**
   * `<input type=file>` would open the system's file dialog onto the whole
   * disk; the DevTools protocol lets the shell take the request instead and
   * offer only this session's files (Electron issue #32671).
   */
  private async interceptFileChooser(): Promise<void> {
    const dbg = this.contents.debugger;
    // Turns interception on in one target: the page itself, or a cross-site
    // frame (out-of-process iframes are targets of their own and would
    // otherwise open the system dialog; Playwright #14231).
    const intercept = async (target: string | undefined) => {
      await dbg.sendCommand('Page.enable', {}, target);
      await dbg.sendCommand('Page.setInterceptFileChooserDialog', { enabled: true }, target);
      await dbg.sendCommand('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, target);
    };
    // Auto-attach also pauses workers; they have no file inputs and only need to run.
    const attached = async (child: string, type: string) => {
      try {
        if (type === 'iframe' || type === 'page') await intercept(child);
      } finally {
        await dbg.sendCommand('Runtime.runIfWaitingForDebugger', {}, child).catch(() => undefined);
      }
    };
    try {
      dbg.attach('1.3');
      // Without the debugger a file input opens the system dialog: fail closed.
      dbg.on('detach', (_event, reason) => {
        if (!this.closed) this.deps.onFault(`file-picker guard detached: ${reason}`);
      });
      dbg.on('message', (_event, method, params: Record<string, unknown>, target?: string) => {
        if (method === 'Target.attachedToTarget') {
          const child = params.sessionId as string;
          const type = (params.targetInfo as { type?: string } | undefined)?.type ?? '';
          void attached(child, type).catch((error: unknown) => {
            this.deps.onFault(`file-picker guard failed in a frame: ${(error as Error).message}`);
          });
          return;
        }
        if (method !== 'Page.fileChooserOpened' || typeof params.backendNodeId !== 'number') return;
        this.pendingChooser = { backendNodeId: params.backendNodeId, multiple: params.mode === 'selectMultiple', target: target || undefined };
        this.deps.emit({ type: 'file-chooser', request: { multiple: this.pendingChooser.multiple, files: this.sessionFiles() } });
      });
      await intercept(undefined);
    } catch (error) {
      this.deps.onFault(`file-picker guard unavailable: ${(error as Error).message}`);
    }
  }

  private onDownload(item: DownloadItem): void {
    const onDisk = existsSync(this.deps.downloadsDir) ? readdirSync(this.deps.downloadsDir) : [];
    const verdict = decideDownload(item.getFilename(), item.getMimeType(), [...onDisk, ...this.namesGiven]);
    if (!verdict.ok) {
      item.cancel();
      this.deps.emit({ type: 'notice', notice: { kind: 'download-refused', name: verdict.fileName } });
      this.deps.logger.info('download refused', { reason: verdict.reason });
      return;
    }
    // Saved without a dialog, into this session's folder only.
    this.namesGiven.add(verdict.fileName);
    this.unfinished.add(verdict.fileName);
    item.setSavePath(join(this.deps.downloadsDir, verdict.fileName));
    item.once('done', (_event, state) => {
      if (state !== 'completed') return; // a cancelled or broken download stays unoffered
      this.unfinished.delete(verdict.fileName);
      this.deps.emit({ type: 'notice', notice: { kind: 'download-saved', name: verdict.fileName } });
    });
  }

  private refuse(verdict: Exclude<ReturnType<typeof checkUrl>, { ok: true }>, tell: boolean): void {
    this.deps.logger.info('navigation refused', { reason: verdict.reason });
    if (!tell) return;
    if (verdict.reason === 'external-app') {
      this.deps.emit({ type: 'notice', notice: { kind: 'external-app', scheme: verdict.scheme ?? 'app' } });
    } else {
      this.deps.emit({ type: 'notice', notice: { kind: 'blocked-address', host: verdict.host } });
    }
  }

  private activity(): void {
    const now = performance.now();
    if (now - this.lastActivity < ACTIVITY_EVERY_MS) return;
    this.lastActivity = now;
    this.deps.emit({ type: 'activity' });
  }

  private media(change: { playing?: boolean; audible?: boolean }): void {
    if (change.playing !== undefined) this.playing = change.playing;
    if (change.audible !== undefined) this.audible = change.audible;
    const inUse = !!this.mediaOrigin && this.mediaOrigin === this.currentOrigin && (this.playing || this.audible);
    if (inUse !== this.mediaInUse) {
      this.mediaInUse = inUse;
      this.deps.emit({ type: 'media', inUse });
    }
  }
}

/** scheme://host[:port] of an http(s) address, or '' for anything else. */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : '';
  } catch {
    return '';
  }
}
