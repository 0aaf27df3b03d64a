/**
 * Booking sources at a real hub (issue 12): a fake Respa/Varaamo API on
 * loopback, the hub's sync with its real SQLite, kiosk cores connected over
 * HTTPS/WebSocket, and the command line on the hub's database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/tupa';
import { hashCode, pcCodeKey } from '../../main/core/codes';
import { HubBookings } from '../../main/hub/bookings';
import { SourceSync } from '../../main/hub/sources/sync';
import { createMemoryLogger } from '../../main/log/logger';
import { systemClock } from '../../main/core/clock';
import { FAKE_PASSWORD, FAKE_TOKEN, FAKE_USER, helsinkiIso, type FakeRespa } from '../support/fake-respa';
import { fakeRespas, reservation } from '../support/respa-fixtures';
import { startHub, startPc, stopAll, waitFor, type TestHub } from './hub-support';

const MIN = 60_000;
const H = 60 * MIN;
const respas = fakeRespas();
const fakeRespa = respas.start;
afterEach(async () => {
  await stopAll();
  await respas.closeAll();
});

function addSource(th: TestHub, fake: FakeRespa, settings: object = {}, secret?: string): string {
  const id = `respa-${Math.random().toString(16).slice(2, 8)}`;
  th.hub.sources.sources.add({ id, kind: 'respa', location: fake.base, settings: { map: { 'res-a': 'pc-1', 'res-b': 'pc-2' }, ...settings }, secret }, Date.now());
  return id;
}

/** The source's bookings at the hub: outside id → the booking. */
function imported(th: TestHub, sourceId: string) {
  return th.hub.sources.sources.known(sourceId);
}

async function hubWithPcs(): Promise<TestHub> {
  const th = await startHub();
  th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
  th.hub.services.pairLocal({ pcId: 'pc-2', name: 'PC 2', room: 'Olohuone' });
  return th;
}

