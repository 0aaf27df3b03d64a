/**
 * A real city receiver in a process of its own, for the browser tests:
 * `node --import tsx tests/support/city-receiver.ts '<options as JSON>'`.
 * It starts createCityReceiver (main/city/receiver.ts) on a free loopback
 * port with the built dashboard page, adds the coordinator and the sites it
 * is given, prints one line "city-receiver: <JSON>" (its address, its CA
 * and each site's token) and runs until SIGTERM.
 *
 * (A Playwright spec cannot import main/city/ itself: Playwright's loader
 * needs an import attribute on the JSON catalogues main/ imports.)
 */
import { addSite, setCoordinator } from '../../main/city/accounts';
import { createCityReceiver } from '../../main/city/receiver';
import type { CityReceiverRequest, CityReceiverStarted } from './city-process';

const request = JSON.parse(process.argv[2] ?? '{}') as CityReceiverRequest;
const receiver = await createCityReceiver({ listen: { host: '127.0.0.1', port: 0 }, storage: { kind: 'sqlite' }, dataDir: request.dataDir, rendererDir: request.rendererDir });
await setCoordinator(receiver.store, request.coordinator.name, request.coordinator.password, 'test', Date.now());
const tokens: Record<string, string> = {};
for (const site of request.sites) tokens[site.id] = await addSite(receiver.store, site.id, site.name, 'test', Date.now());
const started: CityReceiverStarted = { url: receiver.url, caPem: receiver.caPem ?? '', tokens };
console.log(`city-receiver: ${JSON.stringify(started)}`);

process.once('SIGTERM', () => {
  void receiver.stop().then(() => process.exit(0));
});
