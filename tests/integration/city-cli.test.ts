/**
 * IT's commands for the city receiver, against its real storage while it
 * runs (SQLite and PostgreSQL): a site's token printed once and working at
 * once, a new token replacing the old, coordinators set and disabled; and
 * the entry itself (`node out/main/city.js`, here run from source with
 * tsx) starting, answering and stopping on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCityCommand } from '../../main/city/cli';
import { parseCityConfig } from '../../main/city/config';
import { batch, day, describeStorages, request, startCity, stopAll, tempDir, type TestCity } from './city-support';

afterEach(stopAll);

const ROOT = resolve(import.meta.dirname, '../..');

function io(secret = '') {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), secret: async () => secret } };
}

/** Runs a command against the running receiver's storage, as IT would on its machine. */
async function command(city: TestCity, args: string[], secret = '') {
  const captured = io(secret);
  const code = await runCityCommand(args, { config: city.receiver.config, dataDir: city.dataDir, io: captured.io, now: city.clock.now() });
  return { code, out: captured.out.join(''), err: captured.err.join('') };
}

describeStorages('the city command line', ({ kind }) => {
  it('adds a site and prints its token once; the token works at once, a new one replaces it', async () => {
    const city = await startCity(kind);
    const added = await command(city, ['site', 'add', 'kemijarvi', 'Kemijärven asukastupa']);
    expect(added.code, added.err).toBe(0);
    const token = /^Token: (\S+)$/m.exec(added.out)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(added.out).toContain('cannot be shown again');
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 3)]))).status).toBe(200);

    const list = await command(city, ['site', 'list']);
    expect(list.out).toBe(`kemijarvi  Kemijärven asukastupa  last sync: ${new Date(city.clock.now()).toISOString()}\n`);
    expect(list.out).not.toContain(token);

    const again = await command(city, ['site', 'add', 'kemijarvi', 'Toinen']);
    expect(again).toMatchObject({ code: 1, err: 'city: there is already a site "kemijarvi"; for a new token: site token kemijarvi\n' });

    const renewed = await command(city, ['site', 'token', 'kemijarvi']);
    const fresh = /^Token: (\S+)$/m.exec(renewed.out)?.[1];
    expect(fresh).toBeDefined();
    expect((await city.send(token, batch('kemijarvi', [day('2026-05-04', 'sessions', 3)]))).status).toBe(401);
    expect((await city.send(fresh, batch('kemijarvi', [day('2026-05-04', 'sessions', 3)]))).status).toBe(200);
    expect(await command(city, ['site', 'token', 'nowhere'])).toMatchObject({ code: 1, err: 'city: there is no site "nowhere" (see: site list)\n' });
    expect(await command(city, ['site', 'add', 'Kemi Järvi', 'x'])).toMatchObject({ code: 1, err: 'city: "Kemi Järvi": a site id is 2 to 40 lower-case letters, digits or dashes\n' });
    expect(await command(city, ['site', 'add', 'kemi'])).toMatchObject({ code: 1, err: 'city: a site\'s name is 1 to 100 characters: site add ID "NAME"\n' });
  });

  it('sets a coordinator\'s password (from the prompt), and disables the account', async () => {
    const city = await startCity(kind);
    expect(await command(city, ['coordinator', 'set', 'maija'], 'lyhyt')).toMatchObject({ code: 1, err: "city: a coordinator's password must be at least 10 characters\n" });
    expect(await command(city, ['coordinator', 'set', 'maija'], 'pitkä-salasana-1\n')).toMatchObject({ code: 0, out: 'Coordinator maija added.\n' });
    expect((await request(city, 'POST', '/api/session', { body: { name: 'maija', password: 'pitkä-salasana-1' } })).status).toBe(200);
    expect(await command(city, ['coordinator', 'set', 'maija'], 'uusi-salasana-22')).toMatchObject({ code: 0, out: 'Coordinator maija: new password set; signed out everywhere.\n' });
    expect((await request(city, 'POST', '/api/session', { body: { name: 'maija', password: 'uusi-salasana-22' } })).status).toBe(200);
    expect(await command(city, ['coordinator', 'disable', 'maija'])).toMatchObject({ code: 0, out: 'Coordinator maija disabled and signed out.\n' });
    expect((await request(city, 'POST', '/api/session', { body: { name: 'maija', password: 'uusi-salasana-22' } })).status).toBe(401);
    expect(await command(city, ['coordinator', 'disable', 'maija'])).toMatchObject({ code: 1, err: 'city: there is no active coordinator called "maija"\n' });
    expect((await command(city, ['coordinator', 'list'])).out).toBe('koordinaattori\nmaija (disabled)\n');
  });
});

