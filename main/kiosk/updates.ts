import { installDecision, retryDelayMs } from '../core/update-rules';
import type { PcUpdateState, UpdateReason, UpdateReport } from '../../preload/updates-contract';
import type { KioskContext } from './feature';
import type { Schedule } from './schedule';

/** Where a PC gets its updates: its hub's address, the site CA it pinned at pairing, its device token. */
export interface UpdateFeed {
  address: string;
  caPem: string;
  deviceToken: string;
}

/**
 * What the kiosk needs of an updater: electron-updater's generic provider
 * pointed at the hub (main/shell/updater.ts), or a fake in tests.
 */
export interface UpdaterPort {
  /** The version this PC runs. */
  readonly running: string;
  /** Asks the hub; the newer version it offers this PC now, or undefined. Rejects when the hub cannot be asked. */
  check(feed: UpdateFeed): Promise<string | undefined>;
  /** Downloads the version last found and checks its SHA-512; resolves when it is ready to install. */
  download(): Promise<void>;
  /** Quits, installs and starts the new version (only ever called between sessions). */
  install(): void;
}

/** How often the feature looks at its state (installing waits for a quiet moment; checks go by updates.checkMinutes). */
export const UPDATE_TICK_MS = 15_000;

/**
 * Updates on the PC: asks the hub every updates.checkMinutes, downloads in
 * the background, and installs only on the welcome screen with no booking
 * holding the PC or starting within updates.quietMinutes — never in a
 * session. A failed check or download is tried again (1 min, doubling, at
 * most an hour apart). Every change is reported to the hub ("update").
 */
export function setupUpdates(ctx: KioskContext, schedule: Schedule): void {
  const updater = ctx.deps.updater;
  const hub = ctx.deps.hub;
  if (!updater || !hub?.updateFeed || !hub.sendUpdate) return;
  const { clock } = ctx.deps;
  let state: PcUpdateState = 'idle';
  let target: string | undefined;
  let reason: UpdateReason | undefined;
  let detail: string | undefined;
  let failures = 0;
  let nextCheckAt = 0;
  let busy = false;
  let unsent = true;

  const report = () => {
    const message: UpdateReport = {
      type: 'update',
      running: updater.running,
      state,
      ...(target ? { target } : {}),
      ...(reason ? { reason } : {}),
      ...(detail ? { detail } : {}),
      ...(failures ? { failures } : {}),
    };
    unsent = !hub.sendUpdate!(message);
  };
  const set = (next: PcUpdateState, why?: UpdateReason, words?: string, always = false) => {
    const changed = next !== state || why !== reason;
    state = next;
    reason = why;
    detail = words?.slice(0, 200);
    if (changed || always) report();
  };
  const failed = (why: UpdateReason, error: unknown) => {
    failures += 1;
    nextCheckAt = clock.now() + retryDelayMs(failures);
    // The updater's own words (no URLs: the hub's address is IT's, not a resident's, but keep logs plain).
    const words = error instanceof Error ? error.message.replace(/https?:\/\/\S+/g, '(hub)') : String(error);
    ctx.log.warn('update failed; trying again later', { reason: why, failures, retryInMs: retryDelayMs(failures) });
    set('failed', why, words, true);
  };

  const tryInstall = () => {
    const decision = installDecision({
      now: clock.now(),
      phase: ctx.state.phase,
      downloaded: state === 'ready',
      bookings: schedule.holding(),
      quietMinutes: ctx.config.updates.quietMinutes,
    });
    if (!decision.install) {
      if (decision.wait !== 'not-ready' && decision.wait !== reason) set('ready', decision.wait);
      return;
    }
    ctx.log.info('installing an update between sessions', { version: target ?? '' });
    set('installing');
    try {
      updater.install();
    } catch (error) {
      failed('install-failed', error);
    }
  };

  const check = () => {
    const feed = hub.updateFeed!();
    if (!feed || !hub.online) return;
    busy = true;
    nextCheckAt = clock.now() + ctx.config.updates.checkMinutes * 60_000;
    updater
      .check(feed)
      .then(async (version) => {
        if (!version) {
          target = undefined;
          failures = 0;
          set('idle');
          return;
        }
        target = version;
        set('downloading');
        try {
          await updater.download();
        } catch (error) {
          failed('download-failed', error);
          return;
        }
        failures = 0;
        set('ready');
        tryInstall();
      })
      .catch((error: unknown) => failed('check-failed', error))
      .finally(() => {
        busy = false;
      });
  };

  const tick = () => {
    if (unsent) report();
    if (busy || state === 'installing') return;
    if (state === 'ready') return tryInstall();
    // Half a round early rather than a whole round late.
    if (clock.now() >= nextCheckAt - UPDATE_TICK_MS / 2) check();
  };

  ctx.register({
    start() {
      report();
      ctx.every(UPDATE_TICK_MS, 'updates', tick);
    },
  });
}
