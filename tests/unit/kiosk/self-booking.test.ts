import { describe, expect, it } from 'vitest';
import { TestTime } from '../../../main/core/test-time';
import { createMemoryLogger } from '../../../main/log/logger';
import { SELF_BOOKING_ANSWER_MS, setupSelfBooking } from '../../../main/kiosk/self-booking';
import type { HubPort, KioskContext, KioskFeature } from '../../../main/kiosk/feature';
import type { KioskToHub } from '../../../preload/hub-contract';

type Sent = Extract<KioskToHub, { type: 'self-booking' }>;

/** The kiosk's self-booking feature against a hub port the test controls (sending, online) and a manual clock. */
function setup(options: { online?: boolean; enabled?: boolean; hub?: boolean; sends?: boolean } = {}) {
  const time = new TestTime('manual', Date.UTC(2026, 11, 7, 8));
  const sent: Sent[] = [];
  const hub = {
    available: true,
    online: options.online ?? true,
    sendStatus: () => undefined,
    sendHelp: () => undefined,
    commandDone: () => undefined,
    sendSelfBooking: (message: Sent) => {
      if (options.sends === false) return false;
      sent.push(message);
      return true;
    },
  } satisfies HubPort;
  const logger = createMemoryLogger();
  const features: KioskFeature[] = [];
  const ctx = {
    deps: { hub: options.hub === false ? undefined : hub, clock: time, scheduler: time },
    config: { selfBooking: { enabled: options.enabled ?? true } },
    log: logger,
    register: (f: KioskFeature) => features.push(f),
    whileRunning: () => undefined,
  } as unknown as KioskContext;
  const feature = setupSelfBooking(ctx);
  return { feature, hub, sent, time, logger };
}

describe('self-booking at the kiosk: the hub decides, the kiosk relays', () => {
  it('sends the resident\'s request with an id and hands back the hub\'s answer to it', async () => {
    const { feature, sent } = setup();
    const reply = feature.ask({ kind: 'times', date: '2026-12-07' });
    expect(sent).toEqual([{ type: 'self-booking', requestId: expect.any(String), request: { kind: 'times', date: '2026-12-07' } }]);
    feature.answer(sent[0]!.requestId, { kind: 'times', date: '2026-12-07', pcs: [], times: [] });
    expect(await reply).toEqual({ kind: 'times', date: '2026-12-07', pcs: [], times: [] });
  });

  it('no answer in time: "unavailable", and a late answer is ignored', async () => {
    const { feature, sent, time, logger } = setup();
    const reply = feature.ask({ kind: 'days' });
    time.advance(SELF_BOOKING_ANSWER_MS);
    expect(await reply).toEqual({ kind: 'unavailable' });
    feature.answer(sent[0]!.requestId, { kind: 'refused', reason: 'taken' });
    expect(logger.lines.some((l) => l.msg === 'self-booking: an answer to no request of this kiosk')).toBe(true);
  });

  it('the hub offline, or a message that cannot be sent: "unavailable" at once, nothing booked offline', async () => {
    const offline = setup({ online: false });
    expect(await offline.feature.ask({ kind: 'book', pcId: 'pc-1', startsAt: 0, minutes: 30 })).toEqual({ kind: 'unavailable' });
    expect(offline.sent).toEqual([]);
    const unsent = setup({ sends: false });
    expect(await unsent.feature.ask({ kind: 'days' })).toEqual({ kind: 'unavailable' });
  });

  it('the link going down answers every request on its way with "unavailable"', async () => {
    const { feature } = setup();
    const replies = [feature.ask({ kind: 'days' }), feature.ask({ kind: 'times', date: '2026-12-08' })];
    feature.hubChanged(false);
    expect(await Promise.all(replies)).toEqual([{ kind: 'unavailable' }, { kind: 'unavailable' }]);
  });

  it('is offered only with a hub and the policy on, saying whether the hub can be reached', () => {
    expect(setup().feature.snapshotPart()).toEqual({ selfBooking: { online: true } });
    expect(setup({ online: false }).feature.snapshotPart()).toEqual({ selfBooking: { online: false } });
    expect(setup({ enabled: false }).feature.snapshotPart()).toEqual({});
    expect(setup({ hub: false }).feature.snapshotPart()).toEqual({});
  });

  it('never logs a code the hub sends', async () => {
    const { feature, sent, logger } = setup();
    const reply = feature.ask({ kind: 'book', pcId: 'pc-2', startsAt: 0, minutes: 30 });
    feature.answer(sent[0]!.requestId, { kind: 'booked', code: '070707', pc: { id: 'pc-2', name: 'Kone 2', room: 'Sali' }, startsAt: 0, endsAt: 1_800_000 });
    expect(await reply).toMatchObject({ kind: 'booked', code: '070707' });
    expect(JSON.stringify(logger.lines)).not.toContain('070707');
  });
});
