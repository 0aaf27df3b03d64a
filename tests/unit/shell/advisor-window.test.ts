import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { BrowserWindow, Session } from 'electron';
import { openAdvisorWindow } from '../../../main/shell/advisor-window';
import { advisorPermission, consoleUrl, hubCertificateDecision, isConsolePage } from '../../../main/shell/policy/advisor-policy';
import { createSiteCa, issueServerCertificate } from '../../../main/hub/tls';
import { asSession, createMemoryLogger, FakeSession, FakeWebContents } from './fakes';

// The advisor's own PC: the hub runs in the app and its console opens in a
// window that trusts exactly the hub's certificate and goes nowhere else.

const PORT = 8443;
let hubPem: string;
let otherPem: string;
let sameNamesOtherCaPem: string;

beforeAll(async () => {
  const now = Date.now();
  const ca = await createSiteCa('Kirjasto', now);
  hubPem = (await issueServerCertificate(ca, ['localhost', '127.0.0.1'], now)).certPem;
  otherPem = (await issueServerCertificate(ca, ['localhost', '127.0.0.1'], now)).certPem;
  const foreign = await createSiteCa('Toinen kirjasto', now);
  sameNamesOtherCaPem = (await issueServerCertificate(foreign, ['localhost', '127.0.0.1'], now)).certPem;
});

describe('the advisor window\'s decisions', () => {
  it('trusts exactly the hub\'s own certificate on loopback, and refuses any other there', () => {
    expect(hubCertificateDecision('localhost', hubPem, hubPem)).toBe('trust');
    expect(hubCertificateDecision('127.0.0.1', hubPem, hubPem)).toBe('trust');
    // Another certificate, even from the same site CA or with the same names, is not the hub's.
    expect(hubCertificateDecision('localhost', otherPem, hubPem)).toBe('refuse');
    expect(hubCertificateDecision('localhost', sameNamesOtherCaPem, hubPem)).toBe('refuse');
    expect(hubCertificateDecision('localhost', 'not a certificate', hubPem)).toBe('refuse');
    // Elsewhere Chromium's own verification decides (the window never goes there).
    expect(hubCertificateDecision('example.org', hubPem, hubPem)).toBe('default');
  });

  it('lets only the console\'s own pages ask, and only for notifications', () => {
    expect(advisorPermission('notifications', 'https://localhost:8443/advisor/', PORT)).toBe(true);
    expect(advisorPermission('notifications', 'https://127.0.0.1:8443/advisor/', PORT)).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown-new-thing']) {
      expect(advisorPermission(permission, 'https://localhost:8443/advisor/', PORT), permission).toBe(false);
    }
    for (const url of ['https://localhost:9999/advisor/', 'http://localhost:8443/advisor/', 'https://evil.example/', 'file:///etc/passwd', 'not a url']) {
      expect(advisorPermission('notifications', url, PORT), url).toBe(false);
    }
  });

  it('knows the console pages', () => {
    expect(consoleUrl(PORT)).toBe('https://localhost:8443/advisor/');
    expect(isConsolePage('https://localhost:8443/advisor/#pcs', PORT)).toBe(true);
    expect(isConsolePage('https://[::1]:8443/advisor/', PORT)).toBe(true);
    expect(isConsolePage('https://localhost.evil.example:8443/', PORT)).toBe(false);
    expect(isConsolePage('https://localhost:8443@evil.example/', PORT)).toBe(false);
  });
});

class FakeWindow extends EventEmitter {
  static last: FakeWindow | undefined;
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  readonly setMenu = vi.fn();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly isDestroyed = vi.fn(() => false);
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeWindow.last = this;
  }
}

function open(confirmClose = () => true) {
  const session = new FakeSession('advisor-console');
  const logger = createMemoryLogger();
  const window = openAdvisorWindow({
    BrowserWindow: FakeWindow as unknown as typeof BrowserWindow,
    session: asSession(session) as Session,
    port: PORT,
    serverCertificate: () => hubPem,
    confirmClose,
    allowDevTools: false,
    logger,
  }) as unknown as FakeWindow;
  return { session, window, logger };
}

describe('the advisor window', () => {
  it('opens the console in a sandboxed, isolated window of its own session', () => {
    const { window, session } = open();
    expect(window.loadURL).toHaveBeenCalledWith('https://localhost:8443/advisor/');
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, devTools: false });
    // The alert chime plays from the start: the advisor app never shows "sound is off".
    expect(prefs.autoplayPolicy).toBe('no-user-gesture-required');
    expect(prefs.preload).toBeUndefined();
    expect(prefs.session).toBe(session);
    expect(window.options.minWidth).toBe(360);
  });

  it('answers Chromium\'s certificate check with the hub\'s certificate only', () => {
    const { session, logger } = open();
    expect(session.verifyCertificate('localhost', hubPem)).toBe(0);
    expect(session.verifyCertificate('localhost', sameNamesOtherCaPem)).toBe(-2);
    expect(logger.lines.some((l) => l.msg === 'advisor window refused a certificate on loopback')).toBe(true);
    expect(session.verifyCertificate('example.org', hubPem)).toBe(-3);
  });

  it('grants notifications to the console and refuses everything else', () => {
    const { session } = open();
    const ask = (permission: string, requestingUrl: string) =>
      new Promise<boolean>((resolve) => session.permissionRequestHandler!({} as never, permission as never, resolve, { requestingUrl } as never));
    return Promise.all([
      expect(ask('notifications', 'https://localhost:8443/advisor/')).resolves.toBe(true),
      expect(ask('media', 'https://localhost:8443/advisor/')).resolves.toBe(false),
      expect(ask('notifications', 'https://evil.example/')).resolves.toBe(false),
    ]).then(() => {
      expect(session.permissionCheckHandler!(null, 'notifications' as never, 'https://localhost:8443', {} as never)).toBe(true);
      expect(session.permissionCheckHandler!(null, 'geolocation' as never, 'https://localhost:8443', {} as never)).toBe(false);
    });
  });

  it('goes nowhere but the console: links out and new windows are refused', () => {
    const { window } = open();
    const contents = window.webContents;
    expect(contents.navigation('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(contents.navigation('will-redirect', 'https://localhost:9999/').preventDefault).toHaveBeenCalled();
    expect(contents.navigation('will-navigate', 'https://localhost:8443/advisor/').preventDefault).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://localhost:8443/advisor/' })).toEqual({ action: 'deny' });
  });

  it('asks before closing, since closing stops the site hub', () => {
    let answer = false;
    const { window } = open(() => answer);
    const cancelled = { preventDefault: vi.fn() };
    window.emit('close', cancelled);
    expect(cancelled.preventDefault).toHaveBeenCalled();
    answer = true;
    const confirmed = { preventDefault: vi.fn() };
    window.emit('close', confirmed);
    expect(confirmed.preventDefault).not.toHaveBeenCalled();
  });

  it('reloads the console when its renderer dies', () => {
    const { window } = open();
    window.loadURL.mockClear();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(window.loadURL).toHaveBeenCalledWith('https://localhost:8443/advisor/');
  });
});
