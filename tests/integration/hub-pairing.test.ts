/**
 * Pairing a PC with its site hub over HTTPS: the one-time code, the site CA's
 * fingerprint IT compares, throttled codes and PINs, and a hub whose
 * certificate another CA signed.
 */
import { createSiteCa, issueServerCertificate } from '../../main/hub/tls';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { pcCodeKey } from '../../main/core/codes';
import { PAIRING_CODE_MINUTES } from '../../main/hub/services';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { inspectHub, pairWithHub, PairingError, readPairing } from '../../main/kiosk/pairing';
import { setMaintenancePin } from '../../main/kiosk/maintenance';
import { onStop, request, signIn, startHub, startPc, stopAll, until, waitOnline, sleep, type TestHub } from './hub-support';

afterEach(stopAll);

async function pairingCode(th: TestHub): Promise<{ code: string; expiresAt: number; caFingerprint: string }> {
  const advisor = await signIn(th);
  const answer = await advisor.call<{ code: string; expiresAt: number; caFingerprint: string }>('POST', '/api/pairing-codes', {});
  expect(answer.status).toBe(200);
  return answer.body;
}

const pairBody = (code: string, pcId = 'pc-2') => ({ code, pcId, name: 'Tietokone 2', room: 'Olohuone', protocol: HUB_PROTOCOL_VERSION });

