import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock';
import { NodeScheduler } from '../core/node-scheduler';
import { TestTime } from '../core/test-time';
import { formatSiteDateTime } from '../core/site-time';
import { ConfigError, loadConfig, parseConfig } from '../config/load';
import { databaseFile } from '../config/paths';
import { createFileLogger, describeError } from '../log/logger';
import { createKioskCore } from '../kiosk/compose';
import { announceRestarts } from './fleet';
import { KioskStore } from '../store/kiosk-store';
import { loadOrCreateCodeKey } from '../store/code-key';
import { remoteHelpDemo, withTurnServer } from './remote-demo';
import { demoConfig, seedDemoBookings, seedDemoBookingsAtHub, seedDemoHistory, type DemoBooking } from './demo';
import { createCityReceiver, type CityReceiver } from '../city/receiver';
import { addSite, newSiteToken, setCoordinator } from '../city/accounts';
import { writeCityTarget } from '../sync/city-sync';
import { attachHub } from '../kiosk/hub-attachment';
import { startDemoSource } from './demo-source';
import { seedDemoRelease } from './demo-updates';
import { setMaintenancePin } from '../kiosk/maintenance';
import { randomBytes } from 'node:crypto';
import { startPreviewServer } from './server';
import { startSecondPc, type SecondPc } from './second-pc';
import { stopSignal } from '../cli/stop-signal';
import { PRINT_OPTIONS, PRINT_USAGE, previewShell, withPrinter } from './printing';

const USAGE = `npm run preview -- [options]

Starts the real kiosk core in Node with a demo PC and demo bookings and
serves the kiosk UI to a browser over the WebSocket transport.

  --port N          port to listen on (default 4780; 0 picks a free one)
  --host ADDR       loopback address to listen on (default 127.0.0.1)
  --data-dir DIR    keep the demo's database here (default: a new temporary folder)
  --config FILE     use this PC configuration instead of the demo one
  --no-demo         do not add demo bookings
  --test-locales    offer the two test locales (en-XA long strings, ar-XB right-to-left)
  --hub-port N      port of the demo site hub and its advisor console (default 4781; 0 picks a free one)
  --no-hub          a PC on its own, without a site hub (no help calls, no advisor console)
  --pc N            which demo PC this is (1 to 9, default 1): a second preview with --pc 2 is a
                    second room PC, to pair with the first one's hub (see README.md)
  --pc2-port N      port of the second demo PC's kiosk (default 4782; 0 picks a free one)
  --no-pc2          no second demo PC (it shares the first one's hub; not with --no-hub, --config or --pc)
  --city-port N     port of the demo city receiver and the coordinator's dashboard (default 4790; 0 picks a free one)
  --no-city         no city receiver (the site's figures are counted but not sent)
  --webhook URL     also tell this address of every help call (a JSON POST), e.g. a local ntfy
  --demo-source     a small demo Varaamo/Respa API beside the hub, with two reservations for this PC,
                    imported as a booking source (see docs/booking-sources.md)
${PRINT_USAGE}
  --remote-help     with --test-mode: offer remote help (the demo always does without --test-mode)
  --turn URL        send remote help's media through this TURN server (turn:HOST:PORT; its secret in TUPA_TURN_SECRET)
  --test-mode       allow tests to control time and play web-view signals (/__test routes)
  --help            show this text`;

