/**
 * Help calls end to end: the resident's button on a real kiosk core, the
 * hub, and an advisor's open console (its push socket); acknowledge and
 * resolve come back to the kiosk, and each call's delays become one usage
 * event.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type HelpCallView } from '../../preload/hub-contract';
import { advisorSocket, kioskSocket, signIn, sleep, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const isHelp = (state: HelpCallView['state']) => (e: AdvisorEvent): e is Extract<AdvisorEvent, { type: 'help' }> => e.type === 'help' && e.call.state === state;

describe('help calls', () => {
  it('reaches an open advisor console at once, and acknowledge and resolve come back to the kiosk', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    await desk.next('the board', (e) => e.type === 'board');

    const pressed = Date.now();
    expect(pc.controller.requestHelp()).toBe('sending');
    const requested = await desk.next('the call', isHelp('requested'), 2000);
    // Pushed, not polled: well within a blink on loopback.
    expect(requested.receivedAt - pressed).toBeLessThan(1_000);
    expect(requested.call.pcId).toBe('pc-1');
    await until('the kiosk shows the call as sent', () => pc.controller.snapshot().help?.state === 'sent');

    const ack = await advisor.call<HelpCallView>('POST', `/api/help/${requested.call.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', advisor: 'neuvoja' });
    await desk.next('acknowledged', isHelp('acknowledged'));
    await until('the kiosk shows "the advisor is coming"', () => pc.controller.snapshot().help?.state === 'acknowledged');

    const resolved = await advisor.call<HelpCallView>('POST', `/api/help/${requested.call.id}/resolve`, {});
    expect(resolved.status).toBe(200);
    await desk.next('resolved', isHelp('resolved'));
    await until('the kiosk shows "resolved"', () => pc.controller.snapshot().help?.state === 'resolved');

    const events = th.hub.store.db.prepare("SELECT * FROM usage_events WHERE type = 'help-call'").all() as Array<{ pc_id: string; data: string }>;
    expect(events).toHaveLength(1);
    expect(events[0]!.pc_id).toBe('pc-1');
    const data = JSON.parse(events[0]!.data) as { outcome: string; toAcknowledgeSeconds: number; toResolveSeconds: number };
    expect(data).toMatchObject({ outcome: 'resolved', toAcknowledgeSeconds: expect.any(Number), toResolveSeconds: expect.any(Number) });
    expect(data.toAcknowledgeSeconds).toBeGreaterThanOrEqual(0);
    expect(data.toResolveSeconds).toBeGreaterThanOrEqual(data.toAcknowledgeSeconds);
    // No names, no codes in the usage event.
    expect(events[0]!.data).not.toMatch(/neuvoja/);

    // Resolved twice is still one event; acknowledging a resolved call changes nothing.
    expect((await advisor.call('POST', `/api/help/${requested.call.id}/resolve`, {})).status).toBe(200);
    expect((await advisor.call<HelpCallView>('POST', `/api/help/${requested.call.id}/acknowledge`, {})).body.state).toBe('resolved');
    expect(th.hub.store.db.prepare("SELECT count(*) AS n FROM usage_events WHERE type = 'help-call'").get()).toEqual({ n: 1 });
    // The resident dismisses it and can ask again.
    pc.controller.dismissHelp();
    expect(pc.controller.snapshot().help?.state).toBe('idle');
  });

  it('reaches every connected console, and the board lists the open call', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const first = await advisorSocket(th, advisor.token);
    const second = await advisorSocket(th, (await signIn(th)).token);
    pc.controller.requestHelp();
    const [a, b] = await Promise.all([first.next('call', isHelp('requested')), second.next('call', isHelp('requested'))]);
    expect(a.call.id).toBe(b.call.id);
    const board = await advisor.board();
    expect(board.help.map((c) => [c.id, c.state])).toEqual([[a.call.id, 'requested']]);
    expect(board.counts.helpCalls).toBe(1);
  });

  it('records a call the resident cancels, with its outcome', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    pc.controller.requestHelp();
    const call = await desk.next('call', isHelp('requested'));
    pc.controller.cancelHelp();
    await desk.next('cancelled', isHelp('cancelled'));
    expect(th.hub.store.helpCall(call.call.id)!.state).toBe('cancelled');
    const event = th.hub.store.db.prepare("SELECT data FROM usage_events WHERE type = 'help-call'").get() as { data: string };
    expect(JSON.parse(event.data)).toMatchObject({ outcome: 'cancelled' });
    // The advisor can no longer acknowledge it.
    expect((await advisor.call('POST', `/api/help/${call.call.id}/acknowledge`, {})).status).toBe(409);
  });

  it('counts a call resent with the same callId once, and answers each resend with its state', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    const token = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-1', clock: Date.now(), release: 'test' });
    await pc.next('welcome', (m) => m.type === 'welcome');

    const callId = randomUUID();
    const at = Date.now();
    for (let i = 0; i < 3; i++) pc.send({ type: 'help', callId, action: 'request', at });
    for (let i = 0; i < 3; i++) expect(await pc.next(`echo ${i + 1}`, (m) => m.type === 'help' && m.callId === callId)).toMatchObject({ state: 'requested' });
    await desk.next('the call', isHelp('requested'));
    await sleep(150);
    expect(desk.events.filter((e) => e.type === 'help')).toHaveLength(1);
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM help_calls').get()).toEqual({ n: 1 });
    expect(th.hub.store.auditLog().filter((a) => a.action === 'help requested')).toHaveLength(1);

    // A reconnecting PC sends it again: still one call, and the PC is told its current state.
    pc.socket.close();
    const again = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (again.kind !== 'open') throw new Error('no socket');
    again.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-1', clock: Date.now(), release: 'test' });
    await again.next('the open call on reconnect', (m) => m.type === 'help' && m.callId === callId);
    again.send({ type: 'help', callId, action: 'request', at });
    await again.next('echo', (m) => m.type === 'help' && m.callId === callId);
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM help_calls').get()).toEqual({ n: 1 });
  });

  it('does not let one PC touch another PC\'s call', async () => {
    const th = await startHub();
    const pc1 = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc1);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    pc1.controller.requestHelp();
    const call = await desk.next('call', isHelp('requested'));

    const token2 = th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' }).deviceToken;
    const pc2 = await kioskSocket(th, { authorization: `Bearer ${token2}` });
    if (pc2.kind !== 'open') throw new Error('no socket');
    pc2.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-2', clock: Date.now(), release: 'test' });
    await pc2.next('welcome', (m) => m.type === 'welcome');
    pc2.send({ type: 'help', callId: call.call.id, action: 'cancel', at: Date.now() });
    pc2.send({ type: 'help', callId: call.call.id, action: 'request', at: Date.now() });
    await sleep(150);
    expect(th.hub.store.helpCall(call.call.id)).toMatchObject({ pcId: 'pc-1', state: 'requested' });
    expect(pc2.messages.filter((m) => m.type === 'help')).toEqual([]);
  });

  it('outside the advisor\'s hours the kiosk shows the hours and the phone number, and sends nothing', async () => {
    const th = await startHub({ policy: { help: { phone: '040 123 4567', hours: {} } } });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    await until('the hub\'s policy applied', () => pc.logger.lines.some((l) => l.msg === 'policy from the hub applied'));
    expect(pc.controller.requestHelp()).toBe('off-duty');
    const help = pc.controller.snapshot().help!;
    expect(help).toMatchObject({ state: 'off-duty', phone: '040 123 4567', hours: [] });
    await sleep(100);
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM help_calls').get()).toEqual({ n: 0 });
  });
});
