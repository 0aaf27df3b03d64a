/**
 * Opening hours, no-shows and the rest of a booking ended early, with the
 * real parts: the kiosk core on a real SQLite file (manual test time), a real
 * hub over HTTPS refusing bookings outside the hours, and both command lines.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/tupa';
import { sitePolicySchema } from '../../main/config/policy';
import { HubStore } from '../../main/hub/hub-store';
import { ensureSite } from '../../main/hub/site';
import { tokenHash } from '../../main/hub/auth';
import type { KioskSnapshot } from '../../preload/contract';
import { signIn, startHub, stopAll } from './hub-support';
import { T0, minutes, removeTempDirs, startKiosk, tempDir, type KioskHarness } from './support';

const ZONE = 'Europe/Helsinki';
const CODE = '482913';
const harnesses: KioskHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) h.close();
  await stopAll();
  removeTempDirs();
});

/** The same opening hours every day of the week. */
function daily(from: string, to: string) {
  const day = [{ from, to }];
  return { hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }, exceptions: [] };
}
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

async function kiosk(options: Parameters<typeof startKiosk>[0] = {}): Promise<KioskHarness> {
  const h = await startKiosk({ ...options, config: { timeZone: ZONE, ...options.config } });
  harnesses.push(h);
  return h;
}
const last = (h: KioskHarness): KioskSnapshot => h.snapshots[h.snapshots.length - 1] ?? h.controller.snapshot();

/** Time passes minute by minute with the resident at work (so idleness ends nothing). */
async function workUntil(h: KioskHarness, until: number, each: () => void = () => undefined): Promise<void> {
  while (h.time.now() < until) {
    await h.advanceTo(Math.min(until, h.time.now() + minutes(1)));
    h.controller.activity();
    each();
  }
}

/** From the end of a session to the welcome screen: the wipe runs, the feedback question is skipped. */
async function backToWelcome(h: KioskHarness): Promise<void> {
  await h.advance(10);
  if (h.controller.phase === 'feedback') h.controller.skipFeedback();
  expect(h.controller.phase).toBe('welcome');
}

describe('the kiosk and closing time', () => {
  // T0 is 2026-06-01 10:00 in Helsinki; the centre closes at 10:30 today.
  const hours = daily('08:00', '10:30');

  it('a walk-in ends at closing, with its warnings at 10, 5 and 1 minutes before', async () => {
    const h = await kiosk({ config: { openingHours: hours } });
    expect(last(h).opening).toEqual({ open: true, closesAt: at('2026-06-01T10:30') });
    expect(last(h).walkIn).toEqual({ allowed: true, until: at('2026-06-01T10:30') });
    expect(h.controller.startWalkIn('fi')).toBe(true);
    expect(h.controller.snapshot().session?.endsAt).toBe(at('2026-06-01T10:30'));

    const warnings: Array<[number, number]> = [];
    let seq = 0;
    await workUntil(h, T0 + minutes(30), () => {
      const w = h.controller.snapshot().session?.warning;
      if (w && w.seq !== seq) {
        seq = w.seq;
        warnings.push([(h.time.now() - T0) / minutes(1), w.minutesLeft]);
      }
    });
    expect(warnings).toEqual([
      [20, 10],
      [25, 5],
      [29, 1],
    ]);
    expect(h.phases.find(([p]) => p === 'ending')?.[1]).toBe(at('2026-06-01T10:30'));
    expect(h.store.sessions.recent('pc-1')[0]).toMatchObject({ kind: 'walk-in', endReason: 'time-up' });

    await backToWelcome(h);
    // Closed now: the screen says when it opens, and nothing starts.
    expect(last(h).opening).toEqual({ open: false, opensAt: at('2026-06-02T08:00') });
    expect(last(h).walkIn).toEqual({ allowed: false });
    expect(h.controller.startWalkIn('fi')).toBe(false);
    h.addBooking(CODE, at('2026-06-01T10:00'), at('2026-06-01T11:00'));
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'closed', opensAt: at('2026-06-02T08:00') });
    expect(h.controller.phase).toBe('welcome');
  });

  it('the policy\'s phone number is on the Closed screen', async () => {
    const h = await kiosk({ start: at('2026-06-01T07:00'), config: { openingHours: hours, help: { phone: '040 123 4567' } } });
    expect(last(h).opening).toEqual({ open: false, opensAt: at('2026-06-01T08:00'), phone: '040 123 4567' });
  });

  it('a change of opening hours from the hub shortens a running session to the new closing', async () => {
    const h = await kiosk();
    expect(last(h).opening).toEqual({ open: true });
    expect(h.controller.startWalkIn('fi')).toBe(true);
    expect(h.controller.snapshot().session?.endsAt).toBe(T0 + minutes(60));
    h.controller.applyPolicy(sitePolicySchema.parse({ openingHours: daily('08:00', '10:15') }), ZONE);
    expect(h.controller.snapshot().session?.endsAt).toBe(at('2026-06-01T10:15'));
    // The resident's extension would run past closing: refused.
    await workUntil(h, at('2026-06-01T10:06'));
    expect(h.controller.extend()).toEqual({ allowed: false, reason: 'closing' });
    await h.advanceTo(at('2026-06-01T10:15'));
    expect(h.controller.phase).not.toBe('active');
  });

  it('a booking that runs past a new closing time ends at closing (the booking itself stays)', async () => {
    const h = await kiosk({ config: { openingHours: hours } });
    const id = h.addBooking(CODE, at('2026-06-01T10:00'), at('2026-06-01T11:00'));
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    expect(h.controller.snapshot().session?.endsAt).toBe(at('2026-06-01T10:30'));
    expect(h.store.bookings.get(id)?.cancelledAt).toBeNull();
  });
});

