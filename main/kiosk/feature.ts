import type { Clock } from '../core/clock';
import type { Scheduler } from '../core/scheduler';
import type { Shell, ShellEvent } from '../core/shell';
import type { Effect, Input, NewSession, Now, State } from '../core/session-machine';
import type { KioskConfig } from '../config/schema';
import type { KioskStore } from '../store/kiosk-store';
import type { Logger } from '../log/logger';
import type { KioskStatus, KioskToHub } from '../../preload/hub-contract';
import type { MaintenanceView } from './snapshot';
import type { UpdateReport } from '../../preload/updates-contract';
import type { UpdateFeed, UpdaterPort } from './updates';
import type { FleetDeps } from './fleet';

/** The PC's answer to an advisor's command. */
export type CommandDone = Extract<KioskToHub, { type: 'command-done' }>;

/** What the kiosk needs of its hub connection (absent: a PC on its own, without help calls). */
export interface HubPort {
  /** False for a PC on its own (no hub): no help button, no status to send. */
  readonly available: boolean;
  readonly online: boolean;
  sendStatus(status: KioskStatus): void;
  sendHelp(message: Extract<KioskToHub, { type: 'help' }>): void;
  commandDone(message: CommandDone): void;
  /** A queue message for the hub (main/kiosk/queue.ts); false when it could not be sent now. */
  sendQueue?(message: Extract<KioskToHub, { type: 'queue-take' | 'queue-start' }>): boolean;
  /** Sends a self-booking step to the hub; false when it cannot be sent now (absent: a hub port without self-booking). */
  sendSelfBooking?(message: Extract<KioskToHub, { type: 'self-booking' }>): boolean;
  /** Where this PC gets updates now (its pairing), if it has a hub (main/kiosk/updates.ts). */
  updateFeed?(): UpdateFeed | undefined;
  /** Reports the PC's version and update state; false when it could not be sent now. */
  sendUpdate?(message: UpdateReport): boolean;
  /** PC health and log lines for the hub (main/kiosk/fleet.ts): sent now or not at all. */
  sendFleet?(message: Extract<KioskToHub, { type: 'health' | 'log-lines' }>): void;
  /** Sends a remote help call's message now; false when it cannot be sent (absent: a hub port without remote help). */
  sendRemote?(message: Extract<KioskToHub, { type: 'remote' }>): boolean;
}

export interface KioskDeps {
  config: KioskConfig;
  store: KioskStore;
  shell: Shell;
  clock: Clock;
  scheduler: Scheduler;
  codeKey: Buffer;
  /** Where the wrong-code count is kept, so a restart does not lift a lock (absent: memory only). */
  throttleFile?: string | undefined;
  logger: Logger;
  newId?: () => string;
  hub?: HubPort | undefined;
  /** The maintenance screen's state, drawn into the snapshot. */
  maintenance?: () => MaintenanceView;
  /** Updates through the hub (absent: this PC is updated otherwise). */
  updater?: UpdaterPort | undefined;
  /** Health, maintenance and logs for IT (main/kiosk/fleet.ts). */
  fleet?: FleetDeps;
}

/**
 * What a feature module is given: the running session machine and the
 * means to act on it. Features never hold the state themselves; they read
 * it here and change it only through `dispatch` (or, at start-up and
 * recovery, `enter`).
 */
export interface KioskContext {
  readonly deps: KioskDeps;
  readonly log: Logger;
  /** The PC's configuration with the hub's policy over it (the hub wins once paired). */
  readonly config: KioskConfig;
  readonly state: State;
  time(): Now;
  newId(): string;
  /** Feeds the session machine one input and carries out its effects. */
  dispatch(input: Input): void;
  /** Sets the state outside the machine (start-up and recovery only) and tells everyone. */
  enter(state: State): void;
  /** Starts a session: every feature forgets the last one, then the machine starts. */
  startSession(session: NewSession): void;
  /** Tells the UI when what it shows has changed (or always, when forced). */
  emit(force?: boolean): void;
  /** Adds a feature's hooks; called by the feature's own setup function. */
  register(feature: KioskFeature): void;
  /** Runs `action` every `intervalMs` while the kiosk runs; a failure is logged and the next run tries again. */
  every(intervalMs: number, what: string, action: () => void): void;
  /** Something to undo when the kiosk stops (a subscription, a timer). */
  whileRunning(stop: () => void): void;
  /** A callback that logs a failure instead of taking the kiosk down. */
  guarded<A extends unknown[]>(what: string, action: (...args: A) => void): (...args: A) => void;
  /** Awaits a shell call and logs its failure instead of throwing. */
  guard(what: string, action: () => Promise<void>): Promise<void>;
  /** Why this PC must not count a wipe as clean (a feature's safeguard failed), if any. */
  fault(): string | undefined;
}

/**
 * The hooks a feature may register; each is optional and called in the order
 * the features were set up.
 */
export interface KioskFeature {
  /** The kiosk starts: load what the feature keeps, start its timers (with `every`). */
  start?(): void;
  /** A new session is about to start: forget everything of the last one. */
  sessionStarting?(): void;
  /** The session machine asked for this effect (after the kiosk recorded it). */
  effect?(effect: Effect): void;
  /** Something happened in the shell (the web view, the window). */
  shellEvent?(event: ShellEvent): void;
  /** The hub's policy has been laid over the PC's configuration. */
  policyChanged?(config: KioskConfig): void;
  /** A safeguard of this feature failed: the next wipe cannot count as clean. */
  fault?(): string | undefined;
  /** A changed snapshot has just been sent to the UI (e.g. to tell the hub too). */
  changed?(): void;
}
