/**
 * IT's fleet view (issue 15), with a real hub and real kiosk cores: each
 * PC's health on the board, out of service with a reason and back, reset
 * of every PC (running sessions warned first), a restart that reaches the
 * PC's shell, and log lines fetched through the hub, scrubbed, for
 * administrators only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../main/core/clock';
import { TestTime } from '../../main/core/test-time';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type Board, type CommandEvent, type HubToKiosk, type PcView } from '../../preload/hub-contract';
import type { LogView } from '../../preload/fleet-contract';
import { advisorSocket, kioskSocket, onStop, signIn, startHub, startPc, stopAll, until, waitOnline, type AdvisorClient, type AdvisorSocket } from './hub-support';

afterEach(stopAll);

const ADVISOR_ONLY = { name: 'vuoro', password: 'vuoron-salasana-1' };
const outcomeOf = (commandId: string) => (e: AdvisorEvent): e is CommandEvent => e.type === 'command' && e.commandId === commandId;
const pcOf = (board: Board, id: string): PcView => board.pcs.find((p) => p.id === id)!;

/** A PC's entry as the console last heard it (the board on joining, then each "pc" event), once it matches. */
async function heard(desk: AdvisorSocket, what: string, pcId: string, match: (pc: PcView) => boolean): Promise<PcView> {
  const latest = (): PcView | undefined => {
    for (let i = desk.events.length - 1; i >= 0; i--) {
      const e = desk.events[i]!;
      if (e.type === 'pc' && e.pc.id === pcId) return e.pc;
      if (e.type === 'board') return pcOf(e.board, pcId);
    }
    return undefined;
  };
  await until(what, () => {
    const pc = latest();
    return pc !== undefined && match(pc);
  });
  return latest()!;
}

async function command(who: AdvisorClient, desk: AdvisorSocket, path: string, body: unknown = {}): Promise<CommandEvent> {
  const answer = await who.call<{ commandId: string }>('POST', path, body);
  expect(answer.status, answer.text).toBe(200);
  const { receivedAt: _at, ...event } = await desk.next(`the outcome of ${path}`, outcomeOf(answer.body.commandId));
  return event;
}