describe('a Respa source at the hub', () => {
  it('a reservation becomes a booking on the right PC; its 6-digit code checks in at the kiosk; a 4-digit one with a leading zero reaches the schedule', async () => {
    const fake = await fakeRespa([
      reservation(101, 'res-a', -1 * MIN, 60, { access_code: '123456' }),
      reservation(102, 'res-b', 2 * H, 60, { access_code: '0123' }),
      // Over before the first sync: never held here, so not added (it would count as a no-show).
      reservation(100, 'res-a', -3 * H, 60, { access_code: '999999' }),
    ]);
    const th = await startHub();
    const pc1 = await startPc({ id: 'pc-1', hub: th });
    const pc2 = await startPc({ id: 'pc-2', hub: th });
    const id = addSource(th, fake);
    const outcome = await th.hub.sources.sync(id);
    expect(outcome).toMatchObject({ ok: true, counts: { added: 2, moved: 0, cancelled: 0 } });
    const known = imported(th, id);
    expect(known.map((k) => [k.outsideId, k.pcId, k.code]).sort()).toEqual([['101', 'pc-1', '123456'], ['102', 'pc-2', '0123']]);
    const holds = (pc: typeof pc1, code: string) => {
      const key = pcCodeKey(th.hub.store.site()!.codeKey, pc.id);
      return (pc.core.store.db.prepare('SELECT code_hash FROM bookings').all() as Array<{ code_hash: Buffer }>).some((r) => r.code_hash.equals(hashCode(key, code))) || undefined;
    };
    await waitFor('the booking on PC 1', () => holds(pc1, '123456'), 15_000);
    expect(pc1.controller.checkIn('123456', 'fi')).toEqual({ result: 'ok' });
    // PC 2's schedule holds the 4-digit code (leading zero kept), hashed with its own key.
    await waitFor('the 4-digit booking on PC 2', () => holds(pc2, '0123'), 15_000);
    // The hub kept nothing of the person who booked.
    const dump = JSON.stringify([th.hub.store.db.prepare('SELECT * FROM bookings').all(), th.hub.store.auditLog(200), th.logger.lines]);
    expect(dump).not.toMatch(/Maija|358401234567|example\.fi/);
  });

  it('follows every page; nothing is lost or doubled over many syncs, with moves, cancellations that disappear and a code filled in later', async () => {
    const day = 24 * H;
    const many = Array.from({ length: 1200 }, (_, i) => reservation(1000 + i, i % 2 ? 'res-a' : 'res-b', day + i * 10 * MIN, 15));
    const fake = await fakeRespa(many);
    const th = await hubWithPcs();
    const id = addSource(th, fake);
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 1200 } });
    expect(fake.requests.filter((r) => r.url.startsWith('/v1/reservation/')).length).toBe(3);
    // Moved (same id), cancelled (disappears for a non-administrator), code filled in later.
    fake.reservations[0] = { ...fake.reservations[0]!, begin: helsinkiIso(Date.now() + 3 * H), end: helsinkiIso(Date.now() + 3 * H + 30 * MIN) };
    fake.reservations[1] = { ...fake.reservations[1]!, state: 'cancelled' };
    fake.reservations[2] = { ...fake.reservations[2]!, access_code: '654321' };
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 0, moved: 1, cancelled: 1, unchanged: 1197 } });
    for (let i = 0; i < 5; i++) expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 0, moved: 0, cancelled: 0, unchanged: 1199 } });
    const known = imported(th, id);
    expect(known).toHaveLength(1200);
    expect(known.filter((k) => !k.cancelled)).toHaveLength(1199);
    expect(known.find((k) => k.outsideId === '1002')!.code).toBe('654321');
    expect(known.find((k) => k.outsideId === '1000')!.startsAt).toBe(Date.parse(fake.reservations[0]!.begin));
    // The cancelled one comes back (confirmed again): the same booking, not a second one.
    fake.reservations[1] = { ...fake.reservations[1]!, state: 'confirmed' };
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 1 } });
    expect(imported(th, id).filter((k) => !k.cancelled)).toHaveLength(1200);
  });

  it('a conditional request: an unchanged answer (304) keeps the last good copy', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 30, { access_code: '123456' })]);
    fake.etags = true;
    const th = await hubWithPcs();
    const id = addSource(th, fake);
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, notModified: false, counts: { added: 1 } });
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, notModified: true });
    expect(fake.requests.at(-1)).toBeDefined();
    expect(imported(th, id).filter((k) => !k.cancelled)).toHaveLength(1);
    fake.reservations[0] = { ...fake.reservations[0]!, access_code: '000111' };
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, notModified: false });
    expect(imported(th, id)[0]!.code).toBe('000111');
  });

  it('requested reservations count only when the source says so', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 30, { state: 'requested' })]);
    const th = await hubWithPcs();
    const without = addSource(th, fake);
    const withRequested = addSource(th, fake, { requested: true });
    await th.hub.sources.sync(without);
    expect(imported(th, without)).toHaveLength(0);
    await th.hub.sources.sync(withRequested);
    expect(imported(th, withRequested)).toHaveLength(1);
  });

  it('a JWT from /api-token-auth/, renewed once on a 401; a fixed token; codes visible only when signed in', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 30, { access_code: '112233' })]);
    fake.auth = 'jwt';
    const th = await hubWithPcs();
    const id = addSource(th, fake, { auth: 'jwt', username: FAKE_USER }, FAKE_PASSWORD);
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 1 } });
    expect(imported(th, id)[0]!.code).toBe('112233');
    fake.expireTokens();
    fake.reservations[0] = { ...fake.reservations[0]!, access_code: '445566' };
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true });
    expect(imported(th, id)[0]!.code).toBe('445566');
    expect(fake.requests.filter((r) => r.url === '/api-token-auth/')).toHaveLength(2);
    // The password never reaches the logs, the audit or the database in the clear.
    expect(JSON.stringify([th.logger.lines, th.hub.store.auditLog(100), th.hub.store.db.prepare('SELECT * FROM booking_sources').all()])).not.toContain(FAKE_PASSWORD);

    fake.auth = 'token';
    const tokenSource = addSource(th, fake, { auth: 'token', map: { 'res-a': 'pc-2' } }, FAKE_TOKEN);
    await th.hub.sources.sync(tokenSource);
    expect(fake.requests.at(-1)!.authorization).toBe(`Token ${FAKE_TOKEN}`);
    expect(imported(th, tokenSource)[0]!.code).toBe('445566');
  });

  it('faults: each refused with a precise message in its health, the last good bookings stay, alerted after repeated failures', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 30, { access_code: '123456' })]);
    const th = await hubWithPcs();
    const id = addSource(th, fake);
    const sync = new SourceSync({ store: th.hub.store, clock: systemClock, logger: createMemoryLogger(), onChange: () => undefined, limits: { maxBytes: 1024 * 1024, totalMs: 4000, idleMs: 1000 } });
    expect(await sync.sync(id)).toMatchObject({ ok: true });
    const cases: Array<[FakeRespa['faults'][number], RegExp]> = [
      ['malformed', /^parse: page 1: \(body\): not JSON/],
      ['html', /^parse: page 1: \(body\): an HTML page, not JSON/],
      ['status-500', /^http \(HTTP 500\): HTTP 500 \(an HTML error page\)$/],
      ['trickle', /^timeout: /],
      ['oversize', /^too-large: the answer passed the limit of 1048576 bytes while downloading$/],
    ];
    for (const [fault, message] of cases) {
      fake.faults.push(fault);
      const started = Date.now();
      const outcome = await sync.sync(id);
      expect(outcome.ok, fault).toBe(false);
      expect(outcome.ok ? '' : outcome.error, fault).toMatch(message);
      expect(Date.now() - started, fault).toBeLessThan(6000);
      expect(imported(th, id).filter((k) => !k.cancelled), fault).toHaveLength(1);
    }
    const health = sync.sources.get(id)!.health;
    expect(health.failures).toBe(5);
    expect(th.hub.store.auditLog(50).filter((a) => a.action === 'booking source alert')).toHaveLength(1);
    // A bad item, an unknown resource and an end before the start are left out and said, the rest applied.
    fake.faults.push('bad-item');
    fake.resourceFilter = false;
    fake.reservations.push(reservation(2, 'res-zzz', 3 * H, 30), reservation(3, 'res-a', 4 * H, 30, { end: helsinkiIso(Date.now() + 3 * H) }));
    const withProblems = await sync.sync(id);
    expect(withProblems, JSON.stringify(sync.sources.get(id)!.health.problems)).toMatchObject({ ok: true, problems: 3 });
    const problems = sync.sources.get(id)!.health.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { where: 'results[1].resource', reason: 'resource "res-zzz" is not in this source\'s map' },
        { where: 'results[2].end', reason: 'ends before it begins' },
        { where: 'results[3].begin', reason: 'is not an ISO 8601 time' },
      ]),
    );
    expect(sync.sources.get(id)!.health.failures).toBe(0);
  });

  it('an overlap with a local booking is a conflict the policy decides, recorded and audited', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 60, { access_code: '123456' })]);
    const th = await hubWithPcs();
    const start = new Date(Date.parse(fake.reservations[0]!.begin) + 30 * MIN);
    const wall = (d: Date) => helsinkiIso(d.getTime()).slice(0, 16);
    const bookings = new HubBookings(th.hub.store, () => undefined, () => undefined);
    const { booking } = bookings.create({ pcId: 'pc-1', start: wall(start), end: wall(new Date(start.getTime() + H)) }, 'test', Date.now());
    const id = addSource(th, fake);
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 1, conflicts: 1 } });
    expect(th.hub.store.booking(booking.id)!.cancelled).toBe(true);
    expect(th.hub.sources.sources.conflicts(id, 0)).toEqual([expect.objectContaining({ outsideId: '1', kind: 'overlap', localId: booking.id, winner: 'source' })]);
    expect(th.hub.store.auditLog(20).filter((a) => a.action === 'booking source conflict')).toHaveLength(1);
    // Synced again: the same conflict is not recorded twice.
    await th.hub.sources.sync(id);
    expect(th.hub.sources.sources.conflicts(id, 0)).toHaveLength(1);
  });
});

