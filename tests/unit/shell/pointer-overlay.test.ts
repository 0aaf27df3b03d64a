import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, WebContentsView } from 'electron';
import type { ViewArea } from '../../../main/core/shell';
import { POINTER_SHOWN_MS } from '../../../preload/protocol';
// The modules under test import 'electron' as types only, so they load without the binary.
import { ElectronShell } from '../../../main/shell/electron-shell';
import { guardPointerSession, markerPage, pointerViewOptions } from '../../../main/shell/pointer-overlay';
import { asSession, asView, createMemoryLogger, fakeClipboard, FakeSession, FakeView, ZERO_COUNTS } from './fakes';

const AREA: ViewArea = { x: 0, y: 96, width: 1280, height: 624 };

let base: string;
let counter = 0;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tupa-pointer-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Timers the test moves on by hand (the kiosk's scheduler on a room PC). */
function fakeTimers() {
  let now = 0;
  const pending: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  return {
    later: (ms: number, fn: () => void) => {
      const timer = { at: now + ms, fn, cancelled: false };
      pending.push(timer);
      return { cancel: () => void (timer.cancelled = true) };
    },
    advance(ms: number) {
      now += ms;
      for (const timer of pending.filter((t) => !t.cancelled && t.at <= now)) {
        timer.cancelled = true;
        timer.fn();
      }
    },
  };
}

/** Lets the overlay's page loads (promises) settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function setup() {
  const sessions = new Map<string, FakeSession>();
  const partition = (name: string): Session => {
    if (!sessions.has(name)) sessions.set(name, new FakeSession(name));
    return asSession(sessions.get(name)!);
  };
  const pages: FakeView[] = [];
  const overlays: FakeView[] = [];
  // The window's child views, bottom to top; adding a view again brings it to the top, as addChildView does.
  const stack: FakeView[] = [];
  const attach = vi.fn((view: WebContentsView) => {
    const fake = view as unknown as FakeView;
    if (stack.includes(fake)) stack.splice(stack.indexOf(fake), 1);
    stack.push(fake);
  });
  const detach = vi.fn((view: WebContentsView) => {
    const i = stack.indexOf(view as unknown as FakeView);
    if (i >= 0) stack.splice(i, 1);
  });
  const timers = fakeTimers();
  const logger = createMemoryLogger();
  const shell = new ElectronShell({
    attach,
    detach,
    createView: () => {
      const view = new FakeView({ jsResult: ZERO_COUNTS });
      pages.push(view);
      return asView(view);
    },
    partition,
    clipboard: fakeClipboard({ selection: true }),
    sessionsDir: join(base, `run-${++counter}`, 'sessions'),
    urlPolicy: { allow: [], deny: [], allowPrivateHosts: [], blockedOrigins: [] },
    machineHosts: () => ['127.0.0.1'],
    permissionPolicy: { mediaOrigins: [] },
    focusBar: vi.fn(),
    logger,
    pointer: {
      createView: () => {
        const view = new FakeView();
        overlays.push(view);
        return asView(view);
      },
      later: timers.later,
    },
  });
  await shell.openSessionView({ sessionId: 's1', zoomPercent: 150 });
  shell.setViewArea(AREA);
  await shell.show({ kind: 'url', url: 'https://kela.fi/' });
  const page = pages[0]!;
  const overlay = () => overlays.at(-1)!;
  const onTop = () => stack.at(-1);
  return { shell, page, pages, overlays, overlay, stack, onTop, timers, detach, logger };
}

describe("the advisor's marker over the resident's web view", () => {
  it('is added on top of the web view, transparent, at the bounds for the point, and moved by a second point', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.25, y: 0.75 });
    await settle();
    const overlay = s.overlay();
    expect(s.stack).toEqual([s.page, overlay]);
    expect(overlay.bounds).toEqual({ x: 296, y: 540, width: 48, height: 48 });
    expect(overlay.visible).toBe(true);
    expect(overlay.backgroundColor).toBe('#00000000');
    const url = overlay.webContents.loadURL.mock.calls[0]![0];
    expect(url.startsWith('data:text/html')).toBe(true);
    expect(decodeURIComponent(url)).toContain('left:24px;top:24px');
    // The resident's page is untouched: nothing is loaded into it or run in it.
    expect(s.page.webContents.loadURL.mock.calls).toEqual([['https://kela.fi/']]);
    expect(s.page.webContents.executeJavaScript).not.toHaveBeenCalled();

    // A second point: the same view, moved (to the corner, the ring still centred on the point).
    s.shell.showPointer({ x: 1, y: 0 });
    await settle();
    expect(s.overlays).toHaveLength(1);
    expect(overlay.bounds).toEqual({ x: 1232, y: 96, width: 48, height: 48 });
    expect(decodeURIComponent(overlay.webContents.loadURL.mock.calls[1]![0])).toContain('left:48px;top:0px');
    expect(s.onTop()).toBe(overlay);
  });

  it('is taken off after the fade, a new point starting the fade again', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    s.timers.advance(POINTER_SHOWN_MS - 1_000);
    s.shell.showPointer({ x: 0.6, y: 0.5 });
    await settle();
    s.timers.advance(POINTER_SHOWN_MS - 1_000);
    expect(s.onTop()).toBe(s.overlay());
    s.timers.advance(1_000);
    expect(s.stack).toEqual([s.page]);
    expect(s.overlay().visible).toBe(false);
    // Kept for the call's next point, not closed.
    expect(s.overlay().webContents.close).not.toHaveBeenCalled();
    s.shell.showPointer({ x: 0.1, y: 0.1 });
    await settle();
    expect(s.overlays).toHaveLength(1);
    expect(s.onTop()).toBe(s.overlay());
  });

  it('is removed at once, and its view closed, when the sharing stops', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    s.shell.showPointer(null);
    expect(s.stack).toEqual([s.page]);
    expect(s.overlay().webContents.close).toHaveBeenCalledTimes(1);
    // The fade's timer, still running, does nothing more.
    s.timers.advance(POINTER_SHOWN_MS);
    expect(s.stack).toEqual([s.page]);
  });

  it('is removed when the session ends (the view is hidden, then closed by the wipe)', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    await s.shell.hideSessionView('s1');
    expect(s.stack).toEqual([s.page]);
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    expect(s.stack).toEqual([s.page]); // not over a page that is not on screen

    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    // The page's renderer goes as Electron's does (the wipe waits for it).
    s.page.webContents.close.mockImplementation(() => {
      s.page.webContents.destroyed = true;
      s.page.webContents.emit('destroyed');
    });
    expect(await s.shell.wipeStep('close-view', 's1')).toEqual({ detail: 'view closed' });
    expect(s.stack).toEqual([]);
    expect(s.overlay().webContents.close).toHaveBeenCalledTimes(1);
  });

  it('is removed when the web view is replaced after a crash, moved, covered or zoomed', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    s.page.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(s.stack).toEqual([s.pages[1]]);
    expect(s.overlay().webContents.close).toHaveBeenCalledTimes(1);

    const t = await setup();
    const again = async () => {
      t.shell.showPointer({ x: 0.5, y: 0.5 });
      await settle();
      expect(t.onTop()).toBe(t.overlay());
    };
    await again();
    t.shell.setViewArea({ ...AREA }); // the same place reported again: stays
    expect(t.onTop()).toBe(t.overlay());
    t.shell.setViewArea({ ...AREA, height: 500 });
    expect(t.onTop()).toBe(t.page);
    await again();
    t.shell.setViewArea(null); // a dialog covers the web area
    expect(t.stack).toEqual([t.page]);
    t.shell.setViewArea(AREA);
    await again();
    t.shell.setZoom(200);
    expect(t.stack).toEqual([t.page]);
    await again();
    await t.shell.show({ kind: 'home' });
    expect(t.stack).toEqual([t.page]);
  });

  it('never keeps focus or keyboard input, and steps aside at the resident\'s press', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    const contents = s.overlay().webContents;
    s.page.webContents.focus.mockClear();
    contents.emit('focus');
    expect(s.page.webContents.focus).toHaveBeenCalledTimes(1);
    expect(contents.key({ key: 'Enter', code: 'Enter' }).prevented).toBe(true);
    expect(contents.key({ key: 'a', code: 'KeyA' }).prevented).toBe(true);
    expect(contents.navigation('will-navigate', 'https://example.org/').prevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    contents.emit('input-event', {}, { type: 'mouseMove' });
    expect(s.onTop()).toBe(s.overlay());
    contents.emit('input-event', {}, { type: 'mouseDown' });
    expect(s.stack).toEqual([s.page]);

    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    contents.emit('input-event', {}, { type: 'touchStart' });
    expect(s.stack).toEqual([s.page]);
  });

  it("an older point's late page load does not show it over a newer one, nor after the end", async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.1, y: 0.1 });
    s.shell.showPointer({ x: 0.9, y: 0.9 });
    await settle();
    expect(s.overlay().setBounds).toHaveBeenCalledTimes(1);
    expect(s.overlay().bounds).toEqual({ x: 1128, y: 634, width: 48, height: 48 });

    s.timers.advance(POINTER_SHOWN_MS);
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    s.shell.showPointer(null);
    await settle();
    expect(s.stack).toEqual([s.page]);
  });

  it("the marker's own renderer dying takes it off; the next point gets a fresh view", async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    const first = s.overlay();
    first.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(s.stack).toEqual([s.page]);
    expect(first.webContents.close).toHaveBeenCalledTimes(1);
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    expect(s.overlays).toHaveLength(2);
    expect(s.onTop()).toBe(s.overlay());
    expect(s.overlay()).not.toBe(first);

    // A marker view whose page is gone some other way is taken off before a fresh one is laid on.
    s.overlay().webContents.destroyed = true;
    s.shell.showPointer({ x: 0.2, y: 0.2 });
    await settle();
    expect(s.overlays).toHaveLength(3);
    expect(s.stack).toEqual([s.page, s.overlay()]);
  });

  it('a marker page that fails to load is logged by name, nothing shown', async () => {
    const s = await setup();
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    s.timers.advance(POINTER_SHOWN_MS);
    s.overlay().webContents.loadError = new TypeError('ERR_FAILED');
    s.shell.showPointer({ x: 0.5, y: 0.5 });
    await settle();
    expect(s.stack).toEqual([s.page]);
    expect(s.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'pointer overlay did not load', error: 'TypeError' }));
    // Nothing of where the advisor pointed is logged.
    expect(JSON.stringify(s.logger.lines)).not.toMatch(/data:|left:/);
  });
});

describe("the overlay's view and page", () => {
  it('sandboxed, no preload, no script, transparent, never focused by its own load', () => {
    const ses = asSession(new FakeSession('kiosk-pointer'));
    const prefs = pointerViewOptions(ses).webPreferences!;
    expect(prefs).toMatchObject({ session: ses, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, devTools: false, focusOnNavigation: false, transparent: true, zoomFactor: 1 });
    expect(prefs.preload).toBeUndefined();
  });

  it('its partition grants nothing', async () => {
    const fake = new FakeSession('kiosk-pointer');
    guardPointerSession(asSession(fake));
    const granted = await new Promise((resolve) => fake.permissionRequestHandler!(null as never, 'media' as never, resolve, {} as never));
    expect(granted).toBe(false);
    expect(fake.permissionCheckHandler!(null, 'media' as never, 'data:', {} as never)).toBe(false);
  });

  it('the page is a CSS ring: no script, nothing loaded from anywhere, hidden from screen readers (the kiosk page announces it)', () => {
    const html = decodeURIComponent(markerPage({ x: 10, y: 20 }, 48).replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).not.toMatch(/<script|javascript:|src=|href=/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('aria-hidden="true"');
    expect(html).toContain(`animation:fade ${POINTER_SHOWN_MS}ms`);
    expect(html).toContain('prefers-reduced-motion');
  });
});