describe('a booking that lets its PC go', () => {
  it('not checked in within the hold time: free for walk-ins until its end, and the code still works while the PC is free', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + minutes(60));
    await h.advanceTo(T0 + minutes(9));
    expect(last(h).walkIn).toEqual({ allowed: false });
    expect(last(h).schedule.current).toEqual({ startsAt: T0, endsAt: T0 + minutes(60) });
    await h.advanceTo(T0 + minutes(10));
    // "Free until …": the walk-in may run its full length (nothing else is booked).
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + minutes(70) });
    expect(last(h).schedule.current).toBeUndefined();
    // The resident arrives late, the PC still free: the code checks in, for the booking's time.
    await h.advanceTo(T0 + minutes(14));
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    expect(h.controller.snapshot().session).toMatchObject({ kind: 'booked', endsAt: T0 + minutes(60) });
  });

  it('a walk-in in a no-show\'s time keeps the gap before the next booking that still holds the PC', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + minutes(30));
    h.addBooking('111222', T0 + minutes(45), T0 + minutes(90));
    await h.advanceTo(T0 + minutes(10));
    // The next booking's code works from 10:40 (5 minutes early; the gap is 5 too).
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + minutes(40) });
    expect(h.controller.startWalkIn('fi')).toBe(true);
    expect(h.controller.snapshot().session?.endsAt).toBe(T0 + minutes(40));
  });

  it('the rest of a booking ended early is free for walk-ins', async () => {
    const h = await kiosk();
    h.addBooking(CODE, T0, T0 + minutes(60));
    expect(h.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    await h.advanceTo(T0 + minutes(5));
    h.controller.endSession('resident');
    await backToWelcome(h);
    expect(last(h).walkIn).toEqual({ allowed: true, until: T0 + minutes(65) });
    expect(h.controller.startWalkIn('fi')).toBe(true);
    expect(h.controller.snapshot().session?.kind).toBe('walk-in');
  });

  it('a booking cut short by a crash still holds its PC: the resident checks in again with the code', async () => {
    const first = await kiosk();
    first.addBooking(CODE, T0, T0 + minutes(60));
    expect(first.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    await workUntil(first, T0 + minutes(20));
    // Power cut: the kiosk stops with the session open.
    harnesses.splice(harnesses.indexOf(first), 1);
    first.close();
    const again = await kiosk({ dir: first.dir, start: T0 + minutes(22) });
    if (again.controller.phase === 'feedback') again.controller.skipFeedback();
    expect(again.controller.phase).toBe('welcome');
    expect(again.store.sessions.recent('pc-1')[0]?.endReason).toBe('interrupted');
    expect(last(again).walkIn).toEqual({ allowed: false });
    expect(last(again).schedule.current).toEqual({ startsAt: T0, endsAt: T0 + minutes(60) });
    expect(again.controller.checkIn(CODE, 'fi')).toEqual({ result: 'ok' });
    expect(again.controller.snapshot().session).toMatchObject({ kind: 'booked', endsAt: T0 + minutes(60) });
  });
});

