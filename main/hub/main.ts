import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { NodeScheduler } from '../core/node-scheduler';
import { ConfigError, loadConfig } from '../config/load';
import { resolveDataDir } from '../config/paths';
import { createFileLogger, describeError } from '../log/logger';
import { startHeadlessHub } from './headless';
import { stopSignal } from '../cli/stop-signal';

// `npm run hub` / `node out/main/hub.js`: the site hub on its own machine.

const USAGE = `Tupa site hub (headless)

usage: node out/main/hub.js [--config FILE] [--data-dir DIR]

  --config FILE    the site's configuration (same format as a kiosk's; default: TUPA_CONFIG,
                   else kiosk.json in the data folder, else /etc/tupa/kiosk.json, else the defaults)
  --data-dir DIR   where the hub keeps its database and logs (default: TUPA_DATA_DIR, else the
                   config's dataDir, else the OS default); the database is DIR/hub/hub.sqlite

Stops cleanly on SIGTERM or Ctrl+C.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Listening for the stop signal before anything is ready (see stop-signal.ts).
  const stopped = stopSignal();
  const { config } = loadConfig({ file: values.config, dataDir: values['data-dir'] });
  const dataDir = resolveDataDir({ flag: values['data-dir'], config: config.dataDir });
  const clock = systemClock;
  const logger = createFileLogger({ dir: resolve(dataDir, 'logs'), clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  const { hub, summary } = await startHeadlessHub({ config, dataDir, clock, scheduler: new NodeScheduler(clock), logger, rendererDir });
  for (const line of summary) console.log(line);
  await stopped;
  console.log('stopping the hub');
  await hub.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `hub: ${describeError(error)}`);
    process.exit(1);
  },
);
