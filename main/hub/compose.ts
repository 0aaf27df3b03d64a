import { join } from 'node:path';
import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { HubNetwork } from '../config/hub';
import type { Logger } from '../log/logger';
import type { HelpCallView, SitePolicy } from '../../preload/hub-contract';
import { HelpDesk } from './help';
import { bookingView } from './bookings';
import { SelfBookingDesk } from './self-booking';
import { alertNotice, PcAlerts } from './alerts';
import { HubStore } from './hub-store';
import { KioskLinks } from './kiosk-links';
import { HubQueue } from './queue';
import { pcMessageLimits } from './link-flood';
import { AdvisorChannels } from './advisor-channels';
import { startHubServer } from './server';
import { createHubServices, type HubServices } from './services';
import { certificateNames, ensureSite } from './site';
import { fingerprint } from './tls';
import { watchForeignWrites } from '../store/watch';
import { noticeSubject, WebhookOutbox, type HelpNotice } from './webhook';
import { writePidFile } from './pid-file';
import { UsageLedger } from './usage-ledger';
import { CitySync } from '../sync/city-sync';
import { BoardFeed, hubBoardSources } from './board-feed';
import { SourceSync } from './sources/sync';
import { sourcesView } from './sources/console';
import { ReleaseStore } from './releases';
import { UpdateDesk } from './updates';
import { HubFleet } from './fleet';
import type { LogSource } from '../log/tail';
import { RemoteDesk } from './remote-help';

export interface HubOptions {
  dataDir: string;
  siteName: string;
  timeZone: string;
  network: HubNetwork;
  /** The policy the site starts with; afterwards the hub's own copy (edited in the console) wins. */
  initialPolicy: SitePolicy;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** The built renderer, to serve the advisor console from. */
  rendererDir?: string | undefined;
  /** Overrides network.listen (tests: 127.0.0.1, port 0). */
  listen?: { host: string; port: number };
  rateLimitPerMinute?: number;
  requestTimeoutMs?: number;
  /** The site's default language (the configuration's locales.default): the status board's first. */
  defaultLocale?: string;
  /** Booking sources sync this often instead of every sources.syncMinutes (benchmarks and tests). */
  sourceSyncMs?: number;
  /** The hub's own log for administrators (the file logger's: fileLogSource); absent: none to show. */
  logs?: LogSource;
}

export interface Hub {
  /** https://localhost:<port> — the address on this machine. */
  url: string;
  port: number;
  caPem: string;
  caFingerprint: string;
  store: HubStore;
  services: HubServices;
  webhooks: WebhookOutbox;
  ledger: UsageLedger;
  city: CitySync;
  /** The lobby status board's live feed (/board/). */
  board: BoardFeed;
  /** "Take a number": its calls() and onCallsChanged() are for the lobby's status board. */
  queue: HubQueue;
  /** Bookings from Varaamo/Respa and ICS sources (issue 12): sync(id) syncs one now. */
  sources: SourceSync;
  /** Updates through the hub (issue 15): releases, their stage, each PC's update. */
  updates: UpdateDesk;
  stop(): Promise<void>;
}

/**
 * The hub's composition root. The same code runs embedded in a kiosk (a
 * one-PC site), inside the advisor's app, or headless on a server.
 */
