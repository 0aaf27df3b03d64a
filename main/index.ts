import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { systemClock } from './core/clock';
import { NodeScheduler } from './core/node-scheduler';
import { ConfigError, loadConfig } from './config/load';
import { resolveDataDir } from './config/paths';
import { createFileLogger, describeError } from './log/logger';
import { createKioskCore } from './kiosk/compose';
import { RecordingShell } from './kiosk/recording-shell';
import { APP_ORIGIN, APP_SCHEME, handleAppProtocol } from './shell/app-protocol';
import { kioskSenderCheck, registerIpcTransport } from './shell/ipc-transport';

// The Electron entry: composes the kiosk role. The session's web view, the
// lockdown and the executed wipe come with the Electron shell; until then the
// core drives a RecordingShell, so sessions, timing and receipts already work.

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

async function startKiosk(): Promise<void> {
  const { config } = loadConfig();
  const dataDir = resolveDataDir({ config: config.dataDir });
  const clock = systemClock;
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });

  // The kiosk UI lives on its own in-memory session, never the default one.
  const uiSession = session.fromPartition('kiosk-ui');
  handleAppProtocol(uiSession.protocol, join(import.meta.dirname, '../renderer'));

  const kiosk: { window?: BrowserWindow } = {};
  const core = await createKioskCore({
    config,
    dataDir,
    clock,
    scheduler: new NodeScheduler(clock),
    shell: new RecordingShell(),
    logger,
    isAllowedSender: kioskSenderCheck(() => kiosk.window?.webContents.id, APP_ORIGIN),
  });
  registerIpcTransport({ ipcMain, router: core.router, onEvent: core.onEvent, target: () => kiosk.window?.webContents });

  const window = new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    alwaysOnTop: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      session: uiSession,
      preload: join(import.meta.dirname, '../preload/kiosk.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  kiosk.window = window;
  window.setMenu(null);
  await window.loadURL(`${APP_ORIGIN}/kiosk/index.html`);
  app.on('before-quit', () => core.close());
}

app.whenReady().then(startKiosk, () => undefined).catch((error: unknown) => {
  // A configuration problem is shown as one clear message, then the app exits.
  const message = error instanceof ConfigError ? error.message : `Tupa could not start: ${describeError(error)}`;
  console.error(message);
  app.exit(1);
});
