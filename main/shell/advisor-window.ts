import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import type { Logger } from '../log/logger';
import { advisorPermission, consoleUrl, hubCertificateDecision, isConsolePage } from './policy/advisor-policy';

export interface AdvisorWindowDeps {
  BrowserWindow: typeof BrowserWindowType;
  /** An in-memory session of its own (not the default one). */
  session: Session;
  port: number;
  /** The hub's current server certificate (PEM): the only one the window trusts. */
  serverCertificate: () => string;
  /** Asks before closing: closing the advisor app stops the site hub in it. */
  confirmClose: (window: BrowserWindowType) => boolean;
  allowDevTools: boolean;
  logger: Logger;
}

/**
 * The advisor role's window: the hub's console, with desktop notifications
 * and sound for help calls, trusting exactly the hub's own certificate, and
 * going nowhere else.
 */
export function openAdvisorWindow(deps: AdvisorWindowDeps): BrowserWindowType {
  const { session, port, logger } = deps;
  session.setCertificateVerifyProc((request, callback) => {
    const decision = hubCertificateDecision(request.hostname, request.certificate.data, deps.serverCertificate());
    if (decision === 'refuse') logger.warn('advisor window refused a certificate on loopback');
    // 0: trusted; -2: refused; -3: Chromium's own verification.
    callback(decision === 'trust' ? 0 : decision === 'refuse' ? -2 : -3);
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(advisorPermission(permission, details.requestingUrl, port)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => advisorPermission(permission, requestingOrigin, port));

  const window = new deps.BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 360,
    minHeight: 480,
    title: 'Tupa',
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: deps.allowDevTools,
      // The help-call sound plays without a click on the page first.
      autoplayPolicy: 'no-user-gesture-required',
      spellcheck: false,
    },
  });
  window.setMenu(null);
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isConsolePage(event.url, port)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isConsolePage(event.url, port)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('render-process-gone', (_event, details) => {
    logger.warn('advisor window renderer gone; reloading', { reason: details.reason });
    if (!window.isDestroyed()) void window.loadURL(consoleUrl(port));
  });
  let closing = false;
  window.on('close', (event) => {
    if (closing) return;
    if (!deps.confirmClose(window)) {
      event.preventDefault();
      return;
    }
    closing = true;
  });
  void window.loadURL(consoleUrl(port));
  return window;
}
