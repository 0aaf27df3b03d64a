import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { hashPassword, newPairingCode, tokenHash } from './auth';
import { fingerprint } from './tls';

export const PAIRING_CODE_MINUTES = 10;
export const MIN_ADVISOR_PASSWORD = 10;
const ADVISOR_NAME = /^[\p{L}\p{N}._-]{1,40}$/u;

/**
 * Adds an advisor's account, or sets a new password for an existing one
 * (and enables it again). The same rules for the console, the command line
 * and the preview. `admin` makes the account an administrator (true) or an
 * advisor (false); left out, a new account is an advisor and an existing one
 * keeps its role.
 */
export async function setAdvisorAccount(store: HubStore, name: string, password: string, actor: string, now: number, admin?: boolean): Promise<'added' | 'updated'> {
  if (!ADVISOR_NAME.test(name)) throw new HubError(400, 'invalid-name', 'an advisor\'s name is 1 to 40 letters, digits, dots, dashes or underscores', 'name');
  if (password.length < MIN_ADVISOR_PASSWORD) {
    throw new HubError(400, 'weak-password', `an advisor's password must be at least ${MIN_ADVISOR_PASSWORD} characters`, 'password');
  }
  const existed = store.advisorExists(name);
  const wasAdmin = store.advisorIsAdmin(name);
  store.addAdvisor(name, await hashPassword(password), now, admin);
  // A new password (a leaked one reset) ends every session signed in with the old one.
  if (existed) store.endAdvisorSessions(name);
  store.audit(now, actor, existed ? 'advisor password set' : 'advisor added', name);
  const isAdmin = store.advisorIsAdmin(name);
  if (isAdmin !== (wasAdmin ?? false) || (!existed && isAdmin)) store.audit(now, actor, isAdmin ? 'advisor made administrator' : 'advisor made advisor (not administrator)', name);
  return existed ? 'updated' : 'added';
}

/** Disables an advisor's account and signs them out everywhere. */
export function disableAdvisorAccount(store: HubStore, name: string, actor: string, now: number): void {
  if (!store.disableAdvisor(name, now)) throw new HubError(404, 'unknown-advisor', `there is no active advisor called "${name}"`, 'name');
  store.audit(now, actor, 'advisor disabled', name);
}

/** A one-time code (valid for ten minutes) that lets one more PC pair with the site. */
export function createPairingCode(store: HubStore, actor: string, now: number): { code: string; expiresAt: number; caFingerprint: string } {
  const code = newPairingCode();
  const expiresAt = now + PAIRING_CODE_MINUTES * 60_000;
  store.addPairingCode(tokenHash(code), now, expiresAt, actor);
  store.audit(now, actor, 'pairing code created');
  return { code, expiresAt, caFingerprint: fingerprint(store.site()!.caCert) };
}