describe('bookings outside opening hours are refused', () => {
  const dayAhead = (days: number, time: string) => `${DateTime.now().setZone(ZONE).plus({ days }).toFormat('yyyy-MM-dd')}T${time}`;

  it('by the hub\'s API, on create and on move, with the field and the day\'s hours', async () => {
    const th = await startHub({ policy: { openingHours: daily('08:00', '16:00') } });
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'Kone 1', room: 'Sali' });
    const advisor = await signIn(th);
    const late = await advisor.call<{ error: string; field: string; message: string }>('POST', '/api/bookings', { pcId: 'pc-1', start: dayAhead(2, '15:30'), end: dayAhead(2, '16:30') });
    expect(late.status).toBe(400);
    expect(late.body).toEqual({
      error: 'outside-opening',
      field: 'end',
      message: `the site is open on ${dayAhead(2, '').slice(0, 10)} at 08:00–16:00 (the site policy's openingHours); a booking must lie inside one opening period`,
    });
    const made = await advisor.call<{ booking: { id: string; startsAt: number } }>('POST', '/api/bookings', { pcId: 'pc-1', start: dayAhead(2, '10:00'), end: dayAhead(2, '11:00') });
    expect(made.status, made.text).toBe(200);
    const moved = await advisor.call<{ error: string; field: string }>('PUT', `/api/bookings/${made.body.booking.id}`, { start: dayAhead(2, '06:00'), end: dayAhead(2, '07:00') });
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({ error: 'outside-opening', field: 'start' });
    expect(th.hub.store.booking(made.body.booking.id)?.startsAt).toBe(made.body.booking.startsAt);

    // A change of hours keeps the bookings already made.
    const policy = await advisor.call<Record<string, unknown>>('GET', '/api/policy');
    expect(policy.status).toBe(200);
    const changed = await advisor.call('PUT', '/api/policy', { ...policy.body, openingHours: daily('12:00', '16:00') });
    expect(changed.status, changed.text).toBe(200);
    expect(th.hub.store.booking(made.body.booking.id)?.cancelled).toBeFalsy();
  });

  it('by the hub\'s command line and the PC\'s own', async () => {
    const NOW = Date.UTC(2026, 2, 2, 8, 0); // Monday 2026-03-02 10:00 in Helsinki
    const base = tempDir('tupa-opening-cli-');
    const dataDir = join(base, 'data');
    const config = join(base, 'kiosk.json');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(config, JSON.stringify({ pc: { id: 'pc-1', name: 'Kone 1' }, timeZone: ZONE, openingHours: daily('08:00', '16:00') }));
    const tupa = async (args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['--data-dir', dataDir, '--config', config, ...args], { out: (t) => (out += t), err: (t) => (err += t), secret: () => Promise.reject(new Error('no secret')) }, NOW);
      return { code, out, err };
    };
    // The PC on its own: its own policy's hours.
    const own = await tupa(['bookings', 'add', '--pc', 'pc-1', '--start', '2026-03-03T07:00', '--end', '2026-03-03T08:00']);
    expect(own).toMatchObject({ code: 1, out: '' });
    expect(own.err).toBe("tupa: --start: the site is open on 2026-03-03 at 08:00–16:00 (the site policy's openingHours); a booking must lie inside one opening period\n");
    expect((await tupa(['bookings', 'add', '--pc', 'pc-1', '--start', '2026-03-03T08:00', '--end', '2026-03-03T09:00'])).code).toBe(0);

    // With a hub on this machine, the command line books at the hub, under the hub's policy.
    const hubDir = join(dataDir, 'hub');
    mkdirSync(hubDir, { recursive: true });
    const store = new HubStore(join(hubDir, 'hub.sqlite'));
    const closedSunday = { ...daily('08:00', '16:00'), hours: { ...daily('08:00', '16:00').hours, sun: [] } };
    await ensureSite(store, { name: 'Kirjasto', timeZone: ZONE, names: ['localhost'], policy: sitePolicySchema.parse({ openingHours: closedSunday }), now: NOW });
    store.pairPc('pc-1', 'Kone 1', 'Sali', tokenHash('token-1'), NOW);
    store.close();
    const sunday = await tupa(['bookings', 'add', '--pc', 'pc-1', '--start', '2026-03-08T10:00', '--end', '2026-03-08T11:00']);
    expect(sunday).toMatchObject({ code: 1, out: '' });
    expect(sunday.err).toBe("tupa: the site is open on 2026-03-08 — closed all day (the site policy's openingHours); a booking must lie inside one opening period\n");
    const hub = new HubStore(join(hubDir, 'hub.sqlite'));
    expect(hub.liveBookings(NOW)).toEqual([]);
    hub.close();
  });
});
