/**
 * "Book a time" at any kiosk, with a real hub (HTTPS/WebSocket on loopback,
 * SQLite) and three real kiosk cores: the hub alone decides, two kiosks
 * taking one time get one booking and one "taken", the policy's limits
 * hold, a kiosk that cannot reach its hub books nothing, and the booking
 * reaches its PC's schedule where its code checks in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SelfBookingReply, SelfBookingRequest } from '../../preload/self-booking-contract';
import type { SitePolicyInput } from '../../main/config/policy';
import { iso, signIn, startHub, startPc, stopAll, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const MINUTE = 60_000;

async function site(policy: SitePolicyInput = {}): Promise<{ th: TestHub; pcs: TestPc[] }> {
  const th = await startHub({ policy: { checkIn: { earlyMinutes: 30 }, selfBooking: { stepMinutes: 5, lengths: [30, 60] }, ...policy } });
  const pcs = [
    await startPc({ id: 'pc-1', name: 'Kone 1', room: 'Olohuone', hub: th }),
    await startPc({ id: 'pc-2', name: 'Kone 2', room: 'Olohuone', hub: th }),
    await startPc({ id: 'pc-3', name: 'Kone 3', room: 'Sali', hub: th }),
  ];
  for (const pc of pcs) await waitOnline(pc);
  // The hub's policy has reached every kiosk ("Book a time" offered).
  for (const pc of pcs) await until(`${pc.id} offers self-booking`, () => pc.controller.snapshot().selfBooking?.online === true);
  return { th, pcs };
}

const ask = (pc: TestPc, request: SelfBookingRequest) => pc.controller.askSelfBooking(request);

function expectKind<K extends SelfBookingReply['kind']>(reply: SelfBookingReply, kind: K): Extract<SelfBookingReply, { kind: K }> {
  expect(reply.kind, JSON.stringify(reply)).toBe(kind);
  return reply as Extract<SelfBookingReply, { kind: K }>;
}

/** Today's (or, late at night, tomorrow's) free times as a kiosk sees them. */
async function freeTimes(pc: TestPc) {
  const days = expectKind(await ask(pc, { kind: 'days' }), 'days');
  for (const day of days.days.filter((d) => d.open)) {
    const times = expectKind(await ask(pc, { kind: 'times', date: day.date }), 'times');
    if (times.times.length > 0) return times;
  }
  throw new Error('no free times at all');
}

