import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MINUTE, SECOND } from '../../main/core/clock';
import { WIPE_PLAN } from '../../main/core/wipe-plan';
import { createKioskCore } from '../../main/kiosk/compose';
import { RecordingShell } from '../../main/kiosk/recording-shell';
import { TestTime } from '../../main/core/test-time';
import { createMemoryLogger } from '../../main/log/logger';
import { hashCode } from '../../main/core/codes';
import { parseConfig } from '../../main/config/load';
import { loadOrCreateCodeKey } from '../../main/store/code-key';
import { KioskStore } from '../../main/store/kiosk-store';
import type { KioskConfigInput } from '../../main/config/schema';
import type { KioskSnapshot } from '../../preload/contract';
import { PC, T0, flush, removeTempDirs, startKiosk, tempDir, type KioskHarness } from './support';

/**
 * The booking code used throughout. With a leading zero it can never be
 * part of a JSON number, so finding it as a whole token means the code
 * itself leaked.
 */
const CODE = '070707';
const CODE_TOKEN = /(?<!\d)070707(?!\d)/;

/** Idle far away unless a test is about idleness, so only the clock decides. */
const BASE: KioskConfigInput = { idle: { timeoutMinutes: 120, promptSeconds: 30 } };

const harnesses: KioskHarness[] = [];

async function kiosk(options: Parameters<typeof startKiosk>[0] = {}): Promise<KioskHarness> {
  const h = await startKiosk({ ...options, config: { ...BASE, ...options.config } });
  harnesses.push(h);
  return h;
}

afterEach(() => {
  for (const h of harnesses.splice(0)) h.close();
  removeTempDirs();
});

const last = (h: KioskHarness): KioskSnapshot => h.snapshots.at(-1)!;
const currentSessionId = (h: KioskHarness): string => h.store.sessions.recent(PC, 1)[0]!.id;
const eventsOf = (h: KioskHarness) => h.store.events.list().map((e) => ({ id: e.id, at: e.at, ...e.event }));

describe('booked session', () => {
  it('starts with a valid code and ends exactly at the booking’s end, then wipes every step in order and asks for feedback', async () => {
    const h = await kiosk();
    const ends = T0 + 30 * MINUTE + 437; // not on a heartbeat: the deadline itself must end it
    h.addBooking(CODE, T0, ends);
    expect(last(h).schedule.current).toEqual({ startsAt: T0, endsAt: ends });

    expect(h.controller.checkIn(CODE, 'sv')).toEqual({ result: 'ok' });
    expect(h.controller.phase).toBe('active');
    const id = currentSessionId(h);
    await flush();
    expect(h.shell.calls.slice(0, 2)).toEqual([
      { call: 'openSessionView', sessionId: id, zoomPercent: 100 },
      { call: 'show', target: { kind: 'home' } },
    ]);
    expect(last(h).session).toMatchObject({ kind: 'booked', startedAt: T0, endsAt: ends, language: 'sv', canExtend: false });
    expect(h.store.sessions.get(id)).toMatchObject({ kind: 'booked', plannedEnd: ends, endedAt: null });

    await h.advanceTo(T0 + 20 * MINUTE + 437);
    expect(h.controller.phase).toBe('warning');
    expect(last(h).session!.warning).toEqual({ minutesLeft: 10, seq: 1 });
    await h.advanceTo(T0 + 25 * MINUTE + 437);
    expect(last(h).session!.warning).toEqual({ minutesLeft: 5, seq: 2 });

    await h.advanceTo(ends - 1);
    expect(h.controller.phase).toBe('warning');
    expect(last(h).session!.warning).toEqual({ minutesLeft: 1, seq: 3 });
    expect(h.store.sessions.get(id)!.endedAt).toBeNull();

    h.time.advance(1);
    expect(h.controller.phase).toBe('ending');
    expect(last(h).ended).toEqual({ reason: 'time-up' });
    await flush();
    expect(h.controller.phase).toBe('feedback');

    expect(h.phases).toEqual([
      ['active', T0],
      ['warning', T0 + 20 * MINUTE + 437],
      ['ending', ends],
      ['wiping', ends],
      ['feedback', ends],
    ]);

    const stored = h.store.sessions.get(id)!;
    expect(stored).toMatchObject({ endedAt: ends, endReason: 'time-up', wipedAt: ends });
    expect(stored.receipt!.ok).toBe(true);
    expect(stored.receipt!.steps.map((s) => s.step)).toEqual([...WIPE_PLAN]);
    expect(stored.receipt!.steps.every((s) => s.ok)).toBe(true);
    expect(stored.receipt!.probe).toEqual({ cookies: 0, localStorage: 0, sessionStorage: 0, indexedDB: 0, cacheStorage: 0, serviceWorkers: 0 });

    // The view was hidden before the wipe began, and the wipe ran the whole plan once, in order.
    const calls = h.shell.calls.map((c) => c.call);
    expect(calls.indexOf('hideSessionView')).toBeLessThan(calls.indexOf('wipeStep'));
    expect(h.shell.wipeStepsFor(id)).toEqual([...WIPE_PLAN]);
    expect(h.shell.openView).toBeUndefined();

    // A snapshot showed the wipe's progress, ending with every step done.
    const wiping = h.snapshots.filter((s) => s.phase === 'wiping');
    expect(wiping.at(-1)!.wipe).toEqual({ total: WIPE_PLAN.length, steps: WIPE_PLAN.map((step) => ({ step, ok: true })) });

    expect(eventsOf(h)).toEqual([
      { id: `${id}:started`, at: T0, type: 'session-started', kind: 'booked', language: 'sv' },
      { id: `${id}:ended`, at: ends, type: 'session-ended', kind: 'booked', language: 'sv', minutes: 30, reason: 'time-up' },
    ]);
  });

  it('refuses a code before its window with not-yet (startsAt and validFrom), without counting it as wrong', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0 + 20 * MINUTE, T0 + 50 * MINUTE);
    for (let i = 0; i < 7; i++) {
      expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'not-yet', startsAt: T0 + 20 * MINUTE, validFrom: T0 + 15 * MINUTE });
    }
    expect(h.controller.phase).toBe('welcome');
    expect(last(h).checkIn).toEqual({});
    await h.advanceTo(T0 + 15 * MINUTE - 1);
    expect(h.controller.checkIn(CODE, 'fi').result).toBe('not-yet');
    await h.advance(1);
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    // An early check-in still ends at the booking's end.
    expect(last(h).session).toMatchObject({ startedAt: T0 + 15 * MINUTE, endsAt: T0 + 50 * MINUTE });
  });

  it('refuses a wrong code with the attempts left, and a cancelled booking’s code', async () => {
    const h = await kiosk();
    const id = h.addBooking(CODE, T0, T0 + 30 * MINUTE);
    expect(h.controller.checkIn('123456', 'fi')).toEqual({ result: 'wrong-code', attemptsLeft: 4 });
    expect(h.controller.checkIn('070708', 'fi')).toEqual({ result: 'wrong-code', attemptsLeft: 3 });
    expect(h.controller.phase).toBe('welcome');

    h.store.bookings.cancel(id, h.time.now());
    h.controller.reloadFromStore();
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'wrong-code', attemptsLeft: 2 });
    expect(h.store.sessions.recent(PC)).toEqual([]);
    expect(h.store.events.count()).toBe(0);
  });

  it('locks after 5 wrong codes: even the right code is refused until the lock ends', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + 60 * MINUTE);
    const results = ['111111', '222222', '333333', '444444'].map((c) => h.controller.checkIn(c, 'fi'));
    expect(results).toEqual([4, 3, 2, 1].map((attemptsLeft) => ({ result: 'wrong-code', attemptsLeft })));
    await h.advance(10 * SECOND);
    const until = T0 + 70 * SECOND;
    expect(h.controller.checkIn('555555', 'fi')).toEqual({ result: 'throttled', until });
    expect(last(h).checkIn).toEqual({ lockedUntil: until });

    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'throttled', until });
    await h.advanceTo(until - 1);
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'throttled', until });
    expect(h.controller.phase).toBe('welcome');
    expect(h.store.events.count()).toBe(0);

    await h.advance(1);
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    expect(h.controller.phase).toBe('active');
  });

  it('counts wrong codes within the window only', async () => {
    const h = await kiosk();
    for (let i = 0; i < 4; i++) h.controller.checkIn('111111', 'fi');
    await h.advance(61 * SECOND);
    expect(h.controller.checkIn('111111', 'fi')).toEqual({ result: 'wrong-code', attemptsLeft: 4 });
  });
});