describe('the city command line on its own', () => {
  it('prints its help, refuses an unknown command, and prints the CA hubs pin', async () => {
    const city = await startCity('sqlite');
    const help = await command(city, ['help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('site add ID "NAME"');
    expect(await command(city, ['site', 'remove', 'x'])).toMatchObject({ code: 1, err: 'city: unknown command "site remove x"; see "help"\n' });
    expect(await command(city, ['sites'])).toMatchObject({ code: 1, err: 'city: unknown command "sites"; see "help"\n' });
    const ca = await command(city, ['ca']);
    expect(ca.out).toBe(city.caPem);
    const elsewhere = io();
    expect(await runCityCommand(['ca'], { config: parseCityConfig({}), dataDir: tempDir(), io: elsewhere.io })).toBe(1);
    expect(elsewhere.err.join('')).toMatch(/there is no CA certificate at .*ca\.pem yet: start the receiver once/);
  });

  it('the entry starts the receiver from its configuration, runs commands, and stops on SIGTERM', async () => {
    const dataDir = tempDir('tupa-city-entry-');
    const config = join(dataDir, 'city.json');
    writeFileSync(config, JSON.stringify({ listen: { port: 0 } }));
    const entry = ['--import', 'tsx', join(ROOT, 'main/city/main.ts'), '--config', config, '--data-dir', dataDir];

    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((done) => {
        const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdin.end('salasana-putkesta\n');
        child.on('exit', (code) => done({ code, out, err }));
      });
    const added = await run(['site', 'add', 'kemijarvi', 'Kemijärvi']);
    expect(added.code, added.err).toBe(0);
    const token = /^Token: (\S+)$/m.exec(added.out)![1]!;
    expect((await run(['coordinator', 'set', 'maija'])).out).toBe('Coordinator maija added.\n');
    const badConfig = join(dataDir, 'bad.json');
    writeFileSync(badConfig, JSON.stringify({ listen: { port: '4790' }, storage: { kind: 'mysql' } }));
    const refused = await new Promise<{ code: number | null; err: string }>((done) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/city/main.ts'), '--config', badConfig, '--data-dir', dataDir], { cwd: ROOT });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => done({ code, err }));
    });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("The city receiver's configuration has 2 problems; nothing was started.");
    expect(refused.err).toContain(`${badConfig}: listen.port: must be a number (found "4790")`);
    expect(refused.err).toContain(`${badConfig}: storage.kind: must be "sqlite" (one file in the data folder) or "postgres" (with a url)`);

    const child = spawn(process.execPath, entry, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const deadline = Date.now() + 20_000;
    while (!/coordinators: /.test(out)) {
      if (Date.now() > deadline) throw new Error(`the receiver did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)![1]);
    expect(out).toContain('sites: 1');
    expect(out).toContain('coordinators: maija');
    expect(out).toMatch(/CA fingerprint \(hubs pin .*tls\/ca\.pem\): ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const target = { address: `https://127.0.0.1:${port}`, caPem: readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8') };
    const sent = await request(target, 'POST', '/api/v1/figures', { body: batch('kemijarvi', [day(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), 'sessions', 3)]), headers: { authorization: `Bearer ${token}` } });
    expect(sent.status, sent.text).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopping the city receiver');
    const log = readFileSync(join(dataDir, 'logs', 'city.log'), 'utf8');
    expect(log).toContain('figures batch accepted');
    expect(log).not.toContain(token);
  }, 60_000);
});
