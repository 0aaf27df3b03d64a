import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Session } from 'electron';
import type { ProbeCounts, WipeExecutor } from '../core/wipe-plan';

/** Every storage type clearStorageData knows (Electron 45). */
export const ALL_STORAGES = ['cookies', 'filesystem', 'indexdb', 'localstorage', 'shadercache', 'serviceworkers', 'cachestorage'] as const;

export type WipeSession = Pick<
  Session,
  'clearData' | 'clearStorageData' | 'clearCache' | 'clearAuthCache' | 'clearHostResolverCache' | 'clearCodeCaches' | 'closeAllConnections'
>;

export interface WipeTargets {
  /** The session's open view, if this process still has it. */
  view: (sessionId: string) => { close(): void | Promise<void> } | undefined;
  /** The session's partition (the same in-memory session while this process runs). */
  session: (sessionId: string) => WipeSession;
  /** The session's own folder (downloads); deleted whole. */
  sessionDir: (sessionId: string) => string;
  clipboard: { clear(): void; readonly selection?: { clear(): void } | undefined };
  probe: (sessionId: string) => Promise<ProbeCounts>;
}

/**
 * The wipe plan's steps carried out against Electron. Each step does one
 * thing and throws if it cannot; the plan runner records each outcome in
 * the reset receipt.
 */
export function createWipeExecutor(targets: WipeTargets): WipeExecutor {
  return async (step, sessionId) => {
    const ses = () => targets.session(sessionId);
    switch (step) {
      case 'close-view': {
        const view = targets.view(sessionId);
        if (!view) return { detail: 'no view open in this process' };
        await view.close();
        return { detail: 'view closed' };
      }
      case 'clear-data':
        await ses().clearData();
        return { detail: 'every data type' };
      case 'clear-storage-data':
        await ses().clearStorageData({ storages: [...ALL_STORAGES] });
        return { detail: ALL_STORAGES.join(', ') };
      case 'clear-cache':
        await ses().clearCache();
        return {};
      case 'clear-auth-cache':
        await ses().clearAuthCache();
        return {};
      case 'clear-host-resolver-cache':
        await ses().clearHostResolverCache();
        return {};
      case 'clear-code-caches':
        await ses().clearCodeCaches({ urls: [] });
        return {};
      case 'close-connections':
        await ses().closeAllConnections();
        return {};
      case 'delete-downloads': {
        const dir = targets.sessionDir(sessionId);
        const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).length : 0;
        await rm(dir, { recursive: true, force: true });
        if (existsSync(dir)) throw new Error('the session folder is still there after deleting it');
        return { detail: `${files} item(s) deleted` };
      }
      case 'clear-clipboard': {
        targets.clipboard.clear();
        const selection = targets.clipboard.selection;
        selection?.clear();
        return { detail: selection ? 'clipboard and primary selection cleared' : 'clipboard cleared' };
      }
      case 'probe': {
        const counts = await targets.probe(sessionId);
        return { counts, detail: 'wiped and fresh partitions probed' };
      }
    }
  };
}
