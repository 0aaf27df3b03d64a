import { inSession } from '../core/session-machine';
import type { KioskStatus, ScheduleEntry } from '../../preload/hub-contract';
import type { PrintHubStatus } from '../../preload/print-contract';
import type { KioskContext } from './feature';
import type { Schedule } from './schedule';
import type { Wipe } from './wipe';

export interface HubStatus {
  /** The hub's schedule for this PC replaces the cached one; a session shortened by it after time offline is a conflict for the advisor. */
  applySchedule(entries: readonly ScheduleEntry[]): void;
  hubStateChanged(online: boolean): void;
}

const OFFLINE_CONFLICT = 'A booking made while this PC was offline starts soon: the running session was shortened to keep the gap.';

/**
 * The PC as the advisor sees it: its phase, session, last wipe, any
 * conflict it met while offline, and its printer and a job waiting for release, sent to the hub whenever it changes (and
 * in full on reconnect).
 */
export function setupHubStatus(
  ctx: KioskContext,
  schedule: Schedule,
  wipe: Wipe,
  parts: { planned?: () => boolean; print?: () => PrintHubStatus | undefined } = {},
): HubStatus {
  const planned = parts.planned ?? (() => false);
  let lastStatus = '';
  /** Set while the hub is unreachable, to tell the advisor what the PC decided alone. */
  let offlineSince: number | undefined;
  let conflict: string | undefined;

  const sessionEnd = () => (inSession(ctx.state) ? ctx.state.session.endsAt : undefined);

  /** The PC's state as the advisor sees it; sent when it changes (and on reconnect). */
  function push(force = false): void {
    const hub = ctx.deps.hub;
    if (!hub?.available) return;
    const state = ctx.state;
    const status: KioskStatus = { phase: state.phase };
    if (inSession(state)) {
      const s = state.session;
      status.session = { kind: s.kind, startedAt: s.startedAt, endsAt: s.endsAt };
    }
    const last = wipe.lastWipe();
    if (last) status.lastWipe = last;
    if (state.phase === 'out-of-service') status.outOfService = { reason: state.reason.slice(0, 300), ...(planned() ? { planned: true as const } : {}) };
    if (conflict) status.conflict = conflict;
    const print = parts.print?.();
    if (print) status.print = print;
    const key = JSON.stringify(status);
    if (!force && key === lastStatus) return;
    lastStatus = key;
    hub.sendStatus(status);
  }

  ctx.register({
    effect(effect) {
      if (effect.type === 'record-end') conflict = undefined;
    },
    changed: () => push(),
  });

  return {
    applySchedule(entries) {
      const before = sessionEnd();
      const change = schedule.replace(entries);
      const after = sessionEnd();
      if (before !== undefined && after !== undefined && after < before && offlineSince !== undefined) {
        conflict = OFFLINE_CONFLICT;
        ctx.log.warn('schedule conflict after being offline');
      }
      offlineSince = undefined;
      ctx.log.info('schedule from the hub', { added: change.added, changed: change.changed, cancelled: change.cancelled });
      push();
    },
    hubStateChanged(online) {
      if (!online && offlineSince === undefined) offlineSince = ctx.deps.clock.now();
      if (online) push(true);
      ctx.emit();
    },
  };
}
