import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session, WebContentsView } from 'electron';
import type { ShellEvent, ViewArea } from '../../../main/core/shell';
// The module under test imports 'electron' as types only, so it loads without the binary.
import { ElectronShell, partitionName, thisMachineHosts } from '../../../main/shell/electron-shell';
import { asSession, asView, createMemoryLogger, fakeClipboard, FakeSession, FakeView, ZERO_COUNTS } from './fakes';

const AREA: ViewArea = { x: 0, y: 96, width: 1280, height: 624 };
const OTHER_AREA: ViewArea = { x: 0, y: 120, width: 1024, height: 600 };

let base: string;
let counter = 0;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tupa-electron-shell-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function setup(options: { blockedOrigins?: string[]; machineHosts?: () => readonly string[]; hubHostnames?: string[]; embeddedHubPorts?: number[] } = {}) {
  const sessionsDir = join(base, `run-${++counter}`, 'sessions');
  // What a crashed earlier run left behind.
  mkdirSync(join(sessionsDir, 'old-session'), { recursive: true });
  writeFileSync(join(sessionsDir, 'old-session', 'tili.pdf'), 'someone else');

  const sessions = new Map<string, FakeSession>();
  const partition = vi.fn((name: string): Session => {
    let ses = sessions.get(name);
    if (!ses) {
      ses = new FakeSession(name);
      sessions.set(name, ses);
    }
    return asSession(ses);
  });
  const created: Array<{ view: FakeView; session: FakeSession }> = [];
  const createView = vi.fn((ses: Session): WebContentsView => {
    const view = new FakeView({ jsResult: ZERO_COUNTS });
    created.push({ view, session: ses as unknown as FakeSession });
    return asView(view);
  });
  const attached: FakeView[] = [];
  const attach = vi.fn((view: WebContentsView) => {
    attached.push(view as unknown as FakeView);
  });
  const detach = vi.fn((view: WebContentsView) => {
    const i = attached.indexOf(view as unknown as FakeView);
    if (i >= 0) attached.splice(i, 1);
  });
  const focusBar = vi.fn();
  const logger = createMemoryLogger();
  const shell = new ElectronShell({
    attach,
    detach,
    createView,
    partition,
    clipboard: fakeClipboard({ selection: true }),
    sessionsDir,
    urlPolicy: {
      allow: [],
      deny: [],
      allowPrivateHosts: [],
      blockedOrigins: options.blockedOrigins ?? [],
      machineHosts: options.hubHostnames,
      embeddedHubPorts: options.embeddedHubPorts,
    },
    machineHosts: options.machineHosts ?? (() => ['127.0.0.1', '::1', '192.168.1.23', 'kiosk-3', 'kiosk-3.local']),
    permissionPolicy: { mediaOrigins: [] },
    focusBar,
    logger,
  });
  const events: ShellEvent[] = [];
  shell.onEvent((event) => events.push(event));
  /** The n-th view created (0 = first). */
  const view = (n: number) => created[n]!.view;
  const setVisibleCalls = (v: FakeView) => v.setVisible.mock.calls.map((c) => c[0]);
  return { shell, sessions, partition, created, createView, attached, attach, detach, focusBar, events, sessionsDir, view, setVisibleCalls };
}

describe('start-up', () => {
  it('the constructor deletes whatever an earlier run left in the sessions folder', () => {
    const s = setup();
    expect(existsSync(s.sessionsDir)).toBe(true);
    expect(readdirSync(s.sessionsDir)).toEqual([]);
  });

  it('partition names are per session and in memory (no persist: prefix)', () => {
    expect(partitionName('abc')).toBe('kiosk-session-abc');
  });
});

