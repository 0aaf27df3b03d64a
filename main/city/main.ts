import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { ConfigError } from '../config/load';
import { createFileLogger, describeError } from '../log/logger';
import { readSecret } from '../cli/secret';
import { CITY_USAGE, runCityCommand } from './cli';
import { loadCityConfig } from './config';
import { createCityReceiver, describeStorage } from './receiver';
import { stopSignal } from '../cli/stop-signal';

// `npm run city` / `node out/main/city.js`: the city's usage receiver and
// its dashboard; with a command (`site add …`), IT's upkeep of it.

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    console.error(`city: ${(error as Error).message}\n\n${CITY_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(CITY_USAGE);
    return 0;
  }
  const { config, source, dataDir } = loadCityConfig({ file: values.config, dataDir: values['data-dir'] });
  if (positionals.length) {
    return runCityCommand(positionals, {
      config,
      dataDir,
      io: { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), secret: (prompt) => readSecret(prompt) },
    });
  }
  // Listening for the stop signal before anything is ready (see stop-signal.ts).
  const stopped = stopSignal();
  const clock = systemClock;
  const logger = createFileLogger({ dir: resolve(dataDir, 'logs'), file: 'city.log', clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer');
  let receiver;
  try {
    receiver = await createCityReceiver({ ...config, dataDir, clock, logger, rendererDir });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const { host, port } = config.listen;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} on ${host} is already in use (another receiver?): set listen.port in the configuration`, { cause: error });
    if (code === 'EACCES') throw new Error(`not allowed to listen on port ${port}: use a port above 1023 (listen.port)`, { cause: error });
    throw error;
  }
  const sites = await receiver.store.sites();
  const coordinators = (await receiver.store.coordinators()).filter((c) => !c.disabled);
  const command = `node out/main/city.js --data-dir ${dataDir}`;
  for (const line of [
    'Tupa city receiver',
    `configuration: ${source}`,
    `listening on ${config.listen.host}:${receiver.port} (dashboard: https://${config.listen.host === '0.0.0.0' ? '<this machine>' : config.listen.host}:${receiver.port}/)`,
    `figures from hubs: POST /api/v1/figures`,
    `storage: ${describeStorage(config, dataDir)}`,
    receiver.caFingerprint ? `CA fingerprint (hubs pin ${dataDir}/tls/ca.pem): ${receiver.caFingerprint}` : 'certificate: the configured one',
    sites.length ? `sites: ${sites.length}` : `no sites yet: add one with  ${command} site add ID "NAME"`,
    coordinators.length ? `coordinators: ${coordinators.map((c) => c.name).join(', ')}` : `no coordinators yet: add one with  ${command} coordinator set NAME`,
  ]) {
    console.log(line);
  }
  await stopped;
  console.log('stopping the city receiver');
  await receiver.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : `city: ${describeError(error)}`);
    process.exit(1);
  },
);