describe('conflicts when the site\'s own bookings win', () => {
  it('with sources.conflictWinner "local" the imported booking is left out, the local one stays, and the conflict is listed', async () => {
    const fake = await fakeRespa([reservation(1, 'res-a', 2 * H, 60, { access_code: '123456' })]);
    const th = await startHub({ policy: { sources: { conflictWinner: 'local' } } });
    th.hub.services.pairLocal({ pcId: 'pc-1', name: 'PC 1', room: 'Olohuone' });
    const start = Date.parse(fake.reservations[0]!.begin) - 30 * MIN;
    const wall = (at: number) => helsinkiIso(at).slice(0, 16);
    const { booking } = new HubBookings(th.hub.store, () => undefined, () => undefined).create({ pcId: 'pc-1', start: wall(start), end: wall(start + H) }, 'test', Date.now());
    const id = addSource(th, fake, { map: { 'res-a': 'pc-1' } });
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 0, conflicts: 1 } });
    expect(th.hub.store.booking(booking.id)!.cancelled).toBe(false);
    expect(imported(th, id)).toHaveLength(0);
    expect(th.hub.sources.sources.conflicts(id, 0)).toEqual([expect.objectContaining({ outsideId: '1', kind: 'overlap', localId: booking.id, winner: 'local' })]);
    // The local booking cancelled: the next sync imports the reservation.
    th.hub.store.cancelBooking(booking.id, Date.now());
    expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 1, conflicts: 0 } });
  });
});

