/**
 * Which web permissions the untrusted web view gets.
 *
 * Pure: the shell's setPermissionRequestHandler and setPermissionCheckHandler
 * both ask `decidePermission`. Electron grants every request a handler does
 * not refuse, so the answer is "no" unless a rule below says otherwise, and a
 * permission name this module has never heard of (a new Chromium feature) is
 * refused too.
 */

export interface PermissionPolicy {
  /** https origins allowed to use camera and microphone (video appointments). */
  mediaOrigins: readonly string[];
}

export interface PermissionQuery {
  permission: string;
  requestingOrigin: string;
  /** Request handler: the requested devices. Check handler: absent (it asks about the permission as a whole). */
  mediaTypes?: readonly ('video' | 'audio')[];
  /**
   * Not used for the decision: the requesting frame's own origin is what is
   * judged, and Chromium's Permissions Policy already requires the embedding
   * page to delegate camera, microphone and fullscreen to a subframe.
   */
  isMainFrame?: boolean;
}

/** Harmless for any web page: entering fullscreen, and writing (not reading) plain text to the clipboard, which is wiped after each session. */
export const ALWAYS_ALLOWED: readonly string[] = ['fullscreen', 'clipboard-sanitized-write'];

/** Only for the site's media origins: camera and microphone, choosing the audio output, protected media playback. */
export const MEDIA_PERMISSIONS: readonly string[] = ['media', 'speaker-selection', 'mediaKeySystem'];

/**
 * Documentation only (the code denies by default): the permissions Electron 45
 * can ask about that are refused for every origin, with the reason in short.
 */
export const DENIED_PERMISSIONS: readonly string[] = [
  // Leaving the sandbox or persisting beyond the session.
  'openExternal', 'fileSystem', 'persistent-storage', 'storage-access', 'top-level-storage-access', 'web-app-installation',
  'background-fetch', 'background-sync', 'periodic-background-sync', 'payment-handler', 'notifications',
  // Seeing the screen, other windows or other residents' data.
  'display-capture', 'captured-surface-control', 'window-management', 'clipboard-read', 'deprecated-sync-clipboard-read', 'local-fonts',
  // Reaching the local network or the PC's hardware.
  'local-network', 'local-network-access', 'loopback-network', 'hid', 'serial', 'usb', 'nfc', 'smart-card', 'midi', 'midiSysex',
  'sensors', 'ar', 'vr', 'hand-tracking', 'web-printing',
  // Locating or watching the resident.
  'geolocation', 'geolocation-approximate', 'idle-detection',
  // Taking over input or the display.
  'pointerLock', 'keyboardLock', 'automatic-fullscreen', 'screen-wake-lock', 'system-wake-lock',
  'unknown',
];

export function decidePermission(query: PermissionQuery, policy: PermissionPolicy): boolean {
  const origin = webOrigin(query.requestingOrigin);
  // file:, data:, app://kiosk, 'null' and '' never get anything.
  if (origin === undefined) return false;

  if (ALWAYS_ALLOWED.includes(query.permission)) return true;
  if (!MEDIA_PERMISSIONS.includes(query.permission)) return false;

  // Browsers give camera and microphone to secure contexts only; an http
  // entry in the list would be a configuration mistake, so it grants nothing.
  const isMediaOrigin =
    origin.startsWith('https://') && policy.mediaOrigins.some((entry) => webOrigin(entry) === origin);
  if (!isMediaOrigin) return false;

  if (query.permission === 'media' && query.mediaTypes !== undefined) {
    // An empty list names no camera or microphone: nothing to grant.
    return query.mediaTypes.length > 0 && query.mediaTypes.every((t: string) => t === 'video' || t === 'audio');
  }
  return true;
}

/** URL.origin of an http(s) URL or origin string, else undefined. */
function webOrigin(value: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
