import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface EntryProcess {
  child: ChildProcess;
  /** The line that said it was ready, matched. */
  ready: RegExpExecArray;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Sends the signal (SIGTERM by default) and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts one of the app's entries (`node out/main/….js …`) as its own
 * process and waits until its output matches `ready`; fails with what it
 * printed if it exits first or takes longer than `timeoutMs` (then it is
 * killed).
 */
export async function startEntry(options: { args: string[]; ready: RegExp; what: string; timeoutMs?: number }): Promise<EntryProcess> {
  const child = spawn(process.execPath, options.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const timeoutMs = options.timeoutMs ?? 20_000;
  const ready = await new Promise<RegExpExecArray>((done, fail) => {
    const timer = setTimeout(() => {
      // Not left running behind the test that gave up on it.
      child.kill('SIGKILL');
      fail(new Error(`${options.what} did not start in ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    child.stdout!.on('data', () => {
      const match = options.ready.exec(out);
      if (!match) return;
      clearTimeout(timer);
      done(match);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${options.what} exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
  return {
    child,
    ready,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
        child.once('exit', (code) => done(code));
        child.kill(signal);
      }),
  };
}
