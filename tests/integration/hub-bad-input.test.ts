/**
 * What the hub refuses at its edge: malformed, unknown, oversized and
 * too-frequent requests (400, 413, 429), a browser request from another
 * Origin (403), and a PC or a hub of another protocol version.
 */
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskToHub, USAGE_BATCH, HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import type { createHub } from '../../main/hub/compose';
import { pairWithHub } from '../../main/kiosk/pairing';
import { advisorSocket, iso, kioskSocket, request, signIn, startHub, startPc, stopAll, until } from './hub-support';

afterEach(stopAll);

describe('request bodies', () => {
  it('answers malformed JSON with 400', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const answer = await request(th, 'POST', '/api/bookings', { raw: '{"pcId": "pc-1", "start": ', headers: { authorization: `Bearer ${advisor.token}` } });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    // The pairing endpoint, open to anyone on the network, likewise.
    expect((await request(th, 'POST', '/api/pair', { raw: '{{{' })).status).toBe(400);
  });

  it('answers unknown fields with 400 naming the problem', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const advisor = await signIn(th);
    const now = Date.now();
    const booking = await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 3_600_000), end: iso(now + 5_400_000), resident: 'Matti Meikäläinen' });
    expect(booking.status).toBe(400);
    expect(booking.body).toMatchObject({ error: 'invalid' });
    expect(JSON.stringify(booking.body)).toMatch(/resident/);
    expect(th.hub.store.liveBookings(0)).toHaveLength(0);

    const pair = await request(th, 'POST', '/api/pair', { body: { code: '12345678', pcId: 'pc-2', name: 'PC 2', room: 'Olohuone', protocol: HUB_PROTOCOL_VERSION, admin: true } });
    expect(pair.status).toBe(400);

    const policy = (await advisor.call<Record<string, unknown>>('GET', '/api/policy')).body;
    const changed = await advisor.call('PUT', '/api/policy', { ...policy, backdoor: 'yes' });
    expect(changed.status).toBe(400);
    const signIn2 = await request(th, 'POST', '/api/session', { body: { name: 'neuvoja', password: 'x', remember: true } });
    expect(signIn2.status).toBe(400);
  });

  it('answers a body over 64 KB with 413', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const big = JSON.stringify({ pcId: 'pc-1', start: 'x'.repeat(70 * 1024), end: '2026-01-01T10:00Z' });
    const answer = await request(th, 'POST', '/api/bookings', { raw: big, headers: { authorization: `Bearer ${advisor.token}` } });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: 'too-large' });
    expect((await request(th, 'POST', '/api/pair', { raw: big })).status).toBe(413);
    // Just under the limit is read (and refused for what it says, not for its size).
    const under = JSON.stringify({ pcId: 'pc-1', start: 'x'.repeat(60 * 1024), end: '2026-01-01T10:00Z' });
    expect((await request(th, 'POST', '/api/bookings', { raw: under, headers: { authorization: `Bearer ${advisor.token}` } })).status).toBe(400);
  });

  it('refuses a PC message it cannot read, and closes a PC socket that sends over 256 KB (a full usage batch is well under it)', async () => {
    const th = await startHub();
    const token = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-1', clock: Date.now(), release: 'test', extra: 1 });
    expect(await pc.next('refused', (m) => m.type === 'refused')).toMatchObject({ reason: 'bad-message' });
    pc.socket.send('not json at all');
    expect(await pc.next('refused', (m) => m.type === 'refused')).toMatchObject({ reason: 'bad-message' });
    // Not greeted yet: a status is refused too.
    pc.send({ type: 'heartbeat', clock: Date.now() });
    expect(await pc.next('refused', (m) => m.type === 'refused')).toMatchObject({ reason: 'bad-message' });
    pc.socket.send('x'.repeat(257 * 1024));
    expect((await pc.closed).code).toBe(1009);
  });

  it('takes a full usage batch of the largest events a PC can send', () => {
    const event = { type: 'session-ended' as const, kind: 'walk-in' as const, language: 'fi-FI', minutes: 1440, reason: 'interrupted' as const };
    const message = { type: 'usage', events: Array.from({ length: USAGE_BATCH }, (_, i) => ({ seq: 9_000_000_000 + i, id: 'x'.repeat(100), at: 9_999_999_999_999, event })) };
    expect(KioskToHub.safeParse(message).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(256 * 1024);
  });
});

describe('rates', () => {
  it('answers more requests than the per-minute limit with 429', async () => {
    const th = await startHub({ rateLimitPerMinute: 20 });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await request(th, 'GET', '/api/ca')).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    const limited = await request(th, 'GET', '/api/ca');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: 'rate-limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Counted per source: another address still gets through.
    expect((await request(th, 'GET', '/api/ca', { localAddress: '127.0.0.2' })).status).toBe(200);
  });
});

describe('reconnecting PCs and the rate limit', () => {
  it('never holds back paired PCs reconnecting from one address, but still limits unknown tokens there', async () => {
    const th = await startHub({ rateLimitPerMinute: 20 });
    const tokens = Array.from({ length: 30 }, (_, i) => th.hub.services.pairLocal({ pcId: `pc-${i}`, name: `PC ${i}`, room: 'Sali' }).deviceToken);
    // 30 PCs behind one address (NAT, a proxy), all at once after a hub restart: more than the limit.
    const results = await Promise.all(tokens.map((token) => kioskSocket(th, { authorization: `Bearer ${token}` })));
    expect(results.map((r) => r.kind)).toEqual(tokens.map(() => 'open'));
    for (const r of results) if (r.kind === 'open') r.socket.close();
    // Someone guessing tokens from that address is limited as before.
    const guesses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await kioskSocket(th, { authorization: `Bearer guess-${i}` });
      guesses.push(r.kind === 'rejected' ? r.status : 101);
    }
    expect(guesses.filter((s) => s === 401).length).toBe(20);
    expect(guesses.slice(20)).toEqual([429, 429, 429, 429, 429]);
  });
});

