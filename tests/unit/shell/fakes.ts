/**
 * Small fakes of the few Electron objects the shell modules use. The
 * Electron binary cannot run in the unit tests, so only its types are
 * imported; each fake records what the module under test asked of it.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { DownloadItem, Input, Session, WebContents, WebContentsView } from 'electron';
import { createMemoryLogger } from '../../../main/log/logger';
import type { ProbeCounts } from '../../../main/core/wipe-plan';

export { createMemoryLogger };

export const ZERO_COUNTS: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };

// ---- webContents.debugger ----------------------------------------------------

export class FakeDebugger extends EventEmitter {
  attached = false;
  /** Set before the module attaches to make attach() throw. */
  attachError: Error | undefined;
  readonly commands: Array<{ method: string; params: unknown; target?: string | undefined }> = [];
  readonly attach = vi.fn((_version?: string) => {
    if (this.attachError) throw this.attachError;
    this.attached = true;
  });
  readonly detach = vi.fn(() => {
    this.attached = false;
  });
  readonly isAttached = vi.fn(() => this.attached);
  readonly sendCommand = vi.fn(async (method: string, params?: unknown, target?: string) => {
    this.commands.push(target === undefined ? { method, params } : { method, params, target });
    return {};
  });

  /** What Chromium sends when a page (or, with `target`, a cross-site frame) opens `<input type=file>`. */
  fileChooserOpened(backendNodeId: number | undefined, mode: 'selectSingle' | 'selectMultiple', target?: string): void {
    this.emit('message', {}, 'Page.fileChooserOpened', { frameId: 'main', mode, backendNodeId }, target);
  }

  /** What Chromium sends when auto-attach reaches an out-of-process frame. */
  frameAttached(sessionId: string): void {
    this.emit('message', {}, 'Target.attachedToTarget', { sessionId, targetInfo: { type: 'iframe' }, waitingForDebugger: true });
  }

  commandsNamed(method: string): unknown[] {
    return this.commands.filter((c) => c.method === method).map((c) => c.params);
  }
}

// ---- WebContents -------------------------------------------------------------

export type WindowOpenHandler = (details: { url: string; frameName?: string; disposition?: string }) => { action: 'allow' | 'deny' };

export interface FakeWebContentsOptions {
  /** attach() on the debugger throws this. */
  attachError?: Error;
  /** What executeJavaScript resolves with (the probe page's counts). */
  jsResult?: unknown;
}

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  history = { back: false, forward: false };
  /** Makes loadURL reject. */
  loadError: Error | undefined;
  jsResult: unknown;
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly debugger = new FakeDebugger();

  readonly loadURL = vi.fn(async (url: string) => {
    if (this.loadError) throw this.loadError;
    this.url = url;
  });
  readonly reload = vi.fn();
  readonly downloadURL = vi.fn();
  readonly close = vi.fn(() => {
    this.destroyed = true;
  });
  readonly isDestroyed = vi.fn(() => this.destroyed);
  readonly focus = vi.fn();
  readonly getURL = vi.fn(() => this.url);
  readonly setZoomFactor = vi.fn((_factor: number) => undefined);
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  readonly closeDevTools = vi.fn();
  /** printToPDF: a tiny stand-in PDF (the shell only passes the bytes on). */
  readonly printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7 fake page'));
  readonly forcefullyCrashRenderer = vi.fn();
  readonly executeJavaScript = vi.fn(async (_code: string) => this.jsResult);
  readonly navigationHistory = {
    canGoBack: vi.fn(() => this.history.back),
    canGoForward: vi.fn(() => this.history.forward),
    goBack: vi.fn(),
    goForward: vi.fn(),
  };

  constructor(options: FakeWebContentsOptions = {}) {
    super();
    this.debugger.attachError = options.attachError;
    this.jsResult = options.jsResult;
  }

  /** A will-navigate / will-frame-navigate / will-redirect event as Electron 45 emits it. */
  navigation(name: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): NavigationEvent {
    const event = navigationEvent(url, isMainFrame);
    this.emit(name, event);
    return event;
  }

  /** A key press as before-input-event reports it; returns whether it was stopped. */
  key(input: Partial<Input> & { key: string }): { prevented: boolean } {
    const event = { preventDefault: vi.fn() };
    this.emit('before-input-event', event, keyInput(input));
    return { prevented: event.preventDefault.mock.calls.length > 0 };
  }
}