describe('tupa hub source', () => {
  it('adds (secret piped, never an argument), lists with health, syncs and removes', async () => {
    const fake = await fakeRespa([reservation(7, 'res-a', 2 * H, 30, { access_code: '654321' })]);
    fake.auth = 'token';
    const th = await hubWithPcs();
    const tupa = async (args: string[], secret = '') => {
      let out = '';
      let err = '';
      const code = await runCli(['--hub-data-dir', th.dir, ...args], { out: (t) => (out += t), err: (t) => (err += t), secret: () => Promise.resolve(secret) }, Date.now());
      return { code, out, err };
    };
    const bad = await tupa(['hub', 'source', 'add', 'respa', fake.base, '--map', 'res-a', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out)).toEqual({ error: { code: 'invalid-map', field: 'map', message: '--map "res-a": give RESOURCE=PC, e.g. --map aw4ibnr3vpxq=pc-1' } });
    const unknownPc = await tupa(['hub', 'source', 'add', 'respa', fake.base, '--map', 'res-a=pc-9', '--json']);
    expect(JSON.parse(unknownPc.out).error).toMatchObject({ code: 'unknown-pc', field: 'map' });
    const added = await tupa(['hub', 'source', 'add', 'respa', fake.base, '--map', 'res-a=pc-1', '--auth', 'token', '--json'], FAKE_TOKEN);
    expect(added.code).toBe(0);
    const id = (JSON.parse(added.out) as { id: string }).id;
    const synced = await tupa(['hub', 'source', 'sync', id]);
    expect(synced).toMatchObject({ code: 0, out: `${id}: 1 new, 0 moved, 0 cancelled, 0 conflicts\n` });
    // The running hub picks the change up and the booking is on PC 1's list.
    await waitFor('the hub sees it', () => th.hub.store.liveBookings(Date.now(), 'pc-1').length === 1 || undefined);
    const list = await tupa(['hub', 'source', 'list']);
    expect(list.out).toContain(`${id}  respa  ${fake.base}`);
    expect(list.out).toMatch(/last good sync: \d{4}-\d\d-\d\dT\d\d:\d\d.* \(1 new, 0 moved, 0 cancelled, 0 unchanged, 0 conflicts\)/);
    expect(list.out).not.toContain(FAKE_TOKEN);
    fake.faults.push('status-500');
    expect(await tupa(['hub', 'source', 'sync', id])).toMatchObject({ code: 1, out: `${id}: failed: http (HTTP 500): HTTP 500 (an HTML error page) (its last good bookings stay)\n` });
    expect((await tupa(['hub', 'source', 'list'])).out).toMatch(/last error .*: http \(HTTP 500\).*\(1 failures in a row\)/);
    const removed = await tupa(['hub', 'source', 'remove', id]);
    expect(removed).toMatchObject({ code: 0, out: `Source ${id} removed; 1 of its bookings still to come cancelled.\n` });
    expect((await tupa(['hub', 'source', 'list'])).out).toBe('No booking sources (add one: hub source add respa URL --map RESOURCE=PC).\n');
  });
});

