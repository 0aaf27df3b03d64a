/**
 * Booking sources in the advisor console (issue 12): GET /api/sources,
 * "Sync now", the "sources" event, conflicts with both bookings (also
 * between two sources), imported bookings told apart, and "Check in for
 * them" through a real hub to a real kiosk core.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AdvisorEvent, BookingView, CommandEvent } from '../../preload/hub-contract';
import type { SourcesView, SourceView } from '../../preload/sources-contract';
import { fakeRespas, reservation } from '../support/respa-fixtures';
import { advisorSocket, iso, signIn, startHub, startPc, stopAll, waitFor, type TestHub } from './hub-support';

const MIN = 60_000;
const H = 60 * MIN;
const respas = fakeRespas();
const fakeRespa = respas.start;
afterEach(async () => {
  await stopAll();
  await respas.closeAll();
});

function addSource(th: TestHub, id: string, location: string, map: Record<string, string> = { 'res-a': 'pc-1', 'res-b': 'pc-2' }): string {
  th.hub.sources.sources.add({ id, kind: 'respa', location, settings: { map } }, Date.now());
  return id;
}

const isSources = (e: AdvisorEvent): e is Extract<AdvisorEvent, { type: 'sources' }> => e.type === 'sources';
const sourceIn = (view: SourcesView, id: string): SourceView => view.sources.find((s) => s.id === id)!;

describe('booking sources in the console', () => {
  it('lists each source without credentials; Sync now answers its health, joins a sync under way, and every console hears it; a failing source alerts', async () => {
    const th = await startHub({ policy: { sources: { alertAfterFailures: 2 } } });
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' });
    const fake = await fakeRespa();
    const good = addSource(th, 'respa-good', fake.base);
    // Port 9 on loopback: nobody listens (refused at once); the address carries a user, a password and a token.
    const bad = addSource(th, 'respa-bad', 'http://tupa:salainen@127.0.0.1:9/v1?token=abc123#x');
    const advisor = await signIn(th);
    const socket = await advisorSocket(th, advisor.token);

    const listed = await advisor.call<SourcesView>('GET', '/api/sources');
    expect(listed.status).toBe(200);
    expect(sourceIn(listed.body, bad).location).toBe('http://127.0.0.1:9/v1');
    expect(JSON.stringify(listed.body)).not.toMatch(/salainen|abc123|tupa:/);
    expect(sourceIn(listed.body, good).map).toEqual([
      { resource: 'res-a', pcId: 'pc-1' },
      { resource: 'res-b', pcId: 'pc-2' },
    ]);
    expect(listed.body.alertAfterFailures).toBe(2);

    fake.reservations.push(reservation(301, 'res-a', 1 * H, 60, { access_code: '0427' }));
    fake.delayMs = 400;
    const before = fake.requests.length;
    const [first, second] = await Promise.all([
      advisor.call<SourceView>('POST', `/api/sources/${good}/sync`),
      new Promise((r) => setTimeout(r, 100)).then(() => advisor.call<SourceView>('POST', `/api/sources/${good}/sync`)),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    // The second press joined the sync under way: one request to the source, one booking.
    expect(fake.requests.length - before).toBe(1);
    expect(first.body.health).toMatchObject({ failures: 0, alerting: false, syncing: false, counts: { added: 1, moved: 0, cancelled: 0 } });
    expect(second.body.health.counts?.added).toBe(1);
    expect(th.hub.sources.sources.known(good)).toHaveLength(1);
    await socket.next('the sync under way', (e) => isSources(e) && sourceIn(e.sources, good).health.syncing);
    const done = await socket.next('the sync done', (e) => isSources(e) && !sourceIn(e.sources, good).health.syncing);
    expect(isSources(done) && sourceIn(done.sources, good).health.counts?.added).toBe(1);
    const audit = th.hub.store.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'booking source sync' AND subject = ?").get(good) as { n: number };
    expect(audit.n).toBe(1);

    // The unreachable source: failing, then alerting after two failures in a row, with the error as stored.
    const once = await advisor.call<SourceView>('POST', `/api/sources/${bad}/sync`);
    expect(once.body.health).toMatchObject({ failures: 1, alerting: false });
    const twice = await advisor.call<SourceView>('POST', `/api/sources/${bad}/sync`);
    expect(twice.body.health).toMatchObject({ failures: 2, alerting: true });
    expect(twice.body.health.lastError).toMatch(/^network: cannot reach the source/);
    await socket.next('the alert', (e) => isSources(e) && sourceIn(e.sources, bad).health.alerting);
    expect((await advisor.call('POST', '/api/sources/no-such/sync')).status).toBe(404);
  });

  it('conflicts show both bookings: a local booking that lost has its no-shows counted again; between two sources the booking held first keeps the PC', async () => {
    const th = await startHub();
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' });
    const advisor = await signIn(th);
    // A local booking that began 20 minutes ago and nobody came: a no-show in today's figures.
    const now = Date.now();
    const local = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-1', start: iso(now - 20 * MIN), end: iso(now + 40 * MIN) });
    expect(local.status).toBe(200);
    th.hub.ledger.sweepNoShows(now);
    const noShows = () => (th.hub.store.db.prepare("SELECT coalesce(sum(value), 0) AS n FROM usage_daily WHERE pc_id = 'pc-1' AND metric = 'no-shows'").get() as { n: number }).n;
    expect(noShows()).toBe(1);

    const one = await fakeRespa([reservation(401, 'res-a', -10 * MIN, 60), reservation(402, 'res-b', 2 * H, 60, { access_code: '123456' })]);
    const two = await fakeRespa([reservation(9001, 'tila-2', 2 * H + 30 * MIN, 60)]);
    const first = addSource(th, 'respa-one', one.base);
    const second = addSource(th, 'respa-two', two.base, { 'tila-2': 'pc-2' });
    expect((await advisor.call<SourceView>('POST', `/api/sources/${first}/sync`)).body.health.counts).toMatchObject({ added: 2, conflicts: 1 });
    // The imported booking won (the policy's default): the local one is cancelled and no longer a no-show.
    expect(th.hub.store.booking(local.body.booking.id)?.cancelled).toBe(true);
    expect(noShows()).toBe(0);

    const view = (await advisor.call<SourceView>('POST', `/api/sources/${second}/sync`)).body;
    expect(view.health.counts).toMatchObject({ added: 0, conflicts: 1 });
    // Not held: the other source's booking was there first (it would only come back at that source's next sync).
    expect(th.hub.store.liveBookings(now, 'pc-2').map((b) => b.from?.sourceId)).toEqual([first]);
    const ofFirst = await advisor.call<SourceView>('POST', `/api/sources/${first}/sync`);
    const staffConflict = ofFirst.body.conflicts.find((c) => c.kind === 'overlap')!;
    expect(staffConflict).toMatchObject({ pcId: 'pc-1', winner: 'source', imported: { outsideId: '401' }, other: { id: local.body.booking.id, origin: 'staff', cancelled: true } });
    expect(staffConflict.other?.startsAt).toBe(local.body.booking.startsAt);
    const crossed = view.conflicts[0]!;
    expect(crossed).toMatchObject({ kind: 'overlap', pcId: 'pc-2', winner: 'local', imported: { outsideId: '9001' }, other: { origin: 'import', sourceId: first, cancelled: false } });

    // Imported bookings are told apart, and are not moved or cancelled here.
    const board = await advisor.board();
    const imported = board.bookings.find((b) => b.pcId === 'pc-2')!;
    expect(imported).toMatchObject({ source: 'import', from: { sourceId: first, kind: 'respa' } });
    expect(imported.noCode).toBeUndefined();
    expect(board.bookings.find((b) => b.pcId === 'pc-1')).toMatchObject({ source: 'import', noCode: true });
    const move = await advisor.call<{ error: string }>('PUT', `/api/bookings/${imported.id}`, { start: iso(now + 5 * H), end: iso(now + 6 * H) });
    expect([move.status, move.body.error]).toEqual([409, 'imported']);
    expect((await advisor.call<{ error: string }>('DELETE', `/api/bookings/${imported.id}`)).body.error).toBe('imported');
  });

  it('"Check in for them" starts the booked session on the PC, or says why not: not its time yet, the PC busy, not an imported booking', async () => {
    const th = await startHub();
    const pc1 = await startPc({ id: 'pc-1', hub: th });
    const pc2 = await startPc({ id: 'pc-2', hub: th });
    const fake = await fakeRespa([reservation(501, 'res-a', -2 * MIN, 60), reservation(502, 'res-b', 3 * H, 60)]);
    const id = addSource(th, 'respa-checkin', fake.base);
    const advisor = await signIn(th);
    const socket = await advisorSocket(th, advisor.token);
    await advisor.call('POST', `/api/sources/${id}/sync`);
    const board = await advisor.board();
    const now1 = board.bookings.find((b) => b.pcId === 'pc-1')!;
    const later2 = board.bookings.find((b) => b.pcId === 'pc-2')!;
    expect(now1.noCode).toBe(true);
    await waitFor('the booking on PC 1', () => pc1.controller.snapshot().phase === 'welcome' && pc1.core.store.db.prepare('SELECT 1 FROM bookings WHERE id = ?').get(now1.id), 15_000);
    await waitFor('the booking on PC 2', () => pc2.core.store.db.prepare('SELECT 1 FROM bookings WHERE id = ?').get(later2.id), 15_000);

    const outcome = async (bookingId: string) => {
      const sent = await advisor.call<{ commandId: string }>('POST', `/api/bookings/${bookingId}/check-in`);
      expect(sent.status).toBe(200);
      return socket.next(`the answer to ${sent.body.commandId}`, (e): e is CommandEvent & { receivedAt: number } => e.type === 'command' && e.commandId === sent.body.commandId, 10_000);
    };
    expect(await outcome(now1.id)).toMatchObject({ outcome: 'done', pcId: 'pc-1' });
    await waitFor('the session on PC 1', () => pc1.controller.phase === 'active' || undefined);
    const session = pc1.core.store.db.prepare('SELECT booking_id FROM sessions ORDER BY rowid DESC LIMIT 1').get() as { booking_id: string };
    expect(session.booking_id).toBe(now1.id);
    expect(await outcome(now1.id)).toMatchObject({ outcome: 'failed', reason: 'pc-busy' });
    expect(await outcome(later2.id)).toMatchObject({ outcome: 'failed', reason: 'not-yet' });
    expect(pc2.controller.phase).toBe('welcome');
    const audit = th.hub.store.db.prepare("SELECT details FROM audit WHERE action = 'command check-in' ORDER BY seq").all() as Array<{ details: string }>;
    expect(audit).toHaveLength(3);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ bookingId: now1.id });

    const staff = await advisor.call<{ booking: BookingView }>('POST', '/api/bookings', { pcId: 'pc-2', start: iso(Date.now() + 6 * H), end: iso(Date.now() + 7 * H) });
    const refused = await advisor.call<{ error: string }>('POST', `/api/bookings/${staff.body.booking.id}/check-in`);
    expect([refused.status, refused.body.error]).toEqual([409, 'not-imported']);
    expect((await advisor.call<{ error: string }>('POST', '/api/bookings/b-none/check-in')).status).toBe(404);
  });
});
