import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Router, Sender } from '../api/router';
import { IPC_CALL, IPC_EVENT, type EventEnvelope } from '../../preload/contract';

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  router: Router;
  onEvent: (listener: (envelope: EventEnvelope) => void) => () => void;
  /** The kiosk window's web contents: the only receiver of events. */
  target: () => Pick<WebContents, 'send' | 'isDestroyed'> | undefined;
}

/** Describes an IPC caller for the router's sender check. */
export function ipcSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): Sender {
  const frame = event.senderFrame;
  return {
    transport: 'ipc',
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? '',
    isMainFrame: !!frame && frame === event.sender.mainFrame,
  };
}

/**
 * The typed contract over Electron IPC: one invoke channel for calls, one
 * channel for events, both through the router's choke point.
 */
export function registerIpcTransport(options: IpcTransportOptions): () => void {
  options.ipcMain.handle(IPC_CALL, (event, envelope: unknown) => options.router.call(ipcSender(event), envelope));
  const unsubscribe = options.onEvent((envelope) => {
    const target = options.target();
    if (target && !target.isDestroyed()) target.send(IPC_EVENT, envelope);
  });
  return () => {
    options.ipcMain.removeHandler(IPC_CALL);
    unsubscribe();
  };
}

/** Accepts calls only from the main frame of the kiosk window, loaded from the app's own origin. */
export function kioskSenderCheck(kioskWebContentsId: () => number | undefined, appOrigin: string) {
  return (sender: Sender): boolean => {
    if (sender.transport !== 'ipc') return false;
    if (sender.webContentsId !== kioskWebContentsId() || !sender.isMainFrame) return false;
    try {
      // URL.origin is "null" for custom schemes in Node, so compare scheme and host.
      const url = new URL(sender.frameUrl);
      return `${url.protocol}//${url.host}` === appOrigin;
    } catch {
      return false;
    }
  };
}
