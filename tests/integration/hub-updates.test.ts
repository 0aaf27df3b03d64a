/**
 * Updates through the hub with a real hub over HTTPS on loopback: IT adds
 * a release (checked: metadata, newer version, sizes, SHA-512, signature);
 * paired PCs read electron-builder's metadata and download the packages
 * with their device token (resumable ranges); three kiosk cores with a
 * fake updater port take the release staged — one PC first, the rest after
 * an administrator confirms — and install only between sessions, with no
 * booking soon; a PC that cannot download reports it and tries again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA, dump, load } from 'js-yaml';
import { TestTime } from '../../main/core/test-time';
import { addRelease, ReleaseStore } from '../../main/hub/releases';
import { runCli } from '../../main/cli/tupa';
import type { HubError } from '../../main/hub/bookings';
import type { UpdatesView } from '../../preload/updates-contract';
import { FakeUpdater, get } from '../support/fake-updater';
import { advisorSocket, iso, onStop, signIn, sleep, startHub, startPc, stopAll, tempDir, until, waitOnline, type TestHub, type TestPc } from './hub-support';

afterEach(stopAll);

const MIN = 60_000;

/** A release as electron-builder makes one: an AppImage and latest-linux.yml naming it with its size and SHA-512. */
function makeRelease(version: string, options: { bytes?: number; yml?: (info: Record<string, unknown>) => Record<string, unknown> } = {}) {
  const dir = tempDir('tupa-release-');
  const name = `Tupa-${version}.AppImage`;
  const content = randomBytes(options.bytes ?? 200_000);
  writeFileSync(join(dir, name), content);
  const sha512 = createHash('sha512').update(content).digest('base64');
  const info = { version, files: [{ url: name, sha512, size: content.length }], path: name, sha512, releaseDate: '2026-12-01T10:00:00.000Z', stagingPercentage: 10 };
  const yml = join(dir, 'latest-linux.yml');
  writeFileSync(yml, dump(options.yml ? options.yml(info) : info));
  return { dir, yml, pkg: join(dir, name), name, content, sha512 };
}

const releasesOf = (th: TestHub) => th.hub.updates.deps.releases;
const add = (th: TestHub, files: string[], releaseKey?: string) => addRelease(releasesOf(th), files, { by: 'cli', now: Date.now(), releaseKey });
async function refused(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as HubError,
  );
  if (!error) throw new Error('the release was taken');
  return error;
}
/** Nothing of a refused release stays: no row, no folder, no half-copied files. */
function nothingKept(th: TestHub, versions: string[]): void {
  expect(releasesOf(th).list().map((r) => r.version)).toEqual(versions);
  const dir = releasesOf(th).dir;
  expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(versions);
}