describe('an ICS source at the hub', () => {
  it('an Exchange-style feed file becomes bookings on the right PCs, its code checks in at the kiosk, and a cancelled meeting cancels its booking', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'tupa-ics-'));
    const file = join(dir, 'pcs.ics');
    // Exchange writes local times with a Windows zone name and no VTIMEZONE.
    const local = (ms: number) => {
      const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms).map((x) => [x.type, x.value]));
      return `${p.year}${p.month}${p.day}T${p.hour}${p.minute}00`;
    };
    const start = Math.floor((Date.now() - MIN) / MIN) * MIN;
    const event = (uid: string, location: string, from: number, minutes: number, summary: string, code: string) =>
      [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        `DTSTART;TZID=FLE Standard Time:${local(from)}`,
        `DTEND;TZID=FLE Standard Time:${local(from + minutes * MIN)}`,
        `SUMMARY:${summary}`,
        `LOCATION:${location}`,
        `DESCRIPTION:Varaaja Maija Meikäläinen. Koodi: ${code}`,
        'END:VEVENT',
      ].join('\r\n');
    const feed = (events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
    writeFileSync(file, feed([event('A1B2', 'Tietokone 1', start, 60, 'Varaus', '246813'), event('C3D4', 'Tietokone 2', start + 2 * H, 30, 'Varaus', '0427')]));
    try {
      const th = await startHub();
      const pc1 = await startPc({ id: 'pc-1', hub: th });
      await startPc({ id: 'pc-2', hub: th });
      const id = 'ics-room';
      th.hub.sources.sources.add(
        { id, kind: 'ics', location: file, settings: { pcRule: { field: 'LOCATION', map: { 'Tietokone 1': 'pc-1', 'Tietokone 2': 'pc-2' } }, codePattern: 'Koodi: (\\d{4,6})' } },
        Date.now(),
      );
      expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { added: 2 } });
      const known = imported(th, id);
      expect(known.map((k) => [k.pcId, k.startsAt, k.code]).sort()).toEqual([
        ['pc-1', start, '246813'],
        ['pc-2', start + 2 * H, '0427'],
      ]);
      const key = pcCodeKey(th.hub.store.site()!.codeKey, 'pc-1');
      const holds = () => (pc1.core.store.db.prepare('SELECT code_hash FROM bookings').all() as Array<{ code_hash: Buffer }>).some((r) => r.code_hash.equals(hashCode(key, '246813'))) || undefined;
      await waitFor('the booking on PC 1, its code hashed with the PC\'s key', holds, 15_000);
      expect(pc1.controller.checkIn('246813', 'fi')).toEqual({ result: 'ok' });
      // The meeting is cancelled the Exchange way: still CONFIRMED, with a "Canceled:" subject.
      writeFileSync(file, feed([event('A1B2', 'Tietokone 1', start, 60, 'Varaus', '246813'), event('C3D4', 'Tietokone 2', start + 2 * H, 30, 'Canceled: Varaus', '0427')]));
      expect(await th.hub.sources.sync(id)).toMatchObject({ ok: true, counts: { cancelled: 1 } });
      // Nothing of the person who booked, nor the meeting's text, was kept.
      const dump = JSON.stringify([th.hub.store.db.prepare('SELECT * FROM bookings').all(), th.hub.store.auditLog(200), th.logger.lines]);
      expect(dump).not.toMatch(/Maija|Varaus|Tietokone 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
