import type { Session } from 'electron';
import type { ProbeCounts } from '../core/wipe-plan';

/** The probe is served for every origin the session visited, at this path. */
export const PROBE_PATH = '/__tupa_probe__';
const PROBE_PAGE = '<!doctype html><meta charset="utf-8"><title>Tupa probe</title>';

/**
 * Runs in the probe page and counts what the origin still holds. A count
 * that cannot be read is -1, which fails the receipt: better out of service
 * than unsure.
 */
export const PROBE_SCRIPT = `(async () => {
  const count = async (read) => { try { return await read(); } catch { return -1; } };
  return {
    localStorage: await count(() => localStorage.length),
    sessionStorage: await count(() => sessionStorage.length),
    indexedDB: await count(async () => (await indexedDB.databases()).length),
    cacheStorage: await count(async () => (typeof caches === 'undefined' ? 0 : (await caches.keys()).length)),
    serviceWorkers: await count(async () => (navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0)),
    cookies: await count(() => (document.cookie ? document.cookie.split(';').length : 0)),
  };
})()`;

export interface ProbeContents {
  loadURL(url: string): Promise<void>;
  executeJavaScript(code: string): Promise<unknown>;
  close(): void;
}

export type ProbeSession = Pick<Session, 'cookies' | 'serviceWorkers' | 'protocol'>;

export interface ProbeDeps {
  /** The wiped partition, and a fresh one (nothing may have leaked into new partitions either). */
  partitions: ProbeSession[];
  /** The origins the session visited: storage is per origin, so each is probed. */
  origins: readonly string[];
  /** A hidden page in the given partition (a WebContentsView never attached to the window). */
  openContents: (session: ProbeSession) => ProbeContents;
}

/** A probe page that does not answer in time fails the wipe (out of service) rather than hanging it. */
export const PROBE_STEP_TIMEOUT_MS = 15_000;

function inTime<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the probe page did not ${what} within ${PROBE_STEP_TIMEOUT_MS / 1000} s`)), PROBE_STEP_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const KEYS = ['cookies', 'localStorage', 'sessionStorage', 'indexedDB', 'cacheStorage', 'serviceWorkers'] as const;

function readCounts(value: unknown): ProbeCounts {
  const record = (value ?? {}) as Record<string, unknown>;
  const out = {} as ProbeCounts;
  for (const key of KEYS) {
    const n = record[key];
    out[key] = typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : -1;
  }
  return out;
}

/**
 * Counts cookies, storage items, databases, cache entries and service
 * workers left in the partitions. For each visited origin the probe page is
 * served by the partition's own protocol handler (no network is touched) so
 * the page runs in that origin and sees what it kept.
 */
export async function runProbe(deps: ProbeDeps): Promise<ProbeCounts> {
  const total: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };
  const add = (counts: ProbeCounts) => {
    for (const key of KEYS) total[key] = total[key] < 0 || counts[key] < 0 ? -1 : total[key] + counts[key];
  };
  for (const ses of deps.partitions) {
    const stored = (await ses.cookies.get({})).length;
    const running = Object.keys(ses.serviceWorkers.getAllRunning()).length;
    const pages: ProbeCounts = { cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 };
    if (deps.origins.length > 0) {
      const serve = () => new Response(PROBE_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
      let contents: ProbeContents | undefined;
      try {
        // Inside the try: whatever fails, http and https are given back below.
        ses.protocol.handle('https', serve);
        ses.protocol.handle('http', serve);
        contents = deps.openContents(ses);
        for (const origin of deps.origins) {
          await inTime(contents.loadURL(`${origin}${PROBE_PATH}`), 'load');
          const counts = readCounts(await inTime(contents.executeJavaScript(PROBE_SCRIPT), 'answer'));
          for (const key of KEYS) pages[key] = pages[key] < 0 || counts[key] < 0 ? -1 : pages[key] + counts[key];
        }
      } finally {
        contents?.close();
        for (const scheme of ['https', 'http']) {
          if (ses.protocol.isProtocolHandled(scheme)) ses.protocol.unhandle(scheme);
        }
      }
    }
    // Partitioned cookies may escape the cookie API (#46428): take the larger count.
    add({ ...pages, cookies: pages.cookies < 0 ? -1 : Math.max(stored, pages.cookies), serviceWorkers: pages.serviceWorkers < 0 ? -1 : pages.serviceWorkers + running });
  }
  return total;
}