describe('walk-in', () => {
  it('is offered when the PC is free and lasts at most maxMinutes', async () => {
    const h = await kiosk();
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + 60 * MINUTE });
    expect(h.controller.startWalkIn('en')).toBe(true);
    const id = currentSessionId(h);
    expect(last(h).session).toMatchObject({ kind: 'walk-in', endsAt: T0 + 60 * MINUTE, language: 'en' });
    expect(h.controller.startWalkIn('en')).toBe(false); // already in a session
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'busy' });
    await h.advanceTo(T0 + 60 * MINUTE);
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 60 * MINUTE, endReason: 'time-up', kind: 'walk-in' });
  });

  it('ends before the next booking, keeping the gap, and the booking’s code then works', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0 + 40 * MINUTE, T0 + 70 * MINUTE);
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + 35 * MINUTE });
    expect(h.controller.startWalkIn('fi')).toBe(true);
    const id = currentSessionId(h);
    expect(last(h).session!.endsAt).toBe(T0 + 35 * MINUTE);
    await h.advanceTo(T0 + 35 * MINUTE);
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 35 * MINUTE, endReason: 'time-up' });
    expect(h.controller.phase).toBe('feedback');
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'busy' });
    h.controller.skipFeedback();
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
  });

  it('is not offered when the next booking is too close, when a booking is current, or when disabled', async () => {
    const soon = await kiosk();
    soon.addBooking(CODE, T0 + 24 * MINUTE, T0 + 60 * MINUTE); // a walk-in could last until 19 min: enough
    expect(last(soon).walkIn.allowed).toBe(true);
    const tooSoon = await kiosk();
    tooSoon.addBooking(CODE, T0 + 19 * MINUTE, T0 + 60 * MINUTE); // free for 14 minutes only
    expect(last(tooSoon).walkIn).toEqual({ allowed: false });
    expect(tooSoon.controller.startWalkIn('fi')).toBe(false);

    const current = await kiosk();
    // Started five minutes ago: still within the hold time (checkIn.holdMinutes, 10), so it holds the PC.
    current.addBooking(CODE, T0 - 5 * MINUTE, T0 + 20 * MINUTE);
    expect(current.controller.startWalkIn('fi')).toBe(false);

    const disabled = await kiosk({ config: { walkIn: { enabled: false } } });
    expect(last(disabled).walkIn).toEqual({ allowed: false });
    expect(disabled.controller.startWalkIn('fi')).toBe(false);
    for (const h of [tooSoon, current, disabled]) {
      expect(h.controller.phase).toBe('welcome');
      expect(h.store.events.count()).toBe(0);
    }
  });

  it('is shortened within a second when another connection (the command line) adds a booking', async () => {
    const h = await kiosk();
    expect(h.controller.startWalkIn('fi')).toBe(true);
    const id = currentSessionId(h);
    await h.advanceTo(T0 + 10 * MINUTE);

    const cli = h.openOther();
    h.addBooking(CODE, T0 + 40 * MINUTE, T0 + 70 * MINUTE, cli);
    expect(last(h).session!.endsAt).toBe(T0 + 60 * MINUTE); // not yet noticed
    await h.advance(1000);
    expect(last(h).session!.endsAt).toBe(T0 + 35 * MINUTE);
    expect(last(h).schedule.next).toEqual({ startsAt: T0 + 40 * MINUTE, endsAt: T0 + 70 * MINUTE });
    expect(h.store.sessions.get(id)!.plannedEnd).toBe(T0 + 35 * MINUTE);
    expect(h.logger.lines.some((l) => l.msg === 'session shortened by a new booking')).toBe(true);

    await h.advanceTo(T0 + 35 * MINUTE - 1);
    expect(h.controller.phase).toBe('warning');
    await h.advance(1);
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 35 * MINUTE, endReason: 'time-up' });
    expect(eventsOf(h).find((e) => e.type === 'session-ended')).toMatchObject({ minutes: 35, reason: 'time-up' });
  });

  it('ends at once when another connection books the PC from now', async () => {
    const h = await kiosk();
    h.controller.startWalkIn('fi');
    await h.advanceTo(T0 + 10 * MINUTE);
    h.addBooking(CODE, T0 + 12 * MINUTE, T0 + 40 * MINUTE, h.openOther());
    await h.advance(1000);
    expect(h.controller.phase).toBe('feedback');
    expect(h.store.sessions.recent(PC, 1)[0]).toMatchObject({ endedAt: T0 + 10 * MINUTE + 250, endReason: 'time-up' });
  });

  it('notices a cancellation by another connection in the welcome screen', async () => {
    const h = await kiosk();
    const id = h.addBooking(CODE, T0 + 10 * MINUTE, T0 + 40 * MINUTE);
    expect(last(h).walkIn).toEqual({ allowed: false });
    const cli = h.openOther();
    cli.bookings.cancel(id, T0);
    await h.advance(1000);
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + 60 * MINUTE });
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'wrong-code', attemptsLeft: 4 });
  });
});

