import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { BrowserWindow } from 'electron';
// The module under test imports 'electron' as types only, so it loads without the binary.
import { isAppUrl, keepInFront, kioskWindowOptions, lockDownKioskUi } from '../../../main/shell/kiosk-window';
import { asSession, asWebContents, createMemoryLogger, FakeSession, FakeWebContents, type NavigationEvent } from './fakes';

const APP_ORIGIN = 'app://kiosk';

afterEach(() => {
  vi.useRealTimers();
});

describe('kioskWindowOptions', () => {
  const uiSession = asSession(new FakeSession('kiosk-ui'));

  it('is a full-screen, always-on-top kiosk window', () => {
    const options = kioskWindowOptions({ uiSession, preloadPath: '/app/preload/kiosk.js', allowDevTools: false });
    expect(options.kiosk).toBe(true);
    expect(options.fullscreen).toBe(true);
    expect(options.alwaysOnTop).toBe(true);
    expect(options.closable).toBe(false);
  });

  it('runs the UI isolated and sandboxed, without Node or <webview>, in its own session and preload', () => {
    const options = kioskWindowOptions({ uiSession, preloadPath: '/app/preload/kiosk.js', allowDevTools: false });
    const web = options.webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.session).toBe(uiSession);
    expect(web.preload).toBe('/app/preload/kiosk.js');
  });

  it('DevTools follow the option given', () => {
    expect(kioskWindowOptions({ uiSession, preloadPath: 'p', allowDevTools: false }).webPreferences!.devTools).toBe(false);
    expect(kioskWindowOptions({ uiSession, preloadPath: 'p', allowDevTools: true }).webPreferences!.devTools).toBe(true);
  });
});

function lockedDown(options: { allowDevTools?: boolean } = {}) {
  const contents = new FakeWebContents();
  const onZoom = vi.fn();
  const focusPage = vi.fn();
  const logger = createMemoryLogger();
  lockDownKioskUi(asWebContents(contents), { appOrigin: APP_ORIGIN, onZoom, focusPage, allowDevTools: options.allowDevTools ?? false, logger });
  return { contents, onZoom, focusPage, logger };
}

describe('lockDownKioskUi: keys', () => {
  it.each([
    ['Ctrl+R', { key: 'r', code: 'KeyR', control: true }],
    ['F5', { key: 'F5', code: 'F5' }],
    ['Alt+F4', { key: 'F4', code: 'F4', alt: true }],
    ['F12', { key: 'F12', code: 'F12' }],
    ['Ctrl+P', { key: 'p', code: 'KeyP', control: true }],
    ['Ctrl+S', { key: 's', code: 'KeyS', control: true }],
    ['Ctrl+O', { key: 'o', code: 'KeyO', control: true }],
    ['Ctrl+W', { key: 'w', code: 'KeyW', control: true }],
  ])('%s is blocked in the kiosk UI', (_label, input) => {
    const k = lockedDown();
    expect(k.contents.key(input).prevented).toBe(true);
    expect(k.onZoom).not.toHaveBeenCalled();
    expect(k.focusPage).not.toHaveBeenCalled();
  });

  it.each([
    ['Ctrl+Plus', { key: '+', code: 'NumpadAdd', control: true }, 'in'],
    ['Ctrl+Minus', { key: '-', code: 'Minus', control: true }, 'out'],
    ['Ctrl+0', { key: '0', code: 'Digit0', control: true }, 'reset'],
  ] as const)('%s goes to the kiosk zoom control, once per press', (_label, input, change) => {
    const k = lockedDown();
    expect(k.contents.key(input).prevented).toBe(true);
    expect(k.contents.key({ ...input, type: 'keyUp' }).prevented).toBe(true);
    expect(k.onZoom.mock.calls).toEqual([[change]]);
  });

  it('F6 moves focus into the web page', () => {
    const k = lockedDown();
    expect(k.contents.key({ key: 'F6', code: 'F6' }).prevented).toBe(true);
    k.contents.key({ key: 'F6', code: 'F6', type: 'keyUp' });
    expect(k.focusPage).toHaveBeenCalledTimes(1);
  });

  it('typing a booking code reaches the UI', () => {
    const k = lockedDown();
    expect(k.contents.key({ key: '4', code: 'Digit4' }).prevented).toBe(false);
    expect(k.contents.key({ key: 'a', code: 'KeyA' }).prevented).toBe(false);
    expect(k.contents.key({ key: 'Backspace', code: 'Backspace' }).prevented).toBe(false);
  });
});