describe('PC health on the board', () => {
  it('reaches the board: release, uptime, free disk; an older release than the newest seen needs attention', async () => {
    const th = await startHub();
    const pc1 = await startPc({ id: 'pc-1', hub: th, release: '1.4.0' });
    await waitOnline(pc1);
    const admin = await signIn(th);
    const desk = await advisorSocket(th, admin.token);
    const health = (await heard(desk, 'pc-1 with its health', 'pc-1', (pc) => pc.health?.disk !== undefined)).health!;
    expect(health).toMatchObject({ release: '1.4.0', attention: [] });
    expect(health.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(health.disk!.totalBytes).toBeGreaterThan(health.disk!.freeBytes);
    expect(health.reportedAt).toBeGreaterThan(0);

    // A second PC on a newer release: the first is now "old", on every console at once.
    const pc2 = await startPc({ id: 'pc-2', hub: th, release: '1.5.0' });
    await waitOnline(pc2);
    await heard(desk, 'pc-1 old', 'pc-1', (pc) => (pc.health?.attention ?? []).includes('old-version'));
    const board = (await admin.call<Board>('GET', '/api/board')).body;
    expect(pcOf(board, 'pc-1').health!.attention).toEqual(['old-version']);
    expect(pcOf(board, 'pc-2').health!.attention).toEqual([]);

    // Gone away: "offline" too.
    await pc2.close();
    await until('pc-2 offline on the board', async () => pcOf((await admin.call<Board>('GET', '/api/board')).body, 'pc-2').health!.attention.includes('offline'), 20_000);
  }, 30_000);
});

describe('out of service for maintenance', () => {
  it('an advisor puts a PC out of service with a reason the PC shows, no alert rings, it survives a restart, and back in service', async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    let pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const advisor = await signIn(th, ADVISOR_ONLY);
    const desk = await advisorSocket(th, advisor.token);

    // Bad input: nothing sent.
    expect((await advisor.call('POST', '/api/pcs/pc-1/out-of-service', { reason: '   ' })).status).toBe(400);
    expect((await advisor.call('POST', '/api/pcs/pc-1/out-of-service', { reason: 'x'.repeat(121) })).status).toBe(400);
    expect(pc.controller.phase).toBe('welcome');

    const done = await command(advisor, desk, '/api/pcs/pc-1/out-of-service', { reason: '  Näyttö vaihdetaan,\n tule huomenna  ' });
    expect(done.outcome).toBe('done');
    await until('out of service', () => pc.controller.phase === 'out-of-service');
    expect(pc.controller.snapshot().outOfService).toMatchObject({ reason: 'Näyttö vaihdetaan, tule huomenna' });
    expect(pc.controller.startWalkIn('fi')).toBe(false);
    const seen = await heard(desk, 'the board shows why', 'pc-1', (pc) => pc.status?.outOfService?.planned === true);
    expect(seen.status!.outOfService!.reason).toBe('Näyttö vaihdetaan, tule huomenna');
    expect(seen.health!.attention).toContain('out-of-service');
    // Planned: no alert for the advisors to answer.
    expect((await advisor.call<Board>('GET', '/api/board')).body.alerts).toEqual([]);

    // The app restarts: still out of service, with the same reason.
    const dir = pc.dir;
    await pc.close();
    pc = await startPc({ id: 'pc-1', hub: th, dir });
    await waitOnline(pc);
    expect(pc.controller.phase).toBe('out-of-service');
    expect(pc.controller.snapshot().outOfService?.reason).toBe('Näyttö vaihdetaan, tule huomenna');

    // A reset clears nothing and does not end the maintenance.
    expect(await command(advisor, desk, '/api/pcs/pc-1/reset')).toMatchObject({ outcome: 'done', reason: 'nothing-to-reset' });
    expect(pc.controller.phase).toBe('out-of-service');

    const back = await command(advisor, desk, '/api/pcs/pc-1/in-service');
    expect(back).toMatchObject({ outcome: 'done', reason: 'recovered' });
    expect(pc.controller.phase).toBe('welcome');
    expect(pc.controller.startWalkIn('fi')).toBe(true);

    // During a session: the resident keeps it; the PC goes out of service once it has been cleared.
    await command(advisor, desk, '/api/pcs/pc-1/out-of-service', { reason: 'Huolto' });
    expect(pc.controller.phase).toBe('active');
    pc.controller.endSession();
    await until('out of service after the wipe', () => pc.controller.phase === 'out-of-service' || pc.controller.phase === 'feedback');
    if (pc.controller.phase === 'feedback') pc.controller.skipFeedback();
    await until('out of service after the session', () => pc.controller.phase === 'out-of-service');
    expect(pc.shell.calls.some((c) => c.call === 'wipeStep')).toBe(true);

    const audit = th.hub.store.auditLog(1000).filter((r) => r.actor === 'advisor:vuoro').map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['command out-of-service', 'command in-service']));
  }, 30_000);
});

