/**
 * The site the soak runs against, every part a real process on loopback:
 * the headless site hub, room PCs paired with it (processes.ts), and the
 * city receiver (tests/support/city-process.ts) behind a proxy that can
 * hold its answers back (tests/integration/faulty-proxy.ts). The soak
 * kills the hub and the PCs; the receiver and the proxy stay up.
 */
import { join } from 'node:path';
import { systemClock } from '../../main/core/clock';
import { setAdvisorAccount } from '../../main/hub/accounts';
import { inspectHub } from '../../main/kiosk/pairing';
import { writeCityTarget } from '../../main/sync/city-sync';
import { faultyProxy } from '../integration/faulty-proxy';
import { startCityReceiver, type CityProcess } from '../support/city-process';
import { signInAdvisor, type HubClient } from '../support/hub-client';
import { SoakHub, SoakKiosk } from './processes';

export { SoakHub, SoakKiosk } from './processes';

export const SITE_ID = 'soak-site';
const ADVISOR = { name: 'soak-advisor', password: 'soak-password-2026' };
const COORDINATOR = { name: 'soak-coordinator', password: 'soak-password-2026' };

export type Proxy = Awaited<ReturnType<typeof faultyProxy>>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until `probe` says yes: it looks again after 20 ms, then less and less often (at most every 250 ms), so waiting costs the busy machine little. */
export async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs;
  let pause = 20;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(pause);
    pause = Math.min(250, Math.round(pause * 1.5));
  }
}

export interface SoakSite {
  root: string;
  hub: SoakHub;
  kiosks: SoakKiosk[];
  city: CityProcess;
  proxy: Proxy;
  /** The advisor's HTTPS client (its session is in the hub's database: it survives the hub's restarts). */
  advisor: HubClient;
  /** The soak's bookings not yet cancelled, per PC (cancelled before the PC is used again). */
  bookings: Map<string, string[]>;
  stop(): Promise<void>;
}

/**
 * Starts the city receiver and its proxy, the hub (with an advisor and the
 * city as its target, set in its database as the command line sets them)
 * and `pcs` PCs paired with it, the hub and the PCs from the build in `outDir`.
 */
export async function startSite(root: string, pcs: number, outDir: string): Promise<SoakSite> {
  const city = await startCityReceiver({ coordinator: COORDINATOR, sites: [{ id: SITE_ID, name: 'Soak site' }] });
  const proxy = await faultyProxy({ address: city.url.replace('//localhost:', '//127.0.0.1:'), caPem: city.caPem });
  const hub = await SoakHub.create(root, outDir);
  const kiosks = Array.from({ length: pcs }, (_, i) => new SoakKiosk(i + 1, join(root, `pc-${i + 1}`), outDir));
  const stop = async () => {
    for (const k of kiosks) await k.stop();
    await hub.stop();
    proxy.close();
    await city.stop();
  };
  try {
    await hub.start();
    await hub.withStore(async (store) => {
      await setAdvisorAccount(store, ADVISOR.name, ADVISOR.password, 'soak', systemClock.now(), true);
      writeCityTarget(store.db, { url: proxy.url, siteId: SITE_ID, token: city.tokens[SITE_ID]! });
    });
    const advisor = await signInAdvisor(`https://localhost:${hub.port}`, (await inspectHub(hub.address)).caPem, ADVISOR.name, ADVISOR.password);
    for (const k of kiosks) {
      await k.pair(hub, advisor);
      k.startInBackground();
    }
    for (const k of kiosks) await k.ready();
    return { root, hub, kiosks, city, proxy, advisor, bookings: new Map(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
