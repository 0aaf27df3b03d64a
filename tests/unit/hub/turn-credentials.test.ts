import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredentials, TURN_CREDENTIAL_SECONDS } from '../../../main/hub/turn-credentials';

describe('TURN credentials (coturn --use-auth-secret)', () => {
  it('are "<expiry>:<who>" and base64(HMAC-SHA1(secret, username)), short-lived', () => {
    const now = Date.UTC(2026, 11, 6, 8, 0, 0);
    const { username, credential } = turnCredentials('a-shared-secret-of-the-city', 'pc-1', now);
    expect(username).toBe(`${now / 1000 + TURN_CREDENTIAL_SECONDS}:pc-1`);
    expect(credential).toBe(createHmac('sha1', 'a-shared-secret-of-the-city').update(username).digest('base64'));
    // A known vector (python: base64.b64encode(hmac.new(b"secret", b"1700000000:pc-1", "sha1").digest())).
    expect(turnCredentials('secret', 'pc-1', (1_700_000_000 - 60) * 1000, 60)).toEqual({ username: '1700000000:pc-1', credential: 'N42GVXyIOTz4wrRAvTInELMnW5I=' });
  });

  it('differ per party and per secret, and name no one but a PC id or an advisor number', () => {
    const now = 1_000_000;
    expect(turnCredentials('s1-s1-s1-s1-s1-s1', 'pc-1', now).credential).not.toBe(turnCredentials('s1-s1-s1-s1-s1-s1', 'advisor-3', now).credential);
    expect(turnCredentials('s1-s1-s1-s1-s1-s1', 'pc-1', now).credential).not.toBe(turnCredentials('s2-s2-s2-s2-s2-s2', 'pc-1', now).credential);
    expect(() => turnCredentials('secret', 'Aino Virtanen', now)).toThrow();
    expect(() => turnCredentials('secret', 'x:y', now)).toThrow();
  });

  it('are handed out only when the policy names a TURN server and the hub has its secret', () => {
    expect(iceServersFor([], 'secret-secret-secret', 'pc-1', 0)).toEqual([]);
    expect(iceServersFor(['turn:turn.example.fi:3478'], undefined, 'pc-1', 0)).toEqual([]);
    const [server] = iceServersFor(['turn:turn.example.fi:3478'], 'secret-secret-secret', 'pc-1', 0);
    expect(server).toMatchObject({ urls: ['turn:turn.example.fi:3478'], username: `${TURN_CREDENTIAL_SECONDS}:pc-1` });
  });
});