describe('extension', () => {
  it('is allowed at a warning when the next slot is free, and refused when it is taken', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + 30 * MINUTE);
    h.controller.checkIn(CODE, 'fi');
    const id = currentSessionId(h);
    expect(last(h).session!.canExtend).toBe(false); // only offered at a warning

    await h.advanceTo(T0 + 20 * MINUTE);
    expect(h.controller.phase).toBe('warning');
    expect(last(h).session!.canExtend).toBe(true);
    expect(h.controller.extend()).toEqual({ allowed: true, endsAt: T0 + 45 * MINUTE });
    expect(h.controller.phase).toBe('active');
    expect(last(h).session).toMatchObject({ endsAt: T0 + 45 * MINUTE, canExtend: false });
    expect(h.store.sessions.get(id)).toMatchObject({ plannedEnd: T0 + 45 * MINUTE, extensions: 1 });

    // Someone books the PC from 50 minutes: the next extension would run into it.
    h.addBooking('808080', T0 + 50 * MINUTE, T0 + 80 * MINUTE, h.openOther());
    await h.advance(1000);
    expect(last(h).session!.endsAt).toBe(T0 + 45 * MINUTE); // its own gap is kept: no clamp
    await h.advanceTo(T0 + 35 * MINUTE);
    expect(h.controller.phase).toBe('warning');
    expect(last(h).session).toMatchObject({ warning: { minutesLeft: 10 }, canExtend: false });
    expect(h.controller.extend()).toEqual({ allowed: false, reason: 'next-slot-taken' });
    expect(h.store.sessions.get(id)).toMatchObject({ plannedEnd: T0 + 45 * MINUTE, extensions: 1 });

    await h.advanceTo(T0 + 45 * MINUTE);
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 45 * MINUTE, endReason: 'time-up' });
    expect(eventsOf(h).find((e) => e.type === 'session-ended')).toMatchObject({ minutes: 45 });
  });

  it('is allowed when the next booking leaves room, up to the limit per session', async () => {
    const h = await kiosk({ config: { extension: { minutes: 15, maxPerSession: 1 } } });
    h.addBooking(CODE, T0, T0 + 30 * MINUTE);
    h.addBooking('808080', T0 + 50 * MINUTE, T0 + 80 * MINUTE); // code valid from 45: 30 + 15 fits exactly
    h.controller.checkIn(CODE, 'fi');
    await h.advanceTo(T0 + 25 * MINUTE);
    expect(h.controller.extend()).toEqual({ allowed: true, endsAt: T0 + 45 * MINUTE });
    await h.advanceTo(T0 + 40 * MINUTE);
    expect(h.controller.extend()).toEqual({ allowed: false, reason: 'limit-reached' });
  });

  it('refuses without a session', async () => {
    const h = await kiosk();
    expect(h.controller.extend()).toEqual({ allowed: false, reason: 'no-session' });
  });
});

