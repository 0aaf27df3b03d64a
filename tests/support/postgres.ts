/**
 * A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries
 * (/usr/lib/postgresql/<version>/bin), initdb into a temporary folder, the
 * server started as a child of this process on a free port on 127.0.0.1
 * with its unix socket in that folder, stopped and removed afterwards. As
 * root the server runs as the `postgres` user (PostgreSQL refuses to run
 * as root): initdb and the server are spawned with that user's uid and gid,
 * as `runuser -u postgres --` would, and the folder is chowned to it.
 * (A child of this process rather than one pg_ctl daemonizes: it is reaped
 * when it stops, and cannot outlive a test run unnoticed.)
 *
 * Where the binaries are missing, `POSTGRES_MISSING` says why, and the
 * PostgreSQL variants of the tests are reported skipped with that reason.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const ROOT_DIR = '/usr/lib/postgresql';

interface Found {
  bin: string;
  /** As root: the uid and gid of `postgres`, which initdb and the server run as. */
  owner: { uid: number; gid: number } | undefined;
}

function find(): Found | string {
  if (process.env.TUPA_TEST_POSTGRES === 'off') return 'turned off by TUPA_TEST_POSTGRES=off';
  if (process.platform !== 'linux') return "the PostgreSQL tests use Debian's packages (Linux only)";
  const versions = existsSync(ROOT_DIR) ? readdirSync(ROOT_DIR).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((v) => existsSync(join(ROOT_DIR, v, 'bin', 'initdb')) && existsSync(join(ROOT_DIR, v, 'bin', 'postgres')));
  if (!version) return `PostgreSQL is not installed (no ${ROOT_DIR}/*/bin/initdb): apt-get install postgresql`;
  const bin = join(ROOT_DIR, version, 'bin');
  if (process.getuid?.() !== 0) return { bin, owner: undefined };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { bin, owner: { uid, gid } };
  } catch {
    return 'running as root, and there is no "postgres" user to run PostgreSQL as';
  }
}

const found = find();

/** Why the PostgreSQL tests cannot run here; undefined when they can. */
export const POSTGRES_MISSING: string | undefined = typeof found === 'string' ? found : undefined;

export interface TestPostgres {
  port: number;
  /** postgres://tupa:…@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** A fresh, empty database; its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a PostgreSQL server of its own. `durable: false` (the default for
 * tests) turns fsync off; a benchmark keeps it on, to compare fairly with
 * SQLite's synchronous FULL.
 */
export async function startPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  if (typeof found === 'string') throw new Error(found);
  const { bin, owner } = found;
  const dir = mkdtempSync(join(tmpdir(), 'tupa-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'password'), `${password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(join(dir, 'password'), owner.uid, owner.gid);
  }
  const as = { cwd: dir, env: { ...process.env, LC_ALL: 'C' }, ...(owner ?? {}) };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await run(join(bin, 'initdb'), ['-D', data, '-U', 'tupa', '--auth=scram-sha-256', `--pwfile=${join(dir, 'password')}`, '-E', 'UTF8', '--locale=C', '--no-sync'], as);
  } catch (error) {
    remove();
    throw new Error(`initdb failed: ${(error as Error).message}`, { cause: error });
  }
  const durability = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', ...durability], { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 60_000);
      server.stderr!.on('data', (chunk: Buffer) => {
        log = (log + chunk.toString()).slice(-4000);
        if (/ready to accept connections/.test(log)) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!ready) {
      server.kill('SIGKILL');
      await exited;
      // Another process took the port between the check and the start: try another.
      if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
      remove();
      throw new Error(`PostgreSQL did not start:\n${log}`);
    }
    server.stderr!.resume();
    // Should the test process end without stop(): the server goes with it.
    const onExit = () => server.kill('SIGQUIT');
    process.once('exit', onExit);
    const url = (database = 'postgres') => `postgres://tupa:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
    let seq = 0;
    let stopped = false;
    return {
      port,
      url,
      async createDatabase(name = `t${process.pid}_${++seq}_${randomBytes(3).toString('hex')}`) {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name}"`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', onExit);
        // Fast shutdown: open connections are ended, nothing is kept anyway.
        server.kill('SIGINT');
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        remove();
      },
    };
  }
}
