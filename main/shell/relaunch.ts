import type { Phase } from '../core/session-machine';

/**
 * Electron never frees a session's memory (#6674), so after a number of
 * sessions the app starts itself afresh, at the moment nobody is using it:
 * right after the welcome screen returns.
 */
export function relaunchWhenIdle(
  controller: { onPhase(listener: (phase: Phase, at: number) => void): () => void },
  afterSessions: number,
  relaunch: () => void,
): () => void {
  if (afterSessions <= 0) return () => undefined;
  let wiped = 0;
  return controller.onPhase((phase) => {
    if (phase === 'wiping') wiped++;
    if (phase === 'welcome' && wiped >= afterSessions) relaunch();
  });
}
