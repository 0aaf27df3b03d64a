/**
 * The advisor's pointer reaches the PC's shell (issue 16): through a real
 * hub, the kiosk core hands each point to the shell while the page is
 * shared (on a room PC the shell draws it above the web view), and takes
 * the marker away the moment the sharing ends, whoever ends it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdvisorEvent } from '../../preload/hub-contract';
import type { ShellCall } from '../../main/kiosk/recording-shell';
import { ALWAYS_ON_DUTY, advisorSocket, signIn, startHub, startPc, stopAll, until, waitOnline } from './hub-support';

afterEach(stopAll);

const pointerCalls = (calls: readonly ShellCall[]) => calls.flatMap((c) => (c.call === 'showPointer' ? [c.at] : []));

async function sharing() {
  const th = await startHub({ policy: { remoteHelp: { enabled: true, hours: ALWAYS_ON_DUTY } } });
  const pc = await startPc({ id: 'pc-1', hub: th });
  await waitOnline(pc);
  expect(pc.controller.startWalkIn('fi')).toBe(true);
  await until('remote help offered', () => pc.controller.snapshot().remote?.offered === true);
  const advisor = await signIn(th);
  const desk = await advisorSocket(th, advisor.token);
  await desk.next('the board', (e) => e.type === 'board');
  expect(pc.controller.remoteHelp.ask()).toBe('sending');
  const asked = await desk.next('the remote call', (e) => e.type === 'help' && e.call.state === 'requested');
  const callId = (asked as Extract<AdvisorEvent, { type: 'help' }>).call.id;
  expect((await advisor.call('POST', `/api/remote/${callId}/accept`, {})).status).toBe(200);
  await until('the kiosk asks for consent', () => pc.controller.snapshot().remote?.state === 'consent');
  const point = (x: number, y: number) => advisor.call('POST', `/api/remote/${callId}/pointer`, { x, y });
  return { th, pc, advisor, callId, point };
}

describe("the advisor's pointer at the PC's shell", () => {
  it('reaches the shell only while sharing, and is taken away when the resident stops', async () => {
    const { pc, point } = await sharing();
    // Before "Show my screen": the hub refuses it; the shell draws nothing.
    expect((await point(0.5, 0.5)).status).toBe(409);
    expect(pointerCalls(pc.shell.calls)).toEqual([]);

    expect(pc.controller.remoteHelp.consent(true)).toMatchObject({ result: 'ok' });
    expect((await point(0.25, 0.75)).status).toBe(200);
    await until('the point reaches the shell', () => pointerCalls(pc.shell.calls).length === 1);
    expect((await point(1, 0)).status).toBe(200);
    await until('the second point reaches the shell', () => pointerCalls(pc.shell.calls).length === 2);
    expect(pointerCalls(pc.shell.calls)).toEqual([
      { x: 0.25, y: 0.75 },
      { x: 1, y: 0 },
    ]);

    pc.controller.remoteHelp.stop('resident-stopped');
    expect(pointerCalls(pc.shell.calls).at(-1)).toBeNull();
    expect(pc.controller.snapshot().remote?.state).toBe('ended');
  });

  it('is taken away when the advisor ends the call, and when the session ends mid-share', async () => {
    const first = await sharing();
    first.pc.controller.remoteHelp.consent(true);
    expect((await first.point(0.5, 0.5)).status).toBe(200);
    await until('the point reaches the shell', () => pointerCalls(first.pc.shell.calls).length === 1);
    expect((await first.advisor.call('POST', `/api/remote/${first.callId}/end`, {})).status).toBe(200);
    await until('the marker is taken away', () => pointerCalls(first.pc.shell.calls).at(-1) === null);
    await stopAll();

    const second = await sharing();
    second.pc.controller.remoteHelp.consent(true);
    expect((await second.point(0.5, 0.5)).status).toBe(200);
    await until('the point reaches the shell', () => pointerCalls(second.pc.shell.calls).length === 1);
    const before = second.pc.shell.calls.length;
    second.pc.controller.endSession();
    await until('the session is wiped', () => second.pc.shell.calls.some((c) => c.call === 'wipeStep'));
    const after = second.pc.shell.calls.slice(before);
    // The marker goes before the wipe starts.
    const off = after.findIndex((c) => c.call === 'showPointer' && c.at === null);
    expect(off).toBeGreaterThanOrEqual(0);
    expect(off).toBeLessThan(after.findIndex((c) => c.call === 'wipeStep'));
  });
});
