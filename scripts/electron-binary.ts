import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
