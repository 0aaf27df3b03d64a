import type { BrowserWindow, BrowserWindowConstructorOptions, Event as ElectronEvent, Input, Session, WebContents } from 'electron';
import type { Logger } from '../log/logger';
import { classifyKey } from './policy/shortcut-policy';

export interface KioskWindowOptions {
  uiSession: Session;
  preloadPath: string;
  allowDevTools: boolean;
}

/** The kiosk window: full screen, always on top, no menu, the typed API through the preload only. */
export function kioskWindowOptions(options: KioskWindowOptions): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    alwaysOnTop: true,
    autoHideMenuBar: true,
    frame: false,
    closable: false,
    minimizable: false,
    backgroundColor: '#ffffff',
    show: true,
    webPreferences: {
      session: options.uiSession,
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: options.allowDevTools,
      disableDialogs: true,
    },
  };
}

export interface LockdownDeps {
  /** The kiosk UI's own origin (app://kiosk): the only place it may navigate to. */
  appOrigin: string;
  onZoom: (change: 'in' | 'out' | 'reset') => void;
  /** F6 in the session bar: into the web page. */
  focusPage: () => void;
  /** Ctrl+P in the kiosk UI: the kiosk's own print flow for the page on screen. */
  onPrint?: () => void;
  allowDevTools: boolean;
  logger: Logger;
}

/**
 * Keeps the kiosk UI where it is: blocks the shortcuts that would reload,
 * close, print or open tools, sends zoom keys to the kiosk's zoom control,
 * refuses navigation away from the app and new windows, and brings the UI
 * back if its renderer dies (the core keeps the session; the UI redraws it).
 */
export function lockDownKioskUi(contents: WebContents, deps: LockdownDeps): void {
  contents.on('before-input-event', (event: ElectronEvent, input: Input) => {
    const decision = classifyKey(input, 'kiosk-ui');
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return;
    if (decision.action === 'zoom') deps.onZoom(decision.change);
    if (decision.action === 'focus') deps.focusPage();
    if (decision.action === 'block' && decision.reason === 'print') deps.onPrint?.();
  });
  const stayInApp = (event: { url: string; preventDefault: () => void }) => {
    if (!isAppUrl(event.url, deps.appOrigin)) {
      event.preventDefault();
      deps.logger.warn('kiosk UI navigation refused');
    }
  };
  contents.on('will-navigate', (event) => stayInApp(event));
  contents.on('will-frame-navigate', (event) => stayInApp(event));
  contents.on('will-redirect', (event) => stayInApp(event));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (!deps.allowDevTools) contents.on('devtools-opened', () => contents.closeDevTools());
  contents.on('render-process-gone', (_event, details) => {
    deps.logger.error('kiosk UI renderer gone; reloading', { reason: details.reason });
    setTimeout(() => {
      if (!contents.isDestroyed()) contents.reload();
    }, 500);
  });
  contents.on('unresponsive', () => {
    deps.logger.error('kiosk UI unresponsive; restarting its renderer');
    contents.forcefullyCrashRenderer();
  });
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === appOrigin;
  } catch {
    return false;
  }
}

/**
 * The window stays open: a close request from the window manager is refused
 * unless the app itself is quitting. It does not grab the focus back when it
 * loses it: a system dialog (printing, a passkey prompt) must stay usable in
 * front of it; keeping other programs away is the OS kiosk's job.
 */
export function keepInFront(window: BrowserWindow, isQuitting: () => boolean): void {
  window.on('close', (event) => {
    if (!isQuitting()) event.preventDefault();
  });
}
