/**
 * How a new help call reaches the advisor besides the screen: a short beep
 * made with the Web Audio API (no audio files) and a system notification
 * when the advisor has allowed them. Browsers start sound only after the
 * page has been used once, so every tap or key press unlocks it.
 */
let context: AudioContext | undefined;

export function unlockSound(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
  } catch {
    context = undefined;
  }
}

/** True when a beep can be heard now (the page has been used since it loaded). */
export function soundReady(): boolean {
  return context?.state === 'running';
}

/** Two short rising tones, about half a second in all. */
export function beep(): void {
  unlockSound();
  const ctx = context;
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
    gain.gain.exponentialRampToValueAtTime(0.35, start + at + 0.02);
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

/** Asks once, when the advisor presses the button (never on load). */
export async function askForNotifications(): Promise<NotificationState> {
  if (notificationState() === 'unsupported') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationState();
  }
}

/** A system notification that stays until the advisor acts; a click brings the console forward. */
export function notify(title: string, body: string, tag: string, lang: string): void {
  if (notificationState() !== 'granted') return;
  try {
    const notification = new Notification(title, { body, tag, lang, requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
  } catch {
    // Some mobile browsers allow notifications only from a service worker: the sound and the screen still tell.
  }
}
