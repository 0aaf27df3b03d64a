import type { WipeExecutor } from './wipe-plan';

export type Unsubscribe = () => void;

/** What the session's web view shows: the kiosk's start page or a service's site. */
export type ViewTarget = { kind: 'home' } | { kind: 'url'; url: string };

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
  /** Take the view off the screen at once when a session ends (the wipe closes it). */
  hideSessionView(sessionId: string): Promise<void>;
  /** Carry out one named step of the wipe plan. */
  wipeStep: WipeExecutor;
  /** The camera or microphone started or stopped being used by the web view. */
  onMediaChange(listener: (inUse: boolean) => void): Unsubscribe;
  /** The resident used the web view (keyboard, pointer, touch). */
  onActivity(listener: () => void): Unsubscribe;
}
