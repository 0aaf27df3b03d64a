/**
 * Help from afar (issue 16) through a real hub: a real kiosk core asks,
 * one advisor's console accepts over HTTPS and hears over its event socket,
 * and the hub relays the signalling between those two only. Every other
 * party is refused: another advisor, the same advisor on another console,
 * another PC, anyone after the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdvisorEvent, HelpCallView, HubToKiosk } from '../../preload/hub-contract';
import type { RemoteKioskEvent } from '../../preload/remote-contract';
import { hashPassword } from '../../main/hub/auth';
import { eventMetrics, isBreakdownMetric } from '../../main/sync/figures';
import { BreakdownMetric } from '../../preload/city-contract';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { ADVISOR, ALWAYS_ON_DUTY, advisorSocket, kioskSocket, signIn, sleep, startHub, startPc, stopAll, until, waitOnline, type TestHub } from './hub-support';

afterEach(stopAll);

const SECRET = 'turn-shared-secret-for-tests';
const OFFER = { kind: 'sdp' as const, type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const ANSWER = { kind: 'sdp' as const, type: 'answer' as const, sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };
const isRemote = (e: AdvisorEvent): e is Extract<AdvisorEvent, { type: 'remote' }> => e.type === 'remote';

async function site(policy: Record<string, unknown> = {}) {
  const th = await startHub({
    network: { turnSecret: SECRET },
    policy: { remoteHelp: { enabled: true, hours: ALWAYS_ON_DUTY, turnUrls: ['turn:127.0.0.1:3478?transport=udp'], ...policy } },
  });
  th.hub.store.addAdvisor('toinen', await hashPassword('toinen-salasana-123'), Date.now());
  const pc = await startPc({ id: 'pc-1', hub: th });
  await waitOnline(pc);
  expect(pc.controller.startWalkIn('fi')).toBe(true);
  await until('remote help offered', () => pc.controller.snapshot().remote?.offered === true);
  return { th, pc };
}

async function askAndAccept(th: TestHub, pc: Awaited<ReturnType<typeof site>>['pc']) {
  const advisor = await signIn(th);
  const desk = await advisorSocket(th, advisor.token);
  await desk.next('the board', (e) => e.type === 'board');
  expect(pc.controller.remoteHelp.ask()).toBe('sending');
  const asked = await desk.next('the remote call', (e) => e.type === 'help' && e.call.state === 'requested');
  const call = (asked as Extract<AdvisorEvent, { type: 'help' }>).call;
  expect(call.remote).toBe(true);
  const join = await advisor.call<{ callId: string; pcId: string; iceServers: Array<{ urls: string[]; username: string; credential: string }>; voice: boolean }>(
    'POST',
    `/api/remote/${call.id}/accept`,
    {},
  );
  expect(join.status, join.text).toBe(200);
  await until('the kiosk asks for consent', () => pc.controller.snapshot().remote?.state === 'consent');
  return { advisor, desk, call, join: join.body };
}

describe('remote help at the hub', () => {
  it('relays between the PC and the console that accepted, and refuses everyone else', async () => {
    const { th, pc } = await site();
    const { advisor, desk, call, join } = await askAndAccept(th, pc);
    // The console's TURN user is its advisor number; the secret never leaves the hub.
    expect(join).toMatchObject({ callId: call.id, pcId: 'pc-1', voice: false });
    expect(join.iceServers[0]!.username).toMatch(/^\d+:advisor-\d+$/);
    expect(JSON.stringify(join)).not.toContain(SECRET);
    const board = await advisor.board();
    expect(board.help.find((c) => c.id === call.id)).toMatchObject({ state: 'acknowledged', remote: true, advisor: ADVISOR.name });

    const second = await signIn(th, { name: 'toinen', password: 'toinen-salasana-123' });
    const secondDesk = await advisorSocket(th, second.token);
    // The same advisor signed in on another console is not the console that accepted.
    const elsewhere = await signIn(th);
    expect((await second.call('POST', `/api/remote/${call.id}/accept`, {})).status).toBe(403);
    expect((await elsewhere.call('POST', `/api/remote/${call.id}/accept`, {})).status).toBe(403);

    // Before "Show my screen": no media, no pointer; the chat works.
    expect((await advisor.call('POST', `/api/remote/${call.id}/signal`, { signal: ANSWER })).status).toBe(409);
    expect((await advisor.call('POST', `/api/remote/${call.id}/pointer`, { x: 0.5, y: 0.5 })).status).toBe(409);
    const heard: RemoteKioskEvent[] = [];
    pc.controller.remoteHelp.onEvent((e) => heard.push(e));
    expect((await advisor.call('POST', `/api/remote/${call.id}/chat`, { text: 'Hei, näen kutsusi.' })).status).toBe(200);
    await until('the chat line reaches the kiosk', () => heard.some((e) => e.kind === 'chat'));

    // Consent: the console hears it; then the offer and the answer pass.
    const consent = pc.controller.remoteHelp.consent(true);
    expect(consent).toMatchObject({ result: 'ok', voice: false });
    if (consent.result === 'ok') expect(consent.iceServers[0]!.username).toMatch(/^\d+:pc-1$/);
    await desk.next('consent', (e) => isRemote(e) && e.message.kind === 'consent' && e.message.given);
    pc.controller.remoteHelp.relay({ kind: 'signal', signal: OFFER });
    await desk.next('the offer', (e) => isRemote(e) && e.message.kind === 'signal' && e.message.signal.kind === 'sdp');
    expect((await advisor.call('POST', `/api/remote/${call.id}/signal`, { signal: ANSWER })).status).toBe(200);
    await until('the answer reaches the kiosk', () => heard.some((e) => e.kind === 'signal'));
    expect((await advisor.call('POST', `/api/remote/${call.id}/pointer`, { x: 0.25, y: 0.75 })).status).toBe(200);
    await until('the pointer reaches the kiosk', () => heard.some((e) => e.kind === 'pointer' && e.at.x === 0.25 && e.at.y === 0.75));

    // Another advisor, the same advisor elsewhere: refused for everything.
    for (const other of [second, elsewhere]) {
      expect((await other.call('POST', `/api/remote/${call.id}/signal`, { signal: ANSWER })).status).toBe(403);
      expect((await other.call('POST', `/api/remote/${call.id}/pointer`, { x: 0.1, y: 0.1 })).status).toBe(403);
      expect((await other.call('POST', `/api/remote/${call.id}/chat`, { text: 'hei' })).status).toBe(403);
      expect((await other.call('POST', `/api/remote/${call.id}/end`, {})).status).toBe(403);
    }
    // Out of range, or not a signal: the contract refuses it.
    expect((await advisor.call('POST', `/api/remote/${call.id}/pointer`, { x: 2, y: 0.1 })).status).toBe(400);

    // Another PC, with its own valid token, sends on this call: nothing reaches the console, nothing changes.
    const other = th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' });
    const raw = await kioskSocket(th, { authorization: `Bearer ${other.deviceToken}` });
    if (raw.kind !== 'open') throw new Error('pc-2 could not connect');
    raw.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-2', clock: Date.now(), release: 'test' });
    await raw.next('welcome', (m) => m.type === 'welcome');
    const before = desk.events.length;
    raw.send({ type: 'remote', callId: call.id, message: { kind: 'signal', signal: OFFER } });
    raw.send({ type: 'remote', callId: call.id, message: { kind: 'chat', text: 'minä olen pc-1' } });
    raw.send({ type: 'remote', callId: call.id, message: { kind: 'end', reason: 'resident-stopped' } });
    await sleep(300);
    expect(desk.events.slice(before).filter(isRemote)).toEqual([]);
    expect(pc.controller.snapshot().remote?.state).toBe('sharing');
    // The second console never heard a word of the call.
    expect(secondDesk.events.filter(isRemote)).toEqual([]);

    // The resident stops: the console is told, and after the end nothing passes.
    pc.controller.remoteHelp.stop('resident-stopped');
    await desk.next('ended', (e) => isRemote(e) && e.message.kind === 'ended' && e.message.reason === 'resident-stopped');
    expect(pc.controller.snapshot().remote).toMatchObject({ state: 'ended', reason: 'resident-stopped' });
    expect((await advisor.call('POST', `/api/remote/${call.id}/signal`, { signal: ANSWER })).status).toBe(409);
    expect((await advisor.call('POST', `/api/remote/${call.id}/chat`, { text: 'vielä' })).status).toBe(409);
    await desk.next('the call resolved', (e) => e.type === 'help' && e.call.id === call.id && e.call.state === 'resolved');

    // The figures: one remote-help event, seconds and the reason, no content, no names.
    const rows = th.hub.store.db.prepare("SELECT data FROM usage_events WHERE type = 'remote-help'").all() as Array<{ data: string }>;
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.data)).toEqual({ waitSeconds: expect.any(Number), sharedSeconds: expect.any(Number), reason: 'resident-stopped' });
    expect(rows[0]!.data).not.toMatch(/neuvoja|Hei|sdp/);
    // The console's figures count it (seconds only); its breakdown cells are ones the city accepts.
    const figures = await advisor.call<{ site: { today: { remote?: { calls: number; waitSeconds: number; sharedSeconds: number } } } }>('GET', '/api/figures/current');
    expect(figures.body.site.today.remote).toMatchObject({ calls: 1 });
    const metrics = eventMetrics({ at: Date.now(), type: 'remote-help', data: JSON.parse(rows[0]!.data) as Record<string, unknown> }, 'Europe/Helsinki').add.map(([m]) => m);
    const cells = metrics.filter(isBreakdownMetric);
    expect(cells).toContain('remote-outcome.resident-stopped');
    for (const cell of cells) expect(BreakdownMetric.safeParse(cell).success, cell).toBe(true);
    // Nothing of the chat, the SDP or the secret in the logs.
    const logs = JSON.stringify(th.logger.lines) + JSON.stringify(pc.logger.lines);
    expect(logs).not.toMatch(/näen kutsusi|v=0|turn-shared-secret/);
  });

  it('"Not now" shares nothing; a console that closes, or a session that ends, ends the call', async () => {
    const { th, pc } = await site({ headsets: true });
    const first = await askAndAccept(th, pc);
    let { desk, call } = first;
    expect(first.join.voice).toBe(true);
    expect(pc.controller.remoteHelp.consent(false)).toEqual({ result: 'not-now' });
    await desk.next('declined', (e) => isRemote(e) && e.message.kind === 'ended' && e.message.reason === 'declined');
    expect(desk.events.filter((e) => isRemote(e) && e.message.kind === 'consent')).toEqual([]);
    // The kiosk would not send media now even if its page tried.
    pc.controller.remoteHelp.relay({ kind: 'signal', signal: OFFER });
    await sleep(200);
    expect(desk.events.filter((e) => isRemote(e) && e.message.kind === 'signal')).toEqual([]);
    pc.controller.remoteHelp.dismiss();

    // The console's tab closes mid-share: the kiosk says the connection was lost.
    ({ desk, call } = await askAndAccept(th, pc));
    pc.controller.remoteHelp.consent(true);
    await desk.next('consent', (e) => isRemote(e) && e.message.kind === 'consent');
    desk.close();
    await until('the kiosk hears the console is gone', () => pc.controller.snapshot().remote?.state === 'ended');
    expect(pc.controller.snapshot().remote?.reason).toBe('connection-lost');
    pc.controller.remoteHelp.dismiss();

    // The session ends mid-share: the call ends before the wipe.
    ({ desk, call } = await askAndAccept(th, pc));
    pc.controller.remoteHelp.consent(true);
    await desk.next('consent', (e) => isRemote(e) && e.message.kind === 'consent');
    pc.controller.endSession('resident');
    await desk.next('session ended', (e) => isRemote(e) && e.message.kind === 'ended' && e.message.reason === 'session-ended');
    const closed = (await (await signIn(th)).board()).help.find((c: HelpCallView) => c.id === call.id);
    expect(closed?.state).toBe('resolved');
    const reasons = (th.hub.store.db.prepare("SELECT data FROM usage_events WHERE type = 'remote-help'").all() as Array<{ data: string }>).map((r) => JSON.parse(r.data).reason);
    expect(reasons.sort()).toEqual(['connection-lost', 'declined', 'session-ended']);
  });

  it('refuses a remote call outside the remote hours or with remote help off, and the PC keeps the other choices', async () => {
    const { th, pc } = await site();
    const policy = th.hub.store.site()!.policy;
    // Off duty now: the kiosk no longer offers it; a PC asking all the same is refused.
    th.hub.services.setPolicy({ ...policy, remoteHelp: { ...policy.remoteHelp, hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } } }, 'it');
    await until('not offered off duty', () => pc.controller.snapshot().remote?.offered === false);
    expect(pc.controller.remoteHelp.ask()).toBe('unavailable');
    expect(pc.controller.snapshot().help?.state).toBe('idle');
    const other = th.hub.services.pairLocal({ pcId: 'pc-3', name: 'PC 3', room: 'Olohuone' });
    const raw = await kioskSocket(th, { authorization: `Bearer ${other.deviceToken}` });
    if (raw.kind !== 'open') throw new Error('pc-3 could not connect');
    raw.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-3', clock: Date.now(), release: 'test' });
    await raw.next('welcome', (m) => m.type === 'welcome');
    const callId = '6f1c2b9e-8a4d-4f0e-9c3b-2d7e5a1f0b11';
    raw.send({ type: 'remote', callId, message: { kind: 'ask', at: Date.now() } });
    const refused = (await raw.next('refused', (m) => m.type === 'remote')) as Extract<HubToKiosk, { type: 'remote' }>;
    expect(refused.message).toEqual({ kind: 'refused', reason: 'off-duty' });
    th.hub.services.setPolicy({ ...policy, remoteHelp: { ...policy.remoteHelp, enabled: false } }, 'it');
    raw.send({ type: 'remote', callId, message: { kind: 'ask', at: Date.now() } });
    expect(((await raw.next('refused', (m) => m.type === 'remote')) as Extract<HubToKiosk, { type: 'remote' }>).message).toEqual({ kind: 'refused', reason: 'disabled' });
    await until('the kiosk drops the choice', () => pc.controller.snapshot().remote === undefined);
    expect((await (await signIn(th)).board()).help).toEqual([]);
  });
});