export async function createHub(options: HubOptions): Promise<Hub> {
  const { clock, scheduler, logger: baseLogger } = options;
  const logger = baseLogger.child({ component: 'hub' });
  const store = new HubStore(join(options.dataDir, 'hub.sqlite'));
  try {
    const { site, created, refused } = await ensureSite(store, {
      name: options.siteName,
      timeZone: options.timeZone,
      names: certificateNames(options.network.hostnames),
      policy: options.initialPolicy,
      now: clock.now(),
    });
    if (created) logger.info('site created', { fingerprint: fingerprint(site.caCert) });
    // A configured name the site CA may not sign for: the certificate goes without it (PCs reaching the hub by it would refuse).
    const outside = refused.filter((name) => options.network.hostnames.map((h) => h.toLowerCase()).includes(name.toLowerCase()));
    if (outside.length) {
      logger.warn('hub.hostnames outside the site CA\'s names are left out of the certificate', { hosts: outside.join(', ') });
    }

    const advisors = new AdvisorChannels();
    const late: { kiosks?: KioskLinks; services?: HubServices; consoleUrl?: string; board?: BoardFeed; queue?: HubQueue; fleet?: HubFleet; remote?: RemoteDesk } = {};
    const webhooks = new WebhookOutbox({ store, webhooks: options.network.webhooks, clock, scheduler, logger, alertState: (id) => alerts.state(id) });

    const notice = (call: HelpCallView): HelpNotice => ({
      event: 'help.requested',
      callId: call.id,
      ...noticeSubject(store, call.pcId, call.requestedAt, late.consoleUrl),
      ...(call.remote ? { remote: true as const } : {}),
    });
    const alerts = new PcAlerts({
      store,
      clock,
      logger,
      listeners: {
        changed: (alert) => advisors.broadcast({ type: 'alert', alert }),
        raised: (alert) => webhooks.enqueue(alertNotice(store, alert, late.consoleUrl)),
      },
    });
    const ledger = new UsageLedger(store, logger.child({ component: 'usage' }));
    const city = new CitySync({ db: store.db, clock, scheduler, logger: logger.child({ component: 'city-sync' }) });
    ledger.onChange = () => city.kick();
    const help = new HelpDesk(store, {
      changed: (call) => {
        late.kiosks?.sendHelp(call);
        advisors.broadcast({ type: 'help', call });
        late.remote?.helpChanged(call);
      },
      requested: (call) => webhooks.enqueue(notice(call)),
    }, ledger);
    const selfBooking = new SelfBookingDesk({ store, logger: logger.child({ component: 'self-booking' }), onChange: (pcIds) => schedulesChanged(pcIds) });
    const kiosks = new KioskLinks({
      store,
      selfBooking: (pcId, request, now) => selfBooking.answer(pcId, request, now),
      ledger,
      help,
      clock,
      scheduler,
      logger,
      offlineAfterMs: options.network.offlineAfterSeconds * 1000,
      skewWarnMs: options.network.clockSkewWarnSeconds * 1000,
      messageLimits: pcMessageLimits(options.network.limits),
      pcChanged: (pcId) => {
        const view = late.services?.pcView(pcId);
        if (view) advisors.broadcast({ type: 'pc', pc: view });
        late.board?.changed();
        late.queue?.update();
      },
      queue: { fromPc: (...args) => late.queue?.fromPc(...args), kioskMessage: () => late.queue!.kioskMessage() },
      // Every console hears it; the one that sent the command knows it by its id.
      commandOutcome: (event) => advisors.broadcast(event),
      statusReported: (pcId, status) => alerts.statusChanged(pcId, status),
      updateReported: (pcId, report) => updates.reported(pcId, report),
      fleet: {
        hello: (pcId, release) => late.fleet?.hello(pcId, release),
        fromPc: (pcId, message) => late.fleet?.fromPc(pcId, message),
        pcGone: (pcId) => late.fleet?.pcGone(pcId),
      },
      remote: { fromPc: (...args) => late.remote?.fromPc(...args), pcGone: (pcId) => late.remote?.pcGone(pcId) },
    });
    late.kiosks = kiosks;
    // Updates through the hub: releases under the data folder's updates/, staged PC by PC.
    const updates = new UpdateDesk({
      store,
      releases: new ReleaseStore(store.db, join(options.dataDir, 'updates')),
      clock,
      logger: logger.child({ component: 'updates' }),
      isOnline: (pcId) => kiosks.isOnline(pcId),
      changed: (view) => advisors.broadcastToAdmins({ type: 'updates', updates: view }),
    });
    // Help from afar (issue 16): signalling between a PC and the one console that accepted its remote call.
    const remote = new RemoteDesk({
      store,
      help,
      ledger,
      clock,
      logger: logger.child({ component: 'remote-help' }),
      turnSecret: options.network.turnSecret,
      toPc: (pcId, callId, message) => kiosks.sendTo(pcId, { type: 'remote', callId, message }),
      toConsole: (session, callId, message) => advisors.sendToSession(session, { type: 'remote', callId, message }),
    });
    late.remote = remote;
    advisors.onLeave = (session) => remote.consoleGone(session);
    const queue = new HubQueue({
      store,
      clock,
      scheduler,
      logger: logger.child({ component: 'queue' }),
      isOnline: (pcId) => kiosks.isOnline(pcId),
      offlineAfterMs: options.network.offlineAfterSeconds * 1000,
      toKiosks: (message) => kiosks.sendToAll(message),
      toAdvisors: (view) => advisors.broadcast({ type: 'queue', queue: view }),
    });
    late.queue = queue;
    // The lobby's status board: the PCs, and the numbers the queue calls.
    const board = new BoardFeed({
      sources: hubBoardSources(store, (pcId) => kiosks.isOnline(pcId), () => queue.calls()),
      clock,
      scheduler,
      logger,
      defaultLocale: options.defaultLocale ?? 'fi',
    });
    late.board = board;
    queue.onCallsChanged(() => board.changed());
    /** Bookings changed on these PCs: their schedules go to them, every console gets the list, the board looks again. */
    function schedulesChanged(pcIds: string[]): void {
      for (const id of pcIds) kiosks.sendSchedule(id);
      board.changed();
      queue.update();
      const bookings = store.liveBookings(clock.now() - 24 * 3_600_000).map(bookingView);
      advisors.broadcast({ type: 'bookings', bookings });
    }
    const services = createHubServices({
      store,
      clock,
      logger,
      kiosks,
      advisors,
      help,
      alerts,
      ledger,
      queue,
      onPolicyChanged: () => {
        board.changed();
        queue.update();
      },
      onSchedulesChanged: (pcIds) => schedulesChanged(pcIds),
      fleet: () => fleet,
    });
    late.services = services;
    const fleet = new HubFleet({
      store,
      clock,
      scheduler,
      logger: logger.child({ component: 'fleet' }),
      logs: options.logs,
      sendToPc: (pcId, message) => kiosks.sendTo(pcId, message),
      command: (pcId, command, advisorName) => services.command(pcId, command, advisorName),
      pcsChanged: (pcIds) => {
        for (const id of pcIds) {
          const view = services.pcView(id);
          if (view) advisors.broadcast({ type: 'pc', pc: view });
        }
      },
      limits: { skewMs: options.network.clockSkewWarnSeconds * 1000 },
    });
    late.fleet = fleet;
    advisors.onJoin = (socket, name, admin) => advisors.send(socket, { type: 'board', board: services.board(name, admin) });

    // Booking sources (issue 12): a change reaches the PCs as any booking change; each console hears every change of a source's health.
    const sources: SourceSync = new SourceSync({
      store,
      clock,
      logger: logger.child({ component: 'sources' }),
      onChange: (pcIds) => schedulesChanged(pcIds),
      onHealth: () => advisors.broadcast({ type: 'sources', sources: sourcesView(store, sources, clock.now()) }),
      recount: (pcId, startsAt, now) => ledger.bookingChanged(pcId, startsAt, now),
      everyMs: options.sourceSyncMs,
    });
    const listen = options.listen ?? options.network.listen;
    const { app, port } = await startHubServer({
      store,
      services,
      clock,
      logger,
      host: listen.host,
      port: listen.port,
      rendererDir: options.rendererDir,
      rateLimitPerMinute: options.rateLimitPerMinute,
      requestTimeoutMs: options.requestTimeoutMs,
      limits: options.network.limits,
      board,
      sources,
      updates,
      remote,
    });
    const url = `https://localhost:${port}`;
    // The phone opens the console by a name its network knows: the first configured one.
    const consoleHost = options.network.hostnames[0] ?? 'localhost';
    late.consoleUrl = `https://${consoleHost.includes(':') ? `[${consoleHost}]` : consoleHost}:${port}/advisor/`;
    kiosks.start();
    queue.start();
    alerts.start();
    webhooks.start();
    city.start();
    board.start();
    // Bookings not checked in within the hold time become no-shows; raw events past the retention limit go (their figures stay).
    const figuresUpkeep = () => {
      const now = clock.now();
      ledger.sweepNoShows(now);
      const deleted = ledger.deleteRawBefore(now - store.site()!.policy.usage.retentionDays * 24 * 3_600_000);
      if (deleted > 0) logger.info('old usage events deleted', { count: deleted });
    };
    figuresUpkeep();
    const caughtUp = ledger.catchUpMetrics(clock.now());
    if (caughtUp > 0) logger.info('figures of earlier days counted again for a metric the city now receives', { days: caughtUp });
    // Booking sources: fetched now and every sources.syncMinutes; their changes reach the PCs as any booking change.
    sources.start(scheduler);
    const figuresSweep = scheduler.every(60_000, figuresUpkeep);
    // The command line on this machine writes the hub's database directly: pick its changes up.
    // A console hears nothing once its session is over: expired, signed out, or its advisor disabled (maybe by the command line).
    const closeEnded = () => advisors.closeEnded((session) => store.advisorBySession(session, clock.now()) !== undefined);
    const sessionSweep = scheduler.every(60_000, closeEnded);
    let policySent = JSON.stringify(site.policy);
    const watcher = watchForeignWrites(store.db, scheduler, () => {
      closeEnded();
      // A policy set from the command line reaches every PC.
      const policy = JSON.stringify(store.site()!.policy);
      if (policy !== policySent) {
        policySent = policy;
        kiosks.sendPolicyToAll();
      }
      schedulesChanged(store.pcs().map((p) => p.id));
    });
    const releasePid = writePidFile(options.dataDir);
    logger.info('hub listening', { port });
    return {
      url,
      port,
      caPem: site.caCert,
      caFingerprint: fingerprint(site.caCert),
      store,
      services,
      webhooks,
      ledger,
      city,
      board,
      queue,
      sources,
      updates,
      stop: async () => {
        sources.stop();
        await sources.idle();
        board.stop();
        queue.stop();
        figuresSweep.cancel();
        city.stop();
        watcher.cancel();
        sessionSweep.cancel();
        webhooks.stop();
        kiosks.stop();
        fleet.stop();
        advisors.closeAll();
        await app.close();
        store.close();
        releasePid();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