describe('idleness', () => {
  const IDLE: KioskConfigInput = { idle: { timeoutMinutes: 5, promptSeconds: 30 } };

  it('asks "are you still there?" after the idle time, and ends the session when nobody answers', async () => {
    const h = await kiosk({ config: IDLE });
    h.controller.startWalkIn('fi');
    const id = currentSessionId(h);
    await h.advanceTo(T0 + 5 * MINUTE - 1);
    expect(last(h).session!.idlePromptMs).toBeUndefined();
    await h.advance(1);
    expect(h.controller.phase).toBe('active');
    expect(h.controller.snapshot().session!.idlePromptMs).toBe(30 * SECOND);

    // An answer puts it away; input in the web view counts as an answer too.
    await h.advance(29 * SECOND);
    h.controller.confirmPresence();
    expect(last(h).session!.idlePromptMs).toBeUndefined();
    await h.advance(4 * MINUTE);
    h.shell.reportActivity();
    await h.advance(5 * MINUTE - 1);
    expect(last(h).session!.idlePromptMs).toBeUndefined();
    await h.advance(1);
    expect(last(h).session!.idlePromptMs).toBe(30 * SECOND);

    const promptAt = h.time.now();
    await h.advance(30 * SECOND - 1);
    expect(h.controller.phase).toBe('active');
    await h.advance(1);
    expect(h.controller.phase).toBe('feedback');
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: promptAt + 30 * SECOND, endReason: 'idle' });
    expect(eventsOf(h).find((e) => e.type === 'session-ended')).toMatchObject({ reason: 'idle', minutes: 15 });
  });

  it('pauses while the camera or microphone is in use, and starts afresh when the call ends', async () => {
    const h = await kiosk({ config: IDLE });
    h.controller.startWalkIn('fi');
    h.shell.setMediaInUse(true);
    await h.advance(30 * MINUTE);
    expect(h.controller.phase).toBe('active');
    expect(last(h).session!.idlePromptMs).toBeUndefined();
    h.shell.setMediaInUse(false);
    await h.advance(5 * MINUTE - 1);
    expect(last(h).session!.idlePromptMs).toBeUndefined();
    await h.advance(1);
    expect(last(h).session!.idlePromptMs).toBe(30 * SECOND);
    // A call starting during the prompt puts it away.
    h.shell.setMediaInUse(true);
    await h.advance(10 * MINUTE);
    expect(h.controller.phase).toBe('active');
    expect(last(h).session!.idlePromptMs).toBeUndefined();
  });
});

describe('ending and feedback', () => {
  async function endedByResident(config: KioskConfigInput = {}) {
    const h = await kiosk({ config });
    h.controller.startWalkIn('sv');
    const id = currentSessionId(h);
    await h.advance(12 * MINUTE + 20 * SECOND);
    h.controller.endSession();
    expect(h.controller.phase).toBe('ending');
    await flush();
    return { h, id };
  }

  it('ends when the resident says so, wipes, and records the feedback score only', async () => {
    const { h, id } = await endedByResident();
    expect(h.controller.phase).toBe('feedback');
    expect(last(h).ended).toEqual({ reason: 'resident' });
    expect(h.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 12 * MINUTE + 20 * SECOND, endReason: 'resident', wipedAt: expect.any(Number) });
    expect(h.shell.wipeStepsFor(id)).toEqual([...WIPE_PLAN]);

    h.controller.submitFeedback('good');
    expect(h.controller.phase).toBe('welcome');
    expect(last(h).session).toBeUndefined();
    h.controller.submitFeedback('bad'); // too late: nothing
    const rows = h.store.db.prepare("SELECT id, type, data FROM usage_events WHERE type = 'feedback'").all();
    expect(rows).toEqual([{ id: `${id}:feedback`, type: 'feedback', data: JSON.stringify({ score: 'good' }) }]);
    expect(eventsOf(h).map((e) => e.type)).toEqual(['session-started', 'session-ended', 'feedback']);
    expect(eventsOf(h)[1]).toMatchObject({ kind: 'walk-in', language: 'sv', minutes: 12, reason: 'resident' });
  });

  it('returns to the welcome screen without an event when feedback is skipped', async () => {
    const { h } = await endedByResident();
    h.controller.skipFeedback();
    expect(h.controller.phase).toBe('welcome');
    expect(eventsOf(h).map((e) => e.type)).toEqual(['session-started', 'session-ended']);
  });

  it('returns to the welcome screen when the feedback question times out', async () => {
    const { h } = await endedByResident();
    expect(last(h).feedback).toEqual({ remainingMs: 30 * SECOND });
    await h.advance(30 * SECOND - 1);
    expect(h.controller.phase).toBe('feedback');
    await h.advance(1);
    expect(h.controller.phase).toBe('welcome');
    expect(eventsOf(h).map((e) => e.type)).toEqual(['session-started', 'session-ended']);
  });

  it('skips the question when feedback is disabled', async () => {
    const { h } = await endedByResident({ feedback: { enabled: false } });
    expect(h.controller.phase).toBe('welcome');
  });

  it('records an advisor’s end', async () => {
    const h = await kiosk();
    h.controller.startWalkIn('fi');
    h.controller.endSession('advisor');
    await flush();
    expect(eventsOf(h).at(-1)).toMatchObject({ type: 'session-ended', reason: 'advisor', minutes: 0 });
  });
});

