import { useSyncExternalStore } from 'react';
import type { AdvisorEvent, RouteResponse } from '../../../preload/hub-contract';

export type RemoteJoin = RouteResponse<'remoteAccept'>;
export type RemoteEvent = Extract<AdvisorEvent, { type: 'remote' }>;

/**
 * The remote help call this console accepted (one at a time), and the
 * hub's remote events for it: the help queue's "Accept" starts it, the
 * remote-help view shows it, the live board hands its events over.
 */
let current: RemoteJoin | undefined;
const watchers = new Set<() => void>();
const listeners = new Set<(event: RemoteEvent) => void>();

export function startRemote(join: RemoteJoin): void {
  current = join;
  for (const watch of watchers) watch();
}

export function closeRemote(): void {
  current = undefined;
  for (const watch of watchers) watch();
}

export function useRemoteJoin(): RemoteJoin | undefined {
  return useSyncExternalStore(
    (watch) => {
      watchers.add(watch);
      return () => watchers.delete(watch);
    },
    () => current,
  );
}

/** An event of the hub's for this console's remote call (from the live board's socket). */
export function remoteEvent(event: RemoteEvent): void {
  for (const listener of listeners) listener(event);
}

export function onRemoteEvent(listener: (event: RemoteEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
