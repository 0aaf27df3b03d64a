import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { ShellEvent, ShellNotice } from '../../../main/core/shell';
import type { PermissionPolicy } from '../../../main/shell/policy/permission-policy';
import type { UrlPolicy } from '../../../main/shell/policy/url-policy';
// The module under test imports 'electron' as types only, so it loads without the binary.
import { originOf, SessionView } from '../../../main/shell/session-view';
import {
  asDownloadItem,
  asSession,
  asView,
  asWebContents,
  createMemoryLogger,
  FakeDownloadItem,
  FakeSession,
  FakeView,
  type FakeWebContentsOptions,
} from './fakes';

const URL_POLICY: UrlPolicy = {
  allow: ['kela.fi', '*.suomi.fi', 'video.example', 'www.youtube.com'],
  deny: ['ads.suomi.fi'],
  allowPrivateHosts: [],
  blockedOrigins: [],
};
const PERMISSION_POLICY: PermissionPolicy = { mediaOrigins: ['https://video.example'] };

let base: string;
let counter = 0;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'tupa-session-view-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

function setup(options: FakeWebContentsOptions & { files?: Record<string, string> } = {}, urlPolicy: Partial<UrlPolicy> = {}) {
  const sessionDir = join(base, `run-${++counter}`);
  const downloadsDir = join(sessionDir, 'downloads');
  if (options.files) {
    mkdirSync(downloadsDir, { recursive: true });
    for (const [name, content] of Object.entries(options.files)) writeFileSync(join(downloadsDir, name), content);
  }
  const view = new FakeView(options);
  const contents = view.webContents;
  const ses = new FakeSession('kiosk-session-s1');
  const events: ShellEvent[] = [];
  const focusBar = vi.fn();
  const onCrash = vi.fn();
  const onFault = vi.fn();
  const visited: string[] = [];
  const logger = createMemoryLogger();
  const sessionView = new SessionView({
    sessionId: 's1',
    view: asView(view),
    ses: asSession(ses),
    downloadsDir,
    urlPolicy: { ...URL_POLICY, ...urlPolicy },
    permissionPolicy: PERMISSION_POLICY,
    emit: (event) => events.push(event),
    focusBar,
    onCrash,
    visited: (origin) => visited.push(origin),
    onFault,
    logger,
  });
  const notices = (): ShellNotice[] => events.flatMap((e) => (e.type === 'notice' ? [e.notice] : []));
  const ofType = <T extends ShellEvent['type']>(type: T) => events.filter((e): e is Extract<ShellEvent, { type: T }> => e.type === type);
  return { sessionView, view, contents, ses, events, notices, ofType, focusBar, onCrash, onFault, visited, logger, downloadsDir, sessionDir };
}

