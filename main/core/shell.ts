import type { WipeExecutor } from './wipe-plan';

export type Unsubscribe = () => void;

/** What the session's web view shows: the kiosk's start page or a service's site. */
export type ViewTarget = { kind: 'home' } | { kind: 'url'; url: string };

/** Where the web view sits on the screen, in the kiosk window's CSS pixels. */
export interface ViewArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A file the resident saved during the session (offered when a page asks for a file). */
export interface SessionFile {
  name: string;
  bytes: number;
}

/**
 * Something the resident should be told about the web view, in their own
 * language by the kiosk UI. Never a full address: a host at most.
 */
export type ShellNotice =
  | { kind: 'blocked-address'; host?: string | undefined }
  | { kind: 'external-app'; scheme: string }
  | { kind: 'download-saved'; name: string }
  | { kind: 'download-refused'; name: string }
  | { kind: 'permission-denied'; what: 'camera-microphone' | 'other' }
  | { kind: 'page-crashed' }
  | { kind: 'view-unavailable' };

export type ShellEvent =
  /** The camera or microphone started or stopped being used (pauses the idle timer). */
  | { type: 'media'; inUse: boolean }
  /** The resident used the web view (keyboard, pointer, touch). */
  | { type: 'activity' }
  /** A zoom key was pressed: the kiosk's own zoom control decides. */
  | { type: 'zoom'; change: 'in' | 'out' | 'reset' }
  | { type: 'notice'; notice: ShellNotice }
  | { type: 'nav'; canGoBack: boolean; canGoForward: boolean }
  /** A page asked for a file (`<input type=file>`); null when that request is over. */
  | { type: 'file-chooser'; request: { multiple: boolean; files: SessionFile[] } | null }
  /** A safeguard of the web view failed: the view is gone and the PC must not serve another session. */
  | { type: 'fault'; reason: string }
  /** Ctrl+P: the resident wants to print the page (the kiosk's own print flow, never the system dialog). */
  | { type: 'print' };

/**
 * The port through which the kiosk core drives the session's web view. The
 * Electron shell implements it on a room PC; a recording implementation
 * serves the browser preview and the tests.
 */
export interface Shell {
  /** Create the session's web view in a fresh, in-memory partition. */
  openSessionView(options: { sessionId: string; zoomPercent: number }): Promise<void>;
  /** Show the start page or load a service's address in the session's view. */
  show(target: ViewTarget): Promise<void>;
  setZoom(percent: number): void;
  /** Where the view goes on screen, or null to take it off (start page, a dialog on top). */
  setViewArea(area: ViewArea | null): void;
  /** Back, forward or reload in the session's view. */
  navigate(action: 'back' | 'forward' | 'reload'): void;
  /** Answer the page's file request with files from the session's folder (none: cancel). */
  chooseFiles(names: readonly string[]): Promise<void>;
  /** Take the view off the screen at once when a session ends (the wipe closes it). */
  hideSessionView(sessionId: string): Promise<void>;
  /** Carry out one named step of the wipe plan. */
  wipeStep: WipeExecutor;
  onEvent(listener: (event: ShellEvent) => void): Unsubscribe;
  /** The page on screen rendered as a PDF (printToPDF), in memory; undefined when no page is shown. */
  renderPageToPdf?(): Promise<Uint8Array | undefined>;
  /** The session's own folder (downloads, PDFs to view and print); the wipe deletes it whole. */
  sessionFolder?(sessionId: string): string | undefined;
  /** The hub changed the site's web lists: they apply from the next session's view. */
  /** Restart the app (an administrator's "restart" from the console, between sessions); absent: not possible here. */
  restartApp?(): void;
  updatePolicy?(policy: { web: { allow: readonly string[]; deny: readonly string[]; allowPrivateHosts: readonly string[]; mediaOrigins: readonly string[] } }): void;
  /**
   * Help from afar: the advisor pointed at `at` (fractions of the shared web
   * view); draw the marker over the web view, fading. null: the sharing is
   * over, take it away now. Absent where the kiosk UI draws the marker itself.
   */
  showPointer?(at: { x: number; y: number } | null): void;
}
