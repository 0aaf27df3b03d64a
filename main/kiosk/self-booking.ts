import { randomUUID } from 'node:crypto';
import type { Scheduled } from '../core/scheduler';
import type { SelfBookingAnswer, SelfBookingReply, SelfBookingRequest } from '../../preload/self-booking-contract';
import type { KioskContext } from './feature';

/** How long a kiosk waits for the hub's answer before telling the resident self-booking is not available now. */
export const SELF_BOOKING_ANSWER_MS = 8_000;

export interface SelfBooking {
  /** A resident's step, relayed to the hub: its answer, or "unavailable" (no hub, hub unreachable, no answer in time). */
  ask(request: SelfBookingRequest): Promise<SelfBookingReply>;
  /** The hub's answer to a request this kiosk sent. */
  answer(requestId: string, answer: SelfBookingAnswer): void;
  /** The hub link came up or went down: requests on their way will get no answer. */
  hubChanged(online: boolean): void;
  snapshotPart(): { selfBooking?: { online: boolean } };
}

/**
 * "Book a time" at this kiosk: the resident's requests go to the hub, which
 * alone decides; the kiosk makes no booking of its own, so a PC that cannot
 * reach its hub says self-booking is not available rather than hand out a
 * code the hub might not keep. A code the hub gives is passed to the
 * resident's screen only, never logged.
 */
export function setupSelfBooking(ctx: KioskContext): SelfBooking {
  const pending = new Map<string, { resolve: (reply: SelfBookingReply) => void; timer: Scheduled }>();
  const offered = () => ctx.deps.hub?.available === true && !!ctx.deps.hub.sendSelfBooking && ctx.config.selfBooking.enabled;

  const settle = (requestId: string, reply: SelfBookingReply) => {
    const entry = pending.get(requestId);
    if (!entry) return;
    pending.delete(requestId);
    entry.timer.cancel();
    entry.resolve(reply);
  };

  ctx.register({
    start: () => ctx.whileRunning(() => {
      for (const id of [...pending.keys()]) settle(id, { kind: 'unavailable' });
    }),
  });

  return {
    ask(request) {
      const hub = ctx.deps.hub;
      if (!offered() || !hub?.online) return Promise.resolve({ kind: 'unavailable' });
      const requestId = randomUUID();
      return new Promise<SelfBookingReply>((resolve) => {
        const timer = ctx.deps.scheduler.at(ctx.deps.clock.now() + SELF_BOOKING_ANSWER_MS, () => {
          ctx.log.warn('self-booking: no answer from the hub in time', { kind: request.kind });
          settle(requestId, { kind: 'unavailable' });
        });
        pending.set(requestId, { resolve, timer });
        if (!hub.sendSelfBooking!({ type: 'self-booking', requestId, request })) settle(requestId, { kind: 'unavailable' });
      });
    },
    answer(requestId, answer) {
      if (!pending.has(requestId)) {
        ctx.log.warn('self-booking: an answer to no request of this kiosk');
        return;
      }
      if (answer.kind === 'refused') ctx.log.info('self-booking refused', { reason: answer.reason });
      settle(requestId, answer);
    },
    hubChanged(online) {
      if (!online) for (const id of [...pending.keys()]) settle(id, { kind: 'unavailable' });
    },
    snapshotPart: () => (offered() ? { selfBooking: { online: ctx.deps.hub!.online } } : {}),
  };
}
