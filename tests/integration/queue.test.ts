/**
 * "Take a number" with a real hub and three kiosk cores over HTTPS and
 * WebSocket on loopback, on one clock: a number taken while no PC is
 * free, called to the PC that frees and started there; a number not taken
 * in time gives way to the next; a called PC that goes offline or out of
 * service passes its number to the next free PC; a hub restarted with a
 * queue keeps it and its calls go on; one kiosk cannot take twenty
 * numbers; the advisor calls, skips and clears.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION, type QueueView } from '../../preload/hub-contract';
import { advisorSocket, iso, kioskSocket, onStop, signIn, sleep, startHub, startPc, stopAll, tempDir, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const MIN = 60_000;

async function site(options: { dir?: string; port?: number; time?: TestTime; policy?: Record<string, unknown> } = {}) {
  // Real time that a test can also jump ahead (the hold time is minutes long).
  const time = options.time ?? new TestTime('realtime', 0);
  onStop(() => time.dispose());
  const hubOptions = { clock: time, scheduler: time, network: { offlineAfterSeconds: 60 }, policy: { queue: { holdMinutes: 3, maxWaitingPerKiosk: 5 }, ...options.policy } };
  const th = await startHub({ ...hubOptions, ...(options.dir ? { dir: options.dir } : {}), ...(options.port ? { port: options.port } : {}) });
  return { time, th, hubOptions };
}

async function threePcs(th: TestHub, time: TestTime): Promise<TestPc[]> {
  const pcs = await Promise.all(['pc-1', 'pc-2', 'pc-3'].map((id) => startPc({ id, hub: th, clock: time, scheduler: time })));
  await Promise.all(pcs.map((pc) => waitOnline(pc)));
  return pcs;
}

/** Lets test time pass a second at a time, giving the sockets a turn in between. */
async function pass(time: TestTime, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    time.advance(Math.min(1_000, left));
    await sleep(5);
  }
}

/** pc-1 and pc-2 in walk-in sessions, pc-3 booked now (its resident not here yet): no PC is free, pc-3 offers a number. */
async function noPcFree(th: TestHub, time: TestTime, pcs: TestPc[]) {
  const advisor = await signIn(th);
  const booked = await advisor.call('POST', '/api/bookings', { pcId: 'pc-3', start: iso(time.now()), end: iso(time.now() + 60 * MIN) });
  expect(booked.status).toBe(200);
  await until('pc-3 has its booking', () => pcs[2]!.controller.snapshot().schedule.current !== undefined);
  expect(pcs[0]!.controller.startWalkIn('fi')).toBe(true);
  expect(pcs[1]!.controller.startWalkIn('fi')).toBe(true);
  await until('pc-3 offers a number', () => pcs[2]!.controller.snapshot().queue?.offered === true);
  return advisor;
}

/** Ends a PC's session and skips the feedback: wiped and back on the welcome screen. */
async function free(pc: TestPc): Promise<void> {
  pc.controller.endSession();
  await until(`${pc.id} asks for feedback`, () => pc.controller.phase === 'feedback');
  pc.controller.skipFeedback();
  await until(`${pc.id} on its welcome screen`, () => pc.controller.phase === 'welcome');
}

const here = (pc: TestPc) => pc.controller.snapshot().queue?.here?.number;
const audit = (th: TestHub, action: string) => th.hub.store.auditLog(1000).filter((a) => a.action === action).map((a) => a.subject);

