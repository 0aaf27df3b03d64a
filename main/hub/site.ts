import { randomBytes } from 'node:crypto';
import { networkInterfaces, hostname } from 'node:os';
import type { SitePolicy } from '../../preload/hub-contract';
import type { HubStore, SiteRow } from './hub-store';
import { caPermits, createSiteCa, issueServerCertificate, needsRenewal } from './tls';
import { sealOldCodes } from './booking-codes';

/** Every name and address the hub can be reached under on this machine, plus the configured ones. */
export function certificateNames(configured: readonly string[]): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => !!i)
    .map((i) => i.address);
  return [...new Set(['localhost', hostname().toLowerCase(), ...configured, ...addresses, '127.0.0.1', '::1'])];
}

/**
 * The site, made at the hub's first start: a certificate authority, a
 * server certificate it signs, the key booking codes are hashed with, and
 * the initial policy. On later starts the server certificate is renewed
 * when it nears its end or lacks a name, and the codes of bookings made
 * before each PC had a key of its own are sealed (once).
 */
export async function ensureSite(
  store: HubStore,
  options: { name: string; timeZone: string; names: readonly string[]; policy: SitePolicy; now: number },
): Promise<{ site: SiteRow; created: boolean; renewed: boolean; refused: string[] }> {
  const existing = store.site();
  if (!existing) {
    const ca = await createSiteCa(options.name, options.now, options.names);
    const { permitted, refused } = split(ca.certPem, options.names);
    const server = await issueServerCertificate(ca, permitted, options.now);
    const site: SiteRow = {
      name: options.name,
      timeZone: options.timeZone,
      caCert: ca.certPem,
      caKey: ca.keyPem,
      serverCert: server.certPem,
      serverKey: server.keyPem,
      codeKey: randomBytes(32),
      policy: options.policy,
    };
    store.createSite(site, options.now);
    store.audit(options.now, 'system', 'site created', options.name);
    return { site, created: true, renewed: false, refused };
  }
  const rekeyed = sealOldCodes(store, options.now);
  if (rekeyed.sealed + rekeyed.notFound > 0) store.audit(options.now, 'system', 'booking codes sealed for per-PC keys', undefined, rekeyed);
  const { permitted, refused } = split(existing.caCert, options.names);
  if (needsRenewal(existing.serverCert, permitted, options.now)) {
    const server = await issueServerCertificate({ certPem: existing.caCert, keyPem: existing.caKey }, permitted, options.now);
    store.updateSite({ serverCert: server.certPem, serverKey: server.keyPem });
    store.audit(options.now, 'system', 'server certificate renewed');
    return { site: store.site()!, created: false, renewed: true, refused };
  }
  return { site: existing, created: false, renewed: false, refused };
}

/** The names the site CA may sign for, and the ones it may not (a public address of the machine, a name added later outside the site's). */
function split(caPem: string, names: readonly string[]): { permitted: string[]; refused: string[] } {
  const permitted: string[] = [];
  const refused: string[] = [];
  for (const name of names) (caPermits(caPem, name) ? permitted : refused).push(name);
  return { permitted, refused };
}
