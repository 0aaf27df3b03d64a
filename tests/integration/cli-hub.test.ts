import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../main/cli/tupa';
import { readSecret } from '../../main/cli/secret';
import { sitePolicySchema } from '../../main/config/policy';
import { HubStore } from '../../main/hub/hub-store';
import { UsageLedger } from '../../main/hub/usage-ledger';
import { ensureSite } from '../../main/hub/site';
import { verifyPassword, tokenHash } from '../../main/hub/auth';
import { writePidFile } from '../../main/hub/pid-file';

// IT looks after the site hub from the command line on the hub's machine:
// advisors, pairing codes, status, backups, and a PC's maintenance PIN.

const NOW = Date.UTC(2026, 2, 1, 8, 0);
const root = mkdtempSync(join(tmpdir(), 'tupa-cli-hub-'));
let n = 0;
let dataDir: string;
let hubDir: string;
let configFile: string;
let siteTemplate: string | undefined;

async function templateSite(): Promise<string> {
  // One site (CA and keys) made once, copied for each case: certificates take a while to make.
  if (siteTemplate) return siteTemplate;
  const file = join(root, 'template.sqlite');
  const store = new HubStore(file);
  await ensureSite(store, { name: 'Kirjasto', timeZone: 'Europe/Helsinki', names: ['localhost'], policy: sitePolicySchema.parse({}), now: NOW });
  store.pairPc('pc-1', 'Kone 1', 'Sali', tokenHash('token-1'), NOW);
  store.close();
  siteTemplate = file;
  return file;
}

