import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fetchElectron, findElectron } from './electron-binary';

// npm start: build, then run the kiosk in Electron (the role a room PC runs).
const root = resolve(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let found: ReturnType<typeof findElectron> | ReturnType<typeof fetchElectron> = findElectron();
if ('missing' in found && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Fetching the Electron binary (first run only)…');
  found = fetchElectron({ logFile: resolve(root, 'out/electron-install.log') });
}
if ('missing' in found) {
  console.error(`npm start runs the kiosk in Electron, but ${found.missing}.`);
  if ('log' in found) {
    console.error(`The installer's own output is in ${found.log}.`);
    console.error('ELECTRON_OVERRIDE_DIST_PATH can point at a folder that holds an Electron 45 binary.');
  }
  console.error('To try Tupa without Electron, run "npm run preview" and open the printed kiosk: address in a browser.');
  process.exit(1);
}
const child = spawn(found.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
