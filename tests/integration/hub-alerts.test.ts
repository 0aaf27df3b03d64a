/**
 * A PC out of service alerts like a help call, end to end: a real kiosk
 * core whose wipe fails, the hub, an advisor's open console (its push
 * socket) and the phone's webhooks on loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdvisorEvent, PcAlertView } from '../../preload/hub-contract';
import { advisorSocket, signIn, sleep, startHub, startPc, startReceiver, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const isAlert = (state: PcAlertView['state']) => (e: AdvisorEvent): e is Extract<AdvisorEvent, { type: 'alert' }> => e.type === 'alert' && e.alert.state === state;

describe('a PC out of service', () => {
  it('a failed wipe reaches the open console and the phone once, in plain words; the advisor acknowledges; a reset clears it', async () => {
    const json = await startReceiver();
    const ntfy = await startReceiver();
    const th = await startHub({ network: { webhooks: [{ url: json.url }, { url: ntfy.url, format: 'ntfy', topic: 'tupa-test' }] } });
    const pc = await startPc({ id: 'pc-1', name: 'Tietokone 1', room: 'Raatipirtti', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    await desk.next('the board', (e) => e.type === 'board');

    // The probe after the session finds cookies left behind: the PC takes itself out of service.
    pc.shell.leaveBehind({ cookies: 2 });
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    pc.controller.endSession('resident');
    const raised = await desk.next('the alert', isAlert('raised'), 5_000);
    expect(pc.controller.phase).toBe('out-of-service');
    expect(raised.alert).toMatchObject({ pcId: 'pc-1', kind: 'out-of-service', cause: 'probe', state: 'raised' });
    // IT's details travel with it: the PC's own words.
    expect(raised.alert.detail).toMatch(/^probe: /);

    await until('both webhooks are told', () => json.requests.length === 1 && ntfy.requests.length === 1);
    const notice = JSON.parse(json.requests[0]!.body) as Record<string, unknown>;
    expect(notice).toEqual({
      event: 'pc.out-of-service',
      alertId: raised.alert.id,
      site: 'Raatipirtti',
      pc: { id: 'pc-1', name: 'Tietokone 1' },
      room: 'Raatipirtti',
      at: new Date(raised.alert.raisedAt).toISOString(),
      whatToDo: 'Restart the PC; if it fails again, call IT.',
      console: expect.stringMatching(/\/advisor\/$/),
    });
    expect(JSON.parse(ntfy.requests[0]!.body)).toMatchObject({
      topic: 'tupa-test',
      title: 'Tupa: PC out of service',
      message: 'Tietokone 1, Raatipirtti (Raatipirtti). Restart the PC; if it fails again, call IT.',
    });
    // Plain words on the phone: not the PC's own.
    for (const request of [...json.requests, ...ntfy.requests]) expect(request.body).not.toMatch(/probe|left behind|cookies/);

    // The board has it too (a console that opens now).
    expect((await advisor.board()).alerts).toEqual([raised.alert]);

    const acknowledged = await advisor.call<PcAlertView>('POST', `/api/alerts/${raised.alert.id}/acknowledge`, {});
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ state: 'acknowledged', advisor: 'neuvoja' });
    await desk.next('acknowledged', isAlert('acknowledged'));

    // A reset clears the PC; back in service, the alert is cleared for every console.
    pc.shell.leaveBehind({});
    expect((await advisor.call('POST', '/api/pcs/pc-1/reset', {})).status).toBe(200);
    const cleared = await desk.next('cleared', isAlert('cleared'), 5_000);
    expect(cleared.alert.id).toBe(raised.alert.id);
    expect(pc.controller.phase).toBe('welcome');

    // Once: the PC repeating its status, the acknowledgement and the reset sent nothing more to the phone.
    await sleep(300);
    expect(json.requests).toHaveLength(1);
    expect(ntfy.requests).toHaveLength(1);
    expect(desk.events.filter((e) => e.type === 'alert' && e.alert.state === 'raised')).toHaveLength(1);
    const actions = th.hub.store.auditLog(50).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['pc out of service', 'pc out of service acknowledged', 'pc back in service']));
  });

  it('an alert acknowledged before the phone could be reached is not sent late', async () => {
    const receiver = await startReceiver();
    await receiver.down();
    const th = await startHub({ network: { webhooks: [{ url: receiver.url }] } });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);

    pc.shell.failStep('clear-cache', 'the cache is locked');
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    pc.controller.endSession('resident');
    const raised = await desk.next('the alert', isAlert('raised'), 5_000);
    expect(raised.alert.cause).toBe('wipe');
    await until('the first attempt failed', () => th.hub.store.pendingWebhooks() === 1 && (th.hub.store.db.prepare('SELECT attempts FROM webhook_outbox').get() as { attempts: number }).attempts >= 1);

    expect((await advisor.call('POST', `/api/alerts/${raised.alert.id}/acknowledge`, {})).status).toBe(200);
    await receiver.up();
    th.hub.store.db.prepare('UPDATE webhook_outbox SET next_at = 0').run();
    await th.hub.webhooks.deliverDue();
    expect(receiver.requests).toEqual([]);
    expect(th.hub.store.db.prepare('SELECT last_error FROM webhook_outbox').get()).toEqual({ last_error: 'not sent: the alert was acknowledged first' });
  });
});