describe('a wipe that cannot be shown to have worked', () => {
  it('takes the PC out of service when a step fails, keeping a receipt that is not ok', async () => {
    const h = await kiosk();
    h.shell.failStep('clear-cache', 'the cache is locked');
    h.controller.startWalkIn('fi');
    const id = currentSessionId(h);
    h.controller.endSession();
    await flush();
    expect(h.controller.phase).toBe('out-of-service');
    expect(last(h).outOfService).toEqual({ since: T0 });

    const stored = h.store.sessions.get(id)!;
    expect(stored.wipedAt).toBeNull();
    expect(stored.receipt!.ok).toBe(false);
    expect(stored.receipt!.problem).toContain('clear-cache');
    // Every step still ran, in order.
    expect(stored.receipt!.steps.map((s) => [s.step, s.ok])).toEqual(WIPE_PLAN.map((step) => [step, step !== 'clear-cache']));
    expect(h.store.sessions.unwiped(PC).map((s) => s.id)).toEqual([id]);

    // Nobody can start a session on it.
    expect(h.controller.startWalkIn('fi')).toBe(false);
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'busy' });
    await h.advance(10 * MINUTE);
    expect(h.controller.phase).toBe('out-of-service');
    expect(h.logger.lines.some((l) => l.level === 'error' && l.msg === 'out of service')).toBe(true);
  });

  it('takes the PC out of service when the probe finds data left behind', async () => {
    const h = await kiosk();
    h.shell.leaveBehind({ cookies: 2, indexedDB: 1 });
    h.controller.startWalkIn('fi');
    const id = currentSessionId(h);
    h.controller.endSession();
    await flush();
    expect(h.controller.phase).toBe('out-of-service');
    const receipt = h.store.sessions.get(id)!.receipt!;
    expect(receipt.ok).toBe(false);
    expect(receipt.probe).toMatchObject({ cookies: 2, indexedDB: 1 });
    expect(receipt.steps.at(-1)).toMatchObject({ step: 'probe', ok: false });
    expect(receipt.steps.slice(0, -1).every((s) => s.ok)).toBe(true);
    expect(h.store.sessions.get(id)!.wipedAt).toBeNull();
  });

  it('wipes again at the next start-up and returns to service when the wipe then works', async () => {
    const broken = await kiosk();
    broken.shell.failStep('delete-downloads', 'busy');
    broken.controller.startWalkIn('fi');
    const id = currentSessionId(broken);
    broken.controller.endSession();
    await flush();
    expect(broken.controller.phase).toBe('out-of-service');
    broken.close();
    harnesses.splice(harnesses.indexOf(broken), 1);

    const again = await kiosk({ dir: broken.dir, start: T0 + 5 * MINUTE });
    expect(again.controller.phase).toBe('welcome');
    expect(again.shell.wipeStepsFor(id)).toEqual([...WIPE_PLAN]);
    expect(again.store.sessions.get(id)).toMatchObject({ wipedAt: T0 + 5 * MINUTE, endReason: 'resident' });
    expect(again.store.sessions.get(id)!.receipt!.ok).toBe(true);
    expect(eventsOf(again).map((e) => e.type)).toEqual(['session-started', 'session-ended']);
  });
});

describe('start-up after a crash (same process, new controller)', () => {
  it('closes an open session as interrupted at its last heartbeat, wipes it, and does so only once', async () => {
    const first = await kiosk();
    first.controller.startWalkIn('fi');
    const id = currentSessionId(first);
    await first.advance(47 * SECOND);
    expect(first.store.sessions.get(id)!.aliveAt).toBe(T0 + 45 * SECOND);
    // A crash: nothing more runs, the database is left as it is.
    first.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = await kiosk({ dir: first.dir, start: T0 + 2 * MINUTE });
    expect(second.controller.phase).toBe('welcome');
    expect(last(second).phase).toBe('welcome');
    expect(second.store.sessions.get(id)).toMatchObject({ endedAt: T0 + 45 * SECOND, endReason: 'interrupted', wipedAt: T0 + 2 * MINUTE });
    expect(second.shell.wipeStepsFor(id)).toEqual([...WIPE_PLAN]);
    expect(eventsOf(second)).toEqual([
      { id: `${id}:started`, at: T0, type: 'session-started', kind: 'walk-in', language: 'fi' },
      { id: `${id}:ended`, at: T0 + 45 * SECOND, type: 'session-ended', kind: 'walk-in', language: 'fi', minutes: 1, reason: 'interrupted' },
    ]);
    expect(second.logger.lines.some((l) => l.level === 'warn' && l.msg === 'finishing a session that did not end cleanly')).toBe(true);
    second.close();
    harnesses.splice(harnesses.indexOf(second), 1);

    const third = await kiosk({ dir: first.dir, start: T0 + 3 * MINUTE });
    expect(third.shell.calls).toEqual([]);
    expect(eventsOf(third)).toHaveLength(2);
    expect(third.controller.phase).toBe('welcome');
  });

  // Regression (fixed, it used to fail): start() lets the recovered session's wipe go through the machine's
  // 'wipe-done', which (for any reason but 'interrupted') enters 'feedback';
  // start() then sets WELCOME directly without telling the phase listeners,
  // so onPhase's last word is 'feedback' while the kiosk is at 'welcome'.
  it('reports the phases of a recovery wipe truthfully to onPhase (crash during the wipe of a resident-ended session)', async () => {
    const first = await kiosk();
    first.controller.startWalkIn('fi');
    const id = currentSessionId(first);
    // Ended and recorded, but the process died before the wipe's receipt was saved.
    first.store.recordEnd(first.store.sessions.get(id)!, 'resident', T0 + MINUTE, MINUTE);
    first.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = await kiosk({ dir: first.dir, start: T0 + 2 * MINUTE });
    expect(second.controller.phase).toBe('welcome');
    expect(second.store.sessions.get(id)!.wipedAt).toBe(T0 + 2 * MINUTE);
    expect(second.phases.map(([p]) => p)).not.toContain('feedback');
    expect(second.phases.at(-1)?.[0] ?? 'welcome').toBe(second.controller.phase);
  });
});

