import { existsSync } from 'node:fs';

/** Debian's Chromium (Playwright's own download cannot work on the project's machines). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumAvailable = existsSync(CHROMIUM_PATH);

/** Flags for running as root in a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
];
