import { randomUUID } from 'node:crypto';
import { MINUTE } from '../core/clock';
import { endByClosing } from '../core/opening-hours';
import { walkInWindow } from '../core/walk-in';
import type { Scheduled } from '../core/scheduler';
import type { HubToKiosk } from '../../preload/hub-contract';
import type { KioskSnapshot, Locale, Result, KioskMethods } from '../../preload/contract';
import type { KioskContext } from './feature';
import type { Schedule } from './schedule';

export type QueueMessage = Extract<HubToKiosk, { type: 'queue' | 'queue-taken' | 'queue-refused' }>;
export type TakeResult = Result<KioskMethods, 'kiosk.queue.take'>;
type QueueSnapshot = NonNullable<KioskSnapshot['queue']>;

export interface Queue {
  /** "Take a number": asks the hub, which answers with the number or why not. */
  take(): Promise<TakeResult>;
  /** "Start" on the number called to this PC: a session like a walk-in, ending before the next booking and at closing. */
  start(locale: Locale): boolean;
  /** The hub's queue, or its answer to a take. */
  fromHub(message: QueueMessage): void;
  /** A number is called to this PC now: nobody else may walk in. */
  heldHere(): boolean;
  snapshotPart(): QueueSnapshot | undefined;
}

/** How long a kiosk waits for the hub to answer "Take a number". */
export const TAKE_ANSWER_MS = 5_000;

/**
 * "Take a number" at a kiosk (the queue itself lives at the hub,
 * main/hub/queue.ts): offered on the welcome screen while no PC of the site
 * is free; a number called to this PC holds it for its resident ("this
 * computer is yours", Start); numbers called elsewhere show as a banner.
 * Without a hub, or while it is unreachable, nothing of it is offered.
 */
export function setupQueue(ctx: KioskContext, schedule: Schedule): Queue {
  let latest: Extract<HubToKiosk, { type: 'queue' }> | undefined;
  const pending = new Map<string, { resolve: (result: TakeResult) => void; timer: Scheduled }>();
  const { clock, scheduler } = ctx.deps;
  const online = () => ctx.deps.hub?.available === true && ctx.deps.hub.online;

  const here = () => {
    if (!online()) return undefined;
    const now = clock.now();
    return latest?.calls.find((c) => c.pcId === ctx.config.pc.id && c.until > now);
  };

  ctx.whileRunning(() => {
    for (const { resolve, timer } of pending.values()) {
      timer.cancel();
      resolve({ result: 'unavailable' });
    }
    pending.clear();
  });

  return {
    take() {
      const hub = ctx.deps.hub;
      const requestId = randomUUID();
      if (!online() || !hub?.sendQueue) return Promise.resolve({ result: 'unavailable' });
      return new Promise<TakeResult>((resolve) => {
        const timer = scheduler.at(clock.now() + TAKE_ANSWER_MS, () => {
          pending.delete(requestId);
          ctx.log.warn('the hub did not answer "take a number" in time');
          resolve({ result: 'unavailable' });
        });
        pending.set(requestId, { resolve, timer });
        if (!hub.sendQueue!({ type: 'queue-take', requestId })) {
          timer.cancel();
          pending.delete(requestId);
          resolve({ result: 'unavailable' });
        }
      });
    },
    start(locale) {
      const call = here();
      if (!call || ctx.state.phase !== 'welcome') return false;
      const now = clock.now();
      const { config } = ctx;
      // The bookings that still hold this PC: a no-show's time, or the rest of a booking ended early, is free.
      const window = walkInWindow(schedule.holding(), now, { ...config.walkIn, enabled: true }, config.checkIn);
      if (!window.allowed) return false;
      const endsAt = endByClosing(now, window.endsAt, config.timeZone, config.openingHours);
      if (endsAt <= now) return false;
      ctx.log.info('queue number started', { minutes: Math.round((endsAt - now) / MINUTE) });
      ctx.deps.hub?.sendQueue?.({ type: 'queue-start', requestId: randomUUID() });
      ctx.startSession({ id: ctx.newId(), kind: 'walk-in', endsAt, language: locale });
      return true;
    },
    fromHub(message) {
      if (message.type === 'queue') {
        latest = message;
        ctx.emit();
        return;
      }
      const waiting = pending.get(message.requestId);
      if (!waiting) return;
      waiting.timer.cancel();
      pending.delete(message.requestId);
      if (message.type === 'queue-taken') {
        ctx.log.info('queue number taken');
        waiting.resolve({ result: 'ok', number: message.number, ahead: message.ahead });
      } else {
        waiting.resolve({ result: 'refused', reason: message.reason });
      }
    },
    heldHere: () => here() !== undefined,
    snapshotPart() {
      if (!ctx.deps.hub?.available) return undefined;
      if (!online() || !latest) return { offered: false, waiting: 0, calls: [] };
      const call = here();
      const mine = ctx.config.pc.id;
      const now = clock.now();
      return {
        offered: latest.offered && ctx.state.phase === 'welcome' && !call,
        waiting: latest.waiting,
        calls: latest.calls.filter((c) => c.pcId !== mine && c.until > now).map(({ number, pcName, until }) => ({ number, pcName, until })),
        ...(call ? { here: { number: call.number, until: call.until } } : {}),
      };
    },
  };
}