describe('IT adds a release at the hub', () => {
  it('takes a good one and refuses a wrong hash, a wrong size, an older or equal version, a non-release and a stray file, keeping nothing of them', async () => {
    const th = await startHub();
    const good = makeRelease('1.2.0');
    const added = await add(th, [good.yml, good.pkg]);
    expect(added).toMatchObject({ version: '1.2.0', channels: ['latest-linux.yml'], signed: false });
    nothingKept(th, ['1.2.0']);

    const tampered = makeRelease('1.3.0');
    writeFileSync(tampered.pkg, Buffer.concat([tampered.content.subarray(0, 1000), Buffer.from([tampered.content[1000]! ^ 1]), tampered.content.subarray(1001)]));
    expect(await refused(add(th, [tampered.yml, tampered.pkg]))).toMatchObject({ error: 'bad-hash', field: tampered.name });
    writeFileSync(tampered.pkg, tampered.content.subarray(0, 5000));
    expect(await refused(add(th, [tampered.yml, tampered.pkg]))).toMatchObject({ error: 'bad-size', field: tampered.name });

    const older = makeRelease('1.1.9');
    expect(await refused(add(th, [older.yml, older.pkg]))).toMatchObject({ error: 'not-newer', message: expect.stringContaining('not newer than 1.2.0') });
    const same = makeRelease('1.2.0');
    expect((await refused(add(th, [same.yml, same.pkg]))).error).toBe('not-newer');

    expect((await refused(add(th, [good.pkg]))).error).toBe('not-a-release');
    const notMetadata = join(tempDir('tupa-release-'), 'latest-linux.yml');
    writeFileSync(notMetadata, 'hello: world\n');
    expect(await refused(add(th, [notMetadata, good.pkg]))).toMatchObject({ error: 'not-a-release', message: expect.stringContaining('version') });
    const badVersion = makeRelease('2.0', { yml: (info) => ({ ...info, version: 'two' }) });
    expect((await refused(add(th, [badVersion.yml, badVersion.pkg]))).error).toBe('not-a-release');
    const escaping = makeRelease('1.4.0', { yml: (info) => ({ ...info, files: [{ ...(info.files as object[])[0], url: '../../hub.sqlite' }] }) });
    expect((await refused(add(th, [escaping.yml, escaping.pkg]))).error).toBe('not-a-release');
    const stray = makeRelease('1.5.0');
    const extra = join(stray.dir, 'notes.txt');
    writeFileSync(extra, 'x');
    expect(await refused(add(th, [stray.yml, stray.pkg, extra]))).toMatchObject({ error: 'not-named', field: 'notes.txt' });
    expect(await refused(add(th, [stray.yml]))).toMatchObject({ error: 'missing-file', field: stray.name });
    nothingKept(th, ['1.2.0']);
  });

  it('with a signing key in the site policy, takes only releases whose metadata is signed by it', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const other = generateKeyPairSync('ed25519');
    const releaseKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const th = await startHub({ policy: { updates: { releaseKey } } });
    const r = makeRelease('1.0.0');
    const sig = `${r.yml}.sig`;
    expect(await refused(add(th, [r.yml, r.pkg], releaseKey))).toMatchObject({ error: 'unsigned', field: 'latest-linux.yml.sig' });
    writeFileSync(sig, sign(null, Buffer.from(dump({ version: '1.0.0' })), privateKey).toString('base64'));
    expect((await refused(add(th, [r.yml, r.pkg, sig], releaseKey))).error).toBe('bad-signature');
    writeFileSync(sig, sign(null, await import('node:fs').then((fs) => fs.readFileSync(r.yml)), other.privateKey).toString('base64'));
    expect((await refused(add(th, [r.yml, r.pkg, sig], releaseKey))).error).toBe('bad-signature');
    nothingKept(th, []);
    // Signed as docs/deployment.md says (openssl pkeyutl -sign -rawin … | base64): taken.
    writeFileSync(sig, `${sign(null, await import('node:fs').then((fs) => fs.readFileSync(r.yml)), privateKey).toString('base64')}\n`);
    expect(await add(th, [r.yml, r.pkg, sig], releaseKey)).toMatchObject({ version: '1.0.0', signed: true });
  });
});

describe('IT uses the command line on the hub\'s machine', () => {
  it('hub update add, list and remove; a refusal exits 1 with its code and field', async () => {
    const th = await startHub();
    const cli = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(['--data-dir', tempDir('tupa-cli-'), '--hub-data-dir', th.dir, ...args], { out: (t) => (out += t), err: (t) => (err += t), secret: () => Promise.reject(new Error('no')) });
      return { code, out, err };
    };
    const r = makeRelease('3.0.0');
    const added = await cli('hub', 'update', 'add', r.yml, r.pkg);
    expect(added, added.err).toMatchObject({ code: 0, out: expect.stringContaining('Release 3.0.0 added') });
    const older = makeRelease('2.9.0');
    const refusedRun = await cli('--json', 'hub', 'update', 'add', older.yml, older.pkg);
    expect(refusedRun.code).toBe(1);
    expect(JSON.parse(refusedRun.out)).toMatchObject({ error: { code: 'not-newer', field: 'version' } });
    const list = await cli('--json', 'hub', 'update', 'list');
    expect(JSON.parse(list.out)).toMatchObject([{ version: '3.0.0', channels: ['latest-linux.yml'], files: [{ name: r.name, size: r.content.length }] }]);
    expect((await cli('hub', 'update', 'remove', '3.0.0')).code).toBe(0);
    expect((await cli('hub', 'update', 'remove', '3.0.0')).code).toBe(1);
    nothingKept(th, []);
    expect(th.hub.store.auditLog().map((e) => e.action)).toEqual(expect.arrayContaining(['update: release added', 'update: release removed']));
  });
});

