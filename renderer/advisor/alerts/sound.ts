/**
 * How an alert reaches the advisor besides the screen: a chime made with the
 * Web Audio API (no audio files) and a system notification when the advisor
 * has allowed them.
 *
 * Browsers start sound only once the page has been used (a click or a key):
 * the console makes its audio at load, sees whether it runs (the advisor app
 * lets it; a browser tab usually does not) and says so until it does.
 */
let context: AudioContext | undefined;
const listeners = new Set<() => void>();

function audio(): AudioContext | undefined {
  if (!context) {
    try {
      context = new AudioContext();
      context.onstatechange = () => listeners.forEach((listener) => listener());
    } catch {
      context = undefined;
    }
  }
  return context;
}

/** Makes the console's audio now: it runs at once where the browser allows sound without a click. */
export function prepareSound(): void {
  audio();
}

/** Called on the advisor's click or key press: from then on the chime can sound. */
export function unlockSound(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** True when a chime can be heard now. */
export function soundReady(): boolean {
  return context?.state === 'running';
}

/** Told whenever the sound turns on or off. */
export function onSoundChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A new alert, and its reminders while nobody answers (the same two tones, quieter). */
export type Loudness = 'alert' | 'reminder';
export const PEAK_GAIN: Record<Loudness, number> = { alert: 0.35, reminder: 0.12 };

/** Two short rising tones, about half a second in all. */
export function chime(loudness: Loudness = 'alert'): void {
  const ctx = audio();
  if (!ctx) return;
  const start = ctx.currentTime + 0.02;
  [
    { at: 0, frequency: 740 },
    { at: 0.22, frequency: 988 },
  ].forEach(({ at, frequency }) => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + at);
    gain.gain.exponentialRampToValueAtTime(PEAK_GAIN[loudness], start + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.18);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start + at);
    oscillator.stop(start + at + 0.2);
  });
}

export type NotificationState = 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationState(): NotificationState {
  if (typeof Notification === 'undefined' || !window.isSecureContext) return 'unsupported';
  return Notification.permission;
}

/** Asks once, when the advisor presses a button (never on load). */
export async function askForNotifications(): Promise<NotificationState> {
  if (notificationState() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationState();
  }
}

/** Told when the browser's notification permission changes (in its own settings, say). */
export function onNotificationChange(listener: () => void): () => void {
  let status: PermissionStatus | undefined;
  let stopped = false;
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((found) => {
      if (stopped) return;
      status = found;
      status.onchange = listener;
    })
    .catch(() => undefined);
  window.addEventListener('focus', listener);
  return () => {
    stopped = true;
    if (status) status.onchange = null;
    window.removeEventListener('focus', listener);
  };
}

/** A system notification; an alert's stays until the advisor acts, and a click brings the console forward. */
export function notify(title: string, body: string, tag: string, lang: string, stay = true): void {
  if (notificationState() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag, lang, requireInteraction: stay });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // Some mobile browsers allow notifications only from a service worker: the sound and the screen still tell.
  }
}