describe('opening and showing the session view', () => {
  it('openSessionView creates a view in the session\'s own partition, hidden', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 125 });
    expect(s.createView).toHaveBeenCalledTimes(1);
    expect(s.created[0]!.session).toBe(s.sessions.get('kiosk-session-s1'));
    expect(s.setVisibleCalls(s.view(0))).toEqual([false]);
    expect(s.view(0).setBounds).not.toHaveBeenCalled();
    expect(s.view(0).webContents.setZoomFactor).toHaveBeenLastCalledWith(1.25);
    expect(s.view(0).webContents.loadURL).not.toHaveBeenCalled();
  });

  it('the view is not shown before show(url), even if an area is set first', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    expect(s.view(0).visible).toBe(false);
    expect(s.view(0).setBounds).not.toHaveBeenCalled();
  });

  it('show(url) places the view on the area, loads the address and focuses the page', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    const v = s.view(0);
    expect(v.bounds).toEqual(AREA);
    expect(v.visible).toBe(true);
    expect(v.webContents.loadURL).toHaveBeenCalledWith('https://kela.fi/');
    expect(v.webContents.focus).toHaveBeenCalled();
  });

  it('show(url) without an area keeps the view hidden until the area arrives', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    expect(s.view(0).visible).toBe(false);
    s.shell.setViewArea(AREA);
    expect(s.view(0).visible).toBe(true);
    expect(s.view(0).bounds).toEqual(AREA);
  });

  it('setViewArea moves the view while a page is shown', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    s.shell.setViewArea(OTHER_AREA);
    expect(s.view(0).bounds).toEqual(OTHER_AREA);
    s.shell.setViewArea(null);
    expect(s.view(0).visible).toBe(false);
  });

  it('show(home) hides the view and a later area change does not bring it back', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    await s.shell.show({ kind: 'home' });
    expect(s.view(0).visible).toBe(false);
    s.shell.setViewArea(OTHER_AREA);
    expect(s.view(0).visible).toBe(false);
    expect(s.view(0).bounds).toEqual(AREA);
  });

  it('hideSessionView takes the session\'s view off the screen at once', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    await s.shell.hideSessionView('s1');
    expect(s.view(0).visible).toBe(false);
    s.shell.setViewArea(OTHER_AREA);
    expect(s.view(0).visible).toBe(false);
  });

  it('hideSessionView for another session leaves the current view alone', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's2', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    await s.shell.hideSessionView('s1');
    expect(s.view(0).visible).toBe(true);
  });

  it('a second openSessionView closes and detaches the previous view', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    await s.shell.openSessionView({ sessionId: 's2', zoomPercent: 100 });
    expect(s.view(0).webContents.close).toHaveBeenCalledTimes(1);
    expect(s.detach).toHaveBeenCalledWith(s.view(0));
    expect(s.attached).toEqual([s.view(1)]);
    expect(s.created[1]!.session).toBe(s.sessions.get('kiosk-session-s2'));
    expect(s.created[1]!.session).not.toBe(s.created[0]!.session);
  });

  it('setZoom, navigate and chooseFiles reach the current view', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setZoom(175);
    expect(s.view(0).webContents.setZoomFactor).toHaveBeenLastCalledWith(1.75);
    s.shell.navigate('reload');
    expect(s.view(0).webContents.reload).toHaveBeenCalledTimes(1);
    await s.shell.chooseFiles([]);
    expect(s.events).toContainEqual({ type: 'file-chooser', request: null });
  });

  it('focusPage focuses the page only while it is shown', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.focusPage();
    expect(s.view(0).webContents.focus).not.toHaveBeenCalled();
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    s.view(0).webContents.focus.mockClear();
    s.shell.focusPage();
    expect(s.view(0).webContents.focus).toHaveBeenCalledTimes(1);
  });

  it('with no session view, the port\'s calls do nothing and do not throw', async () => {
    const s = setup();
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    s.shell.setViewArea(AREA);
    s.shell.setZoom(150);
    s.shell.navigate('back');
    await s.shell.hideSessionView('s1');
    expect(s.createView).not.toHaveBeenCalled();
  });
});

describe('events', () => {
  it('events from the view reach onEvent listeners until they unsubscribe', async () => {
    const s = setup();
    const late: ShellEvent[] = [];
    const unsubscribe = s.shell.onEvent((event) => late.push(event));
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.navigation('will-navigate', 'mailto:x@example.com');
    expect(s.events).toEqual([{ type: 'notice', notice: { kind: 'external-app', scheme: 'mailto' } }]);
    expect(late).toEqual(s.events);
    unsubscribe();
    s.view(0).webContents.key({ key: 'F6', code: 'F6' });
    expect(late).toHaveLength(1);
    expect(s.focusBar).toHaveBeenCalledTimes(1);
  });
});

