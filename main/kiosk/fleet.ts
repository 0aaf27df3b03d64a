import { existsSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { WELCOME, inSession } from '../core/session-machine';
import { describeError } from '../log/logger';
import type { LogSource } from '../log/tail';
import { writePrivateFile } from '../store/private-file';
import { LOG_LIMITS, MaintenanceReason, type PcHealthReport } from '../../preload/fleet-contract';
import type { HubToKiosk, KioskCommand } from '../../preload/hub-contract';
import type { CommandDone, KioskContext } from './feature';
import type { Wipe } from './wipe';

type CommandResult = Omit<CommandDone, 'type' | 'commandId'>;
export type FleetCommand = Extract<KioskCommand, { kind: 'out-of-service' | 'in-service' | 'restart' }>;

/** Where the advisor's "out of service" is kept, so a restart does not put the PC back in service. */
const PLANNED_FILE = 'out-of-service.json';
const Planned = z.strictObject({ reason: MaintenanceReason, since: z.number().int() });
type Planned = z.infer<typeof Planned>;
const HEALTH_EVERY_MS = 60_000;

export interface FleetDeps {
  /** The PC's data folder: the planned out-of-service is kept there, and its disk space is reported. */
  dataDir?: string | undefined;
  /** The PC's own log, for an administrator's fetch through the hub (absent: no lines). */
  logs?: LogSource | undefined;
  /** Restarts the app (the shell's port); absent: this PC cannot restart itself. */
  restartApp?: (() => void) | undefined;
}

export interface Fleet {
  carryOut(command: FleetCommand): CommandResult | Promise<CommandResult>;
  /** The hub asked for this PC's recent log lines. */
  fromHub(message: Extract<HubToKiosk, { type: 'log-request' }>): void;
  hubChanged(online: boolean): void;
  /** True while the PC is out of service because an advisor said so (not because a wipe failed). */
  planned(): boolean;
  /** The advisor's reason, shown on the PC's out-of-service screen. */
  plannedReason(): string | undefined;
}

/**
 * The PC's side of IT's fleet view (issue 15): health reports to the hub,
 * "out of service" with the advisor's reason and back, a restart of the
 * app, and recent log lines on request. Nothing here interrupts a running
 * session: out of service and restart wait for it to end.
 */
export function setupFleet(ctx: KioskContext, wipe: Wipe, deps: FleetDeps): Fleet {
  const { clock } = ctx.deps;
  const startedAt = clock.now();
  let planned: Planned | undefined;
  /** The PC entered out-of-service for the advisor (a failed wipe's out-of-service is not ours to lift). */
  let entered = false;
  let restartPending = false;
  const file = deps.dataDir ? join(deps.dataDir, PLANNED_FILE) : undefined;

  function load(): void {
    if (!file || !existsSync(file)) return;
    try {
      planned = Planned.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      ctx.log.warn('planned out-of-service file unreadable; ignored', { error: describeError(error) });
    }
  }

  function keep(): void {
    if (!file) return;
    try {
      if (planned) writePrivateFile(file, JSON.stringify(planned));
      else rmSync(file, { force: true });
    } catch (error) {
      ctx.log.error('planned out-of-service not saved', { error: describeError(error) });
    }
  }

  function health(): PcHealthReport {
    const now = clock.now();
    const report: PcHealthReport = { startedAt, uptimeMs: Math.max(0, now - startedAt) };
    if (deps.dataDir) {
      try {
        const fs = statfsSync(deps.dataDir);
        report.disk = { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize };
      } catch (error) {
        ctx.log.warn('free disk space not read', { error: describeError(error) });
      }
    }
    if (restartPending) report.restartPending = true;
    return report;
  }

  const report = () => {
    const hub = ctx.deps.hub;
    if (hub?.online) hub.sendFleet?.({ type: 'health', health: health() });
  };

  function restartNow(): void {
    restartPending = false;
    ctx.log.info('restarting the app as the advisor asked');
    // A moment for the answer to leave before the app goes.
    ctx.deps.scheduler.at(clock.now() + 500, () => deps.restartApp?.());
  }

  /** Between sessions, a waiting out-of-service or restart is carried out. */
  function settle(): void {
    if (ctx.state.phase !== 'welcome') return;
    if (planned && !entered) {
      entered = true;
      ctx.log.info('out of service for maintenance');
      ctx.enter({ phase: 'out-of-service', reason: planned.reason });
      return;
    }
    if (restartPending) restartNow();
  }

  ctx.register({
    start() {
      load();
      ctx.every(HEALTH_EVERY_MS, 'health report', report);
    },
    effect(effect) {
      // A wipe failed: the PC is out of service for that reason now, not the advisor's.
      if (effect.type === 'out-of-service') entered = false;
    },
    changed() {
      if (ctx.state.phase !== 'out-of-service') entered = false;
      settle();
    },
  });

  return {
    carryOut(command) {
      const phase = ctx.state.phase;
      const busy = inSession(ctx.state) || phase === 'ending' || phase === 'wiping';
      switch (command.kind) {
        case 'out-of-service': {
          planned = { reason: command.reason, since: clock.now() };
          keep();
          if (phase === 'feedback') ctx.dispatch({ type: 'skip-feedback' });
          if (phase === 'out-of-service' && entered) {
            // A new reason for a PC already out of service.
            ctx.enter({ phase: 'out-of-service', reason: planned.reason });
          }
          settle();
          return { ok: true, detail: busy ? 'after the running session' : 'out of service now' };
        }
        case 'in-service': {
          const was = planned;
          planned = undefined;
          keep();
          if (phase !== 'out-of-service') return { ok: true, reason: 'nothing-to-reset', detail: was ? 'will not go out of service' : 'already in service' };
          if (entered) {
            entered = false;
            ctx.log.info('back in service');
            ctx.enter(WELCOME);
            return { ok: true, reason: 'recovered' };
          }
          // Out of service because clearing failed: only a wipe that succeeds puts it back.
          return wipe.recover().then((ok): CommandResult => (ok ? { ok: true, reason: 'recovered' } : { ok: false, reason: 'wipe-failed', detail: 'the wipe still fails' }));
        }
        case 'restart':
          if (!deps.restartApp) return { ok: false, reason: 'error', detail: 'this PC cannot restart itself' };
          if (busy || phase === 'feedback') {
            restartPending = true;
            report();
            return { ok: true, detail: 'after the running session' };
          }
          restartNow();
          return { ok: true, detail: 'restarting now' };
      }
    },
    fromHub(message) {
      const limits = { lines: message.maxLines, bytes: message.maxBytes, lineChars: LOG_LIMITS.lineChars };
      let answer: { lines: string[]; truncated: boolean } = { lines: [], truncated: false };
      try {
        if (deps.logs) answer = deps.logs.recent(limits);
      } catch (error) {
        ctx.log.warn('log lines not read', { error: describeError(error) });
      }
      ctx.deps.hub?.sendFleet?.({ type: 'log-lines', requestId: message.requestId, ...answer });
    },
    hubChanged(online) {
      if (online) report();
    },
    planned: () => entered && ctx.state.phase === 'out-of-service',
    plannedReason: () => (entered && ctx.state.phase === 'out-of-service' ? planned?.reason : undefined),
  };
}