describe('privacy of snapshots and logs', () => {
  it('never puts the code or an address into a snapshot or a log line, through a whole session', async () => {
    const h = await kiosk({
      config: {
        tiles: [
          { id: 'kela', url: 'https://www.kela.fi/asiointi/hakemus', label: { fi: 'Kela' } },
          { id: 'contact', url: 'https://www.example.fi/mielenterveys/yhteydenotto?from=tupa', label: { fi: 'Yhteydenotto' } },
        ],
      },
    });
    h.addBooking(CODE, T0 + 10 * MINUTE, T0 + 40 * MINUTE);
    h.controller.checkIn(CODE, 'fi'); // not yet
    h.controller.checkIn('123456', 'fi'); // wrong
    await h.advanceTo(T0 + 5 * MINUTE);
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    expect(h.controller.openTile('kela')).toBe(true);
    expect(h.controller.openTile('contact')).toBe(true);
    h.controller.zoom('in');
    h.controller.zoom('in');
    h.controller.setLanguage('en');
    h.controller.goHome();
    await h.advanceTo(T0 + 30 * MINUTE);
    h.controller.extend();
    // A wipe step whose error message carries an address and a code.
    h.shell.failStep('clear-clipboard', `clipboard held https://www.kela.fi/asiointi/hakemus?code=${CODE} and www.example.fi/x`);
    await h.advanceTo(T0 + 55 * MINUTE);
    expect(h.controller.phase).toBe('out-of-service');

    // The tile URLs reached the shell (the web view), so the test would see them if they leaked.
    expect(h.shell.calls).toContainEqual({ call: 'show', target: { kind: 'url', url: 'https://www.kela.fi/asiointi/hakemus' } });
    expect(h.snapshots.length).toBeGreaterThan(10);
    const seenPhases = new Set(h.snapshots.map((s) => s.phase));
    expect([...seenPhases]).toEqual(expect.arrayContaining(['welcome', 'active', 'warning', 'ending', 'wiping', 'out-of-service']));
    expect(h.snapshots.some((s) => s.session?.view.kind === 'tile')).toBe(true);

    const forbidden = ['https://', 'http://', '/asiointi', 'hakemus', '/mielenterveys', 'yhteydenotto?', 'from=tupa'];
    for (const s of [...h.snapshots, h.controller.snapshot()]) {
      const json = JSON.stringify(s);
      expect(json).not.toMatch(CODE_TOKEN);
      for (const f of forbidden) expect(json, `snapshot rev ${s.rev} holds ${f}`).not.toContain(f);
    }
    expect(last(h).tiles.map((t) => t.host)).toEqual(['www.kela.fi', 'www.example.fi']);

    expect(h.logger.lines.length).toBeGreaterThan(5);
    for (const line of h.logger.lines) {
      const json = JSON.stringify(line);
      expect(json).not.toContain(CODE);
      expect(json).not.toContain('123456');
      for (const f of forbidden) expect(json, json).not.toContain(f);
      expect(json).not.toContain('www.');
    }
    // The receipt kept for IT is scrubbed too.
    const receipt = h.store.sessions.recent(PC, 1)[0]!.receipt!;
    expect(JSON.stringify(receipt)).not.toMatch(CODE_TOKEN);
    expect(JSON.stringify(receipt)).not.toContain('https://');
  });

  it('keeps the code out of the database files: only its keyed hash is stored', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + 30 * MINUTE);
    h.controller.checkIn(CODE, 'fi');
    h.controller.endSession();
    await flush();
    h.controller.submitFeedback('ok');
    const stored = h.store.bookings.live(PC, T0)[0]!;
    expect(stored.codeHash.equals(hashCode(h.codeKey, CODE))).toBe(true);
    const files = readdirSync(h.dir).filter((f) => f.startsWith('kiosk.sqlite'));
    expect(files).toContain('kiosk.sqlite-wal');
    for (const f of files) {
      const bytes = readFileSync(join(h.dir, f));
      expect(bytes.includes(Buffer.from(CODE)), f).toBe(false);
      expect(bytes.includes(Buffer.from(CODE, 'utf16le')), f).toBe(false);
    }
  });
});

describe('robustness against the wall clock', () => {
  // Regression (fixed, it used to fail): a forward wall-clock jump of more than 24 h during a session (a PC
  // that booted with a wrong clock, then NTP corrected it) makes recordEnd's
  // session-ended event fail the schema (minutes > 1440). dispatch() has
  // already set the state to 'ending' when perform('record-end') throws, so
  // 'hide-view' never runs: the kiosk stays in 'ending' for good, the web view
  // is never hidden nor wiped, and the session is never closed or counted.
  it('still ends, wipes and records a session when the wall clock jumps forward by more than a day', async () => {
    const h = await kiosk();
    h.controller.startWalkIn('fi');
    const id = currentSessionId(h);
    await h.advance(5 * MINUTE);
    h.time.jumpWall(25 * 60 * MINUTE);
    await h.advance(2 * SECOND);
    expect(h.controller.phase).not.toBe('ending');
    expect(h.store.sessions.get(id)!.endedAt).not.toBeNull();
    expect(h.shell.wipeStepsFor(id)).toEqual([...WIPE_PLAN]);
  });

  it('a wall clock set backwards does not stretch a session (the monotonic limit holds)', async () => {
    const h = await kiosk();
    h.controller.startWalkIn('fi');
    const id = currentSessionId(h);
    await h.advance(10 * MINUTE);
    h.time.jumpWall(-60 * MINUTE);
    await h.advance(50 * MINUTE);
    expect(h.store.sessions.get(id)!.endReason).toBe('time-up');
    expect(h.time.monotonic()).toBe(60 * MINUTE);
  });
});