export interface NavigationEvent {
  url: string;
  isMainFrame: boolean;
  preventDefault: ReturnType<typeof vi.fn>;
  readonly prevented: boolean;
}

export function navigationEvent(url: string, isMainFrame = true): NavigationEvent {
  const preventDefault = vi.fn();
  return {
    url,
    isMainFrame,
    preventDefault,
    get prevented() {
      return preventDefault.mock.calls.length > 0;
    },
  };
}

/** A full Input with sensible defaults: a plain keyDown of `key`. */
export function keyInput(input: Partial<Input> & { key: string }): Input {
  return {
    type: 'keyDown',
    code: '',
    control: false,
    alt: false,
    shift: false,
    meta: false,
    isAutoRepeat: false,
    isComposing: false,
    location: 0,
    modifiers: [],
    ...input,
  } as Input;
}

// ---- WebContentsView -----------------------------------------------------------

export class FakeView {
  readonly webContents: FakeWebContents;
  visible: boolean | undefined;
  bounds: { x: number; y: number; width: number; height: number } | undefined;
  readonly setBounds = vi.fn((bounds: { x: number; y: number; width: number; height: number }) => {
    this.bounds = bounds;
  });
  readonly setVisible = vi.fn((visible: boolean) => {
    this.visible = visible;
  });
  backgroundColor: string | undefined;
  readonly setBackgroundColor = vi.fn((color: string) => {
    this.backgroundColor = color;
  });

  constructor(options: FakeWebContentsOptions = {}) {
    this.webContents = new FakeWebContents(options);
  }
}

// ---- Session ---------------------------------------------------------------------

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Session['setDevicePermissionHandler']>[0];
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const CLEAR_METHODS = [
  'clearData',
  'clearStorageData',
  'clearCache',
  'clearAuthCache',
  'clearHostResolverCache',
  'clearCodeCaches',
  'closeAllConnections',
] as const;
export type ClearMethod = (typeof CLEAR_METHODS)[number];

export class FakeSession extends EventEmitter {
  readonly name: string;
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: PermissionCheckHandler | undefined;
  devicePermissionHandler: DevicePermissionHandler | undefined;
  /** Every clear method called, in order, with its options. */
  readonly clearCalls: Array<{ method: ClearMethod; options: unknown }> = [];
  /** Clear methods that reject. */
  readonly failing = new Set<ClearMethod>();
  /** Shared with other fakes to record the order of everything the wipe does. */
  journal: string[] | undefined;

  cookieList: unknown[] = [];
  /** What resolveHost answers per host name (DNS), e.g. { 'rebind.example': ['127.0.0.1'] }. */
  dns: Record<string, string[]> = {};
  beforeRequest: ((details: { url: string; resourceType: string }, callback: (response: { cancel?: boolean }) => void) => void) | undefined;
  readonly webRequest = {
    onBeforeRequest: vi.fn((_filter: unknown, listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    }),
  };
  readonly resolveHost = vi.fn(async (host: string) => ({
    endpoints: (this.dns[host] ?? ['93.184.216.34']).map((address) => ({ address, family: address.includes(':') ? 'ipv6' : 'ipv4' })),
  }));

  /** Plays a request through the onBeforeRequest listener; resolves with whether it was cancelled. */
  request(url: string, resourceType = 'xhr'): Promise<boolean> {
    return new Promise((resolve) => this.beforeRequest!({ url, resourceType }, (response) => resolve(!!response.cancel)));
  }
  runningWorkers: Record<number, unknown> = {};
  /** Schemes handled right now, and every handle/unhandle in order. */
  readonly handled = new Map<string, ProtocolHandler>();
  readonly protocolLog: string[] = [];

