import { describe, expect, it, vi } from 'vitest';
import { createRouter, eventEnvelope, type Router } from '../../../main/api/router';
// The shell module under test imports 'electron' as types only, so a test may load it without the binary.
import { ipcSender, kioskSenderCheck, registerIpcTransport, type IpcTransportOptions } from '../../../main/shell/ipc-transport';
import { IPC_CALL, IPC_EVENT, kioskMethods, PROTOCOL_VERSION, type EventEnvelope, type ReplyEnvelope } from '../../../preload/contract';
import { fakeKioskHandlers, totalHandlerCalls } from '../api/fake-kiosk';

const KIOSK_ID = 3;
const APP_ORIGIN = 'app://kiosk';

// Electron's types, reached through the module under test (the lint rule forbids naming 'electron' here).
type Listener = Parameters<IpcTransportOptions['ipcMain']['handle']>[1];
type IpcMainInvokeEvent = Parameters<Listener>[0];

/** Just enough of ipcMain: one handler per channel, as Electron allows. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
}

interface FakeFrame {
  url: string;
}

/** An invoke event as Electron builds it: the sender's webContents and the frame that sent. */
function fakeEvent(options: { id?: number; url?: string; frame?: 'main' | 'sub' | 'none' }): IpcMainInvokeEvent {
  const mainFrame: FakeFrame = { url: options.url ?? 'app://kiosk/kiosk/' };
  const subFrame: FakeFrame = { url: options.url ?? 'app://kiosk/kiosk/' };
  const frame = options.frame ?? 'main';
  const senderFrame = frame === 'main' ? mainFrame : frame === 'sub' ? subFrame : null;
  return { sender: { id: options.id ?? KIOSK_ID, mainFrame }, senderFrame } as unknown as IpcMainInvokeEvent;
}