describe('self-booking at any kiosk', () => {
  it('lists the days and every PC\'s free times with its name and room', async () => {
    const { pcs } = await site({ selfBooking: { stepMinutes: 5, lengths: [30, 60], daysAhead: 3 } });
    const days = expectKind(await ask(pcs[0]!, { kind: 'days' }), 'days');
    expect(days.days).toHaveLength(4);
    expect(days.lengths).toEqual([30, 60]);
    const times = await freeTimes(pcs[0]!);
    expect(times.pcs).toEqual([
      { id: 'pc-1', name: 'Kone 1', room: 'Olohuone' },
      { id: 'pc-2', name: 'Kone 2', room: 'Olohuone' },
      { id: 'pc-3', name: 'Kone 3', room: 'Sali' },
    ]);
    expect(new Set(times.times.map((t) => t.pcId))).toEqual(new Set(['pc-1', 'pc-2', 'pc-3']));
    expect(new Set(times.times.map((t) => t.minutes))).toEqual(new Set([30, 60]));
  });

  it('two kiosks taking the same time at once get exactly one booking and one "taken"', async () => {
    const { th, pcs } = await site();
    const first = (await freeTimes(pcs[0]!)).times.find((t) => t.pcId === 'pc-3')!;
    const request = { kind: 'book' as const, pcId: 'pc-3', startsAt: first.startsAt, minutes: first.minutes };
    const replies = await Promise.all([ask(pcs[0]!, request), ask(pcs[1]!, request)]);
    expect(replies.map((r) => r.kind).sort()).toEqual(['booked', 'refused']);
    expect(replies.find((r) => r.kind === 'refused')).toEqual({ kind: 'refused', reason: 'taken' });
    const live = th.hub.store.liveBookings(Date.now(), 'pc-3');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ startsAt: first.startsAt, endsAt: first.startsAt + first.minutes * MINUTE, source: 'self' });
    // The time is gone from every kiosk's list (with the gap either side).
    const after = await freeTimes(pcs[1]!);
    expect(after.times.some((t) => t.pcId === 'pc-3' && t.startsAt === first.startsAt)).toBe(false);
  });

  it('the booking reaches the booked PC\'s schedule and its code checks in there, not at the kiosk it was made at', async () => {
    const { pcs } = await site();
    const [kiosk, , target] = pcs as [TestPc, TestPc, TestPc];
    const first = (await freeTimes(kiosk)).times.find((t) => t.pcId === 'pc-3')!;
    const booked = expectKind(await ask(kiosk, { kind: 'book', pcId: 'pc-3', startsAt: first.startsAt, minutes: first.minutes }), 'booked');
    expect(booked.pc).toEqual({ id: 'pc-3', name: 'Kone 3', room: 'Sali' });
    expect(booked.code).toMatch(/^\d{6}$/);
    await until('pc-3 has the booking', () => target.core.store.bookings.all('pc-3', 0).some((b) => b.startsAt === first.startsAt));
    expect(kiosk.controller.checkIn(booked.code, 'fi')).toMatchObject({ result: 'wrong-code' });
    const result = target.controller.checkIn(booked.code, 'fi');
    if (first.startsAt - Date.now() <= 30 * MINUTE) expect(result).toEqual({ result: 'ok' });
    else expect(result).toMatchObject({ result: 'not-yet', startsAt: first.startsAt });
  });

  it('the code goes to the kiosk that asked and nowhere else: not in any log, not in the audit', async () => {
    const { th, pcs } = await site();
    const first = (await freeTimes(pcs[0]!)).times[0]!;
    const booked = expectKind(await ask(pcs[0]!, { kind: 'book', pcId: first.pcId, startsAt: first.startsAt, minutes: first.minutes }), 'booked');
    await until('every PC has its schedule', () => pcs.every((pc) => pc.snapshots.length > 0));
    const everything = [
      JSON.stringify(th.logger.lines),
      JSON.stringify(th.hub.store.auditLog()),
      ...pcs.map((pc) => JSON.stringify(pc.logger.lines)),
    ].join('\n');
    expect(everything).not.toContain(booked.code);
    expect(th.hub.store.auditLog().some((a) => a.actor === 'kiosk:pc-1' && a.action === 'booking created')).toBe(true);
  });

  it('at most maxPerKioskPerHour self-bookings from one kiosk, cancelled ones counted', async () => {
    const { th, pcs } = await site({ selfBooking: { stepMinutes: 5, lengths: [30], maxPerKioskPerHour: 2, maxOpenPerPcPerDay: 10 } });
    const times = (await freeTimes(pcs[0]!)).times;
    const wanted = [times.find((t) => t.pcId === 'pc-1')!, times.find((t) => t.pcId === 'pc-2')!, times.find((t) => t.pcId === 'pc-3')!];
    const a = expectKind(await ask(pcs[0]!, { kind: 'book', ...pick(wanted[0]!) }), 'booked');
    expectKind(await ask(pcs[0]!, { kind: 'book', ...pick(wanted[1]!) }), 'booked');
    const advisor = await signIn(th);
    const id = th.hub.store.liveBookings(0, 'pc-1').find((b) => b.startsAt === a.startsAt)!.id;
    expect((await advisor.call('DELETE', `/api/bookings/${id}`)).status).toBe(200);
    expect(await ask(pcs[0]!, { kind: 'book', ...pick(wanted[2]!) })).toEqual({ kind: 'refused', reason: 'kiosk-limit' });
    // Another kiosk is not held back.
    expectKind(await ask(pcs[1]!, { kind: 'book', ...pick(wanted[2]!) }), 'booked');
  });

  it('at most maxOpenPerPcPerDay open self-bookings on one PC on one day; an advisor\'s booking does not count', async () => {
    const { th, pcs } = await site({ selfBooking: { stepMinutes: 5, lengths: [30], gapMinutes: 0, maxOpenPerPcPerDay: 1 } });
    const times = (await freeTimes(pcs[0]!)).times.filter((t) => t.pcId === 'pc-2');
    const advisor = await signIn(th);
    const last = times[times.length - 1]!;
    expect((await advisor.call('POST', '/api/bookings', { pcId: 'pc-2', start: iso(last.startsAt), end: iso(last.startsAt + 30 * MINUTE) })).status).toBe(200);
    expectKind(await ask(pcs[0]!, { kind: 'book', ...pick(times[0]!) }), 'booked');
    expect(await ask(pcs[1]!, { kind: 'book', ...pick(times[6]!) })).toEqual({ kind: 'refused', reason: 'pc-day-limit' });
    const board = await advisor.board();
    expect(board.bookings.filter((b) => b.pcId === 'pc-2').map((b) => b.source ?? 'staff').sort()).toEqual(['self', 'staff']);
  });

  it('closed hours, beyond the horizon, off the grid and unknown lengths are refused with their reason', async () => {
    const { pcs } = await site({ selfBooking: { stepMinutes: 15, lengths: [30], daysAhead: 1 } });
    const times = (await freeTimes(pcs[0]!)).times;
    const t = times[0]!;
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-1', startsAt: t.startsAt + 5 * MINUTE, minutes: 30 })).toEqual({ kind: 'refused', reason: 'off-grid' });
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-1', startsAt: t.startsAt, minutes: 60 })).toEqual({ kind: 'refused', reason: 'length' });
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-1', startsAt: t.startsAt + 3 * 24 * 60 * MINUTE, minutes: 30 })).toEqual({ kind: 'refused', reason: 'too-far-ahead' });
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-1', startsAt: t.startsAt - 24 * 60 * MINUTE, minutes: 30 })).toEqual({ kind: 'refused', reason: 'past' });
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-9', startsAt: t.startsAt, minutes: 30 })).toEqual({ kind: 'refused', reason: 'unknown-pc' });
  });

  it('a site closed all day has no free times, and a booking there is refused as closed', async () => {
    const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const { pcs } = await site({ openingHours: { hours: closed } });
    const days = expectKind(await ask(pcs[0]!, { kind: 'days' }), 'days');
    expect(days.days.every((d) => !d.open)).toBe(true);
    expect(expectKind(await ask(pcs[0]!, { kind: 'times', date: days.days[1]!.date }), 'times').times).toEqual([]);
    const noon = new Date(`${days.days[1]!.date}T10:00:00Z`).getTime();
    expect(await ask(pcs[0]!, { kind: 'book', pcId: 'pc-1', startsAt: noon, minutes: 30 })).toEqual({ kind: 'refused', reason: 'closed' });
  });

  it('a kiosk that cannot reach its hub says "not available" and books nothing; back online it books again', async () => {
    const { th, pcs } = await site();
    const pc = pcs[2]!;
    const first = (await freeTimes(pc)).times[0]!;
    await pc.attachment.stop();
    await until('pc-3 knows it is offline', () => pc.controller.snapshot().selfBooking?.online === false);
    expect(await ask(pc, { kind: 'days' })).toEqual({ kind: 'unavailable' });
    expect(await ask(pc, { kind: 'book', ...pick(first) })).toEqual({ kind: 'unavailable' });
    expect(th.hub.store.liveBookings(0).filter((b) => b.source === 'self')).toEqual([]);
    pc.connect();
    await waitOnline(pc);
    expectKind(await ask(pc, { kind: 'book', ...pick(first) }), 'booked');
  });

  it('a PC without a hub does not offer it, and a site that turns it off refuses it', async () => {
    const alone = await startPc({ id: 'pc-alone' });
    expect(alone.controller.snapshot().selfBooking).toBeUndefined();
    expect(await alone.controller.askSelfBooking({ kind: 'days' })).toEqual({ kind: 'unavailable' });

    const { th, pcs } = await site();
    const advisor = await signIn(th);
    const policy = (await advisor.call<Record<string, unknown>>('GET', '/api/policy')).body;
    expect((await advisor.call('PUT', '/api/policy', { ...policy, selfBooking: { ...(policy.selfBooking as object), enabled: false } })).status).toBe(200);
    await until('pc-1 no longer offers it', () => pcs[0]!.controller.snapshot().selfBooking === undefined);
    expect(await ask(pcs[0]!, { kind: 'days' })).toEqual({ kind: 'unavailable' });
  });
});

function pick(t: { pcId: string; startsAt: number; minutes: number }) {
  return { pcId: t.pcId, startsAt: t.startsAt, minutes: t.minutes };
}