describe('lockDownKioskUi: the UI stays in the app', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)('%s to a web address is prevented and logged', (name) => {
    const k = lockedDown();
    const event: NavigationEvent = k.contents.navigation(name, 'https://example.com/');
    expect(event.prevented).toBe(true);
    expect(k.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'kiosk UI navigation refused' }));
  });

  it.each(['app://kiosk/kiosk/', 'app://kiosk/kiosk/index.html#/session'])('%s is allowed', (url) => {
    const k = lockedDown();
    expect(k.contents.navigation('will-navigate', url).prevented).toBe(false);
    expect(k.logger.lines).toEqual([]);
  });

  it.each(['app://kiosk.evil/', 'app://evil/kiosk', 'file:///etc/passwd', 'not a url', 'APP://kiosk2/'])('%s is prevented', (url) => {
    const k = lockedDown();
    expect(k.contents.navigation('will-navigate', url).prevented).toBe(true);
  });

  it('new windows are denied', () => {
    const k = lockedDown();
    expect(k.contents.windowOpenHandler!({ url: 'app://kiosk/kiosk/' })).toEqual({ action: 'deny' });
    expect(k.contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('a <webview> is never attached', () => {
    const k = lockedDown();
    const event = { preventDefault: vi.fn() };
    k.contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('opened DevTools are closed when not allowed', () => {
    const k = lockedDown({ allowDevTools: false });
    k.contents.emit('devtools-opened');
    expect(k.contents.closeDevTools).toHaveBeenCalledTimes(1);
  });

  it('opened DevTools stay open when allowed', () => {
    const k = lockedDown({ allowDevTools: true });
    k.contents.emit('devtools-opened');
    expect(k.contents.closeDevTools).not.toHaveBeenCalled();
  });

  it('isAppUrl compares the parsed origin, not the string', () => {
    expect(isAppUrl('app://kiosk/x', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://kiosk@evil/x', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('app://kioskx/', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('https://kiosk/', APP_ORIGIN)).toBe(false);
  });
});

describe('lockDownKioskUi: recovery', () => {
  it('a dead UI renderer is reloaded after a short delay', () => {
    vi.useFakeTimers();
    const k = lockedDown();
    k.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(k.contents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(499);
    expect(k.contents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(k.contents.reload).toHaveBeenCalledTimes(1);
    expect(k.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', reason: 'crashed' }));
  });

  it('a UI destroyed before the delay ends is not reloaded', () => {
    vi.useFakeTimers();
    const k = lockedDown();
    k.contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    k.contents.destroyed = true;
    vi.advanceTimersByTime(1_000);
    expect(k.contents.reload).not.toHaveBeenCalled();
  });

  it('an unresponsive UI has its renderer crashed (then reloaded)', () => {
    const k = lockedDown();
    k.contents.emit('unresponsive');
    expect(k.contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });
});

class FakeWindow extends EventEmitter {
  destroyed = false;
  readonly isDestroyed = vi.fn(() => this.destroyed);
  readonly setAlwaysOnTop = vi.fn();
  readonly focus = vi.fn();

  close(): { prevented: boolean } {
    const event = { preventDefault: vi.fn() };
    this.emit('close', event);
    return { prevented: event.preventDefault.mock.calls.length > 0 };
  }
}

describe('keepInFront', () => {
  function kept(quitting: { value: boolean }) {
    const window = new FakeWindow();
    keepInFront(window as unknown as BrowserWindow, () => quitting.value);
    return window;
  }

  it('refuses a close from the window manager while the app is not quitting', () => {
    const quitting = { value: false };
    const window = kept(quitting);
    expect(window.close().prevented).toBe(true);
    quitting.value = true;
    expect(window.close().prevented).toBe(false);
  });

  it('does not grab focus back when it loses it, so a system dialog (print, passkey) stays usable in front', () => {
    const window = kept({ value: false });
    window.emit('blur');
    expect(window.setAlwaysOnTop).not.toHaveBeenCalled();
    expect(window.focus).not.toHaveBeenCalled();
  });

  it('does not fight for focus while quitting or once destroyed', () => {
    const quitting = { value: true };
    const window = kept(quitting);
    window.emit('blur');
    quitting.value = false;
    window.destroyed = true;
    window.emit('blur');
    expect(window.focus).not.toHaveBeenCalled();
    expect(window.setAlwaysOnTop).not.toHaveBeenCalled();
  });
});
