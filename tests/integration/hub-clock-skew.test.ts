/**
 * PC clocks are kept by the OS; the hub reports a PC whose clock differs
 * from its own by more than a few seconds (on the board and in the audit).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION } from '../../preload/hub-contract';
import { kioskSocket, onStop, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const skewAudits = (th: Awaited<ReturnType<typeof startHub>>, pcId: string) => th.hub.store.auditLog(1000).filter((a) => a.action === 'clock skew' && a.subject === pcId);

describe('clock skew', () => {
  it('shows a kiosk whose clock is 30 s ahead with clockSkewMs ≈ 30000 and audits it once', async () => {
    const th = await startHub();
    // The PC's own clock runs 30 s ahead of the hub's (its timers are consistent with it).
    const pcTime = new TestTime('realtime', 0);
    pcTime.advance(30_000);
    onStop(() => pcTime.dispose());
    const pc = await startPc({ id: 'pc-1', hub: th, clock: pcTime, scheduler: pcTime });
    await waitOnline(pc);
    const advisor = await signIn(th);

    await until('the board shows the skew', async () => ((await advisor.board()).pcs.find((p) => p.id === 'pc-1')?.clockSkewMs ?? 0) > 25_000);
    const skew = (await advisor.board()).pcs.find((p) => p.id === 'pc-1')!.clockSkewMs!;
    expect(Math.abs(skew - 30_000)).toBeLessThan(2_000);

    const audits = skewAudits(th, 'pc-1');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toBe('system');
    expect(Math.abs((JSON.parse(audits[0]!.details!) as { skewMs: number }).skewMs - 30_000)).toBeLessThan(2_000);
    expect(th.logger.lines.some((l) => l.msg === 'PC clock differs from the hub' && l.level === 'warn')).toBe(true);

    // Further messages from the same PC do not repeat the report.
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    await until('the hub sees the session', () => th.hub.store.pc('pc-1')?.status?.phase === 'active');
    expect(skewAudits(th, 'pc-1')).toHaveLength(1);
  });

  it('reports a clock 30 s behind, not one within the threshold, and again when a corrected clock drifts off', async () => {
    const th = await startHub();
    const open = async (pcId: string) => {
      const token = th.hub.services.pairLocal({ pcId, name: pcId, room: 'Olohuone' }).deviceToken;
      const socket = await kioskSocket(th, { authorization: `Bearer ${token}` });
      if (socket.kind !== 'open') throw new Error('no socket');
      return socket;
    };
    const behind = await open('pc-2');
    behind.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-2', clock: Date.now() - 30_000, release: 'test' });
    await behind.next('welcome', (m) => m.type === 'welcome');
    const close = await open('pc-3');
    close.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-3', clock: Date.now() + 2_000, release: 'test' });
    await close.next('welcome', (m) => m.type === 'welcome');

    const advisor = await signIn(th);
    const board = await advisor.board();
    const view = (id: string) => board.pcs.find((p) => p.id === id)!;
    expect(Math.abs(view('pc-2').clockSkewMs! + 30_000)).toBeLessThan(1_000);
    expect(skewAudits(th, 'pc-2')).toHaveLength(1);
    expect(Math.abs(view('pc-3').clockSkewMs! - 2_000)).toBeLessThan(1_000);
    expect(skewAudits(th, 'pc-3')).toHaveLength(0);

    // The clock is corrected, then drifts off again: reported again.
    behind.send({ type: 'heartbeat', clock: Date.now() });
    await until('the skew is back to normal', () => Math.abs(th.hub.store.pc('pc-2')!.clockSkewMs!) < 1_000);
    behind.send({ type: 'heartbeat', clock: Date.now() + 45_000 });
    await until('reported again', () => skewAudits(th, 'pc-2').length === 2);
  });

  it('measures a help call\'s delays on the hub\'s clock even when the PC\'s clock is 30 s slow', async () => {
    const th = await startHub();
    const token = th.hub.services.pairLocal({ pcId: 'pc-4', name: 'PC 4', room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    const slow = () => Date.now() - 30_000;
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-4', clock: slow(), release: 'test' });
    await pc.next('welcome', (m) => m.type === 'welcome');
    const callId = '0f0e0d0c-0b0a-4909-8807-060504030201';
    pc.send({ type: 'help', callId, action: 'request', at: slow() });
    await pc.next('the call confirmed', (m) => m.type === 'help' && m.callId === callId);
    const advisor = await signIn(th);
    expect((await advisor.call('POST', `/api/help/${callId}/acknowledge`, {})).status).toBe(200);
    expect((await advisor.call('POST', `/api/help/${callId}/resolve`, {})).status).toBe(200);
    const event = th.hub.store.db.prepare("SELECT data FROM usage_events WHERE type = 'help-call'").get() as { data: string };
    const data = JSON.parse(event.data) as { toAcknowledgeSeconds: number; toResolveSeconds: number };
    // Acknowledged and resolved within a second or two of the press.
    expect(data.toAcknowledgeSeconds).toBeLessThan(5);
    expect(data.toResolveSeconds).toBeLessThan(5);
  });
});