describe('reset all and restart (administrators)', () => {
  it('warns a running session, then ends and wipes it; idle PCs are reset at once; offline PCs are listed', async () => {
    const time = new TestTime('realtime', Date.now());
    onStop(() => time.dispose());
    const th = await startHub({ clock: time, scheduler: time });
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    const busy = await startPc({ id: 'pc-1', hub: th, clock: time, scheduler: time });
    const idle = await startPc({ id: 'pc-2', hub: th, clock: time, scheduler: time });
    th.hub.services.pairLocal({ pcId: 'pc-3', name: 'PC 3', room: 'Olohuone' });
    await waitOnline(busy);
    await waitOnline(idle);
    const admin = await signIn(th);
    const desk = await advisorSocket(th, admin.token);
    expect(busy.controller.startWalkIn('fi')).toBe(true);
    const sessionId = busy.shell.openView;

    const advisor = await signIn(th, ADVISOR_ONLY);
    expect((await advisor.call('POST', '/api/fleet/reset-all', { warnMinutes: 2 })).status).toBe(403);
    expect((await admin.call('POST', '/api/fleet/reset-all', { warnMinutes: 11 })).status).toBe(400);

    const answer = await admin.call<{ commands: Array<{ pcId: string; commandId: string }>; skipped: string[] }>('POST', '/api/fleet/reset-all', { warnMinutes: 2 });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.skipped).toEqual(['pc-3']);
    expect(answer.body.commands.map((c) => c.pcId).sort()).toEqual(['pc-1', 'pc-2']);
    const id = (pcId: string) => answer.body.commands.find((c) => c.pcId === pcId)!.commandId;
    const outcome = async (pcId: string) => {
      await until(`${pcId}'s outcome`, () => desk.events.some(outcomeOf(id(pcId))));
      return desk.events.find(outcomeOf(id(pcId)));
    };
    expect(await outcome('pc-1')).toMatchObject({ outcome: 'done', minutes: 2 });
    expect(await outcome('pc-2')).toMatchObject({ outcome: 'done', reason: 'nothing-to-reset' });

    // Warned, not ended: the resident sees the warning with about two minutes left.
    await until('the warning shows', () => busy.controller.snapshot().session?.warning !== undefined);
    const session = busy.controller.snapshot().session!;
    expect(session.warning!.minutesLeft).toBe(2);
    expect(session.endsAt).toBeLessThanOrEqual(time.now() + 2 * MINUTE);
    expect(busy.controller.phase).toBe('warning');

    time.advance(2 * MINUTE + 1_000);
    await until('ended and wiped', () => busy.controller.phase === 'feedback' || busy.controller.phase === 'welcome');
    expect(busy.shell.wipeStepsFor(sessionId!).length).toBeGreaterThan(0);
    expect(th.hub.store.auditLog(1000).some((r) => r.action === 'reset all' && r.actor === 'advisor:neuvoja')).toBe(true);
  }, 30_000);

  it('a restart reaches the PC\'s shell, after the running session; advisors are refused', async () => {
    const th = await startHub();
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const admin = await signIn(th);
    const desk = await advisorSocket(th, admin.token);
    const advisor = await signIn(th, ADVISOR_ONLY);
    expect((await advisor.call('POST', '/api/pcs/pc-1/restart', {})).status).toBe(403);
    const restarts = () => pc.shell.calls.filter((c) => c.call === 'restartApp').length;

    expect(pc.controller.startWalkIn('fi')).toBe(true);
    expect((await command(admin, desk, '/api/pcs/pc-1/restart')).outcome).toBe('done');
    await heard(desk, 'restart pending on the board', 'pc-1', (p) => p.health?.restartPending === true);
    expect(restarts()).toBe(0);
    pc.controller.endSession();
    // Not while the last resident is still asked for feedback: once the welcome screen is back.
    await until('the feedback question', () => pc.controller.phase === 'feedback');
    expect(restarts()).toBe(0);
    pc.controller.skipFeedback();
    await until('restarted after the session', () => restarts() === 1);

    expect((await command(admin, desk, '/api/pcs/pc-1/restart')).outcome).toBe('done');
    await until('restarted at once between sessions', () => restarts() === 2);
    const audit = th.hub.store.auditLog(1000).filter((r) => r.action === 'command restart');
    expect(audit).toHaveLength(2);
  }, 30_000);
});

