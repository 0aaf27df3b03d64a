/**
 * A PC cut off from its hub keeps working on its cached schedule; on
 * reconnect the hub's schedule wins, and what the PC decided alone is shown
 * to the advisor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { hashCode } from '../../main/core/codes';
import type { AdvisorEvent, BookingView } from '../../preload/hub-contract';
import { advisorSocket, iso, signIn, startHub, startPc, stopAll, until, waitOnline, type TestPc } from './hub-support';

afterEach(stopAll);

const MIN = 60_000;
/** Takes the PC off the hub as a pulled cable would: its link stops, the controller hears "offline". */
async function cutOff(pc: TestPc): Promise<void> {
  await pc.attachment.stop();
  await until('the PC knows it is offline', () => pc.controller.snapshot().help?.hubOnline === false);
}

const liveIds = (pc: TestPc) => pc.core.store.bookings.live(pc.id, Date.now()).map((b) => b.id).sort();

describe('an offline PC and bookings made meanwhile', () => {
  it('gets the bookings made while it was away when it reconnects, and the hub wins over its cache', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const now = Date.now();
    const kept = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 60 * MIN), end: iso(now + 90 * MIN) });
    const dropped = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 120 * MIN), end: iso(now + 150 * MIN) });
    await until('both bookings reach the PC', () => liveIds(pc).length === 2);

    await cutOff(pc);
    await until('the hub shows the PC offline', async () => !(await advisor.board()).pcs.find((p) => p.id === 'pc-1')!.online);

    // Meanwhile at the hub: one booking made, one cancelled, one moved.
    const made = await advisor.call<{ booking: BookingView; code: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 180 * MIN), end: iso(now + 210 * MIN) });
    expect(made.status).toBe(200);
    expect((await advisor.call('DELETE', `/api/bookings/${dropped.body.booking.id}`)).status).toBe(200);
    const moved = await advisor.call<BookingView>('PUT', `/api/bookings/${kept.body.booking.id}`, { start: iso(now + 30 * MIN), end: iso(now + 50 * MIN) });
    expect(moved.status).toBe(200);
    // And at the PC, a booking only it knows of (written to its cache directly).
    pc.core.store.bookings.add({ id: 'local-only', pcId: 'pc-1', startsAt: now + 240 * MIN, endsAt: now + 250 * MIN, codeHash: hashCode(Buffer.alloc(32), '123456') }, now);
    // The PC still has its old view.
    expect(liveIds(pc)).toContain(dropped.body.booking.id);

    pc.connect();
    await waitOnline(pc);
    await until('the hub\'s schedule replaces the PC\'s', () => JSON.stringify(liveIds(pc)) === JSON.stringify([kept.body.booking.id, made.body.booking.id].sort()));
    const cached = pc.core.store.bookings.live('pc-1', Date.now()).find((b) => b.id === kept.body.booking.id)!;
    expect([cached.startsAt, cached.endsAt]).toEqual([moved.body.startsAt, moved.body.endsAt]);
    // The new booking's code checks in on the PC once its time comes: its hash matches the hub's.
    expect(pc.controller.checkIn(made.body.code, 'fi')).toMatchObject({ result: 'not-yet' });
  });

  it('refuses extensions while offline, and offers them again once back', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const online = pc.controller.extend();
    expect(online).not.toMatchObject({ reason: 'offline' });

    await cutOff(pc);
    expect(pc.controller.extend()).toEqual({ allowed: false, reason: 'offline' });
    expect(pc.controller.snapshot().session?.canExtend).toBe(false);

    pc.connect();
    await waitOnline(pc);
    expect(pc.controller.extend()).not.toMatchObject({ reason: 'offline' });
  });

  it('allows a walk-in while offline only up to the next cached booking', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const now = Date.now();
    const booked = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now + 40 * MIN), end: iso(now + 70 * MIN) });
    await until('the booking reaches the PC', () => liveIds(pc).includes(booked.body.booking.id));
    await cutOff(pc);
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const endsAt = pc.controller.snapshot().session!.endsAt;
    // Gap of 5 minutes (and the code's early window of 5) before the booking.
    expect(endsAt).toBe(booked.body.booking.startsAt - 5 * MIN);
  });

  it('shortens a walk-in started offline that a booking made meanwhile overlaps, and shows the conflict on the board', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);

    await cutOff(pc);
    const started = Date.now();
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const before = pc.controller.snapshot().session!.endsAt;
    expect(before - started).toBeGreaterThanOrEqual(59 * MIN);

    // The advisor, not knowing, books the PC for 20 minutes from now.
    const booking = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(started + 20 * MIN), end: iso(started + 40 * MIN) });
    expect(booking.status).toBe(200);

    pc.connect();
    await waitOnline(pc);
    await until('the walk-in is shortened', () => (pc.controller.snapshot().session?.endsAt ?? Infinity) < before);
    const after = pc.controller.snapshot().session!.endsAt;
    expect(after).toBe(booking.body.booking.startsAt - 5 * MIN);

    const isConflict = (e: AdvisorEvent) => e.type === 'pc' && e.pc.id === 'pc-1' && !!e.pc.status?.conflict;
    const event = await desk.next('the conflict on the board', isConflict);
    expect(event.type === 'pc' && event.pc.status).toMatchObject({ phase: 'active', session: { kind: 'walk-in', endsAt: after }, conflict: expect.stringMatching(/offline/) });
    const board = await advisor.board();
    expect(board.pcs.find((p) => p.id === 'pc-1')!.status?.conflict).toMatch(/shortened/);
  });
});
