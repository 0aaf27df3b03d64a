import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { ConfigError, validateText } from '../config/load';
import { sitePolicySchema } from '../config/policy';
import { recordPolicyVersion } from '../hub/policy-versions';
import type { SitePolicy } from '../../preload/hub-contract';
import { dirname, join } from 'node:path';
import { formatSiteDateTime } from '../core/site-time';
import { createPairingCode, disableAdvisorAccount, setAdvisorAccount } from '../hub/accounts';
import { HUB_MIGRATIONS } from '../hub/migrations';
import { HubStore } from '../hub/hub-store';
import { runningHub } from '../hub/pid-file';
import { fingerprint } from '../hub/tls';
import { CommandError } from './bookings';
import { withHub } from './hub-bookings';
import { citySyncStatus, readCityTarget, resendAll, writeCityTarget, type CitySyncStatus } from '../sync/city-sync';
import { SiteId } from '../../preload/city-contract';

// The site hub's upkeep from the command line on the hub's machine: its
// advisors, pairing codes for new PCs, its state, backups and restores.

export interface HubStatus {
  site: string;
  timeZone: string;
  caFingerprint: string;
  running: boolean;
  pcs: Array<{ id: string; name: string; room: string; state: 'paired' | 'revoked' | 'not paired'; lastSeen: string | null }>;
  advisors: Array<{ name: string; disabled: boolean; admin: boolean }>;
  pendingWebhooks: number;
  city: CitySyncStatus;
}

export function hubStatus(file: string, now: number): HubStatus {
  return withHub(file, (_bookings, store) => {
    const site = store.site()!;
    return {
      site: site.name,
      timeZone: site.timeZone,
      caFingerprint: fingerprint(site.caCert),
      running: runningHub(dirname(file)) !== undefined,
      pcs: store.pcs().map((pc) => ({
        id: pc.id,
        name: pc.name,
        room: pc.room,
        state: pc.revoked ? 'revoked' : pc.paired ? 'paired' : 'not paired',
        lastSeen: pc.lastSeen === undefined ? null : formatSiteDateTime(pc.lastSeen, site.timeZone),
      })),
      advisors: store.advisors(),
      pendingWebhooks: store.pendingWebhooks(),
      city: citySyncStatus(store.db, now),
    };
  });
}

export async function setAdvisor(file: string, name: string | undefined, password: string, now: number, admin?: boolean): Promise<'added' | 'updated'> {
  if (!name) throw new CommandError('missing-argument', 'give the advisor\'s sign-in name: hub advisor set NAME', 'name');
  return withHub(file, (_bookings, store) => setAdvisorAccount(store, name, password, 'cli', now, admin));
}

export function disableAdvisor(file: string, name: string | undefined, now: number): void {
  if (!name) throw new CommandError('missing-argument', 'give the advisor\'s sign-in name: hub advisor disable NAME', 'name');
  withHub(file, (_bookings, store) => disableAdvisorAccount(store, name, 'cli', now));
}

export function pairingCode(file: string, now: number): { code: string; expiresAt: string; caFingerprint: string } {
  return withHub(file, (_bookings, store) => {
    const made = createPairingCode(store, 'cli', now);
    return { ...made, expiresAt: formatSiteDateTime(made.expiresAt, store.site()!.timeZone) };
  });
}

/** The site's policy as the hub holds it (edit it and give it back with "hub policy set"). */
export function showPolicy(file: string): SitePolicy {
  return withHub(file, (_bookings, store) => store.site()!.policy);
}

/**
 * Replaces the site's policy from a JSON file, checked as strictly as a
 * PC's configuration; a running hub pushes it to every PC within a second.
 */
export function setPolicy(file: string, policyFile: string | undefined, now: number): SitePolicy {
  if (!policyFile) throw new CommandError('missing-argument', 'give the policy file: hub policy set FILE (start from "hub policy show")', 'file');
  let text: string;
  try {
    text = readFileSync(policyFile, 'utf8');
  } catch (error) {
    throw new ConfigError([{ file: policyFile, field: '(file)', reason: `cannot be read: ${(error as Error).message}` }], 'The policy file', 'nothing was changed');
  }
  const policy = validateText(sitePolicySchema, text, policyFile, 'The policy file', 'nothing was changed');
  return withHub(file, (_bookings, store) => {
    recordPolicyVersion(store, policy, 'cli', now);
    return policy;
  });
}

/** The site CA's certificate (public): advisors' devices trust it to open the console without a warning. */
export function siteCa(file: string): { certificate: string; fingerprint: string } {
  return withHub(file, (_bookings, store) => {
    const ca = store.site()!.caCert;
    return { certificate: ca.endsWith('\n') ? ca : `${ca}\n`, fingerprint: fingerprint(ca) };
  });
}

/**
 * A consistent copy of the hub's database (VACUUM INTO), safe while the hub
 * runs. It holds the site's CA key and code key: keep it as safe as the hub.
 */
