import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Where an Electron binary is, without requiring the `electron` package
 * (which would try to download one): ELECTRON_OVERRIDE_DIST_PATH, or a
 * binary the package already fetched.
 */
export function findElectron(): { path: string } | { missing: string } {
  const name = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, name);
    return existsSync(path) ? { path } : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set but ${path} does not exist` };
  }
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (existsSync(pathFile)) {
    const path = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(path)) return { path };
  }
  return {
    missing:
      'no Electron binary on this machine (the electron package downloads it on first use from a host this machine cannot reach); set ELECTRON_OVERRIDE_DIST_PATH to a folder holding one',
  };
}

/**
 * Runs the electron package's own installer (it downloads the binary) with
 * its output kept out of the terminal: on a machine that cannot reach the
 * download host it prints a raw "TypeError: fetch failed" and a stack,
 * which says nothing to whoever typed `npm start`. The output goes to
 * `logFile` for IT; the caller says in plain words what happened.
 */
export function fetchElectron(options: { installer?: string; logFile: string; timeoutMs?: number }): { path: string } | { missing: string; log: string } {
  const installer = options.installer ?? join(ROOT, 'node_modules/electron/install.js');
  const run = spawnSync(process.execPath, [installer], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 300_000 });
  const found = findElectron();
  if ('path' in found) return found;
  mkdirSync(dirname(options.logFile), { recursive: true });
  writeFileSync(options.logFile, `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `${run.error.message}\n` : ''}`);
  return { missing: 'the download of the Electron binary failed (this machine cannot reach its host, or the download was refused)', log: options.logFile };
}
