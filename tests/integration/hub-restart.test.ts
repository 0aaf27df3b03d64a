/**
 * The hub stopped and started again (a new hub on the same data folder and
 * port, as after a reboot of the hub's machine) while PCs are in use: the
 * PCs keep enforcing their sessions, a help call made meanwhile arrives
 * after the restart, nothing is lost or doubled.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdvisorEvent, BookingView, HelpCallView } from '../../preload/hub-contract';
import type { Phase } from '../../main/core/session-machine';
import { advisorSocket, iso, signIn, sleep, startHub, startPc, startReceiver, stopAll, tempDir, until, waitOnline } from './hub-support';

afterEach(stopAll);

const count = (db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
const isRequested = (e: AdvisorEvent): e is Extract<AdvisorEvent, { type: 'help' }> => e.type === 'help' && e.call.state === 'requested';

describe('the hub stopped and restarted', () => {
  it('while a session runs: the session still ends on time, and a help call made meanwhile arrives after the restart, once', async () => {
    const receiver = await startReceiver();
    const dir = tempDir('tupa-hub-');
    const network = { webhooks: [{ url: receiver.url }] };
    const first = await startHub({ dir, network });
    const pc = await startPc({ id: 'pc-1', hub: first });
    await waitOnline(pc);
    const advisor = await signIn(first);

    // A booking ending 2.5 s from now (5 minutes long, the shortest the hub takes).
    const endsAt = Date.now() + 2_500;
    const created = await advisor.call<{ booking: BookingView; code: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(endsAt - 5 * 60_000), end: iso(endsAt) });
    expect(created.status).toBe(200);
    await until('the booking reaches the PC', () => pc.core.store.bookings.live('pc-1', Date.now()).some((b) => b.id === created.body.booking.id));
    const phases: Array<[Phase, number]> = [];
    pc.controller.onPhase((phase, at) => phases.push([phase, at]));
    expect(pc.controller.checkIn(created.body.code, 'fi')).toEqual({ result: 'ok' });
    expect(pc.controller.snapshot().session?.endsAt).toBe(endsAt);
    await until('the hub sees the session', () => first.hub.store.pc('pc-1')?.status?.session?.endsAt === endsAt);

    await first.stop();
    await until('the PC sees the hub gone', () => pc.controller.snapshot().help?.hubOnline === false);
    expect(pc.attachment.status().state).toBe('offline');
    expect(['active', 'warning']).toContain(pc.controller.phase);

    // The resident asks for help while the hub is away: the kiosk says so plainly.
    expect(pc.controller.requestHelp()).toBe('sending');
    expect(pc.controller.snapshot().help).toMatchObject({ state: 'sending', hubOnline: false });

    // The session ends at its booked end, hub or no hub.
    await until('the session ended', () => phases.some(([p]) => p === 'ending'), 6_000);
    const endedAt = phases.find(([p]) => p === 'ending')![1];
    expect(endedAt).toBeGreaterThanOrEqual(endsAt);
    expect(endedAt - endsAt).toBeLessThan(1_000);
    const row = pc.core.store.db.prepare('SELECT end_reason, ended_at FROM sessions').get() as { end_reason: string; ended_at: number };
    expect(row.end_reason).toBe('time-up');

    // The hub comes back on the same folder and port: the same site, CA and advisor sessions.
    const second = await startHub({ dir, port: first.port, network });
    expect(second.hub.caFingerprint).toBe(first.hub.caFingerprint);
    const desk = await advisorSocket(second, advisor.token);
    const board = await desk.next('the board', (e) => e.type === 'board');
    await waitOnline(pc, 12_000);
    await until('the call arrives', () => count(second.hub.store.db, 'SELECT count(*) AS n FROM help_calls') === 1, 5_000);
    const callId = (second.hub.store.db.prepare('SELECT id FROM help_calls').get() as { id: string }).id;
    const seenOnBoard = board.type === 'board' && board.board.help.some((c) => c.id === callId);
    if (!seenOnBoard) await desk.next('the call', isRequested);
    await until('the webhook is delivered', () => receiver.requests.length >= 1);

    // Let retries and reconnect traffic settle, then count again: exactly once everywhere.
    await sleep(1_000);
    expect(count(second.hub.store.db, 'SELECT count(*) AS n FROM help_calls')).toBe(1);
    expect(second.hub.store.auditLog().filter((a) => a.action === 'help requested')).toHaveLength(1);
    expect(desk.events.filter((e) => e.type === 'help' && e.call.state === 'requested')).toHaveLength(seenOnBoard ? 0 : 1);
    expect(receiver.requests).toHaveLength(1);
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({ event: 'help.requested', callId, pc: { id: 'pc-1' } });
    // The session was counted once, and the hub knows the PC's present state.
    expect(count(second.hub.store.db, "SELECT count(*) AS n FROM usage_events WHERE type = 'session-started'")).toBe(1);
    await until('the board shows the PC after its session', async () => {
      const view = (await advisor.board()).pcs.find((p) => p.id === 'pc-1');
      return !!view?.online && view.status?.phase !== 'active' && view.status?.session === undefined;
    });
  });

  it('a help call made while the hub is down is shown as not reached, then as sent once the hub is back', async () => {
    const dir = tempDir('tupa-hub-');
    const first = await startHub({ dir });
    const pc = await startPc({ id: 'pc-1', hub: first });
    await waitOnline(pc);
    const advisor = await signIn(first);

    await first.stop();
    await until('the PC sees the hub gone', () => pc.controller.snapshot().help?.hubOnline === false);
    expect(pc.controller.requestHelp()).toBe('sending');
    // Pressing again does not make a second call.
    expect(pc.controller.requestHelp()).toBe('sending');
    expect(pc.controller.snapshot().help).toMatchObject({ state: 'sending', hubOnline: false });

    const second = await startHub({ dir, port: first.port });
    const desk = await advisorSocket(second, advisor.token);
    await waitOnline(pc, 8_000);
    await until('the kiosk shows the call as sent', () => pc.controller.snapshot().help?.state === 'sent', 5_000);
    expect(pc.controller.snapshot().help?.hubOnline).toBe(true);

    const calls = second.hub.store.helpCalls(0);
    expect(calls).toHaveLength(1);
    // The call keeps the time it was made at the PC, not when the hub heard of it.
    const received = (second.hub.store.db.prepare('SELECT received_at FROM help_calls').get() as { received_at: number }).received_at;
    expect(calls[0]!.requestedAt).toBeLessThan(received);

    // The advisor answers it as any other.
    const ack = await advisor.call<HelpCallView>('POST', `/api/help/${calls[0]!.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    await until('the kiosk shows "the advisor is coming"', () => pc.controller.snapshot().help?.state === 'acknowledged');
    await sleep(300);
    expect(second.hub.store.helpCalls(0)).toHaveLength(1);
    expect(desk.events.filter(isRequested).length).toBeLessThanOrEqual(1);
  });

  it('a call made and cancelled while the hub is down reaches it as cancelled, counted once', async () => {
    const receiver = await startReceiver();
    const dir = tempDir('tupa-hub-');
    const network = { webhooks: [{ url: receiver.url }] };
    const first = await startHub({ dir, network });
    const pc = await startPc({ id: 'pc-1', hub: first });
    await waitOnline(pc);
    await first.stop();
    await until('the PC sees the hub gone', () => pc.controller.snapshot().help?.hubOnline === false);
    pc.controller.requestHelp();
    pc.controller.cancelHelp();
    expect(pc.controller.snapshot().help?.state).toBe('idle');

    const second = await startHub({ dir, port: first.port, network });
    await waitOnline(pc, 8_000);
    await until('the call is recorded as cancelled', () => second.hub.store.helpCalls(0)[0]?.state === 'cancelled');
    await sleep(300);
    expect(second.hub.store.helpCalls(0)).toHaveLength(1);
    const events = second.hub.store.db.prepare("SELECT data FROM usage_events WHERE type = 'help-call'").all() as Array<{ data: string }>;
    expect(events.map((e) => (JSON.parse(e.data) as { outcome: string }).outcome)).toEqual(['cancelled']);
    // The phone is told of it at most once (the request arrives just before its cancel).
    expect(receiver.requests.length).toBeLessThanOrEqual(1);
  });
});