  readonly setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler) => {
    this.permissionRequestHandler = handler;
  });
  readonly setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler) => {
    this.permissionCheckHandler = handler;
  });
  readonly setDevicePermissionHandler = vi.fn((handler: DevicePermissionHandler) => {
    this.devicePermissionHandler = handler;
  });
  readonly setSpellCheckerEnabled = vi.fn((_enabled: boolean) => undefined);
  certificateVerifyProc: ((request: { hostname: string; certificate: { data: string } }, callback: (result: number) => void) => void) | undefined;
  readonly setCertificateVerifyProc = vi.fn((proc: FakeSession['certificateVerifyProc']) => {
    this.certificateVerifyProc = proc;
  });

  /** What the verify proc answers for this host and certificate (0 trusted, -2 refused, -3 Chromium decides). */
  verifyCertificate(hostname: string, pem: string): number {
    let result = NaN;
    this.certificateVerifyProc!({ hostname, certificate: { data: pem } }, (r) => (result = r));
    return result;
  }

  readonly clearData = this.clearMethod('clearData');
  readonly clearStorageData = this.clearMethod('clearStorageData');
  readonly clearCache = this.clearMethod('clearCache');
  readonly clearAuthCache = this.clearMethod('clearAuthCache');
  readonly clearHostResolverCache = this.clearMethod('clearHostResolverCache');
  readonly clearCodeCaches = this.clearMethod('clearCodeCaches');
  readonly closeAllConnections = this.clearMethod('closeAllConnections');

  readonly cookies = { get: vi.fn(async (_filter: object) => this.cookieList) };
  readonly serviceWorkers = { getAllRunning: vi.fn(() => this.runningWorkers) };
  readonly protocol = {
    handle: vi.fn((scheme: string, handler: ProtocolHandler) => {
      this.handled.set(scheme, handler);
      this.protocolLog.push(`handle ${scheme}`);
    }),
    unhandle: vi.fn((scheme: string) => {
      this.handled.delete(scheme);
      this.protocolLog.push(`unhandle ${scheme}`);
    }),
    isProtocolHandled: vi.fn((scheme: string) => this.handled.has(scheme)),
  };

  constructor(name = 'kiosk-session-test') {
    super();
    this.name = name;
  }

  calledWith(method: ClearMethod): unknown[] {
    return this.clearCalls.filter((c) => c.method === method).map((c) => c.options);
  }

  private clearMethod(method: ClearMethod) {
    return vi.fn(async (options?: unknown) => {
      this.clearCalls.push({ method, options });
      this.journal?.push(method);
      if (this.failing.has(method)) throw new Error(`${method} failed in the fake`);
    });
  }
}

// ---- DownloadItem ------------------------------------------------------------------

export class FakeDownloadItem extends EventEmitter {
  savePath: string | undefined;
  private readonly filename: string;
  private readonly mimeType: string;
  readonly getFilename = vi.fn(() => this.filename);
  readonly getMimeType = vi.fn(() => this.mimeType);
  readonly cancel = vi.fn();
  readonly setSavePath = vi.fn((path: string) => {
    this.savePath = path;
  });

  constructor(filename: string, mimeType = 'application/octet-stream') {
    super();
    this.filename = filename;
    this.mimeType = mimeType;
  }

  /** The download ended ('completed', 'cancelled' or 'interrupted'). */
  finish(state: 'completed' | 'cancelled' | 'interrupted'): void {
    this.emit('done', {}, state);
  }
}

// ---- clipboard -----------------------------------------------------------------------

export function fakeClipboard(options: { selection: boolean; journal?: string[] }) {
  const clear = vi.fn(() => {
    options.journal?.push('clipboard.clear');
  });
  const selection = options.selection
    ? {
        clear: vi.fn(() => {
          options.journal?.push('selection.clear');
        }),
      }
    : undefined;
  return { clear, selection };
}

// ---- casts ------------------------------------------------------------------------------

export const asWebContents = (fake: FakeWebContents): WebContents => fake as unknown as WebContents;
export const asView = (fake: FakeView): WebContentsView => fake as unknown as WebContentsView;
export const asSession = (fake: FakeSession): Session => fake as unknown as Session;
export const asDownloadItem = (fake: FakeDownloadItem): DownloadItem => fake as unknown as DownloadItem;