describe('the site policy from the hub', () => {
  it('applies new web lists and camera origins at once, to the open page too', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    const contents = s.view(0).webContents;
    expect(contents.navigation('will-navigate', 'https://example.org/').prevented).toBe(false);
    const ses = s.sessions.get('kiosk-session-s1')!;
    const media = () =>
      new Promise<boolean>((resolve) =>
        ses.permissionRequestHandler!(contents as never, 'media' as never, resolve, { requestingUrl: 'https://video.example.fi/room', mediaTypes: ['video'] } as never),
      );
    expect(await media()).toBe(false);

    s.shell.updatePolicy({ web: { allow: [], deny: ['example.org'], allowPrivateHosts: [], mediaOrigins: ['https://video.example.fi'] } });
    expect(contents.navigation('will-navigate', 'https://example.org/').prevented).toBe(true);
    expect(contents.navigation('will-navigate', 'https://kela.fi/').prevented).toBe(false);
    expect(await media()).toBe(true);
  });

  it('never lets the lists open the hub\'s own origins', async () => {
    const s = setup({ blockedOrigins: ['https://127.0.0.1:8443'] });
    s.shell.updatePolicy({ web: { allow: [], deny: [], allowPrivateHosts: ['127.0.0.1'], mediaOrigins: [] } });
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    expect(s.view(0).webContents.navigation('will-navigate', 'https://127.0.0.1:8443/advisor/').prevented).toBe(true);
    expect(s.view(0).webContents.navigation('will-navigate', 'https://127.0.0.1:9000/printer').prevented).toBe(false);
  });

  it("refuses the embedded hub on every address and name of this PC, as the PC has them when each session starts", async () => {
    let addresses = ['127.0.0.1', '193.166.3.2', 'kiosk-3'];
    const s = setup({ machineHosts: () => addresses, hubHostnames: ['tupa.kaupunki.fi'], embeddedHubPorts: [8443] });
    s.shell.updatePolicy({ web: { allow: [], deny: [], allowPrivateHosts: ['193.166.3.2', '198.51.100.44', 'tupa.kaupunki.fi'], mediaOrigins: [] } });
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    const first = s.view(0).webContents;
    const ses1 = s.sessions.get('kiosk-session-s1')!;
    expect(first.navigation('will-navigate', 'https://193.166.3.2:8443/advisor/').prevented).toBe(true);
    expect(first.navigation('will-navigate', 'https://tupa.kaupunki.fi:8443/').prevented).toBe(true);
    expect(await ses1.request('wss://kiosk-3:8443/ws', 'webSocket')).toBe(true);
    // Another port of a listed address is the site's choice.
    expect(first.navigation('will-navigate', 'https://193.166.3.2:631/').prevented).toBe(false);
    // An address unknown to the PC so far is just a listed host.
    expect(first.navigation('will-navigate', 'https://198.51.100.44:8443/').prevented).toBe(false);

    addresses = ['127.0.0.1', '198.51.100.44'];
    await s.shell.openSessionView({ sessionId: 's2', zoomPercent: 100 });
    expect(s.view(1).webContents.navigation('will-navigate', 'https://198.51.100.44:8443/').prevented).toBe(true);
    // The configured hub name stays blocked when the interfaces change.
    expect(s.view(1).webContents.navigation('will-navigate', 'https://tupa.kaupunki.fi:8443/').prevented).toBe(true);
  });

  it("without its own list, the shell reads this PC's interfaces and name", () => {
    const hosts = thisMachineHosts();
    expect(hosts).toContain('127.0.0.1');
    expect(hosts).toContain(hostname().toLowerCase());
    expect(hosts).toContain(`${hostname().toLowerCase()}.local`);
  });
});