describe('pairing a PC with the hub', () => {
  it('pairs a PC over HTTPS with a code from the console: the fingerprint matches, the PC gets a token and shows online on the board', async () => {
    const th = await startHub();
    const { code, caFingerprint, expiresAt } = await pairingCode(th);
    expect(caFingerprint).toBe(th.hub.caFingerprint);
    expect(expiresAt - Date.now()).toBeGreaterThan((PAIRING_CODE_MINUTES - 1) * 60_000);

    // Step 1: the PC asks the hub for its CA over a connection it does not trust yet.
    const inspected = await inspectHub(th.address);
    expect(inspected.fingerprint).toBe(th.hub.caFingerprint);
    expect(inspected.caPem).toBe(th.caPem);

    // Step 2: it pins that CA and pairs with the code.
    const paired = await pairWithHub(th.address, inspected.caPem, code, { pcId: 'pc-2', name: 'Tietokone 2', room: 'Olohuone' });
    expect(paired.deviceToken.length).toBeGreaterThanOrEqual(32);
    expect(paired.siteName).toBe('Raatipirtti');
    // A code key of its own, never the site's.
    const siteKey = th.hub.store.site()!.codeKey;
    expect(paired.codeKey.equals(pcCodeKey(siteKey, 'pc-2'))).toBe(true);
    expect(paired.codeKey.equals(siteKey)).toBe(false);

    const pc = await startPc({
      id: 'pc-2',
      name: 'Tietokone 2',
      connection: { address: th.address, caPem: inspected.caPem, caFingerprint: inspected.fingerprint, deviceToken: paired.deviceToken, siteName: paired.siteName, codeKey: paired.codeKey },
    });
    await waitOnline(pc);
    const advisor = await signIn(th);
    await until('the board shows pc-2 online', async () => (await advisor.board()).pcs.some((p) => p.id === 'pc-2' && p.online && p.paired));
    // Only the hash of the device token is kept at the hub.
    const row = th.hub.store.db.prepare('SELECT token_hash FROM pcs WHERE id = ?').get('pc-2') as { token_hash: Buffer };
    expect(row.token_hash.toString('utf8')).not.toContain(paired.deviceToken);
    expect(row.token_hash.length).toBe(32);
  });

  it('pairs through the maintenance screen: PIN, inspect, compare, pair; the pairing is written and the PC goes online', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-3', name: 'Tietokone 3' });
    await setMaintenancePin(pc.dir, '246801');
    const maintenance = pc.core.maintenance!;
    expect(await maintenance.inspect(`127.0.0.1:${th.port}`)).toMatchObject({ result: 'error', reason: 'locked' });
    expect(await maintenance.unlock('246801')).toEqual({ result: 'ok' });

    const inspected = await maintenance.inspect(`127.0.0.1:${th.port}`);
    expect(inspected).toEqual({ result: 'ok', address: th.address, fingerprint: th.hub.caFingerprint });
    const { code } = await pairingCode(th);
    const result = await maintenance.pair(`127.0.0.1:${th.port}`, th.hub.caFingerprint, code);
    expect(result).toEqual({ result: 'ok', siteName: 'Raatipirtti' });
    await waitOnline(pc);

    const saved = readPairing(pc.dir)!;
    expect(saved.caFingerprint).toBe(th.hub.caFingerprint);
    expect(saved.address).toBe(th.address);
    expect(pc.controller.snapshot().maintenance?.hub).toMatchObject({ mode: 'paired', state: 'online', caFingerprint: th.hub.caFingerprint });
    expect(th.hub.services.kiosks.isOnline('pc-3')).toBe(true);
  });

  it('refuses the same pairing code a second time (401)', async () => {
    const th = await startHub();
    const { code } = await pairingCode(th);
    const first = await request(th, 'POST', '/api/pair', { body: pairBody(code, 'pc-2') });
    expect(first.status).toBe(200);
    const second = await request(th, 'POST', '/api/pair', { body: pairBody(code, 'pc-4') });
    expect(second.status).toBe(401);
    expect(second.body).toMatchObject({ error: 'wrong-code' });
    expect(th.hub.store.pc('pc-4')).toBeUndefined();
    // Through the PC's own client the refusal reads as such.
    await expect(pairWithHub(th.address, th.caPem, code, { pcId: 'pc-5', name: 'PC 5', room: 'Olohuone' })).rejects.toMatchObject({ reason: 'refused' });
  });

  it('refuses a pairing code after its 10 minutes (401)', async () => {
    const time = new TestTime('manual', Date.now());
    try {
      const th = await startHub({ clock: time, scheduler: time });
      const { code, expiresAt } = await pairingCode(th);
      expect(expiresAt).toBe(time.now() + PAIRING_CODE_MINUTES * 60_000);
      time.jumpWall(PAIRING_CODE_MINUTES * 60_000 - 1_000);
      const { code: other } = await pairingCode(th);
      time.jumpWall(2_000);
      const late = await request(th, 'POST', '/api/pair', { body: pairBody(code) });
      expect(late.status).toBe(401);
      expect(late.body).toMatchObject({ error: 'wrong-code' });
      // A code made later is still good.
      const fresh = await request(th, 'POST', '/api/pair', { body: pairBody(other) });
      expect(fresh.status).toBe(200);
    } finally {
      time.dispose();
    }
  });

  it('slows down wrong pairing codes from one source (429) and does not count them against another source', async () => {
    const th = await startHub();
    const { code } = await pairingCode(th);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await request(th, 'POST', '/api/pair', { body: pairBody(String(10_000_000 + i)) })).status);
    }
    // Three free tries, a fourth that starts the wait, then "slow down".
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    // While slowed down, even the right code from that source waits.
    const right = await request(th, 'POST', '/api/pair', { body: pairBody(code) });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: 'slow-down' });
    // Another source is not slowed down by them.
    const elsewhere = await request(th, 'POST', '/api/pair', { body: pairBody(code), localAddress: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
  });

  it('tells someone without a code nothing about which PC ids are paired: a wrong code is a counted 401 for every id', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const { code } = await pairingCode(th);
    const paired = await request(th, 'POST', '/api/pair', { body: pairBody('10000000', 'pc-1') });
    const unknown = await request(th, 'POST', '/api/pair', { body: pairBody('10000001', 'pc-404') });
    expect([paired.status, unknown.status]).toEqual([401, 401]);
    expect(paired.body).toEqual(unknown.body);
    // Guessing at a paired id counts like any wrong code: the source is slowed down.
    const more = [];
    for (let i = 2; i < 5; i++) more.push((await request(th, 'POST', '/api/pair', { body: pairBody(String(10_000_000 + i), 'pc-1') })).status);
    expect(more).toEqual([401, 401, 429]);
    // With the right code (from elsewhere) the id is said to be taken, and the code is not spent on it.
    const taken = await request(th, 'POST', '/api/pair', { body: pairBody(code, 'pc-1'), localAddress: '127.0.0.2' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'already-paired', field: 'pcId' });
    const fresh = await request(th, 'POST', '/api/pair', { body: pairBody(code, 'pc-2'), localAddress: '127.0.0.2' });
    expect(fresh.status).toBe(200);
  });

  it('tells a slowed-down pairing source when to try again (Retry-After on the 429)', async () => {
    const th = await startHub();
    for (let i = 0; i < 4; i++) await request(th, 'POST', '/api/pair', { body: pairBody(String(20_000_000 + i)) });
    const slowed = await request(th, 'POST', '/api/pair', { body: pairBody('20000009') });
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses to pin a CA whose fingerprint IT did not compare (fingerprint-changed)', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-6' });
    await setMaintenancePin(pc.dir, '135791');
    const maintenance = pc.core.maintenance!;
    await maintenance.unlock('135791');
    const { code } = await pairingCode(th);

    // Not inspected at all yet.
    expect(await maintenance.pair(`127.0.0.1:${th.port}`, th.hub.caFingerprint, code)).toMatchObject({ result: 'error', reason: 'fingerprint-changed' });
    const inspected = await maintenance.inspect(`127.0.0.1:${th.port}`);
    expect(inspected.result).toBe('ok');
    const wrong = th.hub.caFingerprint.replace(/^../, th.hub.caFingerprint.startsWith('00') ? '11' : '00');
    expect(await maintenance.pair(`127.0.0.1:${th.port}`, wrong, code)).toMatchObject({ result: 'error', reason: 'fingerprint-changed' });
    // The code was not spent and nothing was pinned.
    expect(readPairing(pc.dir)).toBeUndefined();
    expect(pc.attachment.mode).toBe('none');
    expect(await maintenance.pair(`127.0.0.1:${th.port}`, th.hub.caFingerprint, code)).toEqual({ result: 'ok', siteName: 'Raatipirtti' });
  });

  it('throttles wrong maintenance PINs', async () => {
    const pc = await startPc({ id: 'pc-7' });
    await setMaintenancePin(pc.dir, '112233');
    const maintenance = pc.core.maintenance!;
    const results: string[] = [];
    for (let i = 0; i < 5; i++) results.push((await maintenance.unlock('000000')).result);
    expect(results).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'throttled']);
    // The right PIN waits too.
    expect((await maintenance.unlock('112233')).result).toBe('throttled');
    expect(maintenance.view().unlocked).toBe(false);
  });

  it('counts PINs tried all at once, one by one, and keeps the count across a restart', async () => {
    const pc = await startPc({ id: 'pc-8' });
    await setMaintenancePin(pc.dir, '112233');
    const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => pc.core.maintenance!.unlock(`00000${i}`)));
    expect(tries.map((t) => t.result)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'throttled', 'throttled', 'throttled', 'throttled']);
    // The kiosk restarts (or relaunches itself): the lock is still there.
    await pc.core.close();
    const again = await startPc({ id: 'pc-8', dir: pc.dir });
    expect((await again.core.maintenance!.unlock('112233')).result).toBe('throttled');
  });

  it('refuses a PIN shorter than six digits', async () => {
    const pc = await startPc({ id: 'pc-9' });
    await expect(setMaintenancePin(pc.dir, '12345')).rejects.toThrow('the PIN must be 6 to 12 digits');
  });
});

