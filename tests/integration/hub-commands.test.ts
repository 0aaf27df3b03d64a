/**
 * An advisor's command and how it turned out: the route answers with the
 * command's id at once, and the consoles are told the outcome under that id
 * — the PC's answer with its reason code (real hub, real kiosk core), or
 * "no-answer" when the PC stays silent or goes away first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../main/core/clock';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type CommandEvent, type HubToKiosk } from '../../preload/hub-contract';
import {
  advisorSocket,
  iso,
  kioskSocket,
  onStop,
  signIn,
  startHub,
  startPc,
  stopAll,
  until,
  waitOnline,
  type AdvisorClient,
  type AdvisorSocket,
  type TestHub,
} from './hub-support';

afterEach(stopAll);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const outcomeOf = (commandId: string) => (e: AdvisorEvent): e is CommandEvent => e.type === 'command' && e.commandId === commandId;

/** Sends a command as the console does and returns the hub's outcome for it (the event, without its receipt time). */
async function command(advisor: AdvisorClient, desk: AdvisorSocket, path: string, body: unknown = {}, timeoutMs = 5_000): Promise<{ commandId: string; event: CommandEvent }> {
  const answer = await advisor.call<{ commandId: string }>('POST', path, body);
  expect(answer.status, answer.text).toBe(200);
  expect(Object.keys(answer.body)).toEqual(['commandId']);
  expect(answer.body.commandId).toMatch(UUID);
  const { receivedAt: _at, ...event } = await desk.next(`the outcome of ${path}`, outcomeOf(answer.body.commandId), timeoutMs);
  return { commandId: answer.body.commandId, event };
}

async function site() {
  const th = await startHub();
  const pc = await startPc({ id: 'pc-1', hub: th });
  await waitOnline(pc);
  const advisor = await signIn(th);
  const desk = await advisorSocket(th, advisor.token);
  return { th, pc, advisor, desk };
}

describe('a command the PC carries out', () => {
  it('answers with the command\'s id, then tells the consoles "done" with the minutes really added', async () => {
    const { th, pc, advisor, desk } = await site();
    const other = await advisorSocket(th, advisor.token);
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const endsAt = pc.controller.snapshot().session!.endsAt;

    const extended = await command(advisor, desk, '/api/pcs/pc-1/extend', { minutes: 15 });
    expect(extended.event).toEqual({ type: 'command', commandId: extended.commandId, pcId: 'pc-1', outcome: 'done', minutes: 15 });
    expect(pc.controller.snapshot().session!.endsAt).toBe(endsAt + 15 * MINUTE);
    // Every console hears it (each shows only the commands it sent).
    await other.next('the same outcome on another console', outcomeOf(extended.commandId));

    const ended = await command(advisor, desk, '/api/pcs/pc-1/end');
    expect(ended.event).toEqual({ type: 'command', commandId: ended.commandId, pcId: 'pc-1', outcome: 'done' });
    await until('the session ends', () => pc.controller.phase !== 'active' && pc.controller.phase !== 'warning');

    // Still audited, now with the reason and minutes.
    const done = th.hub.store.auditLog(1000).filter((r) => r.action === 'command done');
    expect(done.map((r) => [r.actor, r.subject])).toEqual(
      expect.arrayContaining([
        ['pc:pc-1', extended.commandId],
        ['pc:pc-1', ended.commandId],
      ]),
    );
    const details = th.hub.store.db.prepare("SELECT details FROM audit WHERE action = 'command done' AND subject = ?").get(extended.commandId) as { details: string };
    expect(JSON.parse(details.details)).toEqual({ minutes: 15 });
  });
});

