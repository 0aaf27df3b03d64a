/**
 * Usage events from real kiosk cores reach the hub's daily figures exactly
 * once: sent after every change, confirmed, sent again only when the
 * confirmation was lost (and then counted once), and an event that arrives
 * a month late lands in its own day.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../main/store/database';
import { siteDayAndHour } from '../../main/sync/figures';
import type { Figures } from '../../preload/hub-contract';
import { signIn, startHub, startPc, stopAll, until, waitOnline, type TestPc } from './hub-support';

afterEach(stopAll);

const ZONE = 'Europe/Helsinki';
const DAY = 24 * 3_600_000;
/** The site policy's default hold time (checkIn.holdMinutes): a booking not checked in by then is a no-show. */
const HOLD = 10 * 60_000;

function figures(db: Db, day: string): Record<string, number> {
  const rows = db.prepare('SELECT metric, sum(value) AS v FROM usage_daily WHERE day = ? GROUP BY metric').all(day) as Array<{ metric: string; v: number }>;
  return Object.fromEntries(rows.map((r) => [r.metric, r.v]));
}

function records(db: Db, period: string): Record<string, string> {
  const rows = db.prepare('SELECT metric, value FROM city_records WHERE period = ?').all(period) as Array<{ metric: string; value: string }>;
  return Object.fromEntries(rows.map((r) => [r.metric, r.value]));
}

/** One walk-in session on the PC, ended by the resident, with a feedback face. */
async function session(pc: TestPc, language: 'fi' | 'en' | 'sv', face: 'good' | 'ok' | 'bad'): Promise<void> {
  expect(pc.controller.startWalkIn(language)).toBe(true);
  pc.controller.endSession('resident');
  await until(`${pc.id} asks for feedback`, () => pc.controller.phase === 'feedback');
  pc.controller.submitFeedback(face);
}

const unsent = (pc: TestPc) => pc.core.store.events.unsent(1000).length;

