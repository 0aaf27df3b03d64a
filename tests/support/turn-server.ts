import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's coturn (`.ci/run` installs it). */
export const TURNSERVER_PATH = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';

/** Why a relay test cannot run here, or undefined when it can. */
export function turnUnavailable(): string | undefined {
  return existsSync(TURNSERVER_PATH) ? undefined : `coturn's turnserver is not installed at ${TURNSERVER_PATH} (apt-get install coturn)`;
}

export interface TurnServer {
  /** turn:<address>:<port>?transport=udp */
  url: string;
  secret: string;
  /** How many allocations the server logged (a relay that really relayed made at least one). */
  allocations(): number;
  /** The TURN usernames that allocated (coturn's shared-secret scheme: `<expiry unix seconds>:<who>`). */
  users(): string[];
  /**
   * What the server relayed between an allocation and its peers, as coturn
   * logs it when the allocation is closed ("peer usage": packets and bytes
   * received from and sent to the peer), by username.
   */
  peerUsage(): Array<{ username: string; rp: number; rb: number; sp: number; sb: number }>;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A real coturn on a loopback address with the shared-secret scheme the hub
 * hands out credentials for (--use-auth-secret), as REAL-PARTS.md starts it.
 * Relaying to and from loopback peers is allowed: coturn refuses them by
 * default (CREATE_PERMISSION "403 Forbidden IP"), and with it Chromium relays
 * through 127.0.0.1 as through any address, so no network namespace, dummy
 * interface or root is needed. Its database and pid file are in a folder of
 * its own (not /var/lib/turn), removed on stop.
 */
export async function startTurnServer(address = '127.0.0.1'): Promise<TurnServer> {
  const port = await freePort(address);
  const dir = mkdtempSync(join(tmpdir(), 'tupa-turn-'));
  const secret = randomBytes(24).toString('hex');
  const min = 49152 + Math.floor(Math.random() * 10_000);
  const child: ChildProcess = spawn(
    TURNSERVER_PATH,
    [
      '-n',
      `--listening-ip=${address}`,
      `--relay-ip=${address}`,
      `--listening-port=${port}`,
      `--min-port=${min}`,
      `--max-port=${min + 200}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=tupa.test',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      `--userdb=${join(dir, 'turndb')}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--verbose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 10_000;
  while (!/listener opened on|Total General servers/i.test(text)) {
    if (child.exitCode !== null || Date.now() > until) {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(child.exitCode !== null ? `turnserver exited at once:\n${text}` : `turnserver did not start within 10 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `turn:${address}:${port}?transport=udp`,
    secret,
    allocations: () => (text.match(/ALLOCATE processed, success/g) ?? []).length,
    users: () => [...new Set([...text.matchAll(/user <([^>]+)>: incoming packet ALLOCATE processed, success/g)].map((m) => m[1]!))],
    peerUsage: () =>
      [...text.matchAll(/peer usage: realm=<[^>]*>, username=<([^>]*)>, rp=(\d+), rb=(\d+), sp=(\d+), sb=(\d+)/g)].map((m) => ({
        username: m[1]!,
        rp: Number(m[2]),
        rb: Number(m[3]),
        sp: Number(m[4]),
        sb: Number(m[5]),
      })),
    output: () => text,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
