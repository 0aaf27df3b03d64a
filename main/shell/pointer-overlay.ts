import type { Event as ElectronEvent, InputEvent, Session, WebContentsView, WebContentsViewConstructorOptions } from 'electron';
import type { Scheduled } from '../core/scheduler';
import type { ViewArea } from '../core/shell';
import { pointerOverlayBounds } from '../core/pointer-geometry';
import { lockedViewPreferences } from './view-preferences';
import type { Logger } from '../log/logger';
import { POINTER_SHOWN_MS } from '../../preload/protocol';

/** The overlay's own in-memory partition: nothing of the residents' pages, nothing of the kiosk UI. */
export const POINTER_PARTITION = 'kiosk-pointer';

/** A press of the resident's on the marker: the marker steps aside so the next press reaches the page. */
const PRESSES: ReadonlySet<InputEvent['type']> = new Set<InputEvent['type']>([
  'mouseDown',
  'mouseWheel',
  'contextMenu',
  'touchStart',
  'pointerDown',
  'gestureTapDown',
  'gestureScrollBegin',
]);

export interface PointerOverlayDeps {
  /** A new view from `pointerViewOptions` (the entry file constructs it; only types of Electron here). */
  createView: () => WebContentsView;
  /** Adds the view to the kiosk window on top of every other view (adding it again brings it back on top). */
  attach: (view: WebContentsView) => void;
  detach: (view: WebContentsView) => void;
  /** The overlay got focus (a click): hand the keyboard back to the resident's page. */
  giveFocusBack: () => void;
  /** Runs `fn` after `ms` (the kiosk's scheduler). */
  later: (ms: number, fn: () => void) => Scheduled;
  logger: Logger;
}

/**
 * The settings of the overlay's view: sandboxed, no preload, no scripts, no
 * images, no dev tools, transparent, never focused by its own loads, and at
 * 100 % whatever the resident's zoom (its size is in DIP, as the web view's
 * bounds are). The marker is CSS only.
 */
export function pointerViewOptions(ses: Session): WebContentsViewConstructorOptions {
  return {
    webPreferences: {
      ...lockedViewPreferences(ses),
      javascript: false,
      images: false,
      webgl: false,
      plugins: false,
      devTools: false,
      disableDialogs: true,
      focusOnNavigation: false,
      transparent: true,
      zoomFactor: 1,
    },
  };
}

/** The overlay's partition grants nothing (it asks for nothing: it runs no script). */
export function guardPointerSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
}

/**
 * The advisor's pointer on a room PC (issue 16). The residents' web view is
 * a view of its own stacked above the kiosk UI, so the UI cannot draw over
 * it; and the page is untrusted, so nothing is put into its DOM. Instead a
 * tiny transparent view of the kiosk's own (a CSS ring, no script) is laid
 * on top of the web view at the advisor's point, fades, and is taken off
 * after `POINTER_SHOWN_MS`. A new point moves it and starts the fade again.
 * It takes no keyboard input, gives focus straight back to the page, and
 * steps aside at the resident's first press (Electron has no click-through
 * for views, so that press is the marker's; the next reaches the page).
 */
export class PointerOverlay {
  private readonly deps: PointerOverlayDeps;
  private view: WebContentsView | undefined;
  private onTop = false;
  private fade: Scheduled | undefined;
  /** Each point and each removal: a late page load of an older point is not shown. */
  private seq = 0;

  constructor(deps: PointerOverlayDeps) {
    this.deps = deps;
  }

  /** Draws the marker at `at` (fractions of the web view) over the web view's `area`, or moves it there. */
  show(at: { x: number; y: number }, area: ViewArea): void {
    const placed = pointerOverlayBounds(at, area);
    if (!placed) return this.hide();
    const view = this.ensureView();
    const seq = ++this.seq;
    this.fade?.cancel();
    this.fade = this.deps.later(POINTER_SHOWN_MS, () => {
      if (seq === this.seq) this.hide();
    });
    view.webContents.loadURL(markerPage(placed.centre, placed.bounds.width)).then(
      () => {
        if (seq !== this.seq || view !== this.view) return;
        view.setBounds(placed.bounds);
        view.setVisible(true);
        this.deps.attach(view);
        this.onTop = true;
      },
      (error: unknown) => {
        // A newer point interrupts an older one's load (ERR_ABORTED): only a failure of the latest matters.
        if (seq === this.seq) this.deps.logger.warn('pointer overlay did not load', { error: (error as Error).name });
      },
    );
  }

  /** Takes the marker off the screen now (its view is kept for the next point of the call). */
  hide(): void {
    this.seq++;
    this.fade?.cancel();
    this.fade = undefined;
    if (!this.onTop || !this.view) return;
    this.onTop = false;
    this.view.setVisible(false);
    this.deps.detach(this.view);
  }

  /** The call or the web view is over: the marker goes and its view is closed. */
  dispose(): void {
    this.hide();
    const view = this.view;
    this.view = undefined;
    if (view && !view.webContents.isDestroyed()) view.webContents.close();
  }

  private ensureView(): WebContentsView {
    if (this.view && !this.view.webContents.isDestroyed()) return this.view;
    // A view whose page is gone is taken off the window before a fresh one is made.
    this.dispose();
    const view = this.deps.createView();
    // A WebContentsView is white by default: ARGB with alpha 0.
    view.setBackgroundColor('#00000000');
    view.setVisible(false);
    const contents = view.webContents;
    // No keyboard input at all, and focus goes straight back to the page.
    contents.on('before-input-event', (event: ElectronEvent) => event.preventDefault());
    contents.on('focus', () => this.deps.giveFocusBack());
    contents.on('input-event', (_event, input: InputEvent) => {
      if (PRESSES.has(input.type)) this.hide();
    });
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    // Its renderer died: the next point gets a fresh view.
    contents.on('render-process-gone', () => {
      if (this.view === view) this.dispose();
    });
    this.view = view;
    return view;
  }
}

/**
 * The marker as a data: page: a ring centred at `centre` in a square of
 * `side` DIP, fading over the last 40 % of its time (at once, without
 * motion, for residents who ask for less motion). Orange with white on both
 * sides of the ring, so it shows on light and dark pages alike.
 */
export function markerPage(centre: { x: number; y: number }, side: number): string {
  const halo = side / 15;
  const ring = side - 2 * halo;
  const border = (side * 0.35) / 3;
  const px = (n: number) => `${Math.round(n * 10) / 10}px`;
  const html =
    '<!doctype html><html aria-hidden="true"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    '<style>html,body{margin:0;width:100%;height:100%;overflow:hidden;background:transparent}' +
    `i{position:absolute;left:${px(centre.x)};top:${px(centre.y)};width:${px(ring)};height:${px(ring)};margin:${px(-ring / 2)} 0 0 ${px(-ring / 2)};` +
    `box-sizing:border-box;border:${px(border)} solid #d9480f;border-radius:50%;box-shadow:0 0 0 ${px(halo)} #fff,inset 0 0 0 ${px(halo / 2)} #fff;` +
    `animation:fade ${POINTER_SHOWN_MS}ms ease-in forwards}` +
    '@keyframes fade{0%,60%{opacity:1}to{opacity:0}}' +
    '@media (prefers-reduced-motion:reduce){i{animation-timing-function:steps(1,end)}}' +
    '</style></head><body><i></i></body></html>';
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
