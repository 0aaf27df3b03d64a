/**
 * Crash recovery with real processes: the built preview (the real kiosk
 * core on a real SQLite file) is killed with SIGKILL mid-session and during
 * the wipe, then started again on the same data folder.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WIPE_PLAN } from '../../main/core/wipe-plan';
import type { StoredSession } from '../../main/store/sessions';
import type { StoredEvent } from '../../main/store/usage-events';
import Database from 'better-sqlite3';
import { ROOT, connectApi, getJson, postJson, readDatabase, removeTempDirs, startPreview, tempDir, waitFor, type Api, type Preview } from './support';

interface Status {
  now: number;
  phase: string;
  events: StoredEvent[];
  sessions: StoredSession[];
}

interface NewBooking {
  id: string;
  code: string;
  startsAt: number;
  endsAt: number;
}

const running: Preview[] = [];
const sockets: Api[] = [];

async function launch(dir: string): Promise<Preview> {
  const p = await startPreview(dir);
  running.push(p);
  return p;
}

async function kill(p: Preview): Promise<void> {
  await p.stop('SIGKILL');
  expect(p.child.signalCode).toBe('SIGKILL');
}

const status = (p: Preview) => getJson<Status>(p.origin, '/__test/status');

/** Starts a session with a booking made through the test route and checked in over the WebSocket. */
async function checkedIn(p: Preview): Promise<{ api: Api; booking: NewBooking; sessionId: string }> {
  const booking = await postJson<NewBooking>(p.origin, '/__test/bookings', { startsInMinutes: 0, minutes: 30 });
  expect(booking.code).toMatch(/^\d{6}$/);
  const api = await connectApi(p.origin);
  sockets.push(api);
  expect(await api.call('kiosk.checkIn', { code: booking.code, locale: 'fi' })).toEqual({ result: 'ok' });
  const s = await status(p);
  expect(s.phase).toBe('active');
  expect(s.sessions).toHaveLength(1);
  expect(s.sessions[0]).toMatchObject({ kind: 'booked', bookingId: booking.id, endedAt: null });
  return { api, booking, sessionId: s.sessions[0]!.id };
}