describe('logs (administrators only)', () => {
  const planted = [
    '{"ts":"2026-12-06T08:00:00.000Z","level":"info","msg":"kiosk ready"}',
    // Written around the logger (an older release, a hand edit): a booking code and addresses.
    'resident typed 482913 then opened https://pankki.example/login?user=matti and www.example.fi/x',
  ];

  it('fetches a PC\'s recent lines through the hub with codes and addresses scrubbed, and the hub\'s own log likewise', async () => {
    const th = await startHub({ logs: { recent: () => ({ lines: ['hub saw 123456 from https://evil.example/a'], truncated: false }) } });
    await th.hub.services.addAdvisor(ADVISOR_ONLY.name, ADVISOR_ONLY.password);
    const pc = await startPc({ id: 'pc-1', hub: th });
    mkdirSync(join(pc.dir, 'logs'), { recursive: true });
    writeFileSync(join(pc.dir, 'logs', 'tupa.log'), `${planted.join('\n')}\n`);
    await waitOnline(pc);
    const admin = await signIn(th);

    const fetched = await admin.call<LogView>('GET', '/api/pcs/pc-1/logs');
    expect(fetched.status, fetched.text).toBe(200);
    expect(fetched.body.source).toBe('pc-1');
    expect(fetched.body.lines).toEqual([planted[0], 'resident typed [code] then opened [url] and [url]']);
    for (const secret of ['482913', 'pankki', 'matti', 'example.fi']) expect(fetched.text).not.toContain(secret);

    const hub = await admin.call<LogView>('GET', '/api/hub/logs');
    expect(hub.status).toBe(200);
    expect(hub.body.lines).toEqual(['hub saw [code] from [url]']);

    // Advisors: refused, and told why; the refusal is audited.
    const advisor = await signIn(th, ADVISOR_ONLY);
    for (const path of ['/api/pcs/pc-1/logs', '/api/hub/logs']) {
      const refused = await advisor.call<{ error: string }>('GET', path);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('admin-only');
    }
    const audit = th.hub.store.auditLog(1000);
    expect(audit.filter((r) => r.action === 'log fetched').map((r) => r.subject)).toEqual(expect.arrayContaining(['pc-1', 'hub']));
    expect(audit.filter((r) => r.action === 'refused: administrators only' && r.actor === 'advisor:vuoro')).toHaveLength(2);

    // A PC not connected: refused at once.
    await pc.close();
    await until('pc-1 offline', async () => (await admin.call('GET', '/api/pcs/pc-1/logs')).status === 409, 20_000);
  }, 30_000);

  it('scrubs what a PC of any release sends, hears only the PC asked, and gives up on a PC that does not answer', async () => {
    const time = new TestTime('realtime', Date.now());
    onStop(() => time.dispose());
    const th = await startHub({ clock: time, scheduler: time });
    const token = th.hub.services.pairLocal({ pcId: 'pc-9', name: 'PC 9', room: 'Olohuone' }).deviceToken;
    const other = th.hub.services.pairLocal({ pcId: 'pc-8', name: 'PC 8', room: 'Olohuone' }).deviceToken;
    const pcs = [];
    for (const [pcId, t] of [['pc-9', token], ['pc-8', other]] as const) {
      const socket = await kioskSocket(th, { authorization: `Bearer ${t}` });
      if (socket.kind !== 'open') throw new Error('no socket');
      socket.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId, clock: time.now(), release: '1.0.0' });
      await socket.next('welcome', (m) => m.type === 'welcome');
      pcs.push(socket);
    }
    const [pc, intruder] = pcs as [(typeof pcs)[number], (typeof pcs)[number]];
    const admin = await signIn(th);
    const isRequest = (m: HubToKiosk): m is Extract<HubToKiosk, { type: 'log-request' }> => m.type === 'log-request';

    const fetching = admin.call<LogView>('GET', '/api/pcs/pc-9/logs');
    const request = (await pc.next('the log request', isRequest)) as Extract<HubToKiosk, { type: 'log-request' }>;
    expect(request).toMatchObject({ maxLines: 500, maxBytes: 128 * 1024 });
    // Another PC cannot answer for it.
    intruder.send({ type: 'log-lines', requestId: request.requestId, lines: ['forged'], truncated: false });
    // A PC that did not scrub its lines (an older release, a fault): the hub scrubs them again.
    pc.send({ type: 'log-lines', requestId: request.requestId, lines: ['code 123456 for https://varaamo.example/x?code=123456', 'plain line'], truncated: true });
    const fetched = await fetching;
    expect(fetched.status, fetched.text).toBe(200);
    expect(fetched.body).toMatchObject({ source: 'pc-9', truncated: true, lines: ['code [code] for [url]', 'plain line'] });
    expect(fetched.text).not.toContain('123456');

    // No answer: 504 after the wait, and a late answer is not heard.
    const silent = admin.call<{ error: string }>('GET', '/api/pcs/pc-9/logs');
    const second = (await pc.next('the second request', isRequest)) as Extract<HubToKiosk, { type: 'log-request' }>;
    time.advance(8_000);
    const timedOut = await silent;
    expect(timedOut.status).toBe(504);
    expect(timedOut.body.error).toBe('no-answer');
    pc.send({ type: 'log-lines', requestId: second.requestId, lines: ['late'], truncated: false });
    await until('the late answer is ignored', () => th.logger.lines.filter((l) => l.msg.startsWith('log lines ignored')).length === 2);
  }, 30_000);
});
