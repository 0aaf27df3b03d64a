import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { pairWithHub } from '../../main/kiosk/pairing';
import { HELLO_WITHIN_MS } from '../../main/hub/kiosk-links';
import { kioskSocket, onStop, signIn, startHub, stopAll, type KioskSocketResult } from './hub-support';

// A PC's pairing ends (revoked in the console, or the id paired anew): every
// connection made with the old token ends with it, said hello or not.

afterEach(stopAll);

type Open = Extract<KioskSocketResult, { kind: 'open' }>;
const open = (r: KioskSocketResult): Open => {
  if (r.kind !== 'open') throw new Error(`expected an open socket, got ${r.status} ${r.body}`);
  return r;
};
const hello = (pcId: string) => ({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId, clock: Date.now(), release: 'test' });

describe('revoking a PC', () => {
  it('closes every socket opened with its token, including ones that never said hello', async () => {
    const th = await startHub();
    const { deviceToken } = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const auth = { authorization: `Bearer ${deviceToken}` };
    const greeted = open(await kioskSocket(th, auth));
    greeted.send(hello('pc-1'));
    await greeted.next('welcome', (m) => m.type === 'welcome');
    const quiet = open(await kioskSocket(th, auth));

    const advisor = await signIn(th);
    expect((await advisor.call('POST', '/api/pcs/pc-1/revoke', {})).status).toBe(200);
    expect((await greeted.closed).code).toBe(4403);
    expect((await quiet.closed).code).toBe(4403);
    expect(th.hub.services.kiosks.isOnline('pc-1')).toBe(false);
    expect((await kioskSocket(th, auth)).kind).toBe('rejected');
    // No help call from the old token reached the hub.
    expect(th.hub.store.helpCalls(0)).toEqual([]);
  });

  it('checks the token again at hello: one revoked meanwhile (by whatever path) is refused', async () => {
    const th = await startHub();
    const { deviceToken } = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const quiet = open(await kioskSocket(th, { authorization: `Bearer ${deviceToken}` }));
    // Revoked in the database directly: the socket is not told.
    th.hub.store.revokePc('pc-1', Date.now());
    quiet.send(hello('pc-1'));
    expect(await quiet.next('refused', (m) => m.type === 'refused')).toMatchObject({ reason: 'revoked' });
    expect((await quiet.closed).code).toBe(4403);
    expect(quiet.messages.some((m) => m.type === 'welcome' || m.type === 'schedule' || m.type === 'policy')).toBe(false);
  });
});

describe('pairing codes', () => {
  it('never take over a PC that is paired now; the code stays usable, and works once the old pairing is revoked', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const advisor = await signIn(th);
    const { code } = (await advisor.call<{ code: string }>('POST', '/api/pairing-codes', {})).body;
    const pc = { pcId: 'pc-1', name: 'PC 1 (uusi)', room: 'Sali' };
    await expect(pairWithHub(th.address, th.caPem, code, pc)).rejects.toMatchObject({ reason: 'refused', message: expect.stringContaining('already paired') });
    expect((await advisor.call('POST', '/api/pcs/pc-1/revoke', {})).status).toBe(200);
    const paired = await pairWithHub(th.address, th.caPem, code, pc);
    expect(paired.deviceToken.length).toBeGreaterThanOrEqual(32);
    expect(th.hub.store.pc('pc-1')).toMatchObject({ name: 'PC 1 (uusi)', paired: true, revoked: false });
  });
});

describe('sockets that hold a token', () => {
  it('must say hello within ten seconds', async () => {
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const th = await startHub({ clock: time, scheduler: time });
    const { deviceToken } = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const quiet = open(await kioskSocket(th, { authorization: `Bearer ${deviceToken}` }));
    time.advance(HELLO_WITHIN_MS - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(quiet.socket.readyState).toBe(quiet.socket.OPEN);
    time.advance(1);
    expect((await quiet.closed).code).toBe(4408);
  });

  it('are limited to three per PC', async () => {
    const th = await startHub();
    const { deviceToken } = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const auth = { authorization: `Bearer ${deviceToken}` };
    const first = [open(await kioskSocket(th, auth)), open(await kioskSocket(th, auth)), open(await kioskSocket(th, auth))];
    const fourth = open(await kioskSocket(th, auth));
    expect((await fourth.closed).code).toBe(4429);
    first[0]!.socket.close();
    await first[0]!.closed;
    const again = open(await kioskSocket(th, auth));
    again.send(hello('pc-1'));
    await again.next('welcome', (m) => m.type === 'welcome');
  });
});
