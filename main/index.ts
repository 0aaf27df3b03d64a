import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session, WebContentsView, type WebFrameMain } from 'electron';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from './core/clock';
import { NodeScheduler } from './core/node-scheduler';
import { ConfigError, loadConfig } from './config/load';
import { resolveDataDir } from './config/paths';
import type { KioskConfig } from './config/schema';
import { createFileLogger, describeError } from './log/logger';
import { createKioskCore } from './kiosk/compose';
import { attachHub, type HubAttachment } from './kiosk/hub-attachment';
import { APP_ORIGIN, APP_SCHEME, handleAppProtocol } from './shell/app-protocol';
import { kioskSenderCheck, registerIpcTransport } from './shell/ipc-transport';
import { ElectronShell } from './shell/electron-shell';
import { keepInFront, kioskWindowOptions, lockDownKioskUi } from './shell/kiosk-window';
import { relaunchWhenIdle } from './shell/relaunch';
import { ElectronUpdater } from './shell/updater';
import { setupRemoteCapture } from './shell/remote-capture';
import { guardPointerSession, POINTER_PARTITION, pointerViewOptions } from './shell/pointer-overlay';
import { lockedViewPreferences } from './shell/view-preferences';
import type { RemoteCaptureState } from './shell/policy/remote-capture-policy';
import { openAdvisorWindow } from './shell/advisor-window';
import { startHeadlessHub } from './hub/headless';
import { appText } from './i18n/app-text';
import { commandArguments, runCli } from './cli/tupa';

// The Electron entry: composes the kiosk role on a room PC.

const allowDevTools = !app.isPackaged && process.env.TUPA_DEVTOOLS === '1';
let quitting = false;

// `tupa bookings …` / `tupa config check FILE` on an installed PC: the IT
// command line, without starting the kiosk (the packaged app cannot run Node
// scripts: its run-as-node fuse is off).
const cliArgs = commandArguments(process.argv.slice(app.isPackaged ? 1 : 2));
if (cliArgs) {
  void runCli(cliArgs).then((code) => app.exit(code));
} else {
  startApp();
}

function startApp(): void {
  // Fuses do not cover Chromium's remote debugging: a packaged kiosk refuses to run with it.
  if (app.isPackaged && (app.commandLine.hasSwitch('remote-debugging-port') || app.commandLine.hasSwitch('remote-debugging-pipe'))) {
    console.error('Tupa: refusing to start with remote debugging enabled');
    app.exit(1);
    return;
  }
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  // Configuration first: the profile folder must move before the app is ready.
  let boot: { config: KioskConfig; dataDir: string } | { error: unknown };
  try {
    const { config } = loadConfig();
    const dataDir = resolveDataDir({ config: config.dataDir });
    app.setPath('userData', join(dataDir, 'electron'));
    boot = { config, dataDir };
  } catch (error) {
    boot = { error };
  }
  // The lock lives in userData: take it before touching anything there, so
  // a second start never empties the running kiosk's folders.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  if ('config' in boot) {
    // The kiosk's own UI keeps nothing of residents, and Chromium's session
    // data (Local Storage, dictionaries) and crash dumps start empty each time.
    const electronDir = join(boot.dataDir, 'electron');
    for (const folder of ['session-data', 'crash-dumps']) rmSync(join(electronDir, folder), { recursive: true, force: true });
    app.setPath('sessionData', join(electronDir, 'session-data'));
    app.setPath('crashDumps', join(electronDir, 'crash-dumps'));
  }
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => {
    // No <webview> anywhere, and no window opens that the shell did not make.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Never hand a site a certificate from the PC's store (Electron picks the first one by default).
  app.on('select-client-certificate', (event, _contents, _url, _list, callback) => {
    event.preventDefault();
    callback();
  });

  app.on('before-quit', () => {
    quitting = true;
  });
  app
    .whenReady()
    .then(() => ('error' in boot ? showStartupError(boot.error) : boot.config.role === 'advisor' ? startAdvisor(boot.config, boot.dataDir) : startKiosk(boot.config, boot.dataDir)))
    .catch(showStartupError);
}