describe('the wipe', () => {
  it('close-view closes and detaches the session\'s view', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    expect(await s.shell.wipeStep('close-view', 's1')).toEqual({ detail: 'view closed' });
    expect(s.view(0).webContents.close).toHaveBeenCalledTimes(1);
    expect(s.view(0).visible).toBe(false);
    expect(s.detach).toHaveBeenCalledWith(s.view(0));
    expect(s.attached).toEqual([]);
    // Nothing left to show afterwards.
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    expect(s.view(0).webContents.loadURL).toHaveBeenCalledTimes(1);
    expect(await s.shell.wipeStep('close-view', 's1')).toEqual({ detail: 'no view open in this process' });
  });

  it('close-view for another session does not close the current view', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's2', zoomPercent: 100 });
    expect(await s.shell.wipeStep('close-view', 's1')).toEqual({ detail: 'no view open in this process' });
    expect(s.view(0).webContents.close).not.toHaveBeenCalled();
  });

  it('the clear steps clear the very partition the view used', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    await s.shell.wipeStep('clear-data', 's1');
    await s.shell.wipeStep('clear-storage-data', 's1');
    expect(s.created[0]!.session.clearCalls.map((c) => c.method)).toEqual(['clearData', 'clearStorageData']);
  });

  it('delete-downloads removes the folder the view saved downloads into', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    const folder = join(s.sessionsDir, 's1');
    expect(existsSync(folder)).toBe(true);
    writeFileSync(join(folder, 'hakemus.pdf'), 'x');
    expect(await s.shell.wipeStep('delete-downloads', 's1')).toEqual({ detail: '1 item(s) deleted' });
    expect(existsSync(folder)).toBe(false);
  });

  it('the probe step probes the visited origins in the session\'s partition and in a fresh one', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    const contents = s.view(0).webContents;
    contents.emit('did-navigate', {}, 'https://kela.fi/asiointi?hetu=x', 200, 'OK');
    contents.emit('did-navigate', {}, 'https://kela.fi/toinen', 200, 'OK');
    contents.emit('did-frame-navigate', {}, 'https://video.example/embed', 200, 'OK', false, 1, 1);
    await s.shell.wipeStep('close-view', 's1');

    const outcome = await s.shell.wipeStep('probe', 's1');
    expect(outcome.counts).toEqual(ZERO_COUNTS);
    const probes = s.created.slice(1);
    expect(probes.map((p) => p.session)).toEqual([s.sessions.get('kiosk-session-s1'), s.sessions.get('kiosk-probe')]);
    for (const probe of probes) {
      expect(probe.view.webContents.loadURL.mock.calls.map((c) => c[0])).toEqual([
        'https://kela.fi/__tupa_probe__',
        'https://video.example/__tupa_probe__',
      ]);
      expect(probe.view.webContents.close).toHaveBeenCalledTimes(1);
      expect(s.attached).not.toContain(probe.view); // probe pages are never on screen
    }
  });

  it('leftovers found by the probe page come back as counts', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.emit('did-navigate', {}, 'https://kela.fi/', 200, 'OK');
    s.createView.mockImplementation((ses: Session) => {
      const view = new FakeView({ jsResult: { ...ZERO_COUNTS, localStorage: 2 } });
      s.created.push({ view, session: ses as unknown as FakeSession });
      return asView(view);
    });
    const outcome = await s.shell.wipeStep('probe', 's1');
    expect(outcome.counts).toEqual({ ...ZERO_COUNTS, localStorage: 4 }); // 2 in each partition
  });

  it('a session\'s origins are forgotten once its probe has run', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.emit('did-navigate', {}, 'https://kela.fi/', 200, 'OK');
    await s.shell.wipeStep('probe', 's1');
    expect(s.created).toHaveLength(3);
    await s.shell.wipeStep('probe', 's1');
    // No origins left: the second probe reads the cookie API only and opens no page.
    expect(s.created).toHaveLength(3);
  });

  it('origins visited in one session are not probed for another', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.emit('did-navigate', {}, 'https://kela.fi/', 200, 'OK');
    await s.shell.openSessionView({ sessionId: 's2', zoomPercent: 100 });
    s.view(1).webContents.emit('did-navigate', {}, 'https://www.suomi.fi/', 200, 'OK');
    await s.shell.wipeStep('probe', 's2');
    const probes = s.created.slice(2);
    expect(probes).toHaveLength(2);
    for (const probe of probes) expect(probe.view.webContents.loadURL.mock.calls.map((c) => c[0])).toEqual(['https://www.suomi.fi/__tupa_probe__']);
  });
});