describe('usage events reach the hub', () => {
  it('sessions on two PCs are counted once each, by kind, language, end reason and face', async () => {
    const th = await startHub();
    const [a, b] = [await startPc({ id: 'pc-1', hub: th }), await startPc({ id: 'pc-2', hub: th })];
    await Promise.all([waitOnline(a), waitOnline(b)]);
    await session(a, 'fi', 'good');
    await session(a, 'en', 'ok');
    await session(b, 'fi', 'good');
    await until('every event confirmed', () => unsent(a) === 0 && unsent(b) === 0, 15_000);

    const today = siteDayAndHour(Date.now(), ZONE).day;
    const f = figures(th.hub.store.db, today);
    expect(f).toMatchObject({ 'sessions.walk-in': 3, 'language.fi': 2, 'language.en': 1, 'end.resident': 3, 'feedback.good': 2, 'feedback.ok': 1 });
    expect(f['sessions.booked']).toBeUndefined();
    // Per PC, as the advisor sees it.
    expect(th.hub.ledger.pcFigures(today, today).filter((r) => r.metric === 'sessions.walk-in')).toEqual([
      { day: today, pcId: 'pc-1', metric: 'sessions.walk-in', value: 2 },
      { day: today, pcId: 'pc-2', metric: 'sessions.walk-in', value: 1 },
    ]);
    // The site's records for the city: an exact daily total, and small breakdown cells suppressed.
    expect(records(th.hub.store.db, today)).toEqual({ sessions: '3', minutes: '0', 'help-calls': '0', 'no-shows': '0', pages: '0', 'remote-calls': '0' });
    expect(records(th.hub.store.db, today.slice(0, 7))).toMatchObject({ 'language.fi': '<5', 'language.en': '<5', 'feedback.good': '<5' });
    // The board counts the same sessions.
    expect((th.hub.services.board('x').counts)).toMatchObject({ sessions: 3, walkIns: 3, booked: 0 });

    // The advisor's figures: exact per PC (they stay at the hub), each day of the month for the chart.
    const advisor = await signIn(th);
    const answer = await advisor.call<Figures>('GET', '/api/figures/current');
    expect(answer.status).toBe(200);
    const figs = answer.body;
    expect(figs).toMatchObject({ today, month: today.slice(0, 7), city: { configured: false, pending: expect.any(Number) } });
    expect(figs.site.today).toEqual({ sessions: 3, booked: 0, walkIns: 3, minutes: 0, helpCalls: 0, helpCancelled: 0, noShows: 0, pages: 0, feedback: { good: 2, ok: 1, bad: 0 } });
    expect(figs.site.month).toEqual(figs.site.today);
    expect(figs.pcs.map((p) => [p.id, p.today.sessions, p.month.feedback.good])).toEqual([['pc-1', 2, 1], ['pc-2', 1, 1]]);
    expect(figs.days.find((d) => d.day === today)).toEqual({ day: today, sessions: 3, minutes: 0, helpCalls: 0 });
    expect(figs.days[0]!.day).toBe(`${today.slice(0, 7)}-01`);
    expect((await advisor.call<Figures>('GET', '/api/figures/2025-02')).body.days).toHaveLength(28);
    // The month as a spreadsheet: a row per day and PC, Finnish headers, the decimal comma with ";".
    const csv = await advisor.call('GET', '/api/figures/current/csv?decimal=comma&lang=fi');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFFPäivä;Kone;Istunnot;Varatut;')).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    // …, no-shows, pages, help on the screen (calls, average wait: none answered, minutes shown), feedback.
    expect(lines.slice(1)).toEqual([`${today};PC pc-1;2;0;2;0;0,0;0;0;0;0;0;;0,0;1;1;0`, `${today};PC pc-2;1;0;1;0;0,0;0;0;0;0;0;;0,0;1;0;0`]);
    expect((await advisor.call('GET', '/api/figures/current/csv?lang=xx')).status).toBe(400);
    expect(th.hub.store.auditLog(1)[0]).toMatchObject({ action: 'figures exported', subject: today.slice(0, 7) });
    const bad = await advisor.call('GET', '/api/figures/2025-13');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid-month', field: 'month' });
  });

  it('a help call counts when the resident asks, even if nobody ever closes it; its delays when it closes', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    expect(pc.controller.requestHelp()).toBe('sending');
    const today = siteDayAndHour(Date.now(), ZONE).day;
    await until('the call counted', () => figures(th.hub.store.db, today)['help-calls'] === 1, 5_000);
    expect(records(th.hub.store.db, today)['help-calls']).toBe('1');
    const call = th.hub.store.helpCalls(0)[0]!;
    th.hub.services.help.acknowledge(call.id, 'neuvoja', call.requestedAt + 40_000);
    th.hub.services.help.resolve(call.id, 'neuvoja', call.requestedAt + 400_000);
    expect(figures(th.hub.store.db, today)).toMatchObject({ 'help-calls': 1, 'help-outcome.resolved': 1, 'help-acknowledged.30': 1, 'help-resolved.300': 1 });
  });

  it('a confirmation lost on the way: the PC sends its events again and nothing is counted twice', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    await session(pc, 'sv', 'bad');
    await until('confirmed', () => unsent(pc) === 0, 10_000);
    const today = siteDayAndHour(Date.now(), ZONE).day;
    const before = figures(th.hub.store.db, today);
    const revisions = th.hub.store.db.prepare('SELECT period, metric, revision FROM city_records ORDER BY 1, 2').all();

    // As if the hub's answer had never arrived: the PC's pointer goes back, and it reconnects.
    pc.core.store.db.prepare('UPDATE usage_sync SET sent_through = 0').run();
    expect(unsent(pc)).toBe(3);
    pc.connect();
    await until('sent again and confirmed', () => unsent(pc) === 0, 10_000);
    expect(figures(th.hub.store.db, today)).toEqual(before);
    expect(th.hub.store.db.prepare('SELECT period, metric, revision FROM city_records ORDER BY 1, 2').all()).toEqual(revisions);
    expect((th.hub.store.db.prepare('SELECT count(*) AS n FROM usage_events WHERE pc_id = ?').get('pc-1') as { n: number }).n).toBe(3);
  });

  it('a PC offline for 30 days: its events land in their own days, and the month gets a new revision', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    const longAgo = Date.now() - 30 * DAY;
    const day = siteDayAndHour(longAgo, ZONE).day;
    // What the PC recorded while it could not reach the hub.
    for (let i = 0; i < 6; i++) {
      const id = randomUUID();
      pc.core.store.events.append(`${id}:started`, longAgo + i * 60_000, 'pc-1', { type: 'session-started', kind: 'walk-in', language: 'fi' });
      pc.core.store.events.append(`${id}:ended`, longAgo + i * 60_000 + 30_000, 'pc-1', { type: 'session-ended', kind: 'walk-in', language: 'fi', minutes: 25, reason: 'time-up' });
    }
    th.hub.ledger.record('pc-9', [{ id: 'earlier', at: longAgo, type: 'session-started', data: { kind: 'walk-in', language: 'fi' } }], Date.now());
    const monthBefore = th.hub.store.db.prepare("SELECT revision FROM city_records WHERE period = ? AND metric = 'language.fi'").get(day.slice(0, 7)) as { revision: number };
    expect(records(th.hub.store.db, day.slice(0, 7))['language.fi']).toBe('<5');

    pc.connect();
    await until('the backlog confirmed', () => unsent(pc) === 0, 10_000);
    expect(figures(th.hub.store.db, day)).toMatchObject({ 'sessions.walk-in': 7, minutes: 150, 'end.time-up': 6 });
    expect(records(th.hub.store.db, day)).toMatchObject({ sessions: '7', minutes: '150' });
    const month = th.hub.store.db.prepare("SELECT value, revision FROM city_records WHERE period = ? AND metric = 'language.fi'").get(day.slice(0, 7)) as { value: string; revision: number };
    expect(month.value).toBe('7');
    expect(month.revision).toBeGreaterThan(monthBefore.revision);
  });

  it('retention deletes raw events, never their figures, and keeps a late event for as long after it arrived', async () => {
    const th = await startHub();
    const now = Date.now();
    const event = (id: string, at: number) => ({ id, at, type: 'feedback', data: { score: 'good' } });
    // One event from 100 days ago that arrived then, one from 100 days ago that arrives only now.
    th.hub.ledger.record('pc-1', [event('old', now - 100 * DAY)], now - 100 * DAY);
    th.hub.ledger.record('pc-1', [event('late', now - 100 * DAY)], now);
    const day = siteDayAndHour(now - 100 * DAY, ZONE).day;
    expect(figures(th.hub.store.db, day)['feedback.good']).toBe(2);

    expect(th.hub.ledger.deleteRawBefore(now - 90 * DAY)).toBe(1);
    // The late one is still there, so the PC sending it again (its confirmation lost) adds nothing.
    expect(th.hub.ledger.record('pc-1', [event('late', now - 100 * DAY)], now + DAY)).toBe(0);
    expect(figures(th.hub.store.db, day)['feedback.good']).toBe(2);
    expect(th.hub.ledger.deleteRawBefore(now + 91 * DAY)).toBe(1);
    expect((th.hub.store.db.prepare('SELECT count(*) AS n FROM usage_events').get() as { n: number }).n).toBe(0);
    expect(figures(th.hub.store.db, day)['feedback.good']).toBe(2);
    // A PC that lost the confirmation and was away longer than the retention period sends both again: nothing is added.
    expect(th.hub.ledger.record('pc-1', [event('old', now - 100 * DAY), event('late', now - 100 * DAY)], now + 200 * DAY)).toBe(0);
    expect(figures(th.hub.store.db, day)['feedback.good']).toBe(2);
  });

  it('a check-in counts for one booking only: the next booking on the PC is still a no-show', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Sali' });
    const now = Date.now();
    const first = now - 4 * 3_600_000;
    const book = (id: string, startsAt: number) =>
      th.hub.store.addBooking({ id, pcId: 'pc-1', startsAt, endsAt: startsAt + 3_600_000, codeHash: Buffer.alloc(32) }, 'test', first - DAY);
    book('b-1', first);
    book('b-2', first + 3_600_000);
    // A booked session starts five minutes into the first booking (the second starts within the hour).
    th.hub.ledger.record('pc-1', [{ id: 's-1:started', at: first + 5 * 60_000, type: 'session-started', data: { kind: 'booked', language: 'fi' } }], now);
    expect(th.hub.store.db.prepare('SELECT id FROM bookings WHERE checked_in_at IS NOT NULL ORDER BY id').all()).toEqual([{ id: 'b-1' }]);
    expect(th.hub.ledger.sweepNoShows(now)).toBe(1);
    expect(th.hub.store.db.prepare('SELECT id FROM bookings WHERE no_show_at IS NOT NULL').all()).toEqual([{ id: 'b-2' }]);
    // Ten minutes early for the second one, while the first has ended: that is the second's check-in.
    book('b-3', now + 3_600_000);
    book('b-4', now + 2 * 3_600_000);
    th.hub.ledger.record('pc-1', [{ id: 's-2:started', at: now + 50 * 60_000, type: 'session-started', data: { kind: 'booked', language: 'fi' } }], now + 50 * 60_000);
    expect(th.hub.store.db.prepare("SELECT id FROM bookings WHERE checked_in_at IS NOT NULL AND id IN ('b-3', 'b-4')").all()).toEqual([{ id: 'b-3' }]);
  });

  it('a booking not checked in within the hold time is a no-show at once; a late check-in event from its PC takes it back', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th });
    await waitOnline(pc);
    const now = Date.now();
    const startsAt = now - 2 * 3_600_000;
    const endsAt = startsAt + 3_600_000;
    th.hub.store.addBooking({ id: 'b-1', pcId: 'pc-1', startsAt, endsAt, codeHash: Buffer.alloc(32) }, 'test', startsAt - DAY);
    const day = siteDayAndHour(startsAt, ZONE).day;

    // The policy's hold time (checkIn.holdMinutes, 10 by default) after its start, long before its end.
    expect(th.hub.ledger.sweepNoShows(startsAt + HOLD - 1)).toBe(0);
    expect(th.hub.ledger.sweepNoShows(startsAt + HOLD)).toBe(1);
    expect(startsAt + HOLD).toBeLessThan(endsAt);
    expect(th.hub.ledger.sweepNoShows(now)).toBe(0);
    expect(figures(th.hub.store.db, day)['no-shows']).toBe(1);
    const counted = th.hub.store.db.prepare("SELECT value, revision FROM city_records WHERE period = ? AND metric = 'no-shows'").get(day) as { value: string; revision: number };
    expect(counted.value).toBe('1');

    // A second no-show that day, then cancelled afterwards (the advisor tidies the day): it no longer counts.
    th.hub.store.addBooking({ id: 'b-2', pcId: 'pc-1', startsAt: endsAt, endsAt: endsAt + 30 * 60_000, codeHash: Buffer.alloc(32) }, 'test', startsAt - DAY);
    expect(th.hub.ledger.sweepNoShows(endsAt + HOLD)).toBe(1);
    const sameDay = siteDayAndHour(endsAt, ZONE).day === day;
    if (sameDay) expect(figures(th.hub.store.db, day)['no-shows']).toBe(2);
    th.hub.services.bookings.cancel('b-2', 'test', now);
    expect(figures(th.hub.store.db, day)['no-shows']).toBe(1);
    const countedAgain = th.hub.store.db.prepare("SELECT value, revision FROM city_records WHERE period = ? AND metric = 'no-shows'").get(day) as { value: string; revision: number };
    expect(countedAgain.value).toBe('1');

    // The PC was offline: its booked session, started in the booking's time, arrives now.
    pc.core.store.events.append('late:started', startsAt + 5 * 60_000, 'pc-1', { type: 'session-started', kind: 'booked', language: 'fi' });
    await until('confirmed', () => unsent(pc) === 0, 10_000);
    expect(figures(th.hub.store.db, day)['no-shows']).toBeUndefined();
    const after = th.hub.store.db.prepare("SELECT value, revision FROM city_records WHERE period = ? AND metric = 'no-shows'").get(day) as { value: string; revision: number };
    expect(after.value).toBe('0');
    expect(after.revision).toBeGreaterThan(countedAgain.revision);
  });

  it('events with impossible times are refused and named for IT, yet confirmed, so the PC\'s outbox moves on', async () => {
    const th = await startHub();
    const pc = await startPc({ id: 'pc-1', hub: th, connect: false });
    const now = Date.now();
    const started = (id: string, at: number) => pc.core.store.events.append(`${id}:started`, at, 'pc-1', { type: 'session-started', kind: 'walk-in', language: 'fi' });
    // A clock reset to 0, one more than 400 days behind, one a day ahead; and one honest session.
    started('epoch', 0);
    started('ancient', now - 500 * DAY);
    started('ahead', now + DAY);
    started('honest', now - 60_000);
    pc.connect();
    await waitOnline(pc);
    await until('every event confirmed', () => unsent(pc) === 0, 10_000);

    // The honest session counts, and the one a day ahead counts at the hub's now: no 1970 day, nothing in the future.
    const today = siteDayAndHour(now - 60_000, ZONE).day;
    expect((th.hub.store.db.prepare('SELECT DISTINCT day FROM usage_daily').all() as Array<{ day: string }>).every((r) => r.day <= siteDayAndHour(Date.now(), ZONE).day && r.day >= today)).toBe(true);
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM usage_events').get()).toEqual({ n: 2 });
    expect(th.hub.store.db.prepare('SELECT count(*) AS n FROM usage_events WHERE at > ?').get(Date.now())).toEqual({ n: 0 });
    expect(th.hub.store.db.prepare("SELECT count(*) AS n FROM city_records WHERE period < '2020'").get()).toEqual({ n: 0 });
    const refused = th.logger.lines.filter((l) => l.msg.startsWith('usage event refused'));
    expect(refused.map((l) => [l.level, l.pc, l.event])).toEqual([
      ['warn', 'pc-1', expect.stringMatching(/^session-started: stamped before 2020-01-01, when no Tupa PC counted anything \(year 1970/)],
      ['warn', 'pc-1', expect.stringMatching(/^session-started: 50\d days old; events older than 400 days are not counted$/)],
    ]);
    const countedNow = th.logger.lines.filter((l) => l.msg.startsWith('usage event counted at the hub\'s now'));
    expect(countedNow.map((l) => [l.level, l.pc, l.event])).toEqual([
      ['warn', 'pc-1', expect.stringMatching(/^session-started: 14\d\d minutes ahead of the hub's clock \(more than 10 allowed\)$/)],
    ]);
    // The log says how far off, never when: the refused events' times are nowhere in it.
    expect(JSON.stringify(refused)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('an event ahead of the hub\'s clock counts at the hub\'s now (a clock stepped since its last heartbeat loses nothing); beyond ten minutes IT is told', async () => {
    const th = await startHub();
    const now = Date.now();
    const event = (id: string, at: number) => ({ id, at, type: 'feedback', data: { score: 'good' } });
    expect(th.hub.ledger.record('pc-1', [event('soon', now + 9 * 60_000), event('later', now + 11 * 60_000)], now)).toBe(2);
    expect(th.hub.store.db.prepare('SELECT id, at FROM usage_events ORDER BY id DESC').all()).toEqual([{ id: 'soon', at: now }, { id: 'later', at: now }]);
    expect(th.logger.lines.filter((l) => l.msg.startsWith('usage event counted at the hub\'s now')).map((l) => l.event)).toEqual([expect.stringMatching(/^feedback: 11 minutes ahead/)]);
    // A help call's time comes the same way (the PC's clock, corrected by its skew).
    expect(th.hub.ledger.record('pc-1', [{ id: 'call:requested', at: 0, type: 'help-requested', data: {} }], now)).toBe(0);
    expect(th.logger.lines.filter((l) => l.msg.startsWith('usage event refused')).map((l) => l.event)).toEqual([
      expect.stringMatching(/^help-requested: stamped before 2020-01-01/),
    ]);
    // Sent again (its confirmation lost): refused again, named once.
    th.hub.ledger.record('pc-1', [{ id: 'call:requested', at: 0, type: 'help-requested', data: {} }], now);
    expect(th.logger.lines.filter((l) => l.msg.startsWith('usage event refused'))).toHaveLength(1);
  });
});
