import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startEntry } from './entry-process';

export interface DemoCode {
  code: string;
  line: string;
}

export interface PreviewProcess {
  url: string;
  /** The second demo PC's kiosk (only when started with `secondPc: true`). */
  url2?: string | undefined;
  origin: string;
  dataDir: string;
  codes: DemoCode[];
  output: () => string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real preview (the built kiosk core and UI) as its own process
 * on a free loopback port, and waits for the line that gives its URL.
 */
export async function startPreview(
  options: {
    dataDir?: string;
    demo?: boolean;
    testMode?: boolean;
    /** Also the second demo PC (off by default: most tests want a site of one PC). */
    secondPc?: boolean;
    args?: string[];
    timeoutMs?: number;
    /** The build to run (default: out/). */
    outDir?: string;
  } = {},
): Promise<PreviewProcess> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tupa-test-'));
  const args = [join(options.outDir ?? join(ROOT, 'out'), 'main/preview.js'), '--port', '0', '--hub-port', '0', '--city-port', '0', '--data-dir', dataDir];
  args.push(...(options.secondPc ? ['--pc2-port', '0'] : ['--no-pc2']));
  if (options.testMode !== false) args.push('--test-mode');
  if (options.demo === false) args.push('--no-demo');
  args.push(...(options.args ?? []));
  const entry = await startEntry({ args, ready: /^kiosk: (\S+)$/m, what: 'the preview', timeoutMs: options.timeoutMs });
  const url = entry.ready[1]!;
  await new Promise((r) => setTimeout(r, 50));
  const out = entry.output();
  const url2 = /^kiosk 2: (\S+)/m.exec(out)?.[1];
  const codes = [...out.matchAll(/^ {2}(\d{6}) {2}(.*)$/gm)].map((m) => ({ code: m[1]!, line: m[2]! }));
  return {
    url,
    url2,
    origin: new URL(url).origin,
    dataDir,
    codes,
    output: entry.output,
    child: entry.child,
    stop: async (signal) => {
      const code = await entry.stop(signal);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
