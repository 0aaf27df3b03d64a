import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL, IPC_EVENT, PROTOCOL_VERSION } from './protocol';
import type { EventEnvelope, ReplyEnvelope, TupaBridge } from './contract';

// The kiosk window's preload: it exposes two named functions and nothing of
// Electron. Every call is checked again in the main process (sender, schema).
let nextId = 1;

const bridge: TupaBridge = {
  protocol: PROTOCOL_VERSION,
  call: (method: string, params: unknown) =>
    ipcRenderer.invoke(IPC_CALL, { v: PROTOCOL_VERSION, id: nextId++, method, params }) as Promise<ReplyEnvelope>,
  onEvent: (listener: (envelope: EventEnvelope) => void) => {
    const handler = (_event: unknown, envelope: EventEnvelope) => listener(envelope);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('tupa', bridge);