describe('a crashed page', () => {
  it('is replaced by a new hidden view in the same partition, showing the start page', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 150 });
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://kela.fi/' });
    s.view(0).webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });

    expect(s.events).toContainEqual({ type: 'notice', notice: { kind: 'page-crashed' } });
    expect(s.view(0).webContents.close).toHaveBeenCalledTimes(1);
    expect(s.detach).toHaveBeenCalledWith(s.view(0));
    expect(s.created).toHaveLength(2);
    expect(s.created[1]!.session).toBe(s.created[0]!.session);
    const fresh = s.view(1);
    expect(s.attached).toEqual([fresh]);
    expect(fresh.visible).toBe(false);
    expect(fresh.webContents.loadURL).not.toHaveBeenCalled();
    expect(fresh.webContents.setZoomFactor).toHaveBeenLastCalledWith(1.5);
    // An area change does not show the start page's view; the next address does.
    s.shell.setViewArea(OTHER_AREA);
    expect(fresh.visible).toBe(false);
    await s.shell.show({ kind: 'url', url: 'https://www.suomi.fi/' });
    expect(fresh.webContents.loadURL).toHaveBeenCalledWith('https://www.suomi.fi/');
    expect(fresh.visible).toBe(true);
  });

  it('the wipe still closes the replacement view', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(await s.shell.wipeStep('close-view', 's1')).toEqual({ detail: 'view closed' });
    expect(s.view(1).webContents.close).toHaveBeenCalledTimes(1);
    expect(s.attached).toEqual([]);
  });

  it('origins visited before the crash are still probed', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 's1', zoomPercent: 100 });
    s.view(0).webContents.emit('did-navigate', {}, 'https://kela.fi/', 200, 'OK');
    s.view(0).webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    s.view(1).webContents.emit('did-navigate', {}, 'https://www.suomi.fi/', 200, 'OK');
    await s.shell.wipeStep('probe', 's1');
    const probe = s.created[2]!;
    expect(probe.view.webContents.loadURL.mock.calls.map((c) => c[0])).toEqual([
      'https://kela.fi/__tupa_probe__',
      'https://www.suomi.fi/__tupa_probe__',
    ]);
  });
});

describe('printing the page', () => {
  it('renders the page on screen with printToPDF in memory, none on the start page; Ctrl+P opens the kiosk\'s print flow, never the system dialog', async () => {
    const s = setup();
    await s.shell.openSessionView({ sessionId: 'p1', zoomPercent: 100 });
    expect(await s.shell.renderPageToPdf()).toBeUndefined();
    expect(s.view(0).webContents.printToPDF).not.toHaveBeenCalled();
    s.shell.setViewArea(AREA);
    await s.shell.show({ kind: 'url', url: 'https://www.kela.fi/' });
    const pdf = await s.shell.renderPageToPdf();
    expect(Buffer.from(pdf!).toString()).toBe('%PDF-1.7 fake page');
    expect(s.view(0).webContents.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ printBackground: true }));
    expect(s.shell.sessionFolder('p1')).toBe(join(s.sessionsDir, 'p1'));
    s.events.length = 0;
    expect(s.view(0).webContents.key({ key: 'p', code: 'KeyP', control: true }).prevented).toBe(true);
    expect(s.events).toEqual([{ type: 'print' }]);
    // Only the key press itself asks once (its char and keyUp are blocked silently).
    s.view(0).webContents.key({ key: 'p', code: 'KeyP', control: true, type: 'keyUp' });
    expect(s.events).toEqual([{ type: 'print' }]);
  });
});
