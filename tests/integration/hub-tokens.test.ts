/**
 * Who may talk to the hub: PCs by their device token (wrong, missing and
 * revoked ones get 401), advisors by a signed-in session (failed sign-ins
 * slow down per source rather than lock the account).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { ADVISOR, advisorSocket, kioskSocket, request, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

describe('device tokens', () => {
  it('refuses the PC WebSocket with a wrong, a missing or a revoked token (401)', async () => {
    const th = await startHub();
    const good = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const revoked = th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' });
    const advisor = await signIn(th);
    expect((await advisor.call('POST', '/api/pcs/pc-2/revoke', {})).status).toBe(200);

    const wrong = await kioskSocket(th, { authorization: `Bearer ${good.deviceToken.slice(0, -2)}xx` });
    expect(wrong).toMatchObject({ kind: 'rejected', status: 401 });
    const missing = await kioskSocket(th, {});
    expect(missing).toMatchObject({ kind: 'rejected', status: 401 });
    const notBearer = await kioskSocket(th, { authorization: good.deviceToken });
    expect(notBearer).toMatchObject({ kind: 'rejected', status: 401 });
    const gone = await kioskSocket(th, { authorization: `Bearer ${revoked.deviceToken}` });
    expect(gone).toMatchObject({ kind: 'rejected', status: 401 });
    // The right token opens it.
    const ok = await kioskSocket(th, { authorization: `Bearer ${good.deviceToken}` });
    expect(ok.kind).toBe('open');
  });

  it('refuses a PC WebSocket that carries an Origin (a browser page is never a PC): 403', async () => {
    const th = await startHub();
    const good = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const fromPage = await kioskSocket(th, { authorization: `Bearer ${good.deviceToken}`, origin: th.origin });
    expect(fromPage).toMatchObject({ kind: 'rejected', status: 403 });
  });

  it('cuts a connected PC off when it is revoked: "refused"/"revoked", the PC shows "revoked" and is gone from the board', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    // And a raw PC socket, to see the exact message and close code.
    const rawToken = th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' }).deviceToken;
    const raw = await kioskSocket(th, { authorization: `Bearer ${rawToken}` });
    if (raw.kind !== 'open') throw new Error('pc-2 could not connect');
    raw.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-2', clock: Date.now(), release: 'test' });
    await raw.next('welcome', (m) => m.type === 'welcome');

    const advisor = await signIn(th);
    expect((await advisor.call('POST', '/api/pcs/pc-1/revoke', {})).status).toBe(200);
    expect((await advisor.call('POST', '/api/pcs/pc-2/revoke', {})).status).toBe(200);

    const refused = await raw.next('refused', (m) => m.type === 'refused');
    expect(refused).toMatchObject({ type: 'refused', reason: 'revoked' });
    expect((await raw.closed).code).toBe(4403);

    await until('pc-1 shows "revoked"', () => pc.attachment.status().state === 'revoked');
    expect(pc.attachment.online).toBe(false);
    expect(pc.controller.snapshot().maintenance?.hub.state).toBe('revoked');
    expect(pc.controller.snapshot().help?.hubOnline).toBe(false);
    expect(th.hub.services.kiosks.isOnline('pc-1')).toBe(false);
    const board = await advisor.board();
    expect(board.pcs.map((p) => p.id)).not.toContain('pc-1');
    // Its old token no longer opens the socket.
    expect(await kioskSocket(th, { authorization: `Bearer ${pc.connection!.deviceToken}` })).toMatchObject({ kind: 'rejected', status: 401 });
    // Commands to it are refused.
    expect((await advisor.call('POST', '/api/pcs/pc-1/end', {})).status).toBe(404);
  });
});

describe('advisor sessions', () => {
  it('answers 401 to the advisor API without a session, with an unknown token and after signing out', async () => {
    const th = await startHub();
    expect((await request(th, 'GET', '/api/board')).status).toBe(401);
    const post = await request(th, 'POST', '/api/pairing-codes', { body: {}, headers: { origin: th.origin } });
    expect(post.status).toBe(401);
    expect(post.body).toMatchObject({ error: 'unauthorized' });
    expect((await request(th, 'GET', '/api/board', { headers: { authorization: 'Bearer nonsense-token' } })).status).toBe(401);
    expect((await request(th, 'GET', '/api/board', { headers: { cookie: 'tupa_session=nonsense' } })).status).toBe(401);

    const advisor = await signIn(th);
    expect((await advisor.call('GET', '/api/board')).status).toBe(200);
    expect((await advisor.call('DELETE', '/api/session', {})).status).toBe(200);
    expect((await advisor.call('GET', '/api/board')).status).toBe(401);
  });

  it('accepts the session cookie the sign-in sets, on the hub\'s own Origin', async () => {
    const th = await startHub();
    const signedIn = await request(th, 'POST', '/api/session', { body: ADVISOR });
    const cookie = String((signedIn.headers['set-cookie'] as string[])[0]).split(';')[0]!;
    expect(String((signedIn.headers['set-cookie'] as string[])[0])).toMatch(/HttpOnly/i);
    expect(String((signedIn.headers['set-cookie'] as string[])[0])).toMatch(/Secure/i);
    expect((await request(th, 'GET', '/api/board', { headers: { cookie } })).status).toBe(200);
    expect((await request(th, 'POST', '/api/pairing-codes', { body: {}, headers: { cookie, origin: th.origin } })).status).toBe(200);
    // A cookie alone, without the browser's Origin, does not change anything.
    expect((await request(th, 'POST', '/api/pairing-codes', { body: {}, headers: { cookie } })).status).toBe(403);
  });

  it('ends an advisor session after its 12 hours (401)', async () => {
    const time = new TestTime('manual', Date.now());
    try {
      const th = await startHub({ clock: time, scheduler: time });
      const advisor = await signIn(th);
      expect((await advisor.call('GET', '/api/board')).status).toBe(200);
      // The wall clock moves on (no timer needs to run for this).
      time.jumpWall(12 * 3_600_000 + 1_000);
      expect((await advisor.call('GET', '/api/board')).status).toBe(401);
    } finally {
      time.dispose();
    }
  });

  it('refuses the advisor event socket without a session (closes it 4401)', async () => {
    const th = await startHub();
    const anonymous = await advisorSocket(th, undefined);
    expect((await anonymous.closed).code).toBe(4401);
    const wrong = await advisorSocket(th, 'not-a-session');
    expect((await wrong.closed).code).toBe(4401);
  });

  it('judges a request with an Authorization header by it alone, not by a cookie as well', async () => {
    const th = await startHub();
    const page = await request(th, 'POST', '/api/session', { body: ADVISOR, headers: { origin: th.origin } });
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await request(th, 'GET', '/api/board', { headers: { cookie } })).status).toBe(200);
    expect((await request(th, 'GET', '/api/board', { headers: { cookie, authorization: 'Bearer a b' } })).status).toBe(401);
    expect((await request(th, 'GET', '/api/board', { headers: { cookie, authorization: 'Basic eDp5' } })).status).toBe(401);
  });

  it('gives a browser page only the HttpOnly cookie, never the token in a header it could read', async () => {
    const th = await startHub();
    const page = await request(th, 'POST', '/api/session', { body: ADVISOR, headers: { origin: th.origin } });
    expect(page.status).toBe(200);
    expect(page.headers['x-tupa-token']).toBeUndefined();
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/^tupa_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const program = await request(th, 'POST', '/api/session', { body: ADVISOR });
    expect(String(program.headers['x-tupa-token'])).toMatch(/^\S{20,}$/);
  });

  it('answers a wrong password or an unknown name with 401', async () => {
    const th = await startHub();
    const wrong = await request(th, 'POST', '/api/session', { body: { name: ADVISOR.name, password: 'väärä-salasana' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'wrong-credentials' });
    expect(wrong.headers['x-tupa-token']).toBeUndefined();
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const unknown = await request(th, 'POST', '/api/session', { body: { name: 'nobody', password: 'whatever-123' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: 'wrong-credentials' });
  });

  it('slows down repeated wrong passwords from one source (429, Retry-After) while another source signs in', async () => {
    const th = await startHub();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(th, 'POST', '/api/session', { body: { name: ADVISOR.name, password: `wrong-${i}-password` } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const slowed = await request(th, 'POST', '/api/session', { body: ADVISOR });
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ error: 'slow-down' });
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(slowed.headers['retry-after'])).toBeLessThanOrEqual(60);

    // The account is not locked: the right password from another address works at once.
    const elsewhere = await request(th, 'POST', '/api/session', { body: ADVISOR, localAddress: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toEqual({ name: ADVISOR.name, admin: true });

    // And from the first address once the wait is over.
    const wait = Number(slowed.headers['retry-after']);
    await new Promise((r) => setTimeout(r, wait * 1000 + 50));
    expect((await request(th, 'POST', '/api/session', { body: ADVISOR })).status).toBe(200);
  });

  it('closes the advisor\'s event socket when the session it was opened with ends', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    await desk.next('the board', (e) => e.type === 'board');
    expect((await advisor.call('DELETE', '/api/session', {})).status).toBe(200);
    expect((await advisor.call('GET', '/api/board')).status).toBe(401);

    // Something happens at the site after the sign-out.
    const token = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-1', clock: Date.now(), release: 'test' });
    pc.send({ type: 'help', callId: '3c2b1a09-0807-4605-8403-020100ffeedd', action: 'request', at: Date.now() });
    await pc.next('the call confirmed', (m) => m.type === 'help');
    await new Promise((r) => setTimeout(r, 200));
    expect(desk.events.filter((e) => e.type !== 'board')).toEqual([]);
    expect(desk.socket.readyState).toBe(desk.socket.CLOSED);
  });
});

describe('sign-ins sent all at once', () => {
  it('are checked one at a time per source: a burst of forty wrong passwords costs a few checks, not forty', async () => {
    const th = await startHub();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => request(th, 'POST', '/api/session', { body: { name: ADVISOR.name, password: `arvaus-${i}-salasana` } })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(36);
    expect(th.hub.store.auditLog(1000).filter((r) => r.action === 'sign-in failed').length).toBe(statuses.filter((s) => s === 401).length);
    for (const r of burst.filter((b) => b.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });
});
