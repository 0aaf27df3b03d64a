import type { FeedbackScore, State } from '../core/session-machine';
import type { KioskSnapshot, Locale } from '../../preload/contract';
import type { KioskDeps } from './feature';
import { SessionRunner } from './session-runner';
import { buildSnapshot } from './snapshot';
import { setupUsageRetention } from './usage-retention';
import { setupSchedule, type Schedule } from './schedule';
import { setupAccess, type Access } from './access';
import { setupWebView, type WebView } from './web-view';
import { setupHelp, type Help } from './help';
import { setupWipe, type Wipe } from './wipe';
import { setupHubStatus, type HubStatus } from './hub-status';
import { setupCommands, type Commands } from './commands';
import { setupCheckInForThem } from './check-in-for-them';
import { setupSelfBooking, type SelfBooking } from './self-booking';
import { setupOpening, type Opening } from './opening';
import { setupQueue, type Queue } from './queue';
import { setupUpdates } from './updates';
import { setupFleet, type Fleet } from './fleet';
import { setupPrinting, type Printing } from './printing';
import { setupPrinterStatus, type PrinterStatus } from './printer-status';
import { setupRemoteHelp, type RemoteHelp } from './remote-help';

export type { CommandDone, HubPort, KioskDeps } from './feature';

/**
 * One room PC's kiosk, composed of feature modules around the session
 * machine. The SessionRunner (session-runner.ts) runs the machine, records
 * its effects and sends snapshots; each feature owns its state and rules in
 * a module of its own and registers itself.
 *
 * How a feature plugs in (self-booking, a queue number called to this PC,
 * opening hours, no-show release, printing, ...):
 * 1. Its pure rules go to main/core/ (no I/O; time passed in as data), with
 *    their own unit tests.
 * 2. main/kiosk/<feature>.ts exports `setupX(ctx, ...the features it
 *    uses)`. It keeps its state in the closure, registers its hooks with
 *    `ctx.register({...})` (start, sessionStarting, effect, shellEvent,
 *    policyChanged, fault, changed: see feature.ts), starts sessions with
 *    `ctx.startSession()` and changes the session only through
 *    `ctx.dispatch()`. It returns its actions and its `snapshotPart()`.
 * 3. Here: one `setupX` call in the constructor (the setup order is the
 *    order its hooks run in), its `snapshotPart()` spread into `build()`,
 *    and one line per action that the kiosk contract (api.ts) or the hub
 *    (hub-attachment.ts) calls.
 */
export class KioskController {
  private readonly core: SessionRunner;
  private readonly schedule: Schedule;
  private readonly access: Access;
  private readonly webView: WebView;
  private readonly help: Help;
  private readonly wipe: Wipe;
  private readonly hubStatus: HubStatus;
  private readonly commands: Commands;
  private readonly selfBooking: SelfBooking;
  private readonly opening: Opening;
  private readonly queue: Queue;
  private readonly fleet: Fleet;
  private readonly printing: Printing;
  private readonly remote: RemoteHelp;

  constructor(deps: KioskDeps) {
    const core = new SessionRunner(deps, (rev) => this.build(rev));
    this.core = core;
    setupUsageRetention(core);
    this.opening = setupOpening(core);
    this.schedule = setupSchedule(core, this.opening);
    this.access = setupAccess(core, this.schedule, this.opening);
    this.webView = setupWebView(core);
    this.help = setupHelp(core);
    this.wipe = setupWipe(core);
    this.fleet = setupFleet(core, this.wipe, deps.fleet ?? {});
    // The printer's state is heard while printing and asked for in between (printer-status.ts).
    const heard: { by?: PrinterStatus } = {};
    this.printing = setupPrinting(core, (answer) => heard.by?.heard(answer));
    const printer = setupPrinterStatus(core, this.printing);
    heard.by = printer;
    this.hubStatus = setupHubStatus(core, this.schedule, this.wipe, { planned: () => this.fleet.planned(), print: () => printer.statusPart() });
    this.commands = setupCommands(core, this.schedule, this.wipe, this.opening, setupCheckInForThem(core, this.schedule, this.opening), this.fleet, printer);
    this.queue = setupQueue(core, this.schedule);
    this.selfBooking = setupSelfBooking(core);
    setupUpdates(core, this.schedule);
    this.remote = setupRemoteHelp(core);
  }

  /** Starts the timers, finishes what a crash interrupted, then opens the welcome screen. */
  async start(): Promise<void> {
    this.core.start();
    if (!(await this.wipe.recover())) return;
    this.core.log.info('kiosk ready', { bookings: this.schedule.bookings().length });
  }

  stop(): void {
    this.core.stop();
  }

  onSnapshot(listener: (snapshot: KioskSnapshot) => void): () => void {
    return this.core.onSnapshot(listener);
  }

  /** Every phase change with the clock's time (benchmarks and tests). */
  onPhase(listener: (phase: State['phase'], at: number) => void): () => void {
    return this.core.onPhase(listener);
  }

  get phase(): State['phase'] {
    return this.core.state.phase;
  }

  snapshot(): KioskSnapshot {
    return this.core.snapshot();
  }