const DEMO_PIN = '123456';
/** How long stopping may take before the preview exits without waiting. */
const STOP_LIMIT_MS = 10_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4780' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'no-demo': { type: 'boolean', default: false },
      'test-locales': { type: 'boolean', default: false },
      'test-mode': { type: 'boolean', default: false },
      'hub-port': { type: 'string', default: '4781' },
      'no-hub': { type: 'boolean', default: false },
      'demo-source': { type: 'boolean', default: false },
      'city-port': { type: 'string', default: '4790' },
      'no-city': { type: 'boolean', default: false },
      pc: { type: 'string', default: '1' },
      'pc2-port': { type: 'string', default: '4782' },
      'no-pc2': { type: 'boolean', default: false },
      webhook: { type: 'string', multiple: true },
      turn: { type: 'string' },
      'remote-help': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      ...PRINT_OPTIONS,
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // Listening for the stop signal before anything is ready (see stop-signal.ts).
  const stopped = stopSignal();
  const host = values.host;
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) {
    console.error(`preview: --host must be a loopback address (127.0.0.1, ::1 or localhost), not ${host}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`preview: --port must be a whole number from 0 to 65535, not ${values.port}`);
    return 2;
  }
  const pcNumber = Number(values.pc);
  if (!Number.isInteger(pcNumber) || pcNumber < 1 || pcNumber > 9) {
    console.error(`preview: --pc must be a number from 1 to 9, not ${values.pc}`);
    return 2;
  }
  const testMode = values['test-mode'];
  const dataDir = resolve(values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'tupa-preview-')));
  // A folder the preview made for itself goes when it stops (it holds the demo site's keys); one IT gave is kept.
  if (values['data-dir'] === undefined) temporaryDataDir = dataDir;
  let config;
  if (values.config) {
    config = loadConfig({ file: values.config }).config;
  } else {
    // The demo PC's configuration goes into the data folder, where the command line finds it.
    // Remote help is on duty around the clock in the demo; under --test-mode only with --remote-help, so
    // the other browser tests keep "Ask for help" calling the advisor at once.
    const base = demoConfig({ testLocales: values['test-locales'] || testMode, webhooks: values.webhook ?? [], pc: pcNumber });
    const demo = testMode && !values['remote-help'] ? base : remoteHelpDemo(base);
    config = parseConfig(demo, 'demo configuration');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dataDir, 'kiosk.json'), `${JSON.stringify(demo, null, 2)}\n`);
  }
  if (testMode) {
    // Test time jumps (minutes at once) fire every timer they pass, so the PC sends in bursts no real
    // PC makes; the flood limit would drop its usage batches. Flood limits have tests of their own.
    config = { ...config, hub: { ...config.hub, limits: { ...config.hub.limits, pcMessagesPerSecond: 10_000, pcMessageBurst: 100_000 } } };
  }
  try {
    config = withPrinter(config, values.printer, values['release-over']);
    config = withTurnServer(config, values.turn);
  } catch (error) {
    console.error(`preview: ${(error as Error).message}`);
    return 2;
  }
  const testTime = testMode ? new TestTime('realtime', systemClock.now()) : undefined;
  const clock = testTime ?? systemClock;
  const scheduler = testTime ?? new NodeScheduler(clock);
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), clock, maxBytes: config.logs.maxBytes, keep: config.logs.keep });
  const here = dirname(fileURLToPath(import.meta.url));
  const rendererDir = resolve(here, '../renderer');
  const hubPort = Number(values['hub-port']);
  const hub = values['no-hub']
    ? undefined
    : await attachHub({
        config,
        dataDir,
        clock,
        scheduler,
        logger,
        release: 'preview',
        rendererDir,
        listen: { host, port: Number.isInteger(hubPort) ? hubPort : 4781 },
      });
  const codeKey = loadOrCreateCodeKey(dataDir);
  const advisorPassword = `demo-${randomBytes(6).toString('base64url')}`;
  if (hub?.embeddedHub) {
    // The demo advisor is an administrator, so every part of the console can be tried.
    await hub.embeddedHub.services.addAdvisor('neuvoja', advisorPassword, true);
    if (!existsSync(join(dataDir, 'maintenance-pin'))) await setMaintenancePin(dataDir, DEMO_PIN);
  }

  // The city's receiver, as a region would run it, with this site registered and the hub sending to it.
  let city: { receiver: CityReceiver; password: string } | undefined;
  if (hub?.embeddedHub && !values['no-city']) {
    const cityPort = Number(values['city-port']);
    const receiver = await createCityReceiver({
      dataDir: join(dataDir, 'city'),
      listen: { host, port: Number.isInteger(cityPort) ? cityPort : 4790 },
      clock,
      logger,
      rendererDir,
    });
    const siteId = 'demo-site';
    const now = clock.now();
    const known = (await receiver.store.sites()).some((s) => s.id === siteId);
    const token = known ? await newSiteToken(receiver.store, siteId, 'preview', now) : await addSite(receiver.store, siteId, hub.embeddedHub.store.site()!.name, 'preview', now);
    const password = `demo-${randomBytes(6).toString('base64url')}`;
    await setCoordinator(receiver.store, 'koordinaattori', password, 'preview', now);
    writeCityTarget(hub.embeddedHub.store.db, { url: `https://127.0.0.1:${receiver.port}`, siteId, token, caPem: receiver.caPem });
    hub.embeddedHub.city.now();
    city = { receiver, password };
  }

  let demo: DemoBooking[] = [];
  if (!values['no-demo']) {
    if (hub?.embeddedHub) {
      seedDemoHistory(hub.embeddedHub, config.pc.id, clock.now(), config.timeZone);
      demo = seedDemoBookingsAtHub(hub.embeddedHub, config.pc.id, clock.now(), config.timeZone);
      await seedDemoRelease(hub.embeddedHub, clock.now());
    } else {
      const seedStore = new KioskStore(databaseFile(dataDir), config.pc.id);
      const hasBookings = seedStore.bookings.live(config.pc.id, clock.now()).length > 0;
      if (!hasBookings) demo = seedDemoBookings(seedStore, config.pc.id, codeKey, clock.now(), config.timeZone);
      seedStore.close();
    }
  }

  // A demo Varaamo/Respa API beside the hub, imported as a booking source (issue 12).
  const demoSource = values['demo-source'] && hub?.embeddedHub ? await startDemoSource(hub.embeddedHub, config.pc.id, clock.now(), testMode) : undefined;

  const shell = previewShell(dataDir, values['demo-pdf']);
  announceRestarts(shell, 'kiosk 1', logger);
  const core = await createKioskCore({
    config,
    dataDir,
    clock,
    scheduler,
    shell,
    logger,
    // The WebSocket transport admits loopback pages of this server only.
    isAllowedSender: (sender) => sender.transport === 'ws',
    hub,
  });
  const { app, url } = await startPreviewServer({
    core,
    shell,
    hub: hub?.embeddedHub,
    rendererDir,
    host,
    port,
    codeKey,
    testTime,
  });

  // The second demo PC, paired with this preview's hub (booking across PCs, the queue).
  let second: SecondPc | undefined;
  if (hub?.embeddedHub && !values['no-pc2'] && !values.config && pcNumber === 1) {
    const pc2Port = Number(values['pc2-port']);
    second = await startSecondPc({
      hub: hub.embeddedHub,
      dataDir,
      host,
      port: Number.isInteger(pc2Port) ? pc2Port : 4782,
      clock,
      scheduler,
      testTime,
      logger,
      rendererDir,
      first: config,
    });
  }

  const zone = config.timeZone;
  const hhmm = (at: number) => formatSiteDateTime(at, zone).slice(11, 16);
  console.log('Tupa browser preview: the real kiosk core with a demo PC (not for production use).');
  console.log(`kiosk: ${url}`);
  if (second) console.log(`kiosk 2: ${second.url}  (${second.pcId}, a second PC of the same site, free for walk-ins)`);
  if (demo.length) {
    console.log('demo codes:');
    for (const d of demo) console.log(`  ${d.code}  ${formatSiteDateTime(d.startsAt, zone).slice(0, 10)} ${hhmm(d.startsAt)}–${hhmm(d.endsAt)}  (${d.note})`);
  }
  if (hub?.embeddedHub) {
    const site = hub.embeddedHub;
    console.log(`advisor: https://${host === '::1' ? '[::1]' : host}:${site.port}/advisor/`);
    console.log(`advisor sign-in: neuvoja / ${advisorPassword}`);
    console.log(`status board: https://${host === '::1' ? '[::1]' : host}:${site.port}/board/ (the lobby screen: no sign-in)`);
    console.log(`site CA fingerprint: ${site.caFingerprint}`);
    console.log('  (the browser warns about the site certificate: compare this fingerprint, then accept it,');
    console.log('   or trust the site CA as docs/site-hub.md explains)');
    console.log(`maintenance PIN: ${DEMO_PIN} (press Ctrl+Alt+M on the kiosk, or hold the PC's name for 3 seconds)`);
  }
  if (city) {
    console.log(`city: https://${host === '::1' ? '[::1]' : host}:${city.receiver.port}/`);
    console.log(`city sign-in: koordinaattori / ${city.password}`);
    console.log(`  (the site sends its figures a few seconds after each session; the city's certificate is self-signed too: CA fingerprint ${city.receiver.caFingerprint})`);
  }
  console.log(`data: ${dataDir}${temporaryDataDir ? ' (removed when the preview stops)' : ''}`);
  console.log(
    `add a booking: npm run tupa -- --data-dir ${dataDir} bookings add --pc ${config.pc.id} --start ${formatSiteDateTime(clock.now() + 10 * 60_000, zone).slice(0, 16)} --end ${formatSiteDateTime(clock.now() + 40 * 60_000, zone).slice(0, 16)}`,
  );
  if (demoSource) console.log(`demo booking source: ${demoSource.fake.base} (Respa); codes ${demoSource.codes.join(', ')} (tupa hub source list shows its health)`);
  if (testMode) console.log('test mode: /__test routes are enabled');
  console.log('Press Ctrl+C to stop.');

  await stopped;
  // Stopping is quick; if a part ever hangs (a CI run once waited a minute for one), say which and exit anyway.
  let stopping = 'the preview server';
  const watchdog = setTimeout(() => {
    console.error(`preview: stopping ${stopping} took over ${STOP_LIMIT_MS / 1000} s; exiting without waiting`);
    removeTemporaryDataDir();
    process.exit(1);
  }, STOP_LIMIT_MS);
  watchdog.unref();
  await app.close();
  stopping = 'the second demo PC';
  await second?.stop();
  stopping = 'the kiosk core';
  core.close();
  stopping = 'the site hub';
  await hub?.stop();
  await demoSource?.fake.close();
  stopping = 'the city receiver';
  await city?.receiver.stop();
  testTime?.dispose();
  clearTimeout(watchdog);
  return 0;
}

/** The data folder the preview made for itself (none when --data-dir named one). */
let temporaryDataDir: string | undefined;

function removeTemporaryDataDir(): void {
  if (!temporaryDataDir) return;
  try {
    rmSync(temporaryDataDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`preview: could not remove ${temporaryDataDir}: ${describeError(error)}`);
  }
}

main().then(
  (code) => {
    removeTemporaryDataDir();
    process.exit(code);
  },
  (error) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(`preview: ${describeError(error)}`);
    removeTemporaryDataDir();
    process.exit(1);
  },
);
