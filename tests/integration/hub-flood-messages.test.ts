/**
 * One PC's token sending as fast as it can (issue 10, item 3): its
 * messages are limited, the hub keeps answering the other PCs and the
 * consoles, and a burst of help calls wakes the advisor once.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_PROTOCOL_VERSION, type AdvisorEvent, type HelpCallView } from '../../preload/hub-contract';
import { PC_MESSAGE_LIMITS } from '../../main/hub/link-flood';
import { floodMessages } from '../soak/flood-tools';
import { advisorSocket, kioskSocket, onStop, signIn, sleep, startHub, startReceiver, stopAll, until, type TestHub } from './hub-support';

afterEach(stopAll);

const isHelp = (state: HelpCallView['state']) => (e: AdvisorEvent) => e.type === 'help' && e.call.state === state;

/** A paired PC's raw socket, greeted. */
async function greetedPc(th: TestHub, pcId: string) {
  const token = th.hub.services.pairLocal({ pcId, name: `PC ${pcId}`, room: 'Olohuone' }).deviceToken;
  const pc = await kioskSocket(th, { authorization: `Bearer ${token}` });
  if (pc.kind !== 'open') throw new Error(`${pcId}: no socket (${pc.status})`);
  pc.send({ type: 'hello', protocol: HUB_PROTOCOL_VERSION, pcId, clock: Date.now(), release: 'test' });
  await pc.next('welcome', (m) => m.type === 'welcome');
  return { pc, token };
}

const timed = async <T>(what: () => Promise<T>): Promise<number> => {
  const started = performance.now();
  await what();
  return performance.now() - started;
};

describe('a PC flooding the hub with messages', () => {
  it('is limited, cut off when it keeps on, and the hub still answers another PC and a console within 1 s', async () => {
    const th = await startHub({ network: { limits: { pcFloodCloseSeconds: 3 } } });
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    const { pc: flooder, token } = await greetedPc(th, 'pc-flood');
    const { pc: other } = await greetedPc(th, 'pc-2');

    // Every status it sends would reach every console: the costly kind.
    const status = JSON.stringify({ type: 'status', status: { phase: 'active' }, clock: Date.now() });
    const started = performance.now();
    const flood = floodMessages(flooder.socket, status);
    onStop(async () => {
      await flood.stop();
    });
    await sleep(300);

    const pcTimes: number[] = [];
    const consoleTimes: number[] = [];
    const callId = randomUUID();
    for (let i = 0; i < 3; i++) {
      pcTimes.push(
        await timed(async () => {
          const answers = other.messages.length;
          other.send({ type: 'help', callId, action: 'request', at: Date.now() });
          await other.next(`help answer ${i + 1}`, (m) => m.type === 'help' && m.callId === callId && other.messages.indexOf(m) >= answers, 2_000);
        }),
      );
      consoleTimes.push(await timed(() => advisor.board()));
    }
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);

    const closed = await flooder.closed;
    const floodMs = performance.now() - started;
    const sent = await flood.stop();
    expect(closed).toEqual({ code: 4429, reason: 'too many messages' });
    expect(Math.max(...pcTimes)).toBeLessThan(1_000);
    expect(Math.max(...consoleTimes)).toBeLessThan(1_000);

    // Thousands a second were sent; the consoles heard at most the PC's burst and its rate.
    expect(sent / (floodMs / 1000)).toBeGreaterThan(2_000);
    const heard = desk.events.filter((e) => e.type === 'pc' && e.pc.id === 'pc-flood').length;
    expect(heard).toBeLessThanOrEqual(PC_MESSAGE_LIMITS.burst + PC_MESSAGE_LIMITS.perSecond * (floodMs / 1000) + 5);
    const warnings = th.logger.lines.filter((l) => l.pc === 'pc-flood' && /message limit/.test(l.msg)).map((l) => l.msg);
    expect(warnings).toEqual(['PC over its message limit: messages dropped', 'PC disconnected: over its message limit for too long']);

    // Back at once, it is refused for a minute; the other PC is still heard.
    const again = await kioskSocket(th, { authorization: `Bearer ${token}` });
    if (again.kind !== 'open') throw new Error('no socket');
    expect(await again.closed).toEqual({ code: 4429, reason: 'too many messages: try again in a minute' });
    expect(await timed(() => advisor.board())).toBeLessThan(1_000);
    expect(other.socket.readyState).toBe(other.socket.OPEN);
  });

  it('200 help calls in a burst from one PC make one call and one webhook', async () => {
    const receiver = await startReceiver();
    const th = await startHub({ network: { webhooks: [{ url: receiver.url }] } });
    const advisor = await signIn(th);
    const desk = await advisorSocket(th, advisor.token);
    const { pc } = await greetedPc(th, 'pc-1');

    const ids: string[] = Array.from({ length: 200 }, () => randomUUID());
    for (const callId of ids) pc.send({ type: 'help', callId, action: 'request', at: Date.now() });
    await desk.next('the call', isHelp('requested'));
    await until('the webhook', () => receiver.requests.length > 0);
    await sleep(500);

    expect(receiver.requests).toHaveLength(1);
    expect(desk.events.filter((e) => e.type === 'help')).toHaveLength(1);
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM help_calls').get()).toEqual({ n: 1 });
    // Every answer the PC got is the one call, under an id it asked with.
    const answers = pc.messages.filter((m) => m.type === 'help');
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((m) => m.type === 'help' && ids.includes(m.callId) && m.state === 'requested')).toBe(true);
  });

  it('a PC asking again under a new id while its call is open gets that call back, and hears the advisor under both ids', async () => {
    const th = await startHub();
    const advisor = await signIn(th);
    const { pc } = await greetedPc(th, 'pc-1');
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];

    pc.send({ type: 'help', callId: first, action: 'request', at: Date.now() });
    await pc.next('the call', (m) => m.type === 'help' && m.callId === first && m.state === 'requested');
    // The PC restarted and lost track of its call: it asks anew.
    pc.send({ type: 'help', callId: second, action: 'request', at: Date.now() });
    await pc.next('the same call, under the new id', (m) => m.type === 'help' && m.callId === second && m.state === 'requested');
    expect(th.hub.store.auditLog().filter((a) => a.action === 'help requested')).toHaveLength(1);

    expect((await advisor.call('POST', `/api/help/${first}/acknowledge`)).status).toBe(200);
    await pc.next('acknowledged', (m) => m.type === 'help' && m.callId === first && m.state === 'acknowledged');
    await pc.next('acknowledged, under the new id', (m) => m.type === 'help' && m.callId === second && m.state === 'acknowledged');

    // Cancelled under the new id: the one call ends.
    pc.send({ type: 'help', callId: second, action: 'cancel', at: Date.now() });
    await pc.next('cancelled', (m) => m.type === 'help' && m.callId === second && m.state === 'cancelled');
    expect(th.hub.store.helpCall(first)).toMatchObject({ state: 'cancelled' });

    // With no call open, the next request is a new call.
    pc.send({ type: 'help', callId: third, action: 'request', at: Date.now() });
    await pc.next('a new call', (m) => m.type === 'help' && m.callId === third && m.state === 'requested');
    expect(th.hub.store.helpCall(third)).toMatchObject({ pcId: 'pc-1', state: 'requested' });
  });
});