  // ---- the resident (kiosk contract, api.ts) ---------------------------------
  readonly checkIn: Access['checkIn'] = (code, locale) => this.access.checkIn(code, locale);
  /** Not while a queue number is called to this PC: it is held for that resident. */
  readonly startWalkIn: Access['startWalkIn'] = (locale) => !this.queue.heldHere() && this.access.startWalkIn(locale);
  readonly takeNumber: Queue['take'] = () => this.queue.take();
  readonly startCalledNumber: Queue['start'] = (locale) => this.queue.start(locale);
  readonly extend: Access['extend'] = () => this.access.extend();
  readonly endSession = (reason: 'resident' | 'advisor' = 'resident'): void => this.core.dispatch({ type: 'end', reason });
  readonly activity = (): void => this.core.dispatch({ type: 'activity' });
  readonly confirmPresence = (): void => this.core.dispatch({ type: 'confirm-presence' });
  readonly setLanguage = (locale: Locale): void => this.core.dispatch({ type: 'language', language: locale });
  readonly submitFeedback = (score: FeedbackScore): void => this.core.dispatch({ type: 'feedback', score });
  readonly skipFeedback = (): void => this.core.dispatch({ type: 'skip-feedback' });
  readonly zoom: WebView['zoom'] = (change) => this.webView.zoom(change);
  readonly openTile: WebView['openTile'] = (tileId) => this.webView.openTile(tileId);
  readonly goHome: WebView['goHome'] = () => this.webView.goHome();
  readonly setWebArea: WebView['setWebArea'] = (area) => this.webView.setWebArea(area);
  readonly navigate: WebView['navigate'] = (action) => this.webView.navigate(action);
  readonly chooseFiles: WebView['chooseFiles'] = (names) => this.webView.chooseFiles(names);
  readonly dismissNotice: WebView['dismissNotice'] = () => this.webView.dismissNotice();
  readonly requestHelp: Help['request'] = () => this.help.request();
  readonly cancelHelp: Help['cancel'] = () => this.help.cancel();
  readonly dismissHelp: Help['dismiss'] = () => this.help.dismiss();
  readonly askSelfBooking: SelfBooking['ask'] = (request) => this.selfBooking.ask(request);
  readonly print: Printing = {
    prepare: (file) => this.printing.prepare(file),
    check: (range, copies) => this.printing.check(range, copies),
    confirm: (range, copies) => this.printing.confirm(range, copies),
    cancel: () => this.printing.cancel(),
    dismiss: () => this.printing.dismiss(),
    readFile: (name) => this.printing.readFile(name),
    release: () => this.printing.release(),
    held: () => this.printing.held(),
    cancelHeld: () => this.printing.cancelHeld(),
    snapshotPart: () => this.printing.snapshotPart(),
  };
  readonly remoteHelp: Pick<RemoteHelp, 'ask' | 'consent' | 'relay' | 'stop' | 'dismiss' | 'onEvent'> = {
    ask: () => this.remote.ask(),
    consent: (given) => this.remote.consent(given),
    relay: (message) => this.remote.relay(message),
    stop: (reason) => this.remote.stop(reason),
    dismiss: () => this.remote.dismiss(),
    onEvent: (listener) => this.remote.onEvent(listener),
  };

  // ---- the hub (hub-attachment.ts) --------------------------------------------
  /** The hub's policy replaces the PC's own for the fields it covers. */
  readonly applyPolicy: SessionRunner['applyPolicy'] = (policy, timeZone) => this.core.applyPolicy(policy, timeZone);
  readonly applySchedule: HubStatus['applySchedule'] = (entries) => this.hubStatus.applySchedule(entries);
  readonly hubStateChanged: HubStatus['hubStateChanged'] = (online) => {
    this.selfBooking.hubChanged(online);
    this.remote.hubChanged(online);
    this.hubStatus.hubStateChanged(online);
    this.fleet.hubChanged(online);
  };
  readonly fleetMessage: Fleet['fromHub'] = (message) => this.fleet.fromHub(message);
  readonly selfBookingAnswer: SelfBooking['answer'] = (requestId, answer) => this.selfBooking.answer(requestId, answer);
  readonly helpUpdate: Help['update'] = (callId, state) => this.help.update(callId, state);
  readonly runCommand: Commands['run'] = (commandId, command) => this.commands.run(commandId, command);
  readonly setCodeKey: Access['setCodeKey'] = (key) => this.access.setCodeKey(key);
  readonly queueMessage: Queue['fromHub'] = (message) => this.queue.fromHub(message);
  readonly remoteMessage: RemoteHelp['fromHub'] = (callId, message) => this.remote.fromHub(callId, message);

  // ---- the PC itself --------------------------------------------------------------
  /** Re-reads the bookings (another process, or the same connection, changed them). */
  readonly reloadFromStore: Schedule['reloadFromStore'] = () => this.schedule.reloadFromStore();
  /** Re-reads the screen (after a maintenance change). */
  readonly refresh = (): void => this.core.emit();

  /** What the UI draws: each feature's part of the snapshot. */
  private build(rev: number): KioskSnapshot {
    const core = this.core;
    const queue = this.queue.snapshotPart();
    const snapshot = buildSnapshot({
      rev,
      state: core.state,
      time: core.time(),
      config: core.config,
      bookings: this.schedule.holding(),
      ...this.access.snapshotPart(),
      ...this.opening.snapshotPart(),
      ...this.webView.snapshotPart(),
      ...this.wipe.snapshotPart(),
      help: this.help.view(),
      maintenance: core.deps.maintenance?.(),
      ...this.selfBooking.snapshotPart(),
    });
    Object.assign(snapshot, this.remote.snapshotPart());
    if (queue) snapshot.queue = queue;
    const print = this.printing.snapshotPart();
    if (print) snapshot.print = print;
    if (queue?.here) snapshot.walkIn = { allowed: false };
    const planned = this.fleet.plannedReason();
    if (planned && snapshot.outOfService) snapshot.outOfService.reason = planned;
    return snapshot;
  }
}