describe('paired PCs read the metadata and download with their device token', () => {
  it('serves the metadata for this PC, the package whole and in ranges, and nothing without a valid token', async () => {
    const th = await startHub();
    const r = makeRelease('1.2.0');
    await add(th, [r.yml, r.pkg]);
    const pc = th.hub.services.pairLocal({ pcId: 'pc-1', name: 'Kone 1', room: 'Sali' });
    const feed = { address: th.address, caPem: th.caPem, deviceToken: pc.deviceToken };

    const meta = await get(feed, '/updates/latest-linux.yml');
    expect(meta.status).toBe(200);
    const info = load(meta.body.toString('utf8'), { schema: JSON_SCHEMA }) as Record<string, unknown> & { files: Array<{ url: string; sha512: string; size: number }> };
    // The first PC that asks gets the new release; its files live under the version's folder; the hub's staging replaces the file's own percentage.
    expect(info).toMatchObject({ version: '1.2.0', path: `1.2.0/${r.name}`, sha512: r.sha512, releaseDate: '2026-12-01T10:00:00.000Z' });
    expect(info.files).toEqual([{ url: `1.2.0/${r.name}`, sha512: r.sha512, size: r.content.length }]);
    expect(info.stagingPercentage).toBeUndefined();

    const whole = await get(feed, `/updates/${info.files[0]!.url}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(createHash('sha512').update(whole.body).digest('base64')).toBe(r.sha512);
    // An interrupted download resumes: the rest from byte 150 000, and a suffix.
    const rest = await get(feed, `/updates/${info.files[0]!.url}`, { range: 'bytes=150000-' });
    expect(rest.status).toBe(206);
    expect(rest.headers['content-range']).toBe(`bytes 150000-199999/200000`);
    expect(rest.body.equals(r.content.subarray(150_000))).toBe(true);
    const middle = await get(feed, `/updates/${info.files[0]!.url}`, { range: 'bytes=10-19' });
    expect(middle.body.equals(r.content.subarray(10, 20))).toBe(true);
    expect((await get(feed, `/updates/${info.files[0]!.url}`, { range: 'bytes=-100' })).body.equals(r.content.subarray(-100))).toBe(true);
    expect((await get(feed, `/updates/${info.files[0]!.url}`, { range: 'bytes=300000-' })).status).toBe(416);

    // No token, a wrong one, a browser page (Origin), a file outside the release: nothing.
    expect((await get({ ...feed, deviceToken: 'x'.repeat(43) }, '/updates/latest-linux.yml')).status).toBe(401);
    expect((await get(feed, '/updates/latest-linux.yml', { origin: th.origin })).status).toBe(401);
    expect((await get(feed, '/updates/1.2.0/..%2F..%2Fhub.sqlite')).status).toBe(404);
    expect((await get(feed, '/updates/hub.sqlite')).status).toBe(404);
    const advisor = await signIn(th);
    expect((await advisor.call('GET', '/updates/latest-linux.yml')).status).toBe(401);
  });
});

/** Real time that a test can jump ahead (check intervals and retries are minutes long). */
async function site() {
  const time = new TestTime('realtime', 0);
  onStop(() => time.dispose());
  const th = await startHub({ clock: time, scheduler: time, policy: { updates: { checkMinutes: 10, quietMinutes: 30 }, idle: { timeoutMinutes: 120 } } });
  return { time, th };
}

async function pass(time: TestTime, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 15_000) {
    time.advance(Math.min(15_000, left));
    await sleep(10);
  }
}

async function pcWith(th: TestHub, time: TestTime, id: string, running = '1.0.0'): Promise<{ pc: TestPc; updater: FakeUpdater }> {
  const updater = new FakeUpdater(running, () => time.now());
  const pc = await startPc({ id, hub: th, clock: time, scheduler: time, updater });
  await waitOnline(pc);
  return { pc, updater };
}

const pcState = (view: UpdatesView, id: string) => view.pcs.find((p) => p.pcId === id);

describe('three PCs take a release staged, between sessions', () => {
  it('one PC first, the rest after the confirmation; installs wait for a session to end and for a booking soon', async () => {
    const { time, th } = await site();
    const advisor = await signIn(th);
    const events = await advisorSocket(th, advisor.token);
    const [a, b, c] = [await pcWith(th, time, 'pc-1'), await pcWith(th, time, 'pc-2'), await pcWith(th, time, 'pc-3')];
    // A PC reports at start, and again on its next round if the hub was not reached yet.
    await pass(time, 20_000);
    await until('every PC reported its version', async () => (await advisor.call<UpdatesView>('GET', '/api/updates')).body.pcs.every((p) => p.running === '1.0.0'));

    const r = makeRelease('1.1.0');
    await add(th, [r.yml, r.pkg]);
    // The administrator picks pc-2 as the first PC.
    const picked = await advisor.call<UpdatesView>('POST', '/api/updates/1.1.0/pilot', { pcId: 'pc-2' });
    expect(picked.status).toBe(200);
    expect(picked.body.releases[0]).toMatchObject({ version: '1.1.0', pilotPc: 'pc-2' });
    await events.next('the Updates page hears of it', (e) => e.type === 'updates');

    // pc-3 has a booking in 45 minutes (within the quiet 30 when its turn comes).
    const booked = await advisor.call('POST', '/api/bookings', { pcId: 'pc-3', start: iso(time.now() + 45 * MIN), end: iso(time.now() + 75 * MIN) });
    expect(booked.status).toBe(200);
    await until('pc-3 has its booking', () => c.pc.controller.snapshot().schedule.next !== undefined || c.pc.core.store.bookings.live('pc-3', time.now()).length > 0);

    // Their next round (updates.checkMinutes: 10).
    await pass(time, 10 * MIN + 20_000);
    await until('pc-2 installed', () => b.updater.installs.length === 1);
    expect(b.updater.installs[0]!.version).toBe('1.1.0');
    expect(b.pc.controller.phase).toBe('welcome');
    // The others were told they are up to date: nothing downloaded.
    expect(a.updater.downloads + c.updater.downloads).toBe(0);
    expect(a.updater.checks).toBeGreaterThan(0);
    await until('the hub heard pc-2 install', async () => pcState((await advisor.call<UpdatesView>('GET', '/api/updates')).body, 'pc-2')?.state === 'installing');
    const staged = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
    expect(pcState(staged, 'pc-2')).toMatchObject({ state: 'installing', target: '1.1.0', offered: '1.1.0' });
    expect(pcState(staged, 'pc-1')).toMatchObject({ state: 'idle', running: '1.0.0' });
    expect(pcState(staged, 'pc-1')?.offered).toBeUndefined();

    // The rest, after the administrator confirms; pc-1 is in a session when its turn comes.
    expect((await advisor.call('POST', '/api/updates/1.1.0/confirm')).status).toBe(200);
    expect(a.pc.controller.startWalkIn('fi')).toBe(true);
    await pass(time, 10 * MIN + 20_000);
    await until('pc-1 and pc-3 downloaded', async () => {
      const view = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
      return pcState(view, 'pc-1')?.state === 'ready' && pcState(view, 'pc-3')?.state === 'ready';
      // Two real HTTPS downloads and their reports: slower than 5 s on a loaded machine.
    }, 20_000);
    let view = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
    expect(pcState(view, 'pc-1')).toMatchObject({ reason: 'session', target: '1.1.0' });
    expect(pcState(view, 'pc-3')).toMatchObject({ reason: 'booking-soon' });
    await pass(time, 60_000);
    expect(a.updater.installs).toEqual([]);
    expect(c.updater.installs).toEqual([]);

    // pc-1's resident ends: after the wipe and feedback, on the welcome screen, it installs.
    a.pc.controller.endSession();
    await until('pc-1 asks for feedback', () => a.pc.controller.phase === 'feedback');
    await pass(time, 20_000);
    expect(a.updater.installs).toEqual([]);
    a.pc.controller.skipFeedback();
    await until('pc-1 on its welcome screen', () => a.pc.controller.phase === 'welcome');
    await pass(time, 20_000);
    await until('pc-1 installed', () => a.updater.installs.length === 1);
    expect(c.updater.installs).toEqual([]);

    // pc-3's booking is cancelled: nothing soon, it installs.
    const bookingId = (booked.body as { booking: { id: string } }).booking.id;
    expect((await advisor.call('DELETE', `/api/bookings/${bookingId}`)).status).toBe(200);
    await until('pc-3 lost its booking', () => c.pc.core.store.bookings.live('pc-3', time.now()).length === 0);
    await pass(time, 20_000);
    await until('pc-3 installed', () => c.updater.installs.length === 1);

    // pc-2 restarted on the new version: the page shows it installed.
    await b.pc.close();
    const again = await pcWith(th, time, 'pc-2', '1.1.0');
    await pass(time, 20_000);
    await until('pc-2 reports 1.1.0', async () => pcState((await advisor.call<UpdatesView>('GET', '/api/updates')).body, 'pc-2')?.running === '1.1.0');
    expect(again.updater.downloads).toBe(0);
    view = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
    expect(pcState(view, 'pc-2')).toMatchObject({ running: '1.1.0', state: 'idle' });
    // Every step is in the audit log.
    // (The test's clock jumps 15 s at a time, so the hub also audits PC clocks as skewed now and then: read far enough back.)
    const audit = th.hub.store.auditLog(10_000).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['update: first PC chosen', 'update: released to every PC']));
  }, 60_000);

  it('the first PC that asks goes first; a PC that cannot download reports it and tries again; an advisor without admin rights sees none of it', async () => {
    const { time, th } = await site();
    const r = makeRelease('2.0.0');
    await add(th, [r.yml, r.pkg]);
    // The package goes missing at the hub (a disk fault): the download fails.
    const file = join(releasesOf(th).folderOf('2.0.0'), r.name);
    renameSync(file, `${file}.away`);
    const a = await pcWith(th, time, 'pc-1');
    await pass(time, 20_000);
    const advisor = await signIn(th);
    await until('pc-1 reported the failure', async () => pcState((await advisor.call<UpdatesView>('GET', '/api/updates')).body, 'pc-1')?.state === 'failed');
    let view = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
    expect(view.releases[0]?.pilotPc).toBe('pc-1');
    expect(pcState(view, 'pc-1')).toMatchObject({ reason: 'download-failed', target: '2.0.0' });
    // Another PC is not in the stage yet.
    const b = await pcWith(th, time, 'pc-2');
    await pass(time, 20_000);
    expect(b.updater.downloads).toBe(0);

    // Back on disk: the next try (a minute later) succeeds.
    renameSync(`${file}.away`, file);
    await pass(time, 70_000);
    await until('pc-1 installed', () => a.updater.installs.length === 1);
    expect(a.updater.downloads).toBe(2);
    view = (await advisor.call<UpdatesView>('GET', '/api/updates')).body;
    expect(pcState(view, 'pc-1')?.state).toBe('installing');

    // Updates are administrators' business.
    th.hub.store.addAdvisor('avustaja', th.hub.store.advisorByName('neuvoja')!.passwordHash, time.now(), false);
    const plain = await signIn(th, { name: 'avustaja', password: 'oikea-salasana-123' });
    expect((await plain.call('GET', '/api/updates')).status).toBe(403);
    expect((await plain.call('POST', '/api/updates/2.0.0/confirm')).status).toBe(403);
    expect(releasesOf(th).get('2.0.0')?.confirmedAt).toBeUndefined();
    expect((await advisor.call('POST', '/api/updates/9.9.9/confirm')).status).toBe(404);
  }, 30_000);
});

// Keep the type import used even when a test is narrowed with -t.
export type { ReleaseStore };