/** Lets the constructor's async debugger set-up finish. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('navigation stays inside the allowed sites', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s to a site off the allow list is stopped and the resident is told its host',
    (name) => {
      const { contents, notices } = setup();
      const event = contents.navigation(name, 'https://evil.example/login');
      expect(event.prevented).toBe(true);
      expect(notices()).toEqual([{ kind: 'blocked-address', host: 'evil.example' }]);
    },
  );

  it('a denied subdomain is refused even though its parent is allowed', () => {
    const { contents, notices } = setup();
    expect(contents.navigation('will-navigate', 'https://ads.suomi.fi/').prevented).toBe(true);
    expect(notices()).toEqual([{ kind: 'blocked-address', host: 'ads.suomi.fi' }]);
  });

  it('a mailto: link is refused with a friendly notice naming the app kind, not the address', () => {
    const { contents, notices } = setup();
    expect(contents.navigation('will-navigate', 'mailto:someone@example.com').prevented).toBe(true);
    expect(notices()).toEqual([{ kind: 'external-app', scheme: 'mailto' }]);
  });

  it('a tel: link is refused with an external-app notice', () => {
    const { contents, notices } = setup();
    expect(contents.navigation('will-frame-navigate', 'tel:+358401234567').prevented).toBe(true);
    expect(notices()).toEqual([{ kind: 'external-app', scheme: 'tel' }]);
  });

  it.each([
    ['will-navigate', 'https://kela.fi/'],
    ['will-frame-navigate', 'https://asiointi.suomi.fi/palvelu?x=1'],
    ['will-redirect', 'https://video.example/room/42'],
  ] as const)('%s to an allowed address (%s) is left alone', (name, url) => {
    const { contents, notices } = setup();
    expect(contents.navigation(name, url).prevented).toBe(false);
    expect(notices()).toEqual([]);
  });

  it('a refused subframe is stopped without bothering the resident', () => {
    const { contents, notices } = setup();
    const frame = contents.navigation('will-frame-navigate', 'https://tracker.example/pixel', false);
    const redirect = contents.navigation('will-redirect', 'mailto:x@example.com', false);
    expect(frame.prevented).toBe(true);
    expect(redirect.prevented).toBe(true);
    expect(notices()).toEqual([]);
  });

  it('load() refuses a blocked address before anything is requested', async () => {
    const { sessionView, contents, notices } = setup();
    await sessionView.load('https://evil.example/');
    expect(contents.loadURL).not.toHaveBeenCalled();
    expect(notices()).toEqual([{ kind: 'blocked-address', host: 'evil.example' }]);
    await sessionView.load('https://kela.fi/asiointi');
    expect(contents.loadURL).toHaveBeenCalledWith('https://kela.fi/asiointi');
  });

  it('a page that fails to load is logged, not thrown', async () => {
    const { sessionView, contents, logger } = setup();
    contents.loadError = new Error('ERR_NAME_NOT_RESOLVED');
    await expect(sessionView.load('https://kela.fi/')).resolves.toBeUndefined();
    expect(logger.lines.some((l) => l.msg === 'page did not load')).toBe(true);
  });
});

describe('new windows stay in the same view', () => {
  it('window.open of an allowed address is denied as a window and loaded in the view instead', () => {
    const { contents, notices } = setup();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://kela.fi/lomake', disposition: 'new-window' })).toEqual({ action: 'deny' });
    expect(contents.loadURL).toHaveBeenCalledWith('https://kela.fi/lomake', { httpReferrer: undefined });
    expect(notices()).toEqual([]);
  });

  it('a middle-click on an allowed link opens it in the same view', () => {
    const { contents } = setup();
    expect(contents.windowOpenHandler!({ url: 'https://asiointi.suomi.fi/', disposition: 'background-tab' })).toEqual({ action: 'deny' });
    expect(contents.loadURL).toHaveBeenCalledWith('https://asiointi.suomi.fi/', { httpReferrer: undefined });
  });

  it('window.open of a refused address is denied, not loaded, and the resident is told', () => {
    const { contents, notices } = setup();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/popup' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'mailto:a@b.example' })).toEqual({ action: 'deny' });
    expect(contents.loadURL).not.toHaveBeenCalled();
    expect(notices()).toEqual([
      { kind: 'blocked-address', host: 'evil.example' },
      { kind: 'external-app', scheme: 'mailto' },
    ]);
  });

  it('a pop-up whose load fails does not throw out of the handler', async () => {
    const { contents } = setup();
    contents.loadError = new Error('ERR_ABORTED');
    expect(contents.windowOpenHandler!({ url: 'https://kela.fi/' })).toEqual({ action: 'deny' });
    await settle(); // an unhandled rejection here would fail the run
  });
});

describe('permissions', () => {
  type RequestDetails = Parameters<NonNullable<FakeSession['permissionRequestHandler']>>[3];
  type CheckDetails = Parameters<NonNullable<FakeSession['permissionCheckHandler']>>[3];

  function request(s: ReturnType<typeof setup>, permission: string, details: Record<string, unknown>): boolean | undefined {
    const callback = vi.fn();
    const handler = s.ses.permissionRequestHandler!;
    handler(asWebContents(s.contents), permission as never, callback, { isMainFrame: true, ...details } as unknown as RequestDetails);
    expect(callback).toHaveBeenCalledTimes(1);
    return callback.mock.calls[0]![0] as boolean;
  }

  function check(s: ReturnType<typeof setup>, permission: string, origin: string, details: Record<string, unknown> = {}): boolean {
    return s.ses.permissionCheckHandler!(null, permission as never, origin, { isMainFrame: false, ...details } as unknown as CheckDetails);
  }

  it('the camera and microphone are granted to a configured video-call origin', () => {
    const s = setup();
    const granted = request(s, 'media', {
      requestingUrl: 'https://video.example/room/7',
      securityOrigin: 'https://video.example',
      mediaTypes: ['video', 'audio'],
    });
    expect(granted).toBe(true);
    expect(s.notices()).toEqual([]);
  });

  it('the camera asked for by any other site is refused with a camera-microphone notice', () => {
    const s = setup();
    const granted = request(s, 'media', {
      requestingUrl: 'https://www.youtube.com/live',
      securityOrigin: 'https://www.youtube.com',
      mediaTypes: ['video'],
    });
    expect(granted).toBe(false);
    expect(s.notices()).toEqual([{ kind: 'permission-denied', what: 'camera-microphone' }]);
  });

  it('when a request carries no requestingUrl, the page address decides', () => {
    const s = setup();
    s.contents.url = 'https://video.example/call';
    expect(request(s, 'media', { mediaTypes: ['audio'] })).toBe(true);
    s.contents.url = 'https://kela.fi/';
    expect(request(s, 'media', { mediaTypes: ['audio'] })).toBe(false);
  });

  it.each(['geolocation', 'notifications', 'openExternal', 'fileSystem', 'display-capture', 'clipboard-read', 'hid', 'keyboardLock', 'unknown'])(
    '%s is refused even for the video-call origin',
    (permission) => {
      const s = setup();
      expect(request(s, permission, { requestingUrl: 'https://video.example/room' })).toBe(false);
      expect(s.notices()).not.toContainEqual({ kind: 'permission-denied', what: 'camera-microphone' });
    },
  );

  it('the check handler agrees with the request handler about media', () => {
    const s = setup();
    expect(check(s, 'media', 'https://video.example', { mediaType: 'video' })).toBe(true);
    expect(check(s, 'media', 'https://video.example', { mediaType: 'audio' })).toBe(true);
    expect(check(s, 'media', 'https://kela.fi', { mediaType: 'video' })).toBe(false);
    expect(check(s, 'media', 'http://video.example', { mediaType: 'video' })).toBe(false);
    expect(check(s, 'geolocation', 'https://video.example')).toBe(false);
    expect(check(s, 'notifications', 'https://kela.fi')).toBe(false);
  });

  it('device access (USB, HID, serial) is always refused', () => {
    const s = setup();
    const handler = s.ses.devicePermissionHandler!;
    expect(handler({ deviceType: 'usb', origin: 'https://video.example', device: {} } as never)).toBe(false);
    expect(handler({ deviceType: 'hid', origin: 'https://kela.fi', device: {} } as never)).toBe(false);
  });

  it('the spellchecker is turned off (it would fetch dictionaries from Google)', () => {
    const s = setup();
    expect(s.ses.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(s.ses.setSpellCheckerEnabled).not.toHaveBeenCalledWith(true);
  });
});

describe('downloads', () => {
  function download(s: ReturnType<typeof setup>, name: string, mime = 'application/pdf'): FakeDownloadItem {
    const item = new FakeDownloadItem(name, mime);
    s.ses.emit('will-download', { preventDefault: vi.fn() }, asDownloadItem(item), asWebContents(s.contents));
    return item;
  }

  it('an allowed file is saved without a dialog into the session folder and the resident is told when it is complete', () => {
    const s = setup();
    const item = download(s, 'päätös.pdf');
    expect(item.setSavePath).toHaveBeenCalledTimes(1);
    expect(item.savePath).toBe(join(s.downloadsDir, 'päätös.pdf'));
    expect(item.cancel).not.toHaveBeenCalled();
    expect(s.notices()).toEqual([]); // not yet: only once it is complete
    item.finish('completed');
    expect(s.notices()).toEqual([{ kind: 'download-saved', name: 'päätös.pdf' }]);
  });

  it('a hostile file name is cleaned and cannot leave the session folder', () => {
    const s = setup();
    const item = download(s, '../../..\\Startup/re:po<rt>.pdf');
    expect(dirname(item.savePath!)).toBe(s.downloadsDir);
    expect(item.savePath).toBe(join(s.downloadsDir, 'report.pdf'));
  });

  it('a name already in the folder gets a numbered twin instead of overwriting it', () => {
    const s = setup({ files: { 'report.pdf': 'first' } });
    const item = download(s, 'report.pdf');
    expect(item.savePath).toBe(join(s.downloadsDir, 'report (2).pdf'));
    item.finish('completed');
    expect(s.notices()).toEqual([{ kind: 'download-saved', name: 'report (2).pdf' }]);
  });

  it('a cancelled or interrupted download is not announced as saved', () => {
    const s = setup();
    download(s, 'a.pdf').finish('cancelled');
    download(s, 'b.pdf').finish('interrupted');
    expect(s.notices()).toEqual([]);
  });

  it.each([
    ['setup.exe', 'application/octet-stream'],
    ['invoice.pdf.exe', 'application/pdf'],
    ['photo.jpg', 'application/x-msdownload'],
    ['run.sh', 'text/plain'],
    ['Hakemus.docm', 'application/octet-stream'],
    ['Kela - kirjaudu.html', 'text/html'],
    ['lasku.pdf', 'text/html'],
    ['Tuki.rdp', 'application/octet-stream'],
  ])('%s (%s) is cancelled with a download-refused notice and never given a save path', (name, mime) => {
    const s = setup();
    const item = download(s, name, mime);
    expect(item.cancel).toHaveBeenCalledTimes(1);
    expect(item.setSavePath).not.toHaveBeenCalled();
    expect(s.notices()).toEqual([{ kind: 'download-refused', name }]);
  });

  // BUG (see report): the unique name is chosen from the files already on disk only,
  // so two downloads of the same name whose files do not exist yet get the same path
  // and the second overwrites the first (Electron saves with OVERWRITE disposition).
  it('two downloads of the same name started together are given different save paths', () => {
    const s = setup();
    const first = download(s, 'report.pdf');
    const second = download(s, 'report.pdf');
    expect(first.savePath).toBe(join(s.downloadsDir, 'report.pdf'));
    expect(second.savePath).toBeDefined();
    expect(second.savePath).not.toBe(first.savePath);
  });
});

describe('keys in the web view', () => {
  it.each([
    ['Ctrl+R', { key: 'r', code: 'KeyR', control: true }],
    ['F5', { key: 'F5', code: 'F5' }],
    ['F12', { key: 'F12', code: 'F12' }],
    ['Ctrl+W', { key: 'w', code: 'KeyW', control: true }],
    ['Ctrl+Shift+I', { key: 'I', code: 'KeyI', control: true, shift: true }],
    ['Ctrl+P', { key: 'p', code: 'KeyP', control: true }],
  ])('%s is stopped before the page or a menu accelerator sees it', (_label, input) => {
    const s = setup();
    expect(s.contents.key(input).prevented).toBe(true);
    expect(s.contents.key({ ...input, type: 'keyUp' }).prevented).toBe(true);
    expect(s.ofType('zoom')).toEqual([]);
    expect(s.focusBar).not.toHaveBeenCalled();
  });

  it('Ctrl+Plus goes to the kiosk zoom control once, on keyDown only', () => {
    const s = setup();
    expect(s.contents.key({ key: '+', code: 'NumpadAdd', control: true }).prevented).toBe(true);
    expect(s.contents.key({ key: '+', code: 'NumpadAdd', control: true, type: 'keyUp' }).prevented).toBe(true);
    expect(s.ofType('zoom')).toEqual([{ type: 'zoom', change: 'in' }]);
  });

  it('Ctrl+Minus and Ctrl+0 zoom out and reset', () => {
    const s = setup();
    s.contents.key({ key: '-', code: 'Minus', control: true });
    s.contents.key({ key: '0', code: 'Digit0', control: true });
    expect(s.ofType('zoom')).toEqual([
      { type: 'zoom', change: 'out' },
      { type: 'zoom', change: 'reset' },
    ]);
  });

  it('Ctrl+wheel zoom in the page is routed to the kiosk zoom control', () => {
    const s = setup();
    s.contents.emit('zoom-changed', {}, 'in');
    s.contents.emit('zoom-changed', {}, 'out');
    expect(s.ofType('zoom')).toEqual([
      { type: 'zoom', change: 'in' },
      { type: 'zoom', change: 'out' },
    ]);
  });

  it('F6 moves focus to the session bar (once per press)', () => {
    const s = setup();
    expect(s.contents.key({ key: 'F6', code: 'F6' }).prevented).toBe(true);
    s.contents.key({ key: 'F6', code: 'F6', type: 'keyUp' });
    expect(s.focusBar).toHaveBeenCalledTimes(1);
  });

  it('ordinary typing reaches the page and counts as activity', () => {
    const s = setup();
    vi.spyOn(performance, 'now').mockReturnValue(1_000_000);
    expect(s.contents.key({ key: 'a', code: 'KeyA' }).prevented).toBe(false);
    expect(s.contents.key({ key: 'c', code: 'KeyC', control: true }).prevented).toBe(false); // copy
    expect(s.ofType('activity').length).toBe(1);
  });

  it('activity is throttled: two keys within 5 s give one activity, a key 5 s later another', () => {
    const s = setup();
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(1_000_000);
    s.contents.key({ key: 'a', code: 'KeyA' });
    now.mockReturnValue(1_004_999);
    s.contents.key({ key: 'b', code: 'KeyB' });
    expect(s.ofType('activity').length).toBe(1);
    now.mockReturnValue(1_005_000);
    s.contents.key({ key: 'c', code: 'KeyC' });
    expect(s.ofType('activity').length).toBe(2);
  });

  it('pointer and touch input count as activity too', () => {
    const s = setup();
    vi.spyOn(performance, 'now').mockReturnValue(2_000_000);
    s.contents.emit('input-event', {}, { type: 'mouseDown' });
    expect(s.ofType('activity').length).toBe(1);
  });

  it('a blocked shortcut is not counted as activity', () => {
    const s = setup();
    vi.spyOn(performance, 'now').mockReturnValue(3_000_000);
    s.contents.key({ key: 'r', code: 'KeyR', control: true });
    expect(s.ofType('activity')).toEqual([]);
  });
});

describe('camera and microphone in use (pauses the idle timer)', () => {
  function grantMedia(s: ReturnType<typeof setup>, origin = 'https://video.example'): void {
    // The page is on the call's site when it asks.
    s.contents.emit('did-navigate', {}, `${origin}/room`);
    const callback = vi.fn();
    s.ses.permissionRequestHandler!(
      asWebContents(s.contents),
      'media',
      callback,
      { requestingUrl: `${origin}/room`, securityOrigin: origin, mediaTypes: ['video', 'audio'], isMainFrame: true } as never,
    );
  }

  it('playing media without a granted camera is not a call', () => {
    const s = setup();
    s.contents.emit('media-started-playing');
    s.contents.emit('audio-state-changed', { audible: true });
    expect(s.ofType('media')).toEqual([]);
  });

  it('a refused camera request does not make playing media a call', () => {
    const s = setup();
    grantMedia(s, 'https://www.youtube.com');
    s.contents.emit('media-started-playing');
    expect(s.ofType('media')).toEqual([]);
  });

  it('a granted camera alone is not in use until media plays', () => {
    const s = setup();
    grantMedia(s);
    expect(s.ofType('media')).toEqual([]);
    s.contents.emit('media-started-playing');
    expect(s.ofType('media')).toEqual([{ type: 'media', inUse: true }]);
    s.contents.emit('media-paused');
    expect(s.ofType('media')).toEqual([
      { type: 'media', inUse: true },
      { type: 'media', inUse: false },
    ]);
  });

  it('audible sound after a grant counts as in use, silence ends it', () => {
    const s = setup();
    grantMedia(s);
    s.contents.emit('audio-state-changed', { audible: true });
    s.contents.emit('audio-state-changed', { audible: true });
    s.contents.emit('audio-state-changed', { audible: false });
    expect(s.ofType('media')).toEqual([
      { type: 'media', inUse: true },
      { type: 'media', inUse: false },
    ]);
  });

  it('paused video with sound still audible stays in use', () => {
    const s = setup();
    grantMedia(s);
    s.contents.emit('media-started-playing');
    s.contents.emit('audio-state-changed', { audible: true });
    s.contents.emit('media-paused');
    expect(s.ofType('media')).toEqual([{ type: 'media', inUse: true }]);
  });
});

describe('page life', () => {
  it('a crashed page tells the resident and asks the shell for a new view', () => {
    const s = setup();
    s.contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(s.notices()).toEqual([{ kind: 'page-crashed' }]);
    expect(s.onCrash).toHaveBeenCalledTimes(1);
    expect(s.logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', reason: 'crashed' }));
  });

  it('a navigation reports its origin (no path) for the probe and the back/forward state', () => {
    const s = setup();
    s.contents.history = { back: true, forward: false };
    s.contents.emit('did-navigate', {}, 'https://kela.fi/asiointi/hakemus?id=123', 200, 'OK');
    expect(s.visited).toEqual(['https://kela.fi']);
    expect(s.ofType('nav')).toEqual([{ type: 'nav', canGoBack: true, canGoForward: false }]);
  });

  it('only http and https origins are reported as visited', () => {
    const s = setup();
    s.contents.emit('did-navigate', {}, 'about:blank', 200, 'OK');
    s.contents.emit('did-navigate', {}, 'data:text/html,hi', 200, 'OK');
    s.contents.emit('did-navigate', {}, 'http://www.suomi.fi:8080/x', 200, 'OK');
    expect(s.visited).toEqual(['http://www.suomi.fi:8080']);
    expect(s.ofType('nav')).toHaveLength(3);
  });

  it('third-party frames report their origins too (they keep storage of their own)', () => {
    const s = setup();
    s.contents.emit('did-frame-navigate', {}, 'https://video.example/embed/1', 200, 'OK', false, 1, 2);
    expect(s.visited).toEqual(['https://video.example']);
  });

  it('an in-page navigation updates back/forward without a new origin', () => {
    const s = setup();
    s.contents.history = { back: false, forward: true };
    s.contents.emit('did-navigate-in-page', {}, 'https://kela.fi/#top', true);
    expect(s.ofType('nav')).toEqual([{ type: 'nav', canGoBack: false, canGoForward: true }]);
    expect(s.visited).toEqual([]);
  });

  it('opened DevTools are closed at once', () => {
    const s = setup();
    s.contents.emit('devtools-opened');
    expect(s.contents.closeDevTools).toHaveBeenCalledTimes(1);
  });

  it('back, forward and reload go to the page history only when possible', () => {
    const s = setup();
    const history = s.contents.navigationHistory;
    s.sessionView.navigate('back');
    s.sessionView.navigate('forward');
    expect(history.goBack).not.toHaveBeenCalled();
    expect(history.goForward).not.toHaveBeenCalled();
    s.contents.history = { back: true, forward: true };
    s.sessionView.navigate('back');
    s.sessionView.navigate('forward');
    s.sessionView.navigate('reload');
    expect(history.goBack).toHaveBeenCalledTimes(1);
    expect(history.goForward).toHaveBeenCalledTimes(1);
    expect(s.contents.reload).toHaveBeenCalledTimes(1);
  });

  it('zoom is set as a factor', () => {
    const s = setup();
    s.sessionView.setZoom(150);
    expect(s.contents.setZoomFactor).toHaveBeenLastCalledWith(1.5);
  });

  it('originOf gives scheme://host[:port] of web addresses only', () => {
    expect(originOf('https://Kela.FI:443/a?b')).toBe('https://kela.fi');
    expect(originOf('file:///etc/passwd')).toBe('');
    expect(originOf('not a url')).toBe('');
  });
});

describe('the file chooser offers only this session\'s files', () => {
  const FILES = { 'hakemus.pdf': 'pdf-bytes', 'kuva.jpg': 'jpg' };

  async function opened(mode: 'selectSingle' | 'selectMultiple', files: Record<string, string> = FILES) {
    const s = setup({ files });
    await settle();
    s.contents.debugger.fileChooserOpened(77, mode);
    return s;
  }

  const setFiles = (s: ReturnType<typeof setup>) => s.contents.debugger.commandsNamed('DOM.setFileInputFiles');

  it('the page\'s file dialog is intercepted through the DevTools protocol', async () => {
    const s = setup();
    await settle();
    expect(s.contents.debugger.attach).toHaveBeenCalledTimes(1);
    expect(s.contents.debugger.commands.map((c) => c.method)).toEqual(['Page.enable', 'Page.setInterceptFileChooserDialog', 'Target.setAutoAttach']);
    expect(s.contents.debugger.commandsNamed('Target.setAutoAttach')).toEqual([{ autoAttach: true, waitForDebuggerOnStart: true, flatten: true }]);
    expect(s.contents.debugger.commandsNamed('Page.setInterceptFileChooserDialog')).toEqual([{ enabled: true }]);
  });

  it('a file request lists the files in the session folder', async () => {
    const s = await opened('selectSingle');
    const requests = s.ofType('file-chooser');
    expect(requests).toHaveLength(1);
    const request = requests[0]!.request!;
    expect(request.multiple).toBe(false);
    const files = [...request.files].sort((a, b) => a.name.localeCompare(b.name));
    expect(files).toEqual([
      { name: 'hakemus.pdf', bytes: statSync(join(s.downloadsDir, 'hakemus.pdf')).size },
      { name: 'kuva.jpg', bytes: 3 },
    ]);
  });

  it('a sub-folder in the session folder is not offered as a file', async () => {
    const s = setup({ files: { 'a.pdf': 'x' } });
    mkdirSync(join(s.downloadsDir, 'folder'));
    await settle();
    s.contents.debugger.fileChooserOpened(1, 'selectMultiple');
    expect(s.ofType('file-chooser')[0]!.request!.files.map((f) => f.name)).toEqual(['a.pdf']);
  });

  it('a multiple-file request says so', async () => {
    const s = await opened('selectMultiple');
    expect(s.ofType('file-chooser')[0]!.request!.multiple).toBe(true);
  });

  it('other DevTools messages and a request without a node are ignored', async () => {
    const s = setup({ files: FILES });
    await settle();
    s.contents.debugger.emit('message', {}, 'Page.frameNavigated', { frame: {} });
    s.contents.debugger.fileChooserOpened(undefined, 'selectSingle');
    expect(s.ofType('file-chooser')).toEqual([]);
  });

  it('choosing a file sends its absolute path inside the folder and the input\'s node, then closes the request', async () => {
    const s = await opened('selectSingle');
    await s.sessionView.chooseFiles(['hakemus.pdf']);
    expect(setFiles(s)).toEqual([{ files: [join(s.downloadsDir, 'hakemus.pdf')], backendNodeId: 77 }]);
    expect(s.ofType('file-chooser').at(-1)).toEqual({ type: 'file-chooser', request: null });
  });

  it('a single-file input gets only the first chosen file', async () => {
    const s = await opened('selectSingle');
    await s.sessionView.chooseFiles(['kuva.jpg', 'hakemus.pdf']);
    expect(setFiles(s)).toEqual([{ files: [join(s.downloadsDir, 'kuva.jpg')], backendNodeId: 77 }]);
  });

  it('a multiple-file input gets every chosen file', async () => {
    const s = await opened('selectMultiple');
    await s.sessionView.chooseFiles(['kuva.jpg', 'hakemus.pdf']);
    expect(setFiles(s)).toEqual([{ files: [join(s.downloadsDir, 'kuva.jpg'), join(s.downloadsDir, 'hakemus.pdf')], backendNodeId: 77 }]);
  });

  it('names reaching outside the folder, absolute paths and missing files are refused', async () => {
    const s = await opened('selectMultiple');
    // Real files right outside the session folder that must never be handed to a page.
    writeFileSync(join(s.sessionDir, 'secret.txt'), 'other resident');
    await s.sessionView.chooseFiles(['../secret.txt', join(s.sessionDir, 'secret.txt'), '/etc/passwd', 'nothere.pdf', 'tulossa.zip.part']);
    expect(setFiles(s)).toEqual([]);
    expect(s.ofType('file-chooser').at(-1)).toEqual({ type: 'file-chooser', request: null });
  });

  it('a name with a path is never resolved outside the folder, even if the parent has that name', async () => {
    const s = await opened('selectMultiple');
    writeFileSync(join(s.sessionDir, 'hakemus.pdf'), 'a different file outside');
    await s.sessionView.chooseFiles(['../hakemus.pdf']);
    for (const params of setFiles(s) as Array<{ files: string[] }>) {
      for (const file of params.files) expect(file.startsWith(s.downloadsDir + sep)).toBe(true);
    }
  });

  it('choosing nothing cancels: no files are set and the request is over', async () => {
    const s = await opened('selectSingle');
    await s.sessionView.chooseFiles([]);
    expect(setFiles(s)).toEqual([]);
    expect(s.ofType('file-chooser').at(-1)).toEqual({ type: 'file-chooser', request: null });
  });

  it('a request is answered once; without a pending request nothing is sent', async () => {
    const s = await opened('selectSingle');
    await s.sessionView.chooseFiles(['kuva.jpg']);
    await s.sessionView.chooseFiles(['hakemus.pdf']);
    expect(setFiles(s)).toHaveLength(1);

    const fresh = setup({ files: FILES });
    await settle();
    await fresh.sessionView.chooseFiles(['kuva.jpg']);
    expect(setFiles(fresh)).toEqual([]);
    expect(fresh.ofType('file-chooser')).toEqual([{ type: 'file-chooser', request: null }]);
  });

  it('a debugger that cannot attach is a fault (fail closed: without it a file input opens the system dialog)', async () => {
    let s: ReturnType<typeof setup> | undefined;
    expect(() => {
      s = setup({ attachError: new Error('Another debugger is already attached') });
    }).not.toThrow();
    await settle();
    expect(s!.onFault).toHaveBeenCalledWith(expect.stringContaining('file-picker guard unavailable'));
    expect(s!.contents.debugger.commands).toEqual([]);
  });

  it('the debugger detaching while the view is open is a fault; detaching on close is not', async () => {
    const s = setup();
    await settle();
    s.contents.debugger.emit('detach', {}, 'target closed');
    expect(s.onFault).toHaveBeenCalledWith('file-picker guard detached: target closed');
    const t = setup();
    await settle();
    t.sessionView.close();
    t.contents.debugger.emit('detach', {}, 'target closed');
    expect(t.onFault).not.toHaveBeenCalled();
  });

  it('a worker attached by auto-attach is only let run (no Page commands, which workers lack)', async () => {
    const s = setup();
    await settle();
    s.contents.debugger.emit('message', {}, 'Target.attachedToTarget', { sessionId: 'w-1', targetInfo: { type: 'worker' }, waitingForDebugger: true });
    await settle();
    expect(s.contents.debugger.commands.filter((c) => c.target === 'w-1').map((c) => c.method)).toEqual(['Runtime.runIfWaitingForDebugger']);
  });
});

describe('placing and closing the view', () => {
  it('place(area) sets rounded bounds and shows the view', () => {
    const s = setup();
    s.sessionView.place({ x: 10.4, y: 80.6, width: 1279.5, height: 640.2 });
    expect(s.view.setBounds).toHaveBeenLastCalledWith({ x: 10, y: 81, width: 1280, height: 640 });
    expect(s.view.visible).toBe(true);
  });

  it('place(null) and an empty area hide the view', () => {
    const s = setup();
    s.sessionView.place({ x: 0, y: 0, width: 800, height: 600 });
    s.sessionView.place(null);
    expect(s.view.visible).toBe(false);
    s.sessionView.place({ x: 0, y: 0, width: 800, height: 600 });
    s.sessionView.place({ x: 0, y: 0, width: 0, height: 600 });
    expect(s.view.visible).toBe(false);
    expect(s.view.setBounds).toHaveBeenCalledTimes(2);
  });

  it('close() hides the view, detaches the debugger and closes the contents once', async () => {
    const s = setup();
    await settle();
    expect(s.contents.debugger.attached).toBe(true);
    s.sessionView.place({ x: 0, y: 0, width: 800, height: 600 });
    s.sessionView.close();
    s.sessionView.close();
    expect(s.view.visible).toBe(false);
    expect(s.contents.debugger.detach).toHaveBeenCalledTimes(1);
    expect(s.contents.close).toHaveBeenCalledTimes(1);
    expect(s.sessionView.isClosed).toBe(true);
  });

  it('a closed view cannot be shown, zoomed or navigated again', () => {
    const s = setup();
    s.sessionView.close();
    s.contents.history = { back: true, forward: true };
    s.sessionView.place({ x: 0, y: 0, width: 800, height: 600 });
    s.sessionView.setZoom(200);
    s.sessionView.navigate('back');
    s.sessionView.navigate('reload');
    expect(s.view.visible).toBe(false);
    expect(s.view.setBounds).not.toHaveBeenCalled();
    expect(s.contents.setZoomFactor).not.toHaveBeenCalled();
    expect(s.contents.navigationHistory.goBack).not.toHaveBeenCalled();
    expect(s.contents.reload).not.toHaveBeenCalled();
  });

  it('closing a view whose contents are already gone does not close them again', () => {
    const s = setup();
    s.contents.destroyed = true;
    s.sessionView.close();
    expect(s.contents.close).not.toHaveBeenCalled();
  });

  it('a debugger that throws on detach does not stop the close', () => {
    const s = setup();
    s.contents.debugger.detach.mockImplementation(() => {
      throw new Error('Debugger is not attached');
    });
    s.contents.debugger.attached = true;
    expect(() => s.sessionView.close()).not.toThrow();
    expect(s.contents.close).toHaveBeenCalledTimes(1);
  });

  it('the session folder is created private to the kiosk user', () => {
    const s = setup();
    expect(existsSync(s.downloadsDir)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(s.downloadsDir).mode & 0o077).toBe(0);
  });
});

describe('what the shell learned from its reviews', () => {
  it('a download still being written, or one that failed, is not offered to a page', async () => {
    const s = setup();
    await settle();
    const writing = new FakeDownloadItem('kesken.pdf', 'application/pdf');
    s.ses.emit('will-download', { preventDefault: vi.fn() }, asDownloadItem(writing), asWebContents(s.contents));
    const broken = new FakeDownloadItem('rikki.pdf', 'application/pdf');
    s.ses.emit('will-download', { preventDefault: vi.fn() }, asDownloadItem(broken), asWebContents(s.contents));
    const done = new FakeDownloadItem('valmis.pdf', 'application/pdf');
    s.ses.emit('will-download', { preventDefault: vi.fn() }, asDownloadItem(done), asWebContents(s.contents));
    for (const name of ['kesken.pdf', 'rikki.pdf', 'valmis.pdf']) writeFileSync(join(s.downloadsDir, name), 'x');
    broken.finish('interrupted');
    done.finish('completed');
    s.contents.debugger.fileChooserOpened(5, 'selectMultiple');
    expect(s.ofType('file-chooser')[0]!.request!.files.map((f) => f.name)).toEqual(['valmis.pdf']);
  });

  it('a file input inside a cross-site frame is intercepted too, and answered in that frame', async () => {
    const s = setup({ files: { 'liite.pdf': 'x' } });
    await settle();
    s.contents.debugger.frameAttached('frame-1');
    await settle();
    const inFrame = s.contents.debugger.commands.filter((c) => c.target === 'frame-1').map((c) => c.method);
    expect(inFrame).toEqual(['Page.enable', 'Page.setInterceptFileChooserDialog', 'Target.setAutoAttach', 'Runtime.runIfWaitingForDebugger']);
    s.contents.debugger.fileChooserOpened(9, 'selectSingle', 'frame-1');
    await s.sessionView.chooseFiles(['liite.pdf']);
    const sent = s.contents.debugger.commands.filter((c) => c.method === 'DOM.setFileInputFiles');
    expect(sent).toEqual([{ method: 'DOM.setFileInputFiles', params: { files: [join(s.downloadsDir, 'liite.pdf')], backendNodeId: 9 }, target: 'frame-1' }]);
  });

  it('a name with a path in it is refused, not resolved, and a name given twice is sent once', async () => {
    const s = setup({ files: { 'a.pdf': 'x', 'b.pdf': 'y' } });
    await settle();
    s.contents.debugger.fileChooserOpened(3, 'selectMultiple');
    await s.sessionView.chooseFiles(['../a.pdf', 'sub\\\\b.pdf', 'a.pdf', 'a.pdf']);
    expect(s.contents.debugger.commandsNamed('DOM.setFileInputFiles')).toEqual([{ files: [join(s.downloadsDir, 'a.pdf')], backendNodeId: 3 }]);
  });

  it('leaving the video call\'s site ends "in a call" for the idle timer', () => {
    const s = setup();
    s.contents.emit('did-navigate', {}, 'https://video.example/room');
    s.ses.permissionRequestHandler!(asWebContents(s.contents), 'media', vi.fn(), {
      requestingUrl: 'https://video.example/room',
      mediaTypes: ['video'],
      isMainFrame: true,
    } as never);
    s.contents.emit('media-started-playing');
    expect(s.ofType('media').at(-1)).toEqual({ type: 'media', inUse: true });
    s.contents.emit('did-navigate', {}, 'https://news.example/');
    expect(s.ofType('media').at(-1)).toEqual({ type: 'media', inUse: false });
    s.contents.emit('audio-state-changed', { audible: true });
    expect(s.ofType('media').at(-1)).toEqual({ type: 'media', inUse: false });
  });
});

describe('requests, frames and pop-ups the review asked about', () => {
  it('a page cannot fetch from the local network or loopback, but may load from public hosts', async () => {
    const s = setup();
    expect(await s.ses.request('http://192.168.1.1/admin', 'xhr')).toBe(true);
    expect(await s.ses.request('ws://127.0.0.1:9222/devtools', 'webSocket')).toBe(true);
    expect(await s.ses.request('https://cdn.example.com/app.js', 'script')).toBe(false);
  });

  const RESOURCE_TYPES = ['mainFrame', 'subFrame', 'xhr', 'webSocket', 'image', 'script', 'stylesheet', 'font', 'media', 'ping', 'object', 'cspReport', 'other'];

  it.each(RESOURCE_TYPES)('a public name that resolves inside the network is refused for a %s request (DNS rebinding)', async (type) => {
    const s = setup();
    s.ses.dns = { 'rebind.example': ['127.0.0.1'], 'v6.example': ['fd00::1'], 'testnet.example': ['93.184.216.34', '203.0.113.9'] };
    const scheme = type === 'webSocket' ? 'wss' : 'https';
    expect(await s.ses.request(`${scheme}://rebind.example/x`, type)).toBe(true);
    expect(await s.ses.request(`${scheme}://v6.example/x`, type)).toBe(true);
    expect(await s.ses.request(`${scheme}://testnet.example/x`, type)).toBe(true);
    expect(await s.ses.request(`${scheme}://kela.fi/x`, type)).toBe(false);
  });

  it("a listed local name is resolved too: it never reaches the hub's port on this PC", async () => {
    const s = setup({}, { allowPrivateHosts: ['kortinlukija.local'], machineHosts: ['192.168.1.23'], embeddedHubPorts: [8443] });
    s.ses.dns = { 'kortinlukija.local': ['192.168.1.23'] };
    expect(await s.ses.request('https://kortinlukija.local:53952/', 'xhr')).toBe(false);
    expect(await s.ses.request('https://kortinlukija.local:8443/api/v1/state', 'xhr')).toBe(true);
    expect(await s.ses.request('https://192.168.1.23:8443/', 'image')).toBe(true);
  });

  it('a name that does not resolve is left to fail on its own; an address literal is not resolved', async () => {
    const s = setup();
    s.ses.resolveHost.mockRejectedValueOnce(new Error('ERR_NAME_NOT_RESOLVED'));
    expect(await s.ses.request('https://nx.example/', 'script')).toBe(false);
    expect(await s.ses.request('https://93.184.216.34/', 'image')).toBe(false);
    expect(s.ses.resolveHost).toHaveBeenCalledTimes(1);
  });

  it('frames the page makes itself (about:blank, srcdoc, data:, blob:) are left alone; a data: page is not', () => {
    const s = setup();
    for (const url of ['about:blank', 'about:srcdoc', 'data:text/html,<p>x</p>', 'blob:https://kela.fi/1234']) {
      expect(s.contents.navigation('will-frame-navigate', url, false).prevented, url).toBe(false);
    }
    expect(s.contents.navigation('will-navigate', 'data:text/html,<h1>Kela</h1>').prevented).toBe(true);
  });

  it('a receipt opened as a blob: pop-up is saved as a download instead', () => {
    const s = setup();
    const result = s.contents.windowOpenHandler!({ url: 'blob:https://kela.fi/abc', disposition: 'new-window' } as never);
    expect(result).toEqual({ action: 'deny' });
    expect(s.contents.downloadURL).toHaveBeenCalledWith('blob:https://kela.fi/abc');
  });

  it('a form posted into a new window keeps its data and referrer', () => {
    const s = setup();
    const postBody = { data: [{ type: 'rawData', bytes: Buffer.from('a=1') }], contentType: 'application/x-www-form-urlencoded' };
    s.contents.windowOpenHandler!({ url: 'https://kela.fi/submit', disposition: 'new-window', postBody, referrer: { url: 'https://kela.fi/', policy: 'strict-origin' } } as never);
    expect(s.contents.loadURL).toHaveBeenLastCalledWith('https://kela.fi/submit', {
      httpReferrer: { url: 'https://kela.fi/', policy: 'strict-origin' },
      postData: postBody.data,
      extraHeaders: 'Content-Type: application/x-www-form-urlencoded',
    });
  });

  it('closing the view takes its download handler off the session (a crash replacement must not double them)', () => {
    const s = setup();
    expect(s.ses.listenerCount('will-download')).toBe(1);
    s.sessionView.close();
    expect(s.ses.listenerCount('will-download')).toBe(0);
  });
});

