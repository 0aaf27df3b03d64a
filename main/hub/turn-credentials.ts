import { createHmac } from 'node:crypto';

/** How long TURN credentials the hub hands out stay good: a call rarely lasts longer; a new call gets new ones. */
export const TURN_CREDENTIAL_SECONDS = 2 * 3600;

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/**
 * Short-lived TURN credentials in coturn's shared-secret scheme
 * (--use-auth-secret / --static-auth-secret): the username is
 * `<expiry unix seconds>:<who>`, the password base64(HMAC-SHA1(secret, username)).
 * The secret stays at the hub; only these go to a PC or a console.
 */
export function turnCredentials(secret: string, who: string, now: number, ttlSeconds = TURN_CREDENTIAL_SECONDS): { username: string; credential: string } {
  if (!/^[a-z0-9-]{1,60}$/.test(who)) throw new Error('a TURN user is a PC id or "advisor-<number>"');
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${who}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE servers for one party of a call: the policy's TURN URLs with credentials for it (none named: direct only). */
export function iceServersFor(urls: readonly string[], secret: string | undefined, who: string, now: number): IceServer[] {
  if (urls.length === 0 || !secret) return [];
  return [{ urls: [...urls], ...turnCredentials(secret, who, now) }];
}
