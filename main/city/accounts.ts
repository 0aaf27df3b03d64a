import { SiteId } from '../../preload/city-contract';
import type { Clock } from '../core/clock';
import type { Logger } from '../log/logger';
import { Busy, hashPassword, Limiter, newToken, SlowDown, sourceKey, tokenHash, verifyPassword } from '../hub/auth';
import { COORDINATOR_NAME, type CityStore } from './store';
import { CityRefusal } from './validation';

export const MIN_COORDINATOR_PASSWORD = 10;
export const SESSION_HOURS = 12;
const SITE_NAME = /^[^\p{Cc}]{1,100}$/u;

// Sites and coordinators: the same rules for the command line, the tests and the preview.

/** Registers a site; its token is returned once and kept only as a hash. */
export async function addSite(store: CityStore, id: string | undefined, name: string | undefined, actor: string, now: number): Promise<string> {
  const siteId = checkSiteId(id, 'site add ID "NAME"');
  if (name === undefined || !SITE_NAME.test(name.trim())) throw new CityRefusal(400, 'invalid-name', 'a site\'s name is 1 to 100 characters: site add ID "NAME"', 'name');
  const token = newToken();
  if (!(await store.addSite(siteId, name.trim(), tokenHash(token), now))) {
    throw new CityRefusal(409, 'exists', `there is already a site "${siteId}"; for a new token: site token ${siteId}`, 'id');
  }
  await store.audit({ at: now, actor, action: 'site added', subject: siteId });
  return token;
}

/** A new token for a site: the old one stops working at once. */
export async function newSiteToken(store: CityStore, id: string | undefined, actor: string, now: number): Promise<string> {
  const siteId = checkSiteId(id, 'site token ID');
  const token = newToken();
  if (!(await store.setSiteToken(siteId, tokenHash(token)))) throw new CityRefusal(404, 'unknown-site', `there is no site "${siteId}" (see: site list)`, 'id');
  await store.audit({ at: now, actor, action: 'site token replaced', subject: siteId });
  return token;
}

function checkSiteId(id: string | undefined, usage: string): string {
  if (id === undefined) throw new CityRefusal(400, 'missing-argument', `give the site's id: ${usage}`, 'id');
  const parsed = SiteId.safeParse(id);
  if (!parsed.success) throw new CityRefusal(400, 'invalid-id', `"${id}": ${parsed.error.issues[0]!.message}`, 'id');
  return parsed.data;
}

/** Adds a coordinator, or sets a new password (which enables the account again and ends its sessions). */
export async function setCoordinator(store: CityStore, name: string | undefined, password: string, actor: string, now: number): Promise<'added' | 'updated'> {
  if (name === undefined || !COORDINATOR_NAME.test(name)) throw new CityRefusal(400, 'invalid-name', 'a coordinator\'s name is 1 to 40 letters, digits, dots, dashes or underscores', 'name');
  if (password.length < MIN_COORDINATOR_PASSWORD) {
    throw new CityRefusal(400, 'weak-password', `a coordinator's password must be at least ${MIN_COORDINATOR_PASSWORD} characters`, 'password');
  }
  const outcome = await store.setCoordinator(name, await hashPassword(password), now);
  await store.audit({ at: now, actor, action: outcome === 'added' ? 'coordinator added' : 'coordinator password set', subject: name });
  return outcome;
}

export async function disableCoordinator(store: CityStore, name: string | undefined, actor: string, now: number): Promise<void> {
  if (name === undefined) throw new CityRefusal(400, 'missing-argument', 'give the coordinator\'s name: coordinator disable NAME', 'name');
  if (!(await store.disableCoordinator(name, now))) throw new CityRefusal(404, 'unknown-coordinator', `there is no active coordinator called "${name}"`, 'name');
  await store.audit({ at: now, actor, action: 'coordinator disabled', subject: name });
}

/**
 * Coordinators' sign-in: scrypt (a few at once, on Node's thread pool),
 * and failures slowed down per source rather than locking the account.
 */
export class SignIns {
  private readonly slowDown = new SlowDown({ freeAttempts: 3 });
  private readonly checks = new Limiter(2, 20);

  constructor(private readonly deps: { store: CityStore; clock: Clock; logger: Logger }) {}

  /** A new session's token for a right name and password; a CityRefusal (401, 429, 503) otherwise. */
  async signIn(name: string, password: string, ip: string): Promise<{ token: string; name: string; expiresAt: number }> {
    const { store, clock } = this.deps;
    const source = sourceKey(ip);
    const wait = this.slowDown.waitFor(source, clock.now());
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new CityRefusal(429, 'slow-down', `Too many failed sign-ins from here; try again in ${seconds} s.`, undefined, seconds);
    }
    if (!this.slowDown.begin(source)) throw new CityRefusal(429, 'slow-down', 'A sign-in from here is being checked; try again in a moment.', undefined, 1);
    let coordinator: Awaited<ReturnType<CityStore['coordinatorByName']>>;
    let ok: boolean;
    try {
      coordinator = await store.coordinatorByName(name);
      // Without an account, hash anyway: the answer takes as long either way.
      ok = await this.checks.run(async () => (coordinator ? verifyPassword(coordinator.passwordHash, password) : (await hashPassword(password), false)));
    } catch (error) {
      if (error instanceof Busy) throw new CityRefusal(503, 'busy', 'The receiver is busy; try again in a few seconds.', undefined, 5);
      throw error;
    } finally {
      this.slowDown.end(source);
    }
    const now = clock.now();
    if (!ok || !coordinator) {
      this.slowDown.failed(source, now);
      await store.audit({ at: now, actor: 'system', action: 'sign-in failed', details: { source } });
      this.deps.logger.info('coordinator sign-in failed', { source });
      throw new CityRefusal(401, 'wrong-credentials', 'The name or the password is wrong.');
    }
    this.slowDown.succeeded(source);
    const token = newToken();
    const expiresAt = now + SESSION_HOURS * 3_600_000;
    await store.createSession(tokenHash(token), coordinator.id, now, expiresAt);
    await store.audit({ at: now, actor: `coordinator:${coordinator.name}`, action: 'signed in' });
    return { token, name: coordinator.name, expiresAt };
  }
}
