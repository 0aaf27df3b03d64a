import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { KioskSnapshot, Locale } from '../../preload/contract';
import { ApiError, type KioskClient } from '../api/client';
import type { ConnectionState } from '../api/ws-bridge';

export type TextSize = 100 | 150 | 200;

export interface KioskContextValue {
  client: KioskClient;
  snapshot: KioskSnapshot;
  /** performance.now() when the snapshot arrived: times left count down from there. */
  receivedAt: number;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  textSize: TextSize;
  setTextSize: (size: TextSize) => void;
  /** Runs a call; a failure shows a short message instead of breaking the screen. */
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKioskContext(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKioskContext outside KioskContext');
  return value;
}

/** The latest snapshot from the core, kept in order by its revision. */
export function useSnapshot(client: KioskClient, connection: ConnectionState) {
  const [state, setState] = useState<{ snapshot: KioskSnapshot; receivedAt: number } | undefined>();
  const [mismatch, setMismatch] = useState(false);
  useEffect(() => {
    const accept = (snapshot: KioskSnapshot) => {
      if (performance.getEntriesByName('tupa:first-snapshot').length === 0) performance.mark('tupa:first-snapshot');
      setState((current) => (current && current.snapshot.rev > snapshot.rev ? current : { snapshot, receivedAt: performance.now() }));
    };
    const off = client.onSnapshot(accept);
    if (connection === 'open') {
      client.call('kiosk.getSnapshot', {}).then(accept, (error: unknown) => {
        if (error instanceof ApiError && error.code === 'version-mismatch') setMismatch(true);
      });
    }
    return off;
  }, [client, connection]);
  return { current: state, mismatch };
}

/**
 * The core's clock as the screen can read it between snapshots: the
 * snapshot's time plus how long ago it arrived (so a pause or a lock that
 * ends at a core time counts down right, however old the snapshot is).
 */
export function useCoreNow(): () => number {
  const { snapshot, receivedAt } = useKioskContext();
  return () => snapshot.now + (performance.now() - receivedAt);
}

/** A value that changes every `intervalMs`, to redraw countdowns. */
export function useTicker(intervalMs: number): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const id = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A tiny external store for the connection state, fed by the bridge. */
export function createConnectionStore(initial: ConnectionState) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    set(next: ConnectionState) {
      state = next;
      for (const l of listeners) l();
    },
    use(): ConnectionState {
      return useSyncExternalStore(
        (l) => {
          listeners.add(l);
          return () => listeners.delete(l);
        },
        () => state,
      );
    },
  };
}