beforeAll(() => {
  const built = join(ROOT, 'out/main/preview.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run "npx electron-vite build" first`);
  expect(statSync(built).size).toBeGreaterThan(0);
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  removeTempDirs();
});

describe('crash recovery (real processes, SIGKILL)', () => {
  it('closes a session killed mid-way as interrupted, wipes it, counts it exactly once, and changes nothing on a further restart', async () => {
    const dir = tempDir('tupa-crash-');
    const first = await launch(dir);
    const { sessionId } = await checkedIn(first);
    // Let the heartbeat mark the session alive (every 15 s of kiosk time).
    await postJson(first.origin, '/__test/advance', { ms: 20_000 });
    const before = (await status(first)).sessions[0]!;
    expect(before.aliveAt).toBeGreaterThanOrEqual(before.startedAt + 15_000);
    await kill(first);

    // What the power cut left: an open session and its started event, nothing else.
    const left = readDatabase(dir);
    expect(left.sessions.map((s) => [s.id, s.ended_at, s.wiped_at, s.receipt])).toEqual([[sessionId, null, null, null]]);
    expect(left.events.map((e) => [e.id, e.type])).toEqual([[`${sessionId}:started`, 'session-started']]);
    expect(left.sessions[0]!.alive_at).toBe(before.aliveAt);

    const second = await launch(dir);
    const after = await status(second);
    expect(after.phase).toBe('welcome');
    const s = after.sessions.find((x) => x.id === sessionId)!;
    expect(s).toMatchObject({ endReason: 'interrupted', endedAt: before.aliveAt });
    expect(s.wipedAt).toEqual(expect.any(Number));
    expect(s.receipt).toMatchObject({ sessionId, ok: true });
    expect(s.receipt!.steps.map((step) => [step.step, step.ok])).toEqual(WIPE_PLAN.map((step) => [step, true]));
    expect(after.events.map((e) => [e.id, e.event])).toEqual([
      [`${sessionId}:started`, { type: 'session-started', kind: 'booked', language: 'fi' }],
      [`${sessionId}:ended`, { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 0, reason: 'interrupted' }],
    ]);
    expect(after.events[1]!.at).toBe(before.aliveAt);
    const log = readFileSync(join(dir, 'logs', 'tupa.log'), 'utf8');
    expect(log).toContain('finishing a session that did not end cleanly');
    await second.stop('SIGTERM');

    const third = await launch(dir);
    const again = await status(third);
    expect(again.phase).toBe('welcome');
    expect(again.events).toEqual(after.events);
    expect(again.sessions).toEqual(after.sessions);
    await kill(third);

    const final = readDatabase(dir);
    expect(final.events).toHaveLength(2);
    expect(final.events.filter((e) => e.type === 'session-ended')).toHaveLength(1);
    expect(final.sessions).toHaveLength(1);
    expect(final.sessions[0]).toMatchObject({ end_reason: 'interrupted', wiped_at: s.wipedAt });
  });

  it('runs the wipe again after a kill during the wipe, saves its receipt, and keeps exactly one session-ended event', async () => {
    const dir = tempDir('tupa-crash-');
    const first = await launch(dir);
    const { api, sessionId } = await checkedIn(first);
    await postJson(first.origin, '/__test/slow-wipe', { ms: 2000 });
    expect(await api.call('kiosk.endSession')).toEqual({ ok: true });
    await waitFor('the wipe to start', async () => ((await status(first)).phase === 'wiping' ? true : undefined));
    await kill(first);

    // Killed mid-wipe: the end is recorded, the wipe is not.
    const left = readDatabase(dir);
    expect(left.sessions).toHaveLength(1);
    expect(left.sessions[0]).toMatchObject({ id: sessionId, end_reason: 'resident', wiped_at: null, receipt: null });
    expect(left.sessions[0]!.ended_at).toEqual(expect.any(Number));
    expect(left.events.map((e) => e.type)).toEqual(['session-started', 'session-ended']);

    const second = await launch(dir);
    const after = await status(second);
    expect(after.phase).toBe('welcome');
    const s = after.sessions.find((x) => x.id === sessionId)!;
    expect(s.endReason).toBe('resident');
    expect(s.endedAt).toBe(left.sessions[0]!.ended_at);
    expect(s.wipedAt).toEqual(expect.any(Number));
    expect(s.receipt!.ok).toBe(true);
    expect(s.receipt!.steps.map((step) => step.step)).toEqual([...WIPE_PLAN]);
    expect(s.receipt!.steps.every((step) => step.ok)).toBe(true);
    const ended = after.events.filter((e) => e.event.type === 'session-ended');
    expect(ended.map((e) => [e.id, e.event])).toEqual([
      [`${sessionId}:ended`, { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 0, reason: 'resident' }],
    ]);
    expect(after.events).toHaveLength(2);
    await kill(second);

    const final = readDatabase(dir);
    expect(final.events.map((e) => e.id)).toEqual([`${sessionId}:started`, `${sessionId}:ended`]);
    expect(final.sessions[0]!.wiped_at).toBe(s.wipedAt);
  });

  it('counts a booking checked in again after a crash once: one session at the hub and for the city, with the minutes of both parts', async () => {
    const dir = tempDir('tupa-crash-');
    const first = await launch(dir);
    const { booking, sessionId } = await checkedIn(first);
    // Four minutes in (the heartbeat marks them; idle asks after five), the PC loses its power.
    await postJson(first.origin, '/__test/advance', { ms: 4 * 60_000 });
    await kill(first);

    // The resident sits down again and types the same code.
    const second = await launch(dir);
    const api = await connectApi(second.origin);
    sockets.push(api);
    expect(await api.call('kiosk.checkIn', { code: booking.code, locale: 'fi' })).toEqual({ result: 'ok' });
    await postJson(second.origin, '/__test/advance', { ms: 3 * 60_000 });
    expect(await api.call('kiosk.endSession')).toEqual({ ok: true });
    await waitFor('the wipe', async () => ((await status(second)).phase === 'feedback' ? true : undefined));

    const events = (await status(second)).events.map((e) => e.event);
    const resumedId = (await status(second)).sessions.find((x) => x.id !== sessionId)!.id;
    expect(events).toEqual([
      { type: 'session-started', kind: 'booked', language: 'fi' },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 4, reason: 'interrupted' },
      { type: 'session-started', kind: 'booked', language: 'fi', resumed: true },
      { type: 'session-ended', kind: 'booked', language: 'fi', minutes: 3, reason: 'resident' },
    ]);
    expect(resumedId).not.toBe(sessionId);

    // The hub (embedded in the preview, on its own SQLite file) counts the visit once and the minutes of both parts.
    const hubFile = join(dir, 'hub', 'hub.sqlite');
    const figures = await waitFor(
      'the hub to hold all four events',
      () => {
        const db = new Database(hubFile, { readonly: true, fileMustExist: true });
        try {
          const n = (db.prepare('SELECT count(*) AS n FROM usage_events').get() as { n: number }).n;
          if (n < 4) return undefined;
          const sums = db.prepare("SELECT metric, sum(value) AS v FROM usage_daily WHERE metric IN ('sessions.booked', 'minutes', 'language.fi') GROUP BY metric ORDER BY metric").all();
          const city = db.prepare("SELECT sum(CAST(value AS INTEGER)) AS v FROM city_records WHERE metric = 'sessions' AND length(period) = 10").get() as { v: number };
          return { sums, citySessions: city.v };
        } finally {
          db.close();
        }
      },
      15_000,
    );
    expect(figures.sums).toEqual([
      { metric: 'language.fi', v: 1 },
      { metric: 'minutes', v: 7 },
      { metric: 'sessions.booked', v: 1 },
    ]);
    expect(figures.citySessions).toBe(1);
  }, 60_000);
});