beforeEach(async () => {
  vi.stubEnv('TUPA_CONFIG', undefined);
  vi.stubEnv('TUPA_DATA_DIR', undefined);
  const base = join(root, `case-${++n}`);
  dataDir = join(base, 'data');
  hubDir = join(dataDir, 'hub');
  mkdirSync(hubDir, { recursive: true });
  configFile = join(base, 'kiosk.json');
  writeFileSync(configFile, JSON.stringify({ pc: { id: 'pc-1', name: 'Kone 1' }, timeZone: 'Europe/Helsinki' }));
  const source = new Database(await templateSite(), { readonly: true });
  source.prepare('VACUUM INTO ?').run(join(hubDir, 'hub.sqlite'));
  source.close();
  return () => vi.unstubAllEnvs();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function tupa(args: string[], secret?: string) {
  let out = '';
  let err = '';
  const prompts: string[] = [];
  const code = await runCli(
    ['--data-dir', dataDir, '--config', configFile, ...args],
    {
      out: (t) => (out += t),
      err: (t) => (err += t),
      secret: async (prompt) => {
        prompts.push(prompt);
        if (secret === undefined) throw new Error('no secret given');
        return secret;
      },
    },
    NOW,
  );
  return { code, out, err, prompts };
}

function withStore<T>(action: (store: HubStore) => T): T {
  const store = new HubStore(join(hubDir, 'hub.sqlite'));
  try {
    return action(store);
  } finally {
    store.close();
  }
}

describe('hub advisor set / disable', () => {
  it('adds an advisor whose password then verifies, and audits it without the password', async () => {
    const run = await tupa(['hub', 'advisor', 'set', 'maija'], 'pitkä salasana 1');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toBe('Advisor maija added.\n');
    expect(run.prompts[0]).toContain('maija');
    const advisor = withStore((s) => s.advisorByName('maija'))!;
    expect(await verifyPassword(advisor.passwordHash, 'pitkä salasana 1')).toBe(true);
    const audit = withStore((s) => s.auditLog());
    expect(audit[0]).toMatchObject({ actor: 'cli', action: 'advisor added', subject: 'maija' });
    expect(JSON.stringify(audit)).not.toContain('salasana');
  });

  it('--admin makes an administrator, --no-admin an advisor again; a new password alone keeps the role', async () => {
    const made = await tupa(['hub', 'advisor', 'set', 'maija', '--admin'], 'pitkä salasana 1');
    expect(made.code, made.err).toBe(0);
    expect(made.out).toBe('Advisor maija added as an administrator.\n');
    expect(withStore((s) => s.advisorIsAdmin('maija'))).toBe(true);
    await tupa(['hub', 'advisor', 'set', 'maija'], 'pitkä salasana 2');
    expect(withStore((s) => s.advisorIsAdmin('maija'))).toBe(true);
    const demoted = await tupa(['hub', 'advisor', 'set', 'maija', '--no-admin'], 'pitkä salasana 3');
    expect(demoted.out).toBe('Advisor maija: new password set as an advisor (not an administrator).\n');
    expect(withStore((s) => s.advisorIsAdmin('maija'))).toBe(false);
    const status = await tupa(['hub', 'status']);
    expect(status.out).toMatch(/^ {2}maija$/m);
    const actions = withStore((s) => s.auditLog()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['advisor made administrator', 'advisor made advisor (not administrator)']));
  });

  it('setting again changes the password', async () => {
    await tupa(['hub', 'advisor', 'set', 'maija'], 'ensimmäinen salasana');
    const run = await tupa(['hub', 'advisor', 'set', 'maija'], 'toinen salasana 22');
    expect(run.out).toBe('Advisor maija: new password set.\n');
    const advisor = withStore((s) => s.advisorByName('maija'))!;
    expect(await verifyPassword(advisor.passwordHash, 'ensimmäinen salasana')).toBe(false);
    expect(await verifyPassword(advisor.passwordHash, 'toinen salasana 22')).toBe(true);
  });

  it('a new password ends every session signed in with the old one', async () => {
    await tupa(['hub', 'advisor', 'set', 'maija'], 'vuotanut salasana');
    const id = withStore((s) => s.advisorByName('maija')!.id);
    withStore((s) => s.createAdvisorSession(tokenHash('stolen-session'), id, NOW, NOW + 3_600_000));
    await tupa(['hub', 'advisor', 'set', 'maija'], 'uusi pitkä salasana');
    expect(withStore((s) => s.advisorBySession(tokenHash('stolen-session'), NOW))).toBeUndefined();
  });

  it('refuses a short password and a bad name with the field named', async () => {
    const short = await tupa(['--json', 'hub', 'advisor', 'set', 'maija'], 'lyhyt');
    expect(short.code).toBe(1);
    expect(JSON.parse(short.out).error).toMatchObject({ code: 'weak-password', field: 'password' });
    const bad = await tupa(['hub', 'advisor', 'set', 'maija virtanen'], 'pitkä salasana 1');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^tupa: an advisor's name is 1 to 40 letters/);
    const missing = await tupa(['hub', 'advisor', 'set'], 'pitkä salasana 1');
    expect(missing.err).toContain('give the advisor\'s sign-in name');
    expect(withStore((s) => s.advisors())).toEqual([]);
  });

  it('disabling signs the advisor out and blocks sign-in; an unknown name is refused', async () => {
    await tupa(['hub', 'advisor', 'set', 'maija'], 'pitkä salasana 1');
    const id = withStore((s) => s.advisorByName('maija')!.id);
    withStore((s) => s.createAdvisorSession(tokenHash('session'), id, NOW, NOW + 3_600_000));
    const run = await tupa(['hub', 'advisor', 'disable', 'maija']);
    expect(run.code, run.err).toBe(0);
    expect(withStore((s) => s.advisorByName('maija'))).toBeUndefined();
    expect(withStore((s) => s.advisorBySession(tokenHash('session'), NOW))).toBeUndefined();
    const again = await tupa(['--json', 'hub', 'advisor', 'disable', 'maija']);
    expect(JSON.parse(again.out).error).toMatchObject({ code: 'unknown-advisor', field: 'name' });
  });
});

describe('hub pairing-code and status', () => {
  it('prints an 8-digit code valid for ten minutes with the CA fingerprint; only its hash is stored', async () => {
    const run = await tupa(['--json', 'hub', 'pairing-code']);
    expect(run.code, run.err).toBe(0);
    const made = JSON.parse(run.out) as { code: string; expiresAt: string; caFingerprint: string };
    expect(made.code).toMatch(/^\d{8}$/);
    expect(made.expiresAt).toBe('2026-03-01T10:10+02:00');
    expect(made.caFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(readFileSync(join(hubDir, 'hub.sqlite')).includes(Buffer.from(made.code))).toBe(false);
    expect(withStore((s) => s.usePairingCode(tokenHash(made.code), NOW + 60_000, 'pc-2'))).toBe(true);
  });

  it('status lists the site, its PCs and advisors, and whether the hub runs', async () => {
    await tupa(['hub', 'advisor', 'set', 'maija'], 'pitkä salasana 1');
    const run = await tupa(['hub', 'status']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Site: Kirjasto (Europe/Helsinki), hub not running');
    expect(run.out).toMatch(/pc-1 {2}Kone 1 \(Sali\) {2}paired, last seen never/);
    expect(run.out).toContain('  maija\n');
    const release = writePidFile(hubDir);
    try {
      expect(JSON.parse((await tupa(['--json', 'hub', 'status'])).out)).toMatchObject({ running: true, pendingWebhooks: 0 });
    } finally {
      release();
    }
  });

  it('prints the site CA certificate, public part only, for advisors\' devices', async () => {
    const run = await tupa(['hub', 'ca']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(run.out).not.toContain('PRIVATE KEY');
    expect(run.out).toBe(withStore((s) => s.site()!.caCert).replace(/\n?$/, '\n'));
    const status = JSON.parse((await tupa(['--json', 'hub', 'status'])).out) as { caFingerprint: string };
    expect(JSON.parse((await tupa(['--json', 'hub', 'ca'])).out).fingerprint).toBe(status.caFingerprint);
  });

  it('without a hub database it says where it looked', async () => {
    rmSync(hubDir, { recursive: true });
    const run = await tupa(['hub', 'status']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`tupa: there is no site hub in ${hubDir}: start the hub once, or give --hub-data-dir\n`);
    const unknown = await tupa(['hub', 'frobnicate']);
    expect(unknown.code).toBe(1);
  });
});

describe('hub backup and restore', () => {
  it('backs up a running hub and restores it after a loss, keeping the database it replaced', async () => {
    await tupa(['hub', 'advisor', 'set', 'maija'], 'pitkä salasana 1');
    const backup = join(root, `backup-${n}.sqlite`);
    const release = writePidFile(hubDir);
    const made = await tupa(['hub', 'backup', backup]);
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/^Backed up the hub to .* KiB\). It holds the site's keys/);
    // Readable by its owner only, whatever the umask: it holds the CA's key.
    if (process.platform !== 'win32') expect(statSync(backup).mode & 0o777).toBe(0o600);

    // After the backup: another advisor, then a restore attempt while the hub runs.
    await tupa(['hub', 'advisor', 'set', 'pekka'], 'pitkä salasana 2');
    const refused = await tupa(['hub', 'restore', backup]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`the hub is running (process ${process.pid})`);
    release();

    const restored = await tupa(['--json', 'hub', 'restore', backup]);
    expect(restored.code, restored.err).toBe(0);
    const result = JSON.parse(restored.out) as { previous: string; site: string };
    expect(result.site).toBe('Kirjasto');
    expect(withStore((s) => s.advisors().map((a) => a.name))).toEqual(['maija']);
    expect(existsSync(result.previous)).toBe(true);
    const previous = new HubStore(result.previous);
    expect(previous.advisors().map((a) => a.name)).toEqual(['maija', 'pekka']);
    previous.close();
    expect(withStore((s) => s.auditLog()[0])).toMatchObject({ action: 'restored from backup' });
  });

  it('never overwrites a file with a backup', async () => {
    const target = join(root, `exists-${n}`);
    writeFileSync(target, 'keep me');
    const run = await tupa(['hub', 'backup', target]);
    expect(run.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it.each([
    ['not a database', (file: string) => writeFileSync(file, 'hello, this is not SQLite'.repeat(50)), /is not a database/],
    [
      'a database that is not a hub',
      (file: string) => {
        const db = new Database(file);
        db.exec('CREATE TABLE x (a)');
        db.close();
      },
      /is not a Tupa hub backup/,
    ],
    [
      'a hub from a newer release',
      (file: string) => {
        new Database(join(hubDir, 'hub.sqlite'), { readonly: true }).prepare('VACUUM INTO ?').run(file);
        const db = new Database(file);
        db.pragma('user_version = 999');
        db.close();
      },
      /comes from a newer Tupa \(database version 999/,
    ],
  ])('refuses %s and leaves the hub as it was', async (_label, make, message) => {
    const file = join(root, `bad-${n}.sqlite`);
    make(file);
    const before = readFileSync(join(hubDir, 'hub.sqlite'));
    const run = await tupa(['--json', 'hub', 'restore', file]);
    expect(run.code).toBe(1);
    const error = JSON.parse(run.out).error as { code: string; field: string; message: string };
    expect(error).toMatchObject({ code: 'invalid-backup', field: 'file' });
    expect(error.message).toMatch(message);
    expect(readFileSync(join(hubDir, 'hub.sqlite')).equals(before)).toBe(true);
    expect(readdirSync(hubDir).filter((f) => f.includes('before-restore'))).toEqual([]);
  });
});

describe('maintenance set-pin', () => {
  it('stores a scrypt hash of the PIN, readable only by its owner', async () => {
    const run = await tupa(['maintenance', 'set-pin'], '246810\n');
    expect(run.code, run.err).toBe(0);
    const stored = readFileSync(join(dataDir, 'maintenance-pin'), 'utf8');
    expect(stored).not.toContain('246810');
    expect(await verifyPassword(stored, '246810')).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'maintenance-pin')).mode & 0o777).toBe(0o600);
  });

  it.each(['12345', 'abcdef', '1234567890123'])('refuses %j', async (pin) => {
    const run = await tupa(['--json', 'maintenance', 'set-pin'], pin);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out).error).toMatchObject({ code: 'invalid-pin', field: 'pin' });
    expect(existsSync(join(dataDir, 'maintenance-pin'))).toBe(false);
  });
});

describe('config show', () => {
  it('says a webhook secret and token are set without printing them', async () => {
    writeFileSync(
      configFile,
      JSON.stringify({
        pc: { id: 'pc-1', name: 'Kone 1' },
        hub: { webhooks: [{ url: 'https://ntfy.example/', format: 'ntfy', topic: 'tupa', secret: 'hmac-secret-0123456789', token: 'tk_abcdefgh12345' }] },
      }),
    );
    const run = await tupa(['--json', 'config', 'show']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).not.toContain('hmac-secret');
    expect(run.out).not.toContain('tk_abcdefgh');
    expect(JSON.parse(run.out).config.hub.webhooks[0]).toMatchObject({ url: 'https://ntfy.example/', secret: '(set)', token: '(set)' });
  });
});

describe('secrets from standard input', () => {
  it('reads the first line of piped input, not what follows', async () => {
    const input = new PassThrough();
    input.end('salainen\nloput\n');
    expect(await readSecret('? ', input as unknown as NodeJS.ReadStream)).toBe('salainen');
  });

  it('reads a last line without a newline, and CRLF', async () => {
    const a = new PassThrough();
    a.end('ilman rivinvaihtoa');
    expect(await readSecret('? ', a as unknown as NodeJS.ReadStream)).toBe('ilman rivinvaihtoa');
    const b = new PassThrough();
    b.end('windows\r\n');
    expect(await readSecret('? ', b as unknown as NodeJS.ReadStream)).toBe('windows');
  });
});

describe('hub city', () => {
  const TOKEN = 'k'.repeat(43);

  it('sets where the figures go (the token typed, never an argument), shows it, resends and turns it off', async () => {
    const set = await tupa(['hub', 'city', 'set', 'https://tupa.example.fi/', 'raatipirtti', '--json'], `${TOKEN}\n`);
    expect(set.code).toBe(0);
    expect(set.prompts).toEqual(['The token the city gave for site raatipirtti: ']);
    expect(JSON.parse(set.out)).toMatchObject({ configured: true, url: 'https://tupa.example.fi', siteId: 'raatipirtti', pending: 0 });
    expect(set.out).not.toContain(TOKEN);
    expect(withStore((s) => s.db.prepare('SELECT token FROM city_sync').get())).toEqual({ token: TOKEN });
    expect(withStore((s) => s.auditLog(1)[0])).toMatchObject({ actor: 'cli', action: 'city sync set', subject: 'raatipirtti' });

    withStore((s) => s.db.prepare("INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES ('2026-02-27', 'sessions', '4', 2, 2, 0)").run());
    const status = await tupa(['hub', 'status']);
    expect(status.out).toContain('City figures: to https://tupa.example.fi as site raatipirtti; 0 waiting; last sent never');
    const resend = await tupa(['hub', 'city', 'resend']);
    expect(resend.out).toBe('1 figures will be sent again.\n');
    expect((await tupa(['hub', 'city', 'status', '--json'])).out).toContain('"pending":1');
    // Sent again at a new revision (never below the clock), so the hub's values win even after a restore.
    expect(withStore((s) => s.db.prepare('SELECT revision FROM city_records').get())).toEqual({ revision: NOW });

    // Another receiver has none of the figures: setting it sends them all again.
    withStore((s) => s.db.prepare('UPDATE city_records SET acked_revision = revision').run());
    await tupa(['hub', 'city', 'set', 'https://tupa.example.fi', 'raatipirtti'], TOKEN);
    expect((await tupa(['hub', 'city', 'status', '--json'])).out).toContain('"pending":0');
    await tupa(['hub', 'city', 'set', 'https://uusi.example.fi', 'raatipirtti'], TOKEN);
    expect((await tupa(['hub', 'city', 'status', '--json'])).out).toContain('"pending":1');

    expect((await tupa(['hub', 'city', 'off'])).code).toBe(0);
    expect(withStore((s) => s.db.prepare('SELECT count(*) AS n FROM city_sync').get())).toEqual({ n: 0 });
    const again = await tupa(['hub', 'city', 'off']);
    expect(again).toMatchObject({ code: 1, err: 'tupa: the figures are not sent anywhere yet\n' });
  });

  it.each([
    [['http://tupa.example.fi', 'raatipirtti'], TOKEN, 'must be https://'],
    [['https://user:pw@tupa.example.fi', 'raatipirtti'], TOKEN, 'without a user name'],
    [['not a url', 'raatipirtti'], TOKEN, 'is not an address'],
    [['https://tupa.example.fi', 'Raati Pirtti'], TOKEN, 'site: a site id is 2 to 40 lower-case letters'],
    [['https://tupa.example.fi', 'raatipirtti'], 'short', '20 characters or more'],
    [['https://tupa.example.fi', 'raatipirtti', '--ca', '/no/such/file.pem'], TOKEN, '/no/such/file.pem'],
  ])('refuses %j with a precise message, and stores nothing', async (args, token, message) => {
    const result = await tupa(['hub', 'city', 'set', ...args], token);
    expect(result.code).toBe(1);
    expect(result.err).toContain(message);
    expect(withStore((s) => s.db.prepare('SELECT count(*) AS n FROM city_sync').get())).toEqual({ n: 0 });
  });
});

describe('bookings at the hub from the command line', () => {
  const day = (store: HubStore, period: string) =>
    Object.fromEntries((store.db.prepare('SELECT metric, value FROM city_records WHERE period = ?').all(period) as Array<{ metric: string; value: string }>).map((r) => [r.metric, r.value]));

  it('cancelling a no-show counts its day\'s no-shows again, as the console\'s cancel does', async () => {
    const startsAt = NOW - 3 * 3_600_000;
    withStore((s) => {
      s.addBooking({ id: 'b-gone', pcId: 'pc-1', startsAt, endsAt: startsAt + 3_600_000, codeHash: Buffer.alloc(32) }, 'test', NOW - 86_400_000);
      expect(new UsageLedger(s).sweepNoShows(NOW)).toBe(1);
      expect(day(s, '2026-03-01')['no-shows']).toBe('1');
    });
    const run = await tupa(['bookings', 'cancel', 'b-gone']);
    expect(run.code, run.err).toBe(0);
    withStore((s) => {
      expect(s.db.prepare("SELECT count(*) AS n FROM usage_daily WHERE metric = 'no-shows'").get()).toEqual({ n: 0 });
      expect(day(s, '2026-03-01')['no-shows']).toBe('0');
    });
  });

  it('a booking ten days ahead, cancelled, leaves no figures for a day that has not begun', async () => {
    const added = await tupa(['--json', 'bookings', 'add', '--pc', 'pc-1', '--start', '2026-03-11T10:00', '--end', '2026-03-11T11:00']);
    expect(added.code, added.out).toBe(0);
    expect((await tupa(['bookings', 'cancel', (JSON.parse(added.out) as { id: string }).id])).code).toBe(0);
    withStore((s) => expect(s.db.prepare('SELECT count(*) AS n FROM city_records').get()).toEqual({ n: 0 }));
    // Records an older release made for such a day wait for it to begin, and the status says so.
    withStore((s) => s.db.prepare("INSERT INTO city_records (period, metric, value, revision, acked_revision, updated_at) VALUES ('2026-03-11', 'no-shows', '0', 1, 0, 0), ('2026-02-27', 'sessions', '4', 1, 0, 0)").run());
    expect((await tupa(['hub', 'city', 'status'])).out).toBe('City figures: not sent anywhere (hub city set URL SITE); 1 waiting (and 1 of days not yet begun, sent when they begin)\n');
  });

  it('a booking further ahead than the site policy allows is refused, saying the limit', async () => {
    const run = await tupa(['bookings', 'add', '--pc', 'pc-1', '--start', '2029-03-01T10:00', '--end', '2029-03-01T11:00']);
    expect(run).toMatchObject({ code: 1, out: '' });
    expect(run.err).toBe("tupa: bookings can start at most 60 days ahead, on 2026-04-30 at the latest (the site policy's bookings.maxDaysAhead)\n");
    withStore((s) => expect(s.liveBookings(NOW)).toEqual([]));
  });

  it('an unknown hub command is a usage error (exit 2)', async () => {
    const run = await tupa(['hub', 'nonsense']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('unknown command "hub nonsense"');
  });
});
