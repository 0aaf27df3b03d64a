import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('npm start on a machine that cannot download Electron', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tupa-electron-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('shows no raw "fetch failed" on the terminal: the installer\'s output goes to a log for IT', () => {
    // The electron package's installer, as it fails without the download host.
    const installer = join(dir, 'install.js');
    writeFileSync(installer, 'console.error("TypeError: fetch failed\\n    at node:internal/deps/undici"); process.exit(1);\n');
    const log = join(dir, 'logs', 'electron-install.log');
    const script = `
      import { fetchElectron } from ${JSON.stringify(join(ROOT, 'scripts/electron-binary.ts'))};
      const found = fetchElectron({ installer: ${JSON.stringify(installer)}, logFile: ${JSON.stringify(log)} });
      console.log(JSON.stringify(found));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      // An empty override folder: no binary is found, before or after the installer ran.
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('fetch failed');
    const found = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { missing?: string; log?: string };
    expect(found.missing).toMatch(/download of the Electron binary failed/);
    expect(found.log).toBe(log);
    expect(readFileSync(log, 'utf8')).toContain('TypeError: fetch failed');
  });
});