function fakeEvents() {
  const listeners = new Set<(e: EventEnvelope) => void>();
  return {
    listeners,
    onEvent: vi.fn((listener: (e: EventEnvelope) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    emit: (e: EventEnvelope) => listeners.forEach((l) => l(e)),
  };
}

function fakeTarget() {
  let destroyed = false;
  return {
    send: vi.fn(),
    isDestroyed: vi.fn(() => destroyed),
    destroy: () => {
      destroyed = true;
    },
  };
}

function setup() {
  const ipcMain = fakeIpcMain();
  const events = fakeEvents();
  const handlers = fakeKioskHandlers();
  const router: Router = createRouter({
    methods: kioskMethods,
    handlers,
    isAllowedSender: kioskSenderCheck(() => KIOSK_ID, APP_ORIGIN),
  });
  let target: ReturnType<typeof fakeTarget> | undefined = fakeTarget();
  const dispose = registerIpcTransport({ ipcMain, router, onEvent: events.onEvent, target: () => target });
  const invoke = async (event: IpcMainInvokeEvent, envelope: unknown) => {
    const listener = ipcMain.handlers.get(IPC_CALL);
    if (!listener) throw new Error('no handler registered');
    return (await listener(event, envelope)) as ReplyEnvelope;
  };
  return {
    ipcMain,
    events,
    handlers,
    invoke,
    dispose,
    target: () => target,
    setTarget: (t: ReturnType<typeof fakeTarget> | undefined) => (target = t),
  };
}

const goHome = { v: PROTOCOL_VERSION, id: 1, method: 'kiosk.goHome', params: {} };

describe('the IPC transport: who may call', () => {
  it('the kiosk window\'s main frame at app://kiosk/ is served', async () => {
    const t = setup();
    const reply = await t.invoke(fakeEvent({}), goHome);
    expect(reply).toEqual({ v: PROTOCOL_VERSION, id: 1, ok: true, result: { ok: true } });
    expect(t.handlers['kiosk.goHome']).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a subframe of the kiosk window', { frame: 'sub' as const }],
    ['another webContents (e.g. the web view)', { id: KIOSK_ID + 1 }],
    ['another origin', { url: 'https://evil.example/' }],
    ['another app host', { url: 'app://other/kiosk/' }],
    ['a host that only starts with kiosk', { url: 'app://kiosk.evil/' }],
    ['a file:// page', { url: 'file:///opt/tupa/renderer/kiosk/index.html' }],
    ['http on loopback', { url: 'http://127.0.0.1:4780/kiosk/' }],
    ['a frame that is gone', { frame: 'none' as const }],
    ['an empty frame URL', { url: '' }],
  ])('%s is refused with forbidden and no handler runs', async (_label, options) => {
    const t = setup();
    const reply = await t.invoke(fakeEvent(options), goHome);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(totalHandlerCalls(t.handlers)).toBe(0);
  });

  it('refuses everyone while the kiosk window does not exist', async () => {
    const check = kioskSenderCheck(() => undefined, APP_ORIGIN);
    expect(check(ipcSender(fakeEvent({})))).toBe(false);
  });

  it('never admits a WebSocket sender, even one with the app origin', () => {
    const check = kioskSenderCheck(() => KIOSK_ID, APP_ORIGIN);
    expect(check({ transport: 'ws', remoteAddress: '127.0.0.1', origin: APP_ORIGIN })).toBe(false);
  });

  it('follows the kiosk window when it is re-created with a new id', () => {
    let id = 3;
    const check = kioskSenderCheck(() => id, APP_ORIGIN);
    expect(check(ipcSender(fakeEvent({ id: 3 })))).toBe(true);
    id = 8;
    expect(check(ipcSender(fakeEvent({ id: 3 })))).toBe(false);
    expect(check(ipcSender(fakeEvent({ id: 8 })))).toBe(true);
  });
});

describe('ipcSender', () => {
  it('describes the main frame by identity, not by URL', () => {
    expect(ipcSender(fakeEvent({ id: 5, url: 'app://kiosk/kiosk/' }))).toEqual({
      transport: 'ipc',
      webContentsId: 5,
      frameUrl: 'app://kiosk/kiosk/',
      isMainFrame: true,
    });
    const sub = ipcSender(fakeEvent({ frame: 'sub' }));
    expect(sub.transport === 'ipc' && sub.isMainFrame).toBe(false);
  });

  it('a missing frame gives an empty URL and is not the main frame', () => {
    expect(ipcSender(fakeEvent({ frame: 'none' }))).toEqual({ transport: 'ipc', webContentsId: KIOSK_ID, frameUrl: '', isMainFrame: false });
  });
});

describe('the IPC transport: events and disposal', () => {
  it('registers one handler on the call channel and subscribes to events', () => {
    const t = setup();
    expect(t.ipcMain.handle).toHaveBeenCalledTimes(1);
    expect(t.ipcMain.handle.mock.calls[0]![0]).toBe(IPC_CALL);
    expect(t.events.listeners.size).toBe(1);
  });

  it('sends events to the kiosk window on the event channel', () => {
    const t = setup();
    const envelope = eventEnvelope('kiosk.snapshot', { rev: 2 });
    t.events.emit(envelope);
    expect(t.target()!.send).toHaveBeenCalledTimes(1);
    expect(t.target()!.send).toHaveBeenCalledWith(IPC_EVENT, envelope);
  });

  it('does not send to a destroyed window, nor when there is none', () => {
    const t = setup();
    const target = t.target()!;
    target.destroy();
    t.events.emit(eventEnvelope('kiosk.snapshot', { rev: 3 }));
    expect(target.isDestroyed).toHaveBeenCalled();
    expect(target.send).not.toHaveBeenCalled();
    t.setTarget(undefined);
    expect(() => t.events.emit(eventEnvelope('kiosk.snapshot', { rev: 4 }))).not.toThrow();
  });

  it('sends to the window current at the time of the event', () => {
    const t = setup();
    const first = t.target()!;
    const second = fakeTarget();
    t.setTarget(second);
    t.events.emit(eventEnvelope('kiosk.snapshot', { rev: 5 }));
    expect(first.send).not.toHaveBeenCalled();
    expect(second.send).toHaveBeenCalledTimes(1);
  });

  it('dispose removes the call handler and unsubscribes from events', () => {
    const t = setup();
    const target = t.target()!;
    t.dispose();
    expect(t.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_CALL);
    expect(t.ipcMain.handlers.has(IPC_CALL)).toBe(false);
    expect(t.events.listeners.size).toBe(0);
    t.events.emit(eventEnvelope('kiosk.snapshot', { rev: 6 }));
    expect(target.send).not.toHaveBeenCalled();
  });

  it('after dispose the transport can be registered again (no double handler)', () => {
    const t = setup();
    t.dispose();
    const router = createRouter({ methods: kioskMethods, handlers: fakeKioskHandlers(), isAllowedSender: () => true });
    expect(() => registerIpcTransport({ ipcMain: t.ipcMain, router, onEvent: t.events.onEvent, target: () => undefined })).not.toThrow();
  });
});