describe('slow requests', () => {
  it('cuts off a body trickled slower than the request timeout', async () => {
    const th = await startHub({ requestTimeoutMs: 1_000 });
    const socket = tlsConnect({ host: '127.0.0.1', port: th.port, ca: th.caPem, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', () => resolve()).once('error', reject));
    socket.write('POST /api/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{');
    const trickle = setInterval(() => socket.write(' '), 200);
    const started = Date.now();
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => resolve(text));
    });
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe('origins', () => {
  it('refuses a state-changing advisor request from another Origin (403), even with a valid session', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    for (const origin of ['https://evil.example', `http://127.0.0.1:${th.port}`, `https://127.0.0.1:${th.port + 1}`, 'null']) {
      const answer = await advisor.call('POST', '/api/pairing-codes', {}, { origin });
      expect(answer.status, origin).toBe(403);
      expect(answer.body).toMatchObject({ error: 'origin' });
    }
    expect(th.hub.store.auditLog().filter((a) => a.action === 'pairing code created')).toHaveLength(0);
    // The hub's own Origin is accepted.
    expect((await advisor.call('POST', '/api/pairing-codes', {}, { origin: th.origin })).status).toBe(200);
  });

  it('refuses the advisor event socket from another Origin', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const foreign = await advisorSocket(th, advisor.token, { origin: 'https://evil.example' });
    expect((await foreign.closed).code).toBe(4401);
    expect(foreign.events).toEqual([]);
    const own = await advisorSocket(th, advisor.token);
    expect((await own.next('board', (e) => e.type === 'board')).type).toBe('board');
  });
});

describe('protocol versions', () => {
  it('refuses a PC whose hello speaks another protocol: "refused" with reason "version", naming both', async () => {
    const th = await startHub();
    const token = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION + 1, pcId: 'pc-1', clock: Date.now(), release: 'next' });
    const refused = await pc.next('refused', (m) => m.type === 'refused');
    expect(refused).toMatchObject({ type: 'refused', reason: 'version' });
    expect(refused.type === 'refused' && refused.message).toContain(`protocol ${HUB_PROTOCOL_VERSION}`);
    expect(refused.type === 'refused' && refused.message).toContain(`spoke ${HUB_PROTOCOL_VERSION + 1}`);
    expect((await pc.closed).code).toBe(4426);
    expect(pc.messages.some((m) => m.type === 'welcome' || m.type === 'schedule' || m.type === 'policy')).toBe(false);
    expect(th.hub.services.kiosks.isOnline('pc-1')).toBe(false);
  });

  it('a PC meeting a hub of another release ends in HubLink state "version" and says why', async () => {
    // The hub's code as another release builds it: the same modules with another protocol number.
    const other = HUB_PROTOCOL_VERSION + 1;
    vi.resetModules();
    vi.doMock('../../preload/hub-contract', async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), HUB_PROTOCOL_VERSION: other }));
    const nextRelease = (await import('../../main/hub/compose')) as { createHub: typeof createHub };
    vi.doUnmock('../../preload/hub-contract');
    vi.resetModules();

    const th = await startHub({ create: nextRelease.createHub });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await until('HubLink state "version"', () => pc.attachment.status().state === 'version');
    const detail = pc.attachment.status().detail ?? '';
    expect(detail).toContain(`protocol ${other}`);
    expect(detail).toContain(`spoke ${HUB_PROTOCOL_VERSION}`);
    expect(pc.attachment.online).toBe(false);
    expect(pc.controller.snapshot().maintenance?.hub.state).toBe('version');
    expect(th.hub.services.kiosks.isOnline('pc-1')).toBe(false);

    // Pairing with it is refused just as clearly (400 naming both versions), and the code is not spent.
    const advisor = await signIn(th);
    const { code } = (await advisor.call<{ code: string }>('POST', '/api/pairing-codes', {})).body;
    const error = (await pairWithHub(th.address, th.caPem, code, { pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`protocol ${other}`);
    expect(error.message).toContain(`spoke ${HUB_PROTOCOL_VERSION}`);
  });

  it('answers a pair request of another protocol with 400 naming both versions, without spending the code', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const { code } = (await advisor.call<{ code: string }>('POST', '/api/pairing-codes', {})).body;
    const body = { code, pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' };
    const answer = await request<{ error: string; message: string }>(th, 'POST', '/api/pair', { body: { ...body, protocol: HUB_PROTOCOL_VERSION + 1 } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('version');
    expect(answer.body.message).toContain(`protocol ${HUB_PROTOCOL_VERSION}`);
    expect(answer.body.message).toContain(`spoke ${HUB_PROTOCOL_VERSION + 1}`);
    expect(th.hub.store.pc('pc-2')).toBeUndefined();
    expect((await request(th, 'POST', '/api/pair', { body: { ...body, protocol: HUB_PROTOCOL_VERSION } })).status).toBe(200);
  });
});