describe('a command the PC cannot carry out (or only in part)', () => {
  it('reports why as a code: no session, the next booking (in part or wholly), clearing, out of service, and a reset that brings it back', async () => {
    const { th, pc, advisor, desk } = await site();

    // Nobody's session to end or extend.
    const noSession = await command(advisor, desk, '/api/pcs/pc-1/end');
    expect(noSession.event).toMatchObject({ outcome: 'failed', reason: 'no-session' });
    expect((await command(advisor, desk, '/api/pcs/pc-1/extend', { minutes: 15 })).event).toMatchObject({ outcome: 'failed', reason: 'no-session' });

    // A walk-in with a booking after it: its code works 5 minutes early and 5 minutes' gap is kept, so 10 of 30 minutes fit.
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const endsAt = pc.controller.snapshot().session!.endsAt;
    const policy = th.hub.store.site()!.policy;
    const keepClear = Math.max(policy.walkIn.gapMinutes, policy.checkIn.earlyMinutes) * MINUTE;
    const startsAt = endsAt + keepClear + 10 * MINUTE;
    expect((await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: iso(startsAt), end: iso(startsAt + 30 * MINUTE) })).status).toBe(200);
    await until('the PC has the booking', () => pc.core.store.bookings.live('pc-1', Date.now()).length === 1);

    const shortened = await command(advisor, desk, '/api/pcs/pc-1/extend', { minutes: 30 });
    expect(shortened.event).toEqual({ type: 'command', commandId: shortened.commandId, pcId: 'pc-1', outcome: 'done', reason: 'shortened', minutes: 10 });
    expect(pc.controller.snapshot().session!.endsAt).toBe(endsAt + 10 * MINUTE);
    const refused = await command(advisor, desk, '/api/pcs/pc-1/extend', { minutes: 15 });
    expect(refused.event).toEqual({ type: 'command', commandId: refused.commandId, pcId: 'pc-1', outcome: 'failed', reason: 'next-booking' });
    expect(pc.controller.snapshot().session!.endsAt).toBe(endsAt + 10 * MINUTE);
    const audited = th.hub.store.db.prepare("SELECT actor, details FROM audit WHERE action = 'command failed' AND subject = ?").get(refused.commandId) as { actor: string; details: string };
    expect(audited.actor).toBe('pc:pc-1');
    expect(JSON.parse(audited.details)).toMatchObject({ reason: 'next-booking' });

    // While the PC clears the session it just ended, it does nothing else.
    pc.shell.slowWipe(150);
    pc.controller.endSession('resident');
    await until('the PC is clearing', () => pc.controller.phase === 'wiping');
    expect((await command(advisor, desk, '/api/pcs/pc-1/reset')).event).toMatchObject({ outcome: 'failed', reason: 'wiping' });
    pc.shell.slowWipe(0);
    await until('the PC is cleared', () => pc.controller.phase === 'feedback' || pc.controller.phase === 'welcome', 10_000);

    // Nothing left to reset: straight back to the welcome screen.
    expect((await command(advisor, desk, '/api/pcs/pc-1/reset')).event).toMatchObject({ outcome: 'done', reason: 'nothing-to-reset' });
    expect(pc.controller.phase).toBe('welcome');

    // A wipe that fails takes the PC out of service: extending or ending makes no sense, a reset tries the wipe again.
    pc.shell.failStep('clear-cache', 'the cache is locked');
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    pc.controller.endSession('resident');
    await until('the PC is out of service', () => pc.controller.phase === 'out-of-service');
    expect((await command(advisor, desk, '/api/pcs/pc-1/end')).event).toMatchObject({ outcome: 'failed', reason: 'out-of-service' });
    expect((await command(advisor, desk, '/api/pcs/pc-1/reset')).event).toMatchObject({ outcome: 'failed', reason: 'wipe-failed' });
    expect(pc.controller.phase).toBe('out-of-service');
    pc.shell.failStep('clear-cache', undefined);
    expect((await command(advisor, desk, '/api/pcs/pc-1/reset')).event).toMatchObject({ outcome: 'done', reason: 'recovered' });
    expect(pc.controller.phase).toBe('welcome');
  });
});