describe('a hub whose certificate another CA signed', () => {
  it('a PC that pinned site A and is sent to site B\'s hub ends in "certificate" and sends it nothing', async () => {
    const siteA = await startHub({ siteName: 'Site A' });
    const siteB = await startHub({ siteName: 'Site B' });
    const local = siteA.hub.services.pairLocal({ pcId: 'pc-8', name: 'PC 8', room: 'Olohuone' });

    // A TLS server with site B's certificate, recording every byte a client sends after the handshake.
    const b = siteB.hub.store.site()!;
    const received: Buffer[] = [];
    const spy = createTlsServer({ key: b.serverKey, cert: b.serverCert }, (socket: TLSSocket) => {
      socket.on('data', (d: Buffer) => received.push(d));
      socket.on('error', () => undefined);
    });
    spy.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => spy.listen(0, '127.0.0.1', () => r()));
    const spyAddress = `https://127.0.0.1:${(spy.address() as AddressInfo).port}`;
    try {
      const pc = await startPc({
        id: 'pc-8',
        connection: { address: spyAddress, caPem: siteA.caPem, caFingerprint: siteA.hub.caFingerprint, deviceToken: local.deviceToken, siteName: 'Site A' },
      });
      await until('HubLink state "certificate"', () => pc.attachment.status().state === 'certificate');
      await sleep(200);
      expect(received).toEqual([]);
      expect(Buffer.concat(received).toString()).not.toContain(local.deviceToken);
      expect(pc.attachment.online).toBe(false);
      expect(pc.controller.snapshot().maintenance?.hub).toMatchObject({ state: 'certificate' });
      expect(pc.controller.snapshot().maintenance?.hub.detail).toMatch(/certificate/);

      // The same PC sent to site B's real hub: refused too, and site B never hears of it.
      pc.connect({ ...pc.connection!, address: siteB.address });
      await until('HubLink state "certificate" at site B', () => pc.attachment.status().state === 'certificate' && pc.attachment.status().address === siteB.address);
      await sleep(100);
      expect(siteB.hub.store.pc('pc-8')).toBeUndefined();
      expect(siteB.hub.services.kiosks.connectedCount()).toBe(0);
    } finally {
      await new Promise<void>((r) => spy.close(() => r()));
    }
  });

  it('a PC given site B\'s CA for site A\'s address refuses site A ("certificate")', async () => {
    const siteA = await startHub({ siteName: 'Site A' });
    const siteB = await startHub({ siteName: 'Site B' });
    const local = siteA.hub.services.pairLocal({ pcId: 'pc-9', name: 'PC 9', room: 'Olohuone' });
    const pc = await startPc({
      id: 'pc-9',
      connection: { address: siteA.address, caPem: siteB.caPem, caFingerprint: siteB.hub.caFingerprint, deviceToken: local.deviceToken, siteName: 'Site A' },
    });
    await until('HubLink state "certificate"', () => pc.attachment.status().state === 'certificate');
    await sleep(100);
    expect(siteA.hub.services.kiosks.isOnline('pc-9')).toBe(false);
    expect(siteA.hub.store.pc('pc-9')!.lastSeen).toBeUndefined();
    // Pairing with the wrong pinned CA is refused the same way.
    const { code } = await pairingCode(siteA);
    await expect(pairWithHub(siteA.address, siteB.caPem, code, { pcId: 'pc-10', name: 'PC 10', room: 'Olohuone' })).rejects.toMatchObject({ reason: 'certificate' });
    expect(siteA.hub.store.pc('pc-10')).toBeUndefined();
  });

  it('inspectHub refuses a server whose certificate is not signed by the CA it offers', async () => {
    const siteA = await startHub({ siteName: 'Site A' });
    const siteB = await startHub({ siteName: 'Site B' });
    const b = siteB.hub.store.site()!;
    // Presents site B's server certificate but offers site A's CA: a man in the middle.
    const impostor = createHttpsServer({ key: b.serverKey, cert: b.serverCert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ certificate: siteA.caPem, fingerprint: siteA.hub.caFingerprint }));
    });
    await new Promise<void>((r) => impostor.listen(0, '127.0.0.1', () => r()));
    try {
      const address = `https://127.0.0.1:${(impostor.address() as AddressInfo).port}`;
      const error = await inspectHub(address).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PairingError);
      expect(error).toMatchObject({ reason: 'certificate' });
    } finally {
      impostor.closeAllConnections();
      await new Promise<void>((r) => impostor.close(() => r()));
    }
  });
});

describe('whoever answers at the address IT typed', () => {
  it('cannot flood the PC: an answer far larger than a hub\'s is cut off', async () => {
    const now = Date.now();
    const ca = await createSiteCa('Muu', now);
    const server = await issueServerCertificate(ca, ['127.0.0.1'], now);
    const flood = createHttpsServer({ key: server.keyPem, cert: server.certPem }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 2000 && res.write(chunk)) sent++;
        if (sent < 2000) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    await new Promise<void>((r) => flood.listen(0, '127.0.0.1', () => r()));
    onStop(() => new Promise<void>((r) => flood.close(() => r())));
    flood.on('connection', (socket) => onStop(() => void socket.destroy()));
    const port = (flood.address() as AddressInfo).port;
    await expect(inspectHub(`https://127.0.0.1:${port}`)).rejects.toMatchObject({ reason: 'unreachable', message: expect.stringContaining('the answer is too large') });
  });
});
