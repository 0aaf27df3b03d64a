import type { RecordingShell } from '../kiosk/recording-shell';
import type { Logger } from '../log/logger';

/**
 * The preview's kiosk has no app of its own to restart: an administrator's
 * "Restart app" from the console (issue 15) is recorded by its shell and
 * said on the preview's console, where a room PC would close and start again.
 */
export function announceRestarts(shell: RecordingShell, name: string, logger: Logger): void {
  shell.onRestart = () => {
    logger.info('restart asked from the console (the preview records it)', { pc: name });
    console.log(`${name}: the app would restart now (a room PC closes and starts again; the preview only records it)`);
  };
}
