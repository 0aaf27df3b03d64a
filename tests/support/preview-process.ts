import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DemoCode {
  code: string;
  line: string;
}

export interface PreviewProcess {
  url: string;
  origin: string;
  dataDir: string;
  codes: DemoCode[];
  output: () => string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Starts the real preview (the built kiosk core and UI) as its own process
 * on a free loopback port, and waits for the line that gives its URL.
 */
export async function startPreview(options: { dataDir?: string; demo?: boolean; testMode?: boolean; args?: string[] } = {}): Promise<PreviewProcess> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tupa-test-'));
  const args = [join(ROOT, 'out/main/preview.js'), '--port', '0', '--hub-port', '0', '--city-port', '0', '--data-dir', dataDir];
  if (options.testMode !== false) args.push('--test-mode');
  if (options.demo === false) args.push('--no-demo');
  args.push(...(options.args ?? []));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the preview did not start in 20 s:\n${out}`)), 20_000);
    const onData = () => {
      const match = /^kiosk: (\S+)$/m.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview exited (${code}) before it was ready:\n${out}`));
    });
  });
  await new Promise((r) => setTimeout(r, 50));
  const codes = [...out.matchAll(/^ {2}(\d{6}) {2}(.*)$/gm)].map((m) => ({ code: m[1]!, line: m[2]! }));
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    codes,
    output: () => out,
    child,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolveStop) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          if (ownDir) rmSync(dataDir, { recursive: true, force: true });
          return resolveStop(child.exitCode);
        }
        child.once('exit', (code) => {
          if (ownDir) rmSync(dataDir, { recursive: true, force: true });
          resolveStop(code);
        });
        child.kill(signal);
      }),
  };
}