describe('take a number', () => {
  it('is taken while no PC is free, called to the PC that frees, and started there', async () => {
    const { time, th } = await site();
    const pcs = await threePcs(th, time);
    const [pc1, pc2, pc3] = pcs as [TestPc, TestPc, TestPc];
    // Every PC free: no number is offered, and the hub refuses one.
    expect(pc3.controller.snapshot().queue).toMatchObject({ offered: false, waiting: 0 });
    expect(await pc3.controller.takeNumber()).toEqual({ result: 'refused', reason: 'pc-free' });
    await noPcFree(th, time, pcs);

    expect(await pc3.controller.takeNumber()).toEqual({ result: 'ok', number: 'A-1', ahead: 0 });
    expect(await pc3.controller.takeNumber()).toEqual({ result: 'ok', number: 'A-2', ahead: 1 });
    await until('every kiosk hears of two waiting', () => pcs.every((pc) => pc.controller.snapshot().queue?.waiting === 2));

    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');
    // Held for the policy's three minutes from the call.
    const left = pc1.controller.snapshot().queue!.here!.until - time.now();
    expect(left).toBeGreaterThan(3 * MIN - 2_000);
    expect(left).toBeLessThanOrEqual(3 * MIN);
    expect(pc1.controller.snapshot().walkIn).toEqual({ allowed: false });
    expect(pc1.controller.startWalkIn('fi')).toBe(false);
    for (const other of [pc2, pc3]) {
      await until(`${other.id} shows the call`, () => other.controller.snapshot().queue?.calls.some((c) => c.number === 'A-1' && c.pcName === 'PC pc-1') === true);
    }
    // Another kiosk cannot start it.
    expect(pc3.controller.startCalledNumber('fi')).toBe(false);

    expect(pc1.controller.startCalledNumber('sv')).toBe(true);
    expect(pc1.controller.snapshot().session).toMatchObject({ kind: 'walk-in', language: 'sv' });
    await until('the hub counts A-1 started', () => audit(th, 'queue number started').includes('A-1'));
    await until('the call is gone everywhere', () => pcs.every((pc) => (pc.controller.snapshot().queue?.calls.length ?? 0) === 0 && !here(pc)));
    expect(audit(th, 'queue number taken')).toEqual(['A-2', 'A-1']);
    const row = th.hub.store.db.prepare("SELECT state, pc_id FROM queue_numbers WHERE label = 'A-1'").get();
    expect(row).toEqual({ state: 'started', pc_id: 'pc-1' });
  });

  it('calls a number to a booked PC once its booking is a no-show (past the hold time, nobody checked in)', async () => {
    // The walk-ins on pc-1 and pc-2 are not ended for idleness meanwhile.
    const { time, th } = await site({ policy: { idle: { timeoutMinutes: 60 } } });
    const pcs = await threePcs(th, time);
    const pc3 = pcs[2]!;
    await noPcFree(th, time, pcs);
    expect(await pc3.controller.takeNumber()).toMatchObject({ result: 'ok', number: 'A-1' });
    // The policy's hold time (checkIn.holdMinutes, 10 by default) passes without a check-in on pc-3.
    await pass(time, 9 * MIN);
    expect(here(pc3)).toBeUndefined();
    await pass(time, 2 * MIN);
    await until('A-1 is called to pc-3, freed by its no-show', () => here(pc3) === 'A-1');
    expect(pc3.controller.startCalledNumber('fi')).toBe(true);
    expect(pc3.controller.snapshot().session).toMatchObject({ kind: 'walk-in' });
  });

  it('calls the next number when the called one is not taken in time', async () => {
    const { time, th } = await site();
    const pcs = await threePcs(th, time);
    const [pc1, , pc3] = pcs as [TestPc, TestPc, TestPc];
    await noPcFree(th, time, pcs);
    await pc3.controller.takeNumber();
    await pc3.controller.takeNumber();
    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');

    await pass(time, 2 * MIN + 50_000);
    expect(here(pc1)).toBe('A-1');
    await pass(time, 15_000);
    await until('A-2 is called to pc-1', () => here(pc1) === 'A-2');
    expect(audit(th, 'queue number expired')).toEqual(['A-1']);
    expect(th.hub.store.db.prepare("SELECT state FROM queue_numbers WHERE label = 'A-1'").get()).toEqual({ state: 'expired' });
  });

  it('calls the number to the next free PC when the called PC goes offline, keeping its place', async () => {
    const { time, th } = await site();
    const pcs = await threePcs(th, time);
    const [pc1, pc2, pc3] = pcs as [TestPc, TestPc, TestPc];
    const advisor = await noPcFree(th, time, pcs);
    const desk = await advisorSocket(th, advisor.token);
    await pc3.controller.takeNumber();
    await pc3.controller.takeNumber();
    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');

    await pc1.attachment.stop();
    // Not at once after the hub's own start (its PCs may be on their way back): after the offline limit.
    await pass(time, 60_000);
    await until('A-1 is back in line', () => th.hub.queue.view().waiting.map((w) => w.number).join() === 'A-1,A-2');
    expect(audit(th, 'queue number back in line')).toEqual(['A-1']);
    const event = await desk.next('the queue on the console', (e) => e.type === 'queue' && e.queue.called.length === 0 && e.queue.waiting.length === 2);
    expect(event.type === 'queue' && event.queue.waiting.map((w) => w.number)).toEqual(['A-1', 'A-2']);

    await free(pc2);
    await until('A-1 is called to pc-2', () => here(pc2) === 'A-1');
    expect(th.hub.queue.calls()).toEqual([{ number: 'A-1', pcId: 'pc-2', pcName: 'PC pc-2', until: expect.any(Number) }]);
  });

  it('calls the number to the next free PC when the called PC goes out of service', async () => {
    const { time, th } = await site();
    const pcs = await threePcs(th, time);
    const [pc1, , pc3] = pcs as [TestPc, TestPc, TestPc];
    await noPcFree(th, time, pcs);
    await pc3.controller.takeNumber();
    // A fourth PC, speaking the protocol itself: free, so the number is called to it.
    const token = th.hub.services.pairLocal({ pcId: 'pc-4', name: 'PC 4', room: 'Olohuone' }).deviceToken;
    const raw = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (raw.kind !== 'open') throw new Error('no socket');
    raw.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId: 'pc-4', clock: time.now(), release: 'test' });
    await raw.next('welcome', (m) => m.type === 'welcome');
    raw.send({ type: 'status', status: { phase: 'welcome', lastWipe: { at: time.now(), ok: true } }, clock: time.now() });
    await raw.next('A-1 called to pc-4', (m) => m.type === 'queue' && m.calls.some((c) => c.number === 'A-1' && c.pcId === 'pc-4'));

    // Its clearing fails: out of service. The number waits at its place, then goes to the next PC that frees.
    raw.send({ type: 'status', status: { phase: 'out-of-service', outOfService: { reason: 'probe: 2 cookies left' } }, clock: time.now() });
    await until('A-1 is back in line', () => th.hub.queue.view().waiting.map((w) => w.number).join() === 'A-1');
    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');
  });

  it('survives a hub restart: the queue is kept and its calls go on', async () => {
    const dir = tempDir('tupa-hub-');
    const first = await site({ dir });
    const { time } = first;
    const pcs = await threePcs(first.th, time);
    const [pc1, , pc3] = pcs as [TestPc, TestPc, TestPc];
    await noPcFree(first.th, time, pcs);
    await pc3.controller.takeNumber();
    await pc3.controller.takeNumber();
    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');
    const until1 = pc1.controller.snapshot().queue!.here!.until;

    await first.th.stop();
    await until('pc-1 sees the hub gone', () => !pc1.attachment.online);
    expect(pc1.controller.snapshot().queue).toMatchObject({ offered: false, calls: [] });
    await pass(time, 5_000);

    const second = await site({ dir, port: first.th.port, time });
    const calls: string[][] = [];
    second.th.hub.queue.onCallsChanged((list) => calls.push(list.map((c) => `${c.number}@${c.pcId}`)));
    for (let i = 0; i < 40 && !pcs.every((pc) => pc.attachment.online); i++) await pass(time, 1_000);
    await Promise.all(pcs.map((pc) => waitOnline(pc)));
    await until('A-1 is still called to pc-1, with its hold time', () => here(pc1) === 'A-1');
    expect(pc1.controller.snapshot().queue!.here!.until).toBe(until1);
    expect(second.th.hub.queue.view().waiting.map((w) => w.number)).toEqual(['A-2']);

    await pass(time, until1 - time.now() + 1_000);
    await until('A-2 is called to pc-1 after A-1 expired', () => here(pc1) === 'A-2');
    expect(calls.at(-1)).toEqual(['A-2@pc-1']);
    // Numbers go on from where the day was.
    expect(await pc3.controller.takeNumber()).toEqual({ result: 'ok', number: 'A-3', ahead: 0 });
  });

  it('refuses a kiosk past its limit of waiting numbers, and lets the advisor call, skip and clear', async () => {
    const { time, th } = await site();
    const pcs = await threePcs(th, time);
    const [pc1, , pc3] = pcs as [TestPc, TestPc, TestPc];
    const advisor = await noPcFree(th, time, pcs);
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await pc3.controller.takeNumber());
    expect(answers.filter((a) => a.result === 'ok').map((a) => a.result === 'ok' && a.number)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5']);
    expect(answers.slice(5)).toEqual(Array.from({ length: 15 }, () => ({ result: 'refused', reason: 'limit' })));

    // pc-1 frees and A-1 is called there at once; the advisor skips A-2 and calls A-4 ahead of A-3 when pc-2 frees.
    await free(pc1);
    await until('A-1 is called to pc-1', () => here(pc1) === 'A-1');
    const view = th.hub.queue.view();
    const id = (label: string) => view.waiting.find((w) => w.number === label)!.id;
    const skip = await advisor.call<QueueView>('POST', `/api/queue/${id('A-2')}/skip`, {}, { origin: th.origin });
    expect(skip.status).toBe(200);
    expect(skip.body.waiting.map((w) => w.number)).toEqual(['A-3', 'A-4', 'A-5']);
    // pc-2 is busy: a call to it is refused with a reason the console can show.
    const busy = await advisor.call<{ error: string }>('POST', '/api/queue/call', { pcId: 'pc-2', id: id('A-4') }, { origin: th.origin });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toBe('queue-pc-not-free');
    // The advisor's call on the PC the queue itself already called.
    expect((await advisor.call('POST', '/api/queue/call', { pcId: 'pc-1' }, { origin: th.origin })).status).toBe(409);
    const cleared = await advisor.call<QueueView>('POST', '/api/queue/clear', {}, { origin: th.origin });
    expect(cleared.body).toMatchObject({ waiting: [], called: [] });
    await until('pc-1 is no longer held', () => here(pc1) === undefined && pc1.controller.snapshot().walkIn.allowed);
    expect(audit(th, 'queue number skipped')).toEqual(['A-2']);
    expect(audit(th, 'queue number cleared').sort()).toEqual(['A-1', 'A-3', 'A-4', 'A-5']);
    // The board carries the queue, and the audit log nothing but numbers, PCs and advisors.
    expect((await advisor.board()).queue).toEqual({ waiting: [], called: [], freePcs: ['pc-1'] });
    for (const entry of th.hub.store.auditLog(1000).filter((a) => a.action.startsWith('queue'))) {
      expect(entry.subject).toMatch(/^[A-Z]-\d+$/);
    }
  });
});
