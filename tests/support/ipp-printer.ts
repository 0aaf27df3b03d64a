import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';

/**
 * A real IPP printer on loopback: Debian's ippeveprinter (cups-ipp-utils),
 * which keeps every job it receives in a spool folder (-k). CUPS 2.4's
 * ippeveprinter needs Avahi on a system D-Bus, so both are started first if
 * they are not running (and left running: other tests may use them).
 * The printer itself is stopped by its own pid.
 */
const PROGRAMS = ['/usr/sbin/ippeveprinter', '/usr/bin/dbus-daemon', '/usr/sbin/avahi-daemon'];

/** Why the printer tests cannot run here, or undefined when they can. */
export function ippPrinterMissing(): string | undefined {
  const missing = PROGRAMS.filter((p) => !existsSync(p));
  return missing.length ? `needs ${missing.join(', ')} (apt-get install cups-ipp-utils avahi-daemon dbus)` : undefined;
}

export interface TestPrinter {
  uri: string;
  port: number;
  spool: string;
  /** The PDF files the printer received, oldest first. */
  received(): string[];
  /** Page counts of the received PDFs, oldest first. */
  receivedPages(): Promise<number[]>;
  /** Stops the printer (its jobs stay in the spool until `remove`). */
  stop(): Promise<void>;
  /** Starts it again on the same port and spool. */
  start(): Promise<void>;
  remove(): Promise<void>;
}

function running(name: string): boolean {
  return spawnSync('pgrep', ['-x', name]).status === 0;
}

/** True when a system D-Bus answers (a socket file alone proves nothing: one left by a dead daemon stays behind). */
function systemBusAnswers(): boolean {
  const probe = ['--system', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetId'];
  return spawnSync('dbus-send', probe, { stdio: 'ignore', timeout: 5_000 }).status === 0;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits up to `ms` for `check` to hold; true if it did. */
function waitSync(check: () => boolean, ms: number): boolean {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return false;
    sleepSync(100);
  }
  return true;
}

/**
 * Starts a system D-Bus and Avahi unless they already answer. A fresh
 * machine (or one whose daemons died with the last session) may hold a
 * stale /run/dbus/system_bus_socket and pid file, which would make
 * dbus-daemon refuse to start; both are removed first.
 */
function ensureAvahi(): void {
  // Test files in parallel workers may all get here at once: one at a time.
  const lock = join(tmpdir(), 'tupa-avahi.lock');
  const take = () => {
    try {
      mkdirSync(lock);
      return true;
    } catch {
      return false;
    }
  };
  if (!waitSync(take, 30_000)) {
    rmSync(lock, { recursive: true, force: true }); // left by a killed run
    mkdirSync(lock, { recursive: true });
  }
  try {
    startDaemons();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function startDaemons(): void {
  if (!systemBusAnswers()) {
    mkdirSync('/run/dbus', { recursive: true });
    if (!running('dbus-daemon')) {
      rmSync('/run/dbus/system_bus_socket', { force: true });
      rmSync('/run/dbus/pid', { force: true });
    }
    spawnSync('dbus-daemon', ['--system', '--fork'], { stdio: 'ignore' });
    if (!waitSync(systemBusAnswers, 10_000)) throw new Error('the system D-Bus did not start (dbus-daemon --system)');
    // An Avahi that lost its bus is of no use; it is started again below.
    if (running('avahi-daemon')) spawnSync('avahi-daemon', ['--kill'], { stdio: 'ignore' });
  }
  const avahiUp = () => spawnSync('avahi-daemon', ['--check'], { stdio: 'ignore' }).status === 0;
  if (!avahiUp()) {
    spawnSync('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot'], { stdio: 'ignore' });
    if (!waitSync(avahiUp, 10_000)) throw new Error('avahi-daemon did not start (ippeveprinter needs it for DNS-SD)');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, said: () => string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`ippeveprinter exited with ${child.exitCode}: ${said().trim() || 'it said nothing'}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ippeveprinter did not answer on port ${port}`);
}

export async function startTestPrinter(name = 'Tupa test', options: { speedPpm?: number } = {}): Promise<TestPrinter> {
  ensureAvahi();
  const port = await freePort();
  const spool = mkdtempSync(join(tmpdir(), 'tupa-ipp-'));
  let child: ChildProcess | undefined;
  let run = 0;
  const start = async () => {
    // Each run its own folder: a restarted ippeveprinter numbers its jobs from 1 again and would overwrite.
    const dir = join(spool, `run-${++run}`);
    mkdirSync(dir);
    child = spawn('ippeveprinter', ['-n', 'localhost', '-p', String(port), '-d', dir, '-k', '-f', 'application/pdf', '-s', String(options.speedPpm ?? 6000), `${name} ${port}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (said.length < 2_000) said += chunk.toString();
    });
    await waitForPort(port, child, () => said);
  };
  const stop = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.pid === undefined) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      process.kill(c.pid!, 'SIGTERM');
    });
  };
  await start();
  const received = () =>
    Array.from({ length: run }, (_, i) => join(spool, `run-${i + 1}`)).flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.pdf'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((f) => join(dir, f)),
    );
  return {
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    port,
    spool,
    received,
    async receivedPages() {
      const counts: number[] = [];
      for (const file of received()) counts.push((await PDFDocument.load(readFileSync(file))).getPageCount());
      return counts;
    },
    stop,
    start,
    async remove() {
      await stop();
      rmSync(spool, { recursive: true, force: true });
    },
  };
}
