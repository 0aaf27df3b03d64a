/**
 * Live status on the advisor's board: PCs reported offline after a silence
 * and online again when they speak, the advisor's commands carried out on
 * the PC, policy edits pushed to every PC, and each console's own board.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type SitePolicy } from '../../preload/hub-contract';
import { advisorSocket, kioskSocket, onStop, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const MIN = 60_000;
const pcEvent = (id: string, online: boolean) => (e: AdvisorEvent) => e.type === 'pc' && e.pc.id === id && e.pc.online === online;

describe('live status', () => {
  it('marks a PC offline after the configured silence and online again when it speaks', async () => {
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const th = await startHub({ clock: time, scheduler: time, network: { offlineAfterSeconds: 5 } });
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    const token = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-1', clock: time.now(), release: 'test' });
    await pc.next('welcome', (m) => m.type === 'welcome');
    await desk.next('online', pcEvent('pc-1', true));

    // Heartbeats within the limit keep it online.
    time.advance(4_000);
    pc.send({ type: 'heartbeat', clock: time.now() });
    await until('the heartbeat is seen', () => th.hub.store.pc('pc-1')!.lastSeen === time.now());
    time.advance(4_000);
    expect(th.hub.services.kiosks.isOnline('pc-1')).toBe(true);

    // Silent past the limit (its socket still open): offline, and the consoles are told.
    time.advance(2_000);
    await desk.next('offline', pcEvent('pc-1', false));
    expect((await advisor.board()).pcs[0]).toMatchObject({ id: 'pc-1', online: false });
    expect(th.hub.services.kiosks.sendCommand('pc-1', 'c-1', { kind: 'end' })).toBe(false);

    pc.send({ type: 'heartbeat', clock: time.now() });
    await desk.next('online again', pcEvent('pc-1', true));
    expect((await advisor.board()).pcs[0]).toMatchObject({ id: 'pc-1', online: true });
  });

  it('shows a PC offline at once when its connection closes', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    await desk.next('online', pcEvent('pc-1', true));
    await pc.attachment.stop();
    await desk.next('offline', pcEvent('pc-1', false), 2_000);
  });

  it('carries the advisor\'s extend, end and reset to the PC', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    // The route answers with the command's id; how it turned out follows on the console's channel.
    const outcome = async (answer: { status: number; body: unknown }) => {
      expect(answer.status).toBe(200);
      const { commandId } = answer.body as { commandId: string };
      expect(answer.body).toEqual({ commandId: expect.any(String) });
      return desk.next(`the outcome of ${commandId}`, (e) => e.type === 'command' && e.commandId === commandId);
    };

    // Nothing running: end is reported as not done, and why.
    expect(await outcome(await advisor.call('POST', '/api/pcs/pc-1/end', {}))).toMatchObject({ outcome: 'failed', reason: 'no-session' });
    await until('the PC\'s answer is audited', () => th.hub.store.auditLog().some((a) => a.action === 'command failed'));

    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const endsAt = pc.controller.snapshot().session!.endsAt;
    expect(await outcome(await advisor.call('POST', '/api/pcs/pc-1/extend', { minutes: 15 }))).toMatchObject({ outcome: 'done', minutes: 15 });
    expect(pc.controller.snapshot().session?.endsAt).toBe(endsAt + 15 * MIN);
    await until('the hub sees the new end', () => th.hub.store.pc('pc-1')?.status?.session?.endsAt === endsAt + 15 * MIN);

    expect(await outcome(await advisor.call('POST', '/api/pcs/pc-1/end', {}))).toMatchObject({ outcome: 'done' });
    await until('the session ends', () => pc.controller.phase !== 'active' && pc.controller.phase !== 'warning');
    await until('the wipe is reported', () => th.hub.store.pc('pc-1')?.status?.lastWipe?.ok === true);
    expect(pc.core.store.db.prepare('SELECT end_reason FROM sessions').get()).toEqual({ end_reason: 'advisor' });

    // Extension bounds come from the contract.
    expect((await advisor.call('POST', '/api/pcs/pc-1/extend', { minutes: 500 })).status).toBe(400);
    // A PC not connected: 409 with a message the advisor can act on.
    await pc.attachment.stop();
    await until('the hub sees it gone', () => !th.hub.services.kiosks.isOnline('pc-1'));
    const offline = await advisor.call<{ error: string; message: string }>('POST', '/api/pcs/pc-1/reset', {});
    expect(offline.status).toBe(409);
    expect(offline.body.error).toBe('pc-offline');
  });

  it('pushes a policy edited at the hub to every connected PC', async () => {
    const th = await startHub();
    const pcs = await Promise.all(['pc-1', 'pc-2'].map((id) => startPc({ id, hub: th })));
    await Promise.all(pcs.map((pc) => waitOnline(pc)));
    const advisor = await signIn(th);
    const policy = (await advisor.call<SitePolicy>('GET', '/api/policy')).body;
    const tiles = [{ id: 'kela', url: 'https://www.kela.fi/', label: { fi: 'Kela' } }];
    const changed = await advisor.call<SitePolicy>('PUT', '/api/policy', { ...policy, tiles, help: { ...policy.help, phone: '029 123 4567' } }, { origin: th.origin });
    expect(changed.status).toBe(200);
    for (const pc of pcs) {
      await until(`${pc.id} has the new tiles`, () => JSON.stringify(pc.controller.snapshot().tiles.map((t) => t.id)) === '["kela"]');
      expect(pc.controller.snapshot().help?.phone).toBe('029 123 4567');
    }
    // A policy the schema refuses changes nothing.
    const refused = await advisor.call('PUT', '/api/policy', { ...policy, tiles: [{ id: 'x', url: 'http://insecure.example/', label: { fi: 'X' } }] });
    expect(refused.status).toBe(400);
    expect((await advisor.call<SitePolicy>('GET', '/api/policy')).body.tiles.map((t) => t.id)).toEqual(['kela']);
  });

  it('counts today\'s sessions on the board once each, however often the PC reports them', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    await until('the hub sees the session', () => th.hub.store.pc('pc-1')?.status?.phase === 'active');
    pc.controller.setLanguage('en');
    pc.connect();
    await waitOnline(pc);
    await until('reported again after reconnecting', () => th.hub.store.pc('pc-1')?.status?.phase === 'active');
    const board = await advisor.board();
    expect(board.counts).toMatchObject({ sessions: 1, walkIns: 1, booked: 0 });
  });

  it('after a revocation each console still shows its own advisor', async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor('toinen', 'toinen-salasana-456', true);
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const first = await signIn(th);
    const second = await signIn(th, { name: 'toinen', password: 'toinen-salasana-456' });
    const desk = await advisorSocket(th, first.token);
    const own = await desk.next('the first board', (e) => e.type === 'board');
    expect(own.type === 'board' && own.board.advisor.name).toBe('neuvoja');
    expect((await second.call('POST', '/api/pcs/pc-1/revoke', {})).status).toBe(200);
    const change = await desk.next('the revoked PC', (e) => e.type === 'pc' && e.pc.id === 'pc-1');
    expect(change.type === 'pc' && change.pc).toMatchObject({ id: 'pc-1', revoked: true });
    // No console is sent another advisor's board.
    expect(desk.events.filter((e) => e.type === 'board').map((e) => e.type === 'board' && e.board.advisor.name)).toEqual(['neuvoja']);
  });
});