export function backupHub(file: string, target: string | undefined): { file: string; bytes: number } {
  if (!target) throw new CommandError('missing-argument', 'give the backup file to write: hub backup FILE', 'file');
  if (existsSync(target)) throw new CommandError('exists', `${target} already exists; give a new file name`, 'file');
  // Readable by its owner only: it holds the site CA's key. SQLite fills the empty file.
  closeSync(openSync(target, 'wx', 0o600));
  try {
    withHub(file, (_bookings, store) => store.db.prepare('VACUUM INTO ?').run(target));
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
  return { file: target, bytes: statSync(target).size };
}

/**
 * Puts a backup in place of the hub's database. The hub must be stopped;
 * the database it replaces is kept next to it.
 */
export function restoreHub(hubDir: string, source: string | undefined, now: number): { restored: string; previous: string | null; site: string } {
  if (!source) throw new CommandError('missing-argument', 'give the backup file to restore: hub restore FILE', 'file');
  if (!existsSync(source)) throw new CommandError('not-found', `${source} does not exist`, 'file');
  const pid = runningHub(hubDir);
  if (pid !== undefined) throw new CommandError('hub-running', `the hub is running (process ${pid}); stop it (or the kiosk it is embedded in) first`);
  const site = checkBackup(source);
  const file = join(hubDir, 'hub.sqlite');
  let previous: string | null = null;
  if (existsSync(file)) {
    previous = `${file}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    closeSync(openSync(previous, 'wx', 0o600));
    const current = new Database(file);
    try {
      current.prepare('VACUUM INTO ?').run(previous);
    } finally {
      current.close();
    }
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(source, file);
  chmodSync(file, 0o600);
  const store = new HubStore(file);
  try {
    store.audit(now, 'cli', 'restored from backup');
  } finally {
    store.close();
  }
  return { restored: file, previous, site };
}

/** A backup is a sound hub database from this release or an older one; returns its site's name. */
function checkBackup(source: string): string {
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CommandError('invalid-backup', `${source} is not a database: ${(error as Error).message}`, 'file');
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new CommandError('invalid-backup', `${source} is damaged: ${String(check)}`, 'file');
    const version = db.pragma('user_version', { simple: true }) as number;
    const newest = Math.max(...HUB_MIGRATIONS.map((m) => m.version));
    if (version > newest) throw new CommandError('invalid-backup', `${source} comes from a newer Tupa (database version ${version}, this one knows ${newest})`, 'file');
    const site = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'site'").get()
      ? (db.prepare('SELECT name FROM site WHERE id = 1').get() as { name: string } | undefined)
      : undefined;
    if (!site) throw new CommandError('invalid-backup', `${source} is not a Tupa hub backup (it holds no site)`, 'file');
    return site.name;
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError('invalid-backup', `${source} is not a database: ${(error as Error).message}`, 'file');
  } finally {
    db.close();
  }
}

/**
 * Sets where the site's figures go: the city receiver's address, this
 * site's id there, its token (typed, never an argument) and, for a receiver
 * with its own CA, that CA's certificate. A running hub sends within minutes.
 */
export function setCityTarget(file: string, url: string | undefined, site: string | undefined, token: string, caFile: string | undefined, now: number): CitySyncStatus {
  if (!url) throw new CommandError('missing-argument', 'give the receiver\'s address: hub city set URL SITE', 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CommandError('invalid-url', `"${url}" is not an address; e.g. https://tupa.example.fi`, 'url');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new CommandError('invalid-url', 'the receiver\'s address must be https:// (the token must not travel in the clear)', 'url');
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new CommandError('invalid-url', 'give the receiver\'s address alone, without a user name, query or #fragment', 'url');
  }
  const siteId = SiteId.safeParse(site);
  if (!siteId.success) throw new CommandError('invalid-site', `site: ${siteId.error.issues[0]!.message} (as the city gave it)`, 'site');
  const cleanToken = token.trim();
  if (cleanToken.length < 20) throw new CommandError('invalid-token', 'the token is the long one the city\'s IT gave for this site (20 characters or more)', 'token');
  let caPem: string | undefined;
  if (caFile) {
    try {
      caPem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw new CommandError('unreadable-file', `${caFile}: ${(error as Error).message}`, 'ca');
    }
    if (!caPem.includes('-----BEGIN CERTIFICATE-----')) throw new CommandError('invalid-ca', `${caFile}: not a PEM certificate`, 'ca');
  }
  return withHub(file, (_bookings, store) => {
    writeCityTarget(store.db, { url: parsed.origin + parsed.pathname.replace(/\/+$/, ''), siteId: siteId.data, token: cleanToken, caPem });
    store.audit(now, 'cli', 'city sync set', siteId.data, { url: parsed.origin });
    return citySyncStatus(store.db, now);
  });
}

export function cityStatus(file: string, now: number): CitySyncStatus {
  return withHub(file, (_bookings, store) => citySyncStatus(store.db, now));
}

export function cityOff(file: string, now: number): void {
  withHub(file, (_bookings, store) => {
    if (!readCityTarget(store.db)) throw new CommandError('not-set', 'the figures are not sent anywhere yet', 'city');
    writeCityTarget(store.db, undefined);
    store.audit(now, 'cli', 'city sync off');
  });
}

/** Every record is sent again (the receiver lost its data, or the site moved to a new one); returns how many. */
export function cityResend(file: string, now: number): number {
  return withHub(file, (_bookings, store) => {
    const n = resendAll(store.db, now);
    store.audit(now, 'cli', 'city sync resend', undefined, { records: n });
    return n;
  });
}