describe('the composed core (createKioskCore) through its router', () => {
  it('checks in through the typed contract and pushes snapshots as events', async () => {
    const dataDir = tempDir();
    const time = new TestTime('manual', T0);
    const config = parseConfig({ ...BASE, pc: { id: PC } }, 'test');
    const shell = new RecordingShell();
    const logger = createMemoryLogger();
    const core = await createKioskCore({ config, dataDir, clock: time, scheduler: time, shell, logger, isAllowedSender: (s) => s.transport === 'ws' });
    try {
      const key = loadOrCreateCodeKey(dataDir);
      const cli = new KioskStore(join(dataDir, 'kiosk.sqlite'), PC);
      cli.bookings.add({ id: 'b-1', pcId: PC, startsAt: T0, endsAt: T0 + 30 * MINUTE, codeHash: hashCode(key, CODE) }, T0);
      cli.close();
      const events: unknown[] = [];
      core.onEvent((e) => events.push(e));
      time.advance(250);
      await flush();

      const ws = { transport: 'ws' as const, remoteAddress: '127.0.0.1', origin: 'http://127.0.0.1:1' };
      const ipc = { transport: 'ipc' as const, webContentsId: 1, frameUrl: 'app://kiosk/', isMainFrame: true };
      expect(await core.router.call(ipc, { v: 1, id: 1, method: 'kiosk.checkIn', params: { code: CODE, locale: 'fi' } })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(await core.router.call(ws, { v: 1, id: 2, method: 'kiosk.checkIn', params: { code: '12345', locale: 'fi' } })).toMatchObject({
        ok: false,
        error: { code: 'invalid-params' },
      });
      expect(core.controller.phase).toBe('welcome');
      expect(await core.router.call(ws, { v: 1, id: 3, method: 'kiosk.checkIn', params: { code: CODE, locale: 'fi' } })).toEqual({
        v: 1,
        id: 3,
        ok: true,
        result: { result: 'ok' },
      });
      expect(events.at(-1)).toMatchObject({ v: 1, event: 'kiosk.snapshot', payload: { phase: 'active' } });
      expect(await core.router.call(ws, { v: 1, id: 4, method: 'kiosk.endSession', params: {} })).toMatchObject({ ok: true });
      await flush();
      expect(core.controller.phase).toBe('feedback');
      expect(core.store.events.list().map((e) => e.event.type)).toEqual(['session-started', 'session-ended']);
      // Rejected calls are logged by method and code, never with their parameters.
      expect(logger.lines.filter((l) => l.msg === 'call rejected').map((l) => l.method)).toEqual(['kiosk.checkIn', 'kiosk.checkIn']);
      expect(JSON.stringify(logger.lines)).not.toContain(CODE);
    } finally {
      core.close();
      time.dispose();
    }
  });
});

describe('the wrong-code lock across a restart', () => {
  it('a resident locked out by wrong codes is still locked out after the kiosk restarts, until the lock ends', async () => {
    const dataDir = tempDir();
    const time = new TestTime('manual', T0);
    const config = parseConfig({ ...BASE, pc: { id: PC } }, 'test');
    const start = () =>
      createKioskCore({ config, dataDir, clock: time, scheduler: time, shell: new RecordingShell(), logger: createMemoryLogger(), isAllowedSender: () => true });
    try {
      const first = await start();
      const key = loadOrCreateCodeKey(dataDir);
      first.store.bookings.add({ id: 'b-1', pcId: PC, startsAt: T0, endsAt: T0 + 60 * MINUTE, codeHash: hashCode(key, CODE) }, T0);
      first.controller.reloadFromStore();
      for (const wrong of ['111111', '222222', '333333', '444444']) first.controller.checkIn(wrong, 'fi');
      const locked = first.controller.checkIn('555555', 'fi');
      expect(locked).toEqual({ result: 'throttled', until: T0 + 60 * SECOND });
      // Pulling the plug (or the kiosk relaunching itself) does not lift the lock.
      first.close();
      time.advance(10 * SECOND);
      const second = await start();
      try {
        expect(second.controller.checkIn(CODE, 'fi')).toEqual(locked);
        expect(second.controller.snapshot().checkIn).toEqual({ lockedUntil: T0 + 60 * SECOND });
        if (process.platform !== 'win32') expect(statSync(join(dataDir, 'code-throttle.json')).mode & 0o777).toBe(0o600);
        time.advance(50 * SECOND);
        expect(second.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
      } finally {
        second.close();
      }
    } finally {
      time.dispose();
    }
  });
});

describe('logging of rejected calls', () => {
  // Regression (fixed, it used to fail): compose.ts logs the router's rejection as
  // log.warn('call rejected', { method, code, transport }), but the logger
  // redacts every field named "code" (FORBIDDEN_KEYS in main/log/logger.ts),
  // so the line always says code: "[redacted]" and IT cannot tell a
  // forbidden sender from bad parameters or a version mismatch.
  it('keeps the error code of a rejected call in the log line', async () => {
    const dataDir = tempDir();
    const time = new TestTime('manual', T0);
    const logger = createMemoryLogger();
    const core = await createKioskCore({
      config: parseConfig({ ...BASE, pc: { id: PC } }, 'test'),
      dataDir,
      clock: time,
      scheduler: time,
      shell: new RecordingShell(),
      logger,
      isAllowedSender: () => false,
    });
    try {
      const ws = { transport: 'ws' as const, remoteAddress: '127.0.0.1', origin: 'http://127.0.0.1:1' };
      expect(await core.router.call(ws, { v: 1, id: 1, method: 'kiosk.getSnapshot', params: {} })).toMatchObject({ error: { code: 'forbidden' } });
      const line = logger.lines.find((l) => l.msg === 'call rejected');
      expect(line).toMatchObject({ method: 'kiosk.getSnapshot', transport: 'ws' });
      expect(JSON.stringify(line)).toContain('forbidden');
    } finally {
      core.close();
      time.dispose();
    }
  });
});

describe('the web view through the shell port', () => {
  async function inTile() {
    const h = await kiosk();
    h.controller.startWalkIn('fi');
    await flush();
    expect(h.controller.openTile('kela')).toBe(true);
    return h;
  }
  const last = (h: KioskHarness) => h.snapshots.at(-1)!.session!;

  it('places the view only while a service is open, and never outside a session', async () => {
    const h = await kiosk();
    h.controller.setWebArea({ x: 0, y: 100, width: 800, height: 600 });
    expect(h.shell.calls.filter((c) => c.call === 'setViewArea')).toEqual([]);
    h.controller.startWalkIn('fi');
    await flush();
    h.controller.setWebArea({ x: 0, y: 100, width: 800, height: 600 });
    expect(h.shell.calls.filter((c) => c.call === 'setViewArea').at(-1)).toEqual({ call: 'setViewArea', area: null });
    h.controller.openTile('kela');
    h.controller.setWebArea({ x: 0, y: 100, width: 800, height: 600 });
    expect(h.shell.calls.filter((c) => c.call === 'setViewArea').at(-1)).toEqual({ call: 'setViewArea', area: { x: 0, y: 100, width: 800, height: 600 } });
  });

  it('shows back and forward as the view reports them, and goes back through the shell', async () => {
    const h = await inTile();
    expect(last(h).nav).toEqual({ canGoBack: false, canGoForward: false });
    h.shell.emit({ type: 'nav', canGoBack: true, canGoForward: false });
    expect(last(h).nav).toEqual({ canGoBack: true, canGoForward: false });
    h.controller.navigate('back');
    expect(h.shell.calls.at(-1)).toEqual({ call: 'navigate', action: 'back' });
  });

  it('numbers each notice, keeps it until dismissed, and a crashed page returns to the start page', async () => {
    const h = await inTile();
    h.shell.notify({ kind: 'blocked-address', host: 'intranet.local' });
    expect(last(h).notice).toEqual({ kind: 'blocked-address', host: 'intranet.local', seq: 1 });
    h.shell.notify({ kind: 'page-crashed' });
    expect(last(h).notice).toEqual({ kind: 'page-crashed', seq: 2 });
    expect(last(h).view).toEqual({ kind: 'home' });
    h.controller.dismissNotice();
    expect(last(h).notice).toBeUndefined();
  });

  it('a zoom key in the page moves the kiosk zoom one step', async () => {
    const h = await inTile();
    h.shell.emit({ type: 'zoom', change: 'in' });
    h.shell.emit({ type: 'zoom', change: 'in' });
    expect(last(h).zoomPercent).toBe(150);
    h.shell.emit({ type: 'zoom', change: 'reset' });
    expect(last(h).zoomPercent).toBe(100);
    expect(h.shell.calls.filter((c) => c.call === 'setZoom').map((c) => (c as { percent: number }).percent)).toEqual([125, 150, 100]);
  });

  it('passes only offered files to the page, one for a single-file input', async () => {
    const h = await inTile();
    h.shell.askForFile([{ name: 'a.pdf', bytes: 10 }, { name: 'b.pdf', bytes: 20 }]);
    expect(last(h).fileChooser).toEqual({ multiple: false, files: [{ name: 'a.pdf', bytes: 10 }, { name: 'b.pdf', bytes: 20 }] });
    await h.controller.chooseFiles(['secret.txt', 'b.pdf', 'a.pdf']);
    expect(h.shell.calls.filter((c) => c.call === 'chooseFiles').at(-1)).toEqual({ call: 'chooseFiles', names: ['b.pdf'] });
    expect(last(h).fileChooser).toBeUndefined();
  });

  it('forgets notices, file requests and history when the session ends', async () => {
    const h = await inTile();
    h.shell.notify({ kind: 'download-saved', name: 'x.pdf' });
    h.shell.askForFile([{ name: 'x.pdf', bytes: 1 }]);
    h.controller.endSession('resident');
    await flush();
    h.controller.skipFeedback();
    h.controller.startWalkIn('fi');
    await flush();
    expect(last(h)).toMatchObject({ nav: { canGoBack: false, canGoForward: false } });
    expect(last(h).notice).toBeUndefined();
    expect(last(h).fileChooser).toBeUndefined();
  });

  it('a failed web-view safeguard takes the view away now and the PC out of service after the wipe', async () => {
    const h = await inTile();
    h.shell.emit({ type: 'fault', reason: 'file-picker guard detached: target closed' });
    expect(last(h).notice).toEqual({ kind: 'view-unavailable', seq: 1 });
    expect(last(h).view).toEqual({ kind: 'home' });
    expect(h.controller.phase).toBe('active'); // the resident may finish what they were doing
    h.controller.endSession('resident');
    await flush();
    expect(h.controller.phase).toBe('out-of-service');
    const session = h.store.sessions.recent(PC, 1)[0]!;
    // The wipe itself succeeded and its receipt says so; the PC stays out of service until IT restarts it.
    expect(session.receipt?.ok).toBe(true);
    expect(session.wipedAt).not.toBeNull();
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', msg: 'out of service' }));
  });
});
