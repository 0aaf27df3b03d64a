/**
 * The phone's channel: each help call is POSTed to the configured webhooks
 * from a durable outbox, retried with backoff until the receiver answers,
 * and delivered once.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hubNetworkSchema } from '../../main/config/hub';
import { TestTime } from '../../main/core/test-time';
import { HubStore } from '../../main/hub/hub-store';
import { WebhookOutbox, type HelpNotice } from '../../main/hub/webhook';
import { createMemoryLogger } from '../../main/log/logger';
import { onStop, signIn, sleep, startHub, startPc, startReceiver, stopAll, tempDir, until, waitOnline } from './hub-support';

afterEach(stopAll);

const notice = (callId: string): HelpNotice => ({
  event: 'help.requested',
  callId,
  site: 'Raatipirtti',
  pc: { id: 'pc-1', name: 'Tietokone 1' },
  room: 'Olohuone',
  at: new Date().toISOString(),
  console: 'https://tupa-hub.local:8443/advisor/',
});

function outbox(url: string, time: TestTime) {
  const store = new HubStore(join(tempDir('tupa-outbox-'), 'hub.sqlite'));
  onStop(() => store.close());
  const webhooks = hubNetworkSchema.parse({ webhooks: [{ url }] }).webhooks;
  return { store, box: new WebhookOutbox({ store, webhooks, clock: time, scheduler: time, logger: createMemoryLogger(), timeoutMs: 2_000 }) };
}

const row = (store: HubStore) =>
  store.db.prepare('SELECT attempts, next_at, delivered_at, last_error FROM webhook_outbox').get() as { attempts: number; next_at: number; delivered_at: number | null; last_error: string | null };

describe('the webhook receiver down, then up', () => {
  it('retries with growing backoff while the receiver is down and delivers the call once when it is back', async () => {
    const receiver = await startReceiver();
    await receiver.down();
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const { store, box } = outbox(receiver.url, time);

    box.enqueue(notice('5b0d3c2e-2f55-4a43-9a1e-111111111111'));
    expect(await box.deliverDue()).toBe(0);
    const first = row(store);
    expect(first.attempts).toBe(1);
    expect(first.last_error).toBeTruthy();
    const wait1 = first.next_at - time.now();
    expect(wait1).toBeGreaterThanOrEqual(750);
    expect(wait1).toBeLessThanOrEqual(1_250);

    // Not due yet: nothing is tried.
    expect(await box.deliverDue()).toBe(0);
    expect(row(store).attempts).toBe(1);

    // Down (connection refused), then answering 503: each try waits longer.
    time.jumpWall(wait1);
    expect(await box.deliverDue()).toBe(0);
    const second = row(store);
    expect(second.attempts).toBe(2);
    const wait2 = second.next_at - time.now();
    expect(wait2).toBeGreaterThanOrEqual(1_500);
    expect(wait2).toBeLessThanOrEqual(2_500);

    receiver.answer = 503;
    await receiver.up();
    time.jumpWall(wait2);
    expect(await box.deliverDue()).toBe(0);
    expect(receiver.requests.map((r) => r.answered)).toEqual([503]);
    const third = row(store);
    expect(third.attempts).toBe(3);
    expect(third.last_error).toBe('HTTP 503');
    const wait3 = third.next_at - time.now();
    expect(wait3).toBeGreaterThanOrEqual(3_000);
    expect(wait3).toBeLessThanOrEqual(5_000);

    // Back for good.
    receiver.answer = 200;
    time.jumpWall(wait3);
    expect(await box.deliverDue()).toBe(1);
    expect(row(store).delivered_at).toBe(time.now());
    time.jumpWall(10 * 60_000);
    expect(await box.deliverDue()).toBe(0);
    // The same call enqueued again (a resent request) is not a second notice.
    box.enqueue(notice('5b0d3c2e-2f55-4a43-9a1e-111111111111'));
    expect(await box.deliverDue()).toBe(0);
    expect(receiver.requests.map((r) => r.answered)).toEqual([503, 200]);
    const body = JSON.parse(receiver.requests[1]!.body) as HelpNotice;
    expect(body).toMatchObject({ event: 'help.requested', callId: '5b0d3c2e-2f55-4a43-9a1e-111111111111', pc: { id: 'pc-1' } });
  });

  it('keeps an undelivered call across a restart of the hub (the outbox is durable)', async () => {
    const receiver = await startReceiver();
    await receiver.down();
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const dir = tempDir('tupa-outbox-');
    const webhooks = hubNetworkSchema.parse({ webhooks: [{ url: receiver.url }] }).webhooks;
    const before = new HubStore(join(dir, 'hub.sqlite'));
    const box1 = new WebhookOutbox({ store: before, webhooks, clock: time, scheduler: time, logger: createMemoryLogger() });
    box1.enqueue(notice('5b0d3c2e-2f55-4a43-9a1e-222222222222'));
    expect(await box1.deliverDue()).toBe(0);
    before.close();

    await receiver.up();
    const after = new HubStore(join(dir, 'hub.sqlite'));
    onStop(() => after.close());
    const box2 = new WebhookOutbox({ store: after, webhooks, clock: time, scheduler: time, logger: createMemoryLogger() });
    time.jumpWall(2_000);
    expect(await box2.deliverDue()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
  });

  it('with the real hub and real time: a help call reaches a receiver that failed once, exactly once', async () => {
    const receiver = await startReceiver();
    receiver.answer = 500;
    const th = await startHub({ network: { webhooks: [{ url: receiver.url, secret: 'a-long-shared-secret-123' }] } });
    const pc = await startPc({ id: 'pc-1', name: 'Tietokone 1', hub: th });
    await waitOnline(pc);
    pc.controller.requestHelp();
    await until('the first try', () => receiver.requests.length === 1);
    receiver.answer = 200;
    await until('the retry', () => receiver.requests.length === 2, 4_000);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(700);
    // No further tries once delivered.
    await sleep(1_200);
    expect(receiver.requests.map((r) => r.answered)).toEqual([500, 200]);

    const delivered = receiver.requests[1]!;
    expect(delivered.headers['content-type']).toBe('application/json');
    const signature = createHmac('sha256', 'a-long-shared-secret-123').update(delivered.body).digest('hex');
    expect(delivered.headers['x-tupa-signature']).toBe(`sha256=${signature}`);
    const body = JSON.parse(delivered.body) as HelpNotice;
    expect(body).toMatchObject({ event: 'help.requested', site: 'Raatipirtti', pc: { id: 'pc-1', name: 'Tietokone 1' }, room: 'Olohuone' });
    expect(body.callId).toBe(th.hub.store.helpCalls(0)[0]!.id);
  });

  it('posts an ntfy message: JSON with topic, title and message', async () => {
    const receiver = await startReceiver();
    const th = await startHub({ network: { webhooks: [{ url: receiver.url.replace(/\/hook$/, '/'), format: 'ntfy', topic: 'tupa-neuvoja' }] } });
    const pc = await startPc({ id: 'pc-1', name: 'Tietokone 1', room: 'Olohuone', hub: th });
    await waitOnline(pc);
    pc.controller.requestHelp();
    await until('the ntfy message', () => receiver.requests.length === 1);
    const request = receiver.requests[0]!;
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({ topic: 'tupa-neuvoja', title: expect.stringMatching(/help/i), message: expect.stringContaining('Tietokone 1') });
    expect(body.message).toContain('Olohuone');
    expect(body.priority).toBe(5);
    // No resident data: just where help is needed.
    expect(Object.keys(body).sort()).toEqual(['click', 'message', 'priority', 'tags', 'title', 'topic']);
  });

  // Found by this test: the link used to be https://localhost:<port>/advisor/
  // whatever the configuration said ("localhost" on a phone is the phone).
  it('links the notice to the console under a name the phone can reach, not localhost', async () => {
    const receiver = await startReceiver();
    const th = await startHub({ network: { hostnames: ['tupa-hub.local'], webhooks: [{ url: receiver.url, format: 'ntfy', topic: 'tupa' }] } });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    pc.controller.requestHelp();
    await until('the ntfy message', () => receiver.requests.length === 1);
    const click = new URL(String((JSON.parse(receiver.requests[0]!.body) as { click: string }).click));
    expect(click.hostname).toBe('tupa-hub.local');
  });

  it('delivers nothing for a call the hub already had (a resent request)', async () => {
    const receiver = await startReceiver();
    const th = await startHub({ network: { webhooks: [{ url: receiver.url }] } });
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    pc.controller.requestHelp();
    await until('the notice', () => receiver.requests.length === 1);
    const callId = th.hub.store.helpCalls(0)[0]!.id;
    // The PC sends the same call again (as after a lost confirmation).
    pc.attachment.sendHelp({ type: 'help', callId, action: 'request', at: Date.now() });
    await sleep(300);
    expect(receiver.requests).toHaveLength(1);
    const advisor = await signIn(th);
    expect((await advisor.board()).help).toHaveLength(1);
  });
});

describe('notices that are no longer news', () => {
  it('drops a notice whose call the advisor took while the receiver was down, instead of buzzing the phone late', async () => {
    const receiver = await startReceiver();
    await receiver.down();
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const { store, box } = outbox(receiver.url, time);
    const callId = '5b0d3c2e-2f55-4a43-9a1e-333333333333';
    store.db.prepare("INSERT INTO pcs (id, name, room) VALUES ('pc-1', 'Tietokone 1', 'Olohuone')").run();
    store.insertHelpCall(callId, 'pc-1', time.now(), time.now());
    box.enqueue(notice(callId));
    expect(await box.deliverDue()).toBe(0);
    expect(row(store).attempts).toBe(1);

    store.setHelpState(callId, 'acknowledged', time.now(), 'neuvoja');
    await receiver.up();
    time.jumpWall(10 * 60_000);
    expect(await box.deliverDue()).toBe(0);
    expect(receiver.requests).toEqual([]);
    const dropped = store.db.prepare('SELECT dropped_at, last_error, delivered_at FROM webhook_outbox').get() as Record<string, unknown>;
    expect(dropped).toMatchObject({ dropped_at: time.now(), delivered_at: null, last_error: 'not sent: the call was acknowledged first' });
    expect(store.nextWebhookAt()).toBeUndefined();
    expect(store.pendingWebhooks()).toBe(0);
  });

  it('still sends a notice for a call that is waiting', async () => {
    const receiver = await startReceiver();
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const { store, box } = outbox(receiver.url, time);
    const callId = '5b0d3c2e-2f55-4a43-9a1e-444444444444';
    store.db.prepare("INSERT INTO pcs (id, name, room) VALUES ('pc-1', 'Tietokone 1', 'Olohuone')").run();
    store.insertHelpCall(callId, 'pc-1', time.now(), time.now());
    box.enqueue(notice(callId));
    expect(await box.deliverDue()).toBe(1);
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('an access token for the receiver', () => {
  it('is sent as a bearer token, with the signature when both are set', async () => {
    const receiver = await startReceiver();
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const store = new HubStore(join(tempDir('tupa-outbox-'), 'hub.sqlite'));
    onStop(() => store.close());
    const webhooks = hubNetworkSchema.parse({
      webhooks: [{ url: receiver.url, format: 'ntfy', topic: 'tupa-test', token: 'tk_0123456789abcdef', secret: 'a-long-shared-secret' }],
    }).webhooks;
    const box = new WebhookOutbox({ store, webhooks, clock: time, scheduler: time, logger: createMemoryLogger(), timeoutMs: 2_000 });
    box.enqueue(notice('5b0d3c2e-2f55-4a43-9a1e-555555555555'));
    expect(await box.deliverDue()).toBe(1);
    const [sent] = receiver.requests;
    expect(sent!.headers.authorization).toBe('Bearer tk_0123456789abcdef');
    expect(sent!.headers['x-tupa-signature']).toBe(`sha256=${createHmac('sha256', 'a-long-shared-secret').update(sent!.body).digest('hex')}`);
    expect(JSON.parse(sent!.body)).toMatchObject({ topic: 'tupa-test', priority: 5, click: 'https://tupa-hub.local:8443/advisor/' });
  });

  it('is refused in the clear, and credentials never go in the address', () => {
    const over = (url: string, extra: object) => hubNetworkSchema.safeParse({ webhooks: [{ url, ...extra }] });
    expect(over('http://ntfy.kirjasto.local/', { token: 'tk_0123456789' }).success).toBe(false);
    expect(over('http://ntfy.kirjasto.local/', { secret: 'a-long-shared-secret' }).success).toBe(false);
    expect(over('http://ntfy.kirjasto.local/', {}).success).toBe(true);
    expect(over('http://127.0.0.1:8080/hook', { token: 'tk_0123456789' }).success).toBe(true);
    const userinfo = over('https://user:pa55@ntfy.kirjasto.local/', {});
    expect(userinfo.success).toBe(false);
    expect(JSON.stringify(userinfo.error?.issues)).toContain('must not hold a user name or password');
  });

  it('must be printable without spaces', () => {
    const parsed = hubNetworkSchema.safeParse({ webhooks: [{ url: 'https://ntfy.example', token: 'has space' }] });
    expect(parsed.success).toBe(false);
  });
});

describe('redirects', () => {
  it('are not followed: the notice and its signature go only where IT said', async () => {
    const target = await startReceiver();
    const redirector = createServer((_req, res) => res.writeHead(307, { location: target.url }).end());
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', () => r()));
    onStop(() => new Promise<void>((r) => redirector.close(() => r())));
    const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/hook`;
    const time = new TestTime('manual', Date.now());
    onStop(() => time.dispose());
    const { store, box } = outbox(url, time);
    box.enqueue(notice('5b0d3c2e-2f55-4a43-9a1e-666666666666'));
    expect(await box.deliverDue()).toBe(0);
    expect(target.requests).toEqual([]);
    expect(row(store).last_error).toBeTruthy();
  });
});