async function startKiosk(config: KioskConfig, dataDir: string): Promise<void> {
  const clock = systemClock;
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });

  // The kiosk UI lives on its own in-memory session, never the default one.
  const uiSession = session.fromPartition('kiosk-ui');
  // Every permission refused, but what help from afar needs during a remote call (set up once the core runs).
  let remoteNow: () => { state: RemoteCaptureState; voice: boolean } | undefined = () => undefined;
  let webViewFrame: () => WebFrameMain | undefined = () => undefined;
  setupRemoteCapture(uiSession, { remote: () => remoteNow(), webViewFrame: () => webViewFrame(), logger: logger.child({ component: 'remote-capture' }) });
  handleAppProtocol(uiSession.protocol, join(import.meta.dirname, '../renderer'));

  const window = new BrowserWindow(kioskWindowOptions({ uiSession, preloadPath: join(import.meta.dirname, '../preload/kiosk.cjs'), allowDevTools }));
  window.setMenu(null);
  keepInFront(window, () => quitting);
  powerSaveBlocker.start('prevent-display-sleep');

  // The site hub: paired with one elsewhere, or (by default) run in this process for the site.
  const scheduler = new NodeScheduler(clock);
  const hub = await attachHub({ config, dataDir, clock, scheduler, logger, release: app.getVersion(), rendererDir: join(import.meta.dirname, '../renderer') });
  // Residents' pages never reach the hub, whatever the web allow-list says.
  const hubOrigins = hubOriginsOf(hub);
  // The advisor's marker during help from afar: a view of the kiosk's own above the residents' page.
  const pointerSession = session.fromPartition(POINTER_PARTITION);
  guardPointerSession(pointerSession);
  const shell = new ElectronShell({
    attach: (view) => window.contentView.addChildView(view),
    detach: (view) => window.contentView.removeChildView(view),
    createView: (ses) =>
      new WebContentsView({
        webPreferences: {
          ...lockedViewPreferences(ses),
          devTools: allowDevTools,
          safeDialogs: true,
          // showOpenFilePicker, showSaveFilePicker and showDirectoryPicker would open the
          // system's file dialog over the whole disk; <input type=file> stays (intercepted).
          disableBlinkFeatures: 'FileSystemAccessLocal,FileSystemAccessAPIExperimental',
          // A page going full screen fills only the web view, never the kiosk window.
          disableHtmlFullscreenWindowResize: true,
        },
      }),
    partition: (name) => session.fromPartition(name),
    clipboard,
    sessionsDir: join(dataDir, 'sessions'),
    urlPolicy: {
      allow: config.web.allow,
      deny: config.web.deny,
      allowPrivateHosts: config.web.allowPrivateHosts,
      blockedOrigins: hubOrigins,
      // A hub in this process answers on every address and name of this PC.
      machineHosts: hub.embeddedHub ? config.hub.hostnames : [],
      embeddedHubPorts: hub.embeddedHub ? [hub.embeddedHub.port] : [],
    },
    permissionPolicy: { mediaOrigins: config.web.mediaOrigins },
    focusBar: () => window.webContents.focus(),
    logger: logger.child({ component: 'shell' }),
    restart: () => restart('an administrator asked from the console'),
    pointer: { createView: () => new WebContentsView(pointerViewOptions(pointerSession)), later: (ms, fn) => scheduler.at(clock.now() + ms, fn) },
  });

  const core = await createKioskCore({
    config,
    dataDir,
    clock,
    scheduler,
    shell,
    logger,
    hub,
    // Updates through the hub (main/shell/updater.ts); a development build has nothing to update.
    updater: app.isPackaged ? new ElectronUpdater(logger.child({ component: 'updater' }), clock) : undefined,
    isAllowedSender: kioskSenderCheck(() => window.webContents.id, APP_ORIGIN),
  });
  registerIpcTransport({ ipcMain, router: core.router, onEvent: core.onEvent, target: () => window.webContents });
  remoteNow = () => core.controller.snapshot().remote;
  webViewFrame = () => shell.webViewFrame();
  lockDownKioskUi(window.webContents, {
    appOrigin: APP_ORIGIN,
    onZoom: (change) => core.controller.zoom(change),
    focusPage: () => shell.focusPage(),
    onPrint: () => void core.controller.print.prepare(undefined),
    allowDevTools,
    logger: logger.child({ component: 'window' }),
  });
  // Under a service manager the app only exits and is started again by it;
  // starting a copy of its own would race the manager's restart.
  const supervised = config.shell.restartBy === 'supervisor' || !!process.env.INVOCATION_ID;
  function restart(why: string): void {
    logger.info('restarting', { why, by: supervised ? 'supervisor' : 'self' });
    // app.exit() skips before-quit: close the database here.
    core.close();
    if (!supervised) app.relaunch();
    app.exit(0);
  }
  relaunchWhenIdle(core.controller, config.shell.relaunchAfterSessions, () => restart('to free the memory of past sessions'));
  app.on('second-instance', () => {
    window.show();
    window.focus();
  });
  app.on('before-quit', () => core.close());
  await window.loadURL(`${APP_ORIGIN}/kiosk/index.html`);
}

function hubOriginsOf(hub: HubAttachment): string[] {
  const origins = new Set<string>();
  const address = hub.status().address;
  if (address) origins.add(new URL(address).origin);
  const port = hub.embeddedHub?.port;
  if (port) for (const host of ['localhost', '127.0.0.1', '[::1]']) origins.add(`https://${host}:${port}`);
  return [...origins];
}

/**
 * The advisor's own PC: the site hub runs in this process (PCs pair with
 * it), and its console opens in a normal window that trusts exactly the
 * hub's certificate and may show desktop notifications.
 */
async function startAdvisor(config: KioskConfig, dataDir: string): Promise<void> {
  const clock = systemClock;
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });
  const { hub, summary } = await startHeadlessHub({
    config,
    dataDir,
    clock,
    scheduler: new NodeScheduler(clock),
    logger,
    rendererDir: join(import.meta.dirname, '../renderer'),
  });
  for (const line of summary) console.log(line);
  const t = appText(config.locales.default);
  const window = openAdvisorWindow({
    BrowserWindow,
    session: session.fromPartition('advisor-console'),
    port: hub.port,
    serverCertificate: () => hub.store.site()!.serverCert,
    confirmClose: (win) =>
      dialog.showMessageBoxSync(win, {
        type: 'warning',
        buttons: [t('close'), t('cancel')],
        defaultId: 1,
        cancelId: 1,
        title: t('closeTitle'),
        message: t('closeMessage'),
        detail: t('closeDetail'),
      }) === 0,
    allowDevTools,
    logger: logger.child({ component: 'advisor-window' }),
  });
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void hub.stop());
}

/** A configuration problem: one clear message on the screen for IT, and in stderr. */
function showStartupError(error: unknown): void {
  const text = error instanceof ConfigError ? error.message : `Tupa could not start: ${describeError(error)}`;
  console.error(text);
  const window = new BrowserWindow({ kiosk: true, backgroundColor: '#fff4d6', webPreferences: { sandbox: true, contextIsolation: true, javascript: false, devTools: false } });
  window.setMenu(null);
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadURL(`data:text/plain;charset=utf-8,${encodeURIComponent(`Tupa\n\n${text}\n`)}`);
}