describe('a command nobody answers', () => {
  /** A PC of this protocol that says hello and then answers nothing by itself. */
  async function silentPc(th: TestHub, pcId: string, clock: () => number) {
    const token = th.hub.services.pairLocal({ pcId, name: `PC ${pcId}`, room: 'Olohuone' }).deviceToken;
    const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (pc.kind !== 'open') throw new Error('no socket');
    pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId, clock: clock(), release: 'test' });
    await pc.next('welcome', (m) => m.type === 'welcome');
    return pc;
  }
  const isCommand = (m: HubToKiosk): m is Extract<HubToKiosk, { type: 'command' }> => m.type === 'command';

  it('is reported "no-answer" after 10 s; a late answer still follows, and no other PC can answer for it', async () => {
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const th = await startHub({ clock: time, scheduler: time });
    const pc = await silentPc(th, 'pc-1', () => time.now());
    const intruder = await silentPc(th, 'pc-2', () => time.now());
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);

    const answer = await advisor.call<{ commandId: string }>('POST', '/api/pcs/pc-1/end', {});
    expect(answer.status).toBe(200);
    const { commandId } = answer.body;
    const sent = await pc.next('the command', isCommand);
    expect(sent).toEqual({ type: 'command', commandId, command: { kind: 'end' } });

    // Another PC cannot answer it, nor write it into the audit log.
    intruder.send({ type: 'command-done', commandId, ok: true, detail: 'forged' });
    // Its next message is handled after that one: once its status shows, the answer was heard and ignored.
    intruder.send({ type: 'status', status: { phase: 'welcome' }, clock: time.now() });
    await desk.next('the intruder\'s status', (e) => e.type === 'pc' && e.pc.id === 'pc-2' && e.pc.status?.phase === 'welcome');
    expect(th.hub.store.auditLog(1000).some((r) => r.actor === 'pc:pc-2' && r.subject === commandId)).toBe(false);
    time.advance(9_000);
    // A status from the PC: its event comes after anything the hub said before it.
    pc.send({ type: 'status', status: { phase: 'active' }, clock: time.now() });
    await desk.next('the PC\'s status', (e) => e.type === 'pc' && e.pc.id === 'pc-1' && e.pc.status?.phase === 'active');
    expect(desk.events.filter((e) => e.type === 'command')).toEqual([]);

    time.advance(1_000);
    const silent = await desk.next('no answer', outcomeOf(commandId));
    expect(silent).toMatchObject({ type: 'command', commandId, pcId: 'pc-1', outcome: 'no-answer' });
    expect(silent.reason).toBeUndefined();
    const audit = th.hub.store.auditLog(1000).find((r) => r.action === 'command not answered' && r.subject === commandId);
    expect(audit?.actor).toBe('system');

    // The PC answers after all: the console learns what really happened.
    pc.send({ type: 'command-done', commandId, ok: false, reason: 'no-session' });
    const late = await desk.next('the late answer', outcomeOf(commandId));
    expect(late).toMatchObject({ outcome: 'failed', reason: 'no-session' });
    // Once only.
    pc.send({ type: 'command-done', commandId, ok: true });
    pc.send({ type: 'status', status: { phase: 'welcome' }, clock: time.now() });
    await desk.next('the PC\'s next status', (e) => e.type === 'pc' && e.pc.id === 'pc-1' && e.pc.status?.phase === 'welcome');
    expect(desk.events.filter((e) => e.type === 'command')).toHaveLength(2);
  });

  it('is reported "no-answer" at once when the PC disconnects first, and refused with 409 while it is away', async () => {
    const th = await startHub();
    const pc = await silentPc(th, 'pc-1', () => Date.now());
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);

    const answer = await advisor.call<{ commandId: string }>('POST', '/api/pcs/pc-1/extend', { minutes: 15 });
    expect(answer.status).toBe(200);
    await pc.next('the command', isCommand);
    const asked = Date.now();
    pc.socket.close();
    const event = await desk.next('no answer', outcomeOf(answer.body.commandId), 3_000);
    expect(event).toMatchObject({ outcome: 'no-answer', pcId: 'pc-1' });
    expect(event.receivedAt - asked).toBeLessThan(3_000);
    const audited = th.hub.store.db.prepare("SELECT details FROM audit WHERE action = 'command not answered' AND subject = ?").get(answer.body.commandId) as { details: string };
    expect(JSON.parse(audited.details)).toEqual({ pcId: 'pc-1', why: 'disconnected' });

    await until('the hub sees it gone', () => !th.hub.services.kiosks.isOnline('pc-1'));
    const offline = await advisor.call<{ error: string; message: string }>('POST', '/api/pcs/pc-1/reset', {});
    expect(offline.status).toBe(409);
    expect(offline.body.error).toBe('pc-offline');
    expect(offline.body.message).toContain('PC pc-1');
  });
});
