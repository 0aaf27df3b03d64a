import { randomUUID } from 'node:crypto';
import { dutyAt, todaysHours } from '../core/duty';
import type { HelpState } from '../../preload/hub-contract';
import type { KioskContext } from './feature';
import type { HelpView } from './snapshot';

export interface Help {
  /** "Ask for help": sent at once, or the advisor's hours shown when nobody is on duty. */
  request(): 'sending' | 'off-duty' | 'unavailable';
  cancel(): void;
  dismiss(): void;
  /** The hub's word on a call this PC made. */
  update(callId: string, state: HelpState): void;
  /** The help button's part of the snapshot (undefined on a PC without a hub). */
  view(): HelpView | undefined;
}

const OPEN: ReadonlyArray<HelpView['state']> = ['sending', 'sent', 'acknowledged'];
const FROM_HUB: Record<HelpState, HelpView['state']> = { requested: 'sent', acknowledged: 'acknowledged', resolved: 'resolved', cancelled: 'idle' };

/** Help calls: the resident's button, the hub's answers, and the advisor's hours when nobody is on duty. */
export function setupHelp(ctx: KioskContext): Help {
  let help: { state: HelpView['state']; callId?: string | undefined } = { state: 'idle' };
  const hub = () => ctx.deps.hub;

  ctx.register({
    effect(effect) {
      // The next person starts with a clean screen; an open call stays with the advisor.
      if (effect.type === 'record-end') help = { state: 'idle' };
    },
  });

  return {
    request() {
      const port = hub();
      if (!port?.available) return 'unavailable';
      if (OPEN.includes(help.state)) return 'sending';
      const now = ctx.deps.clock.now();
      if (!dutyAt(now, ctx.config.timeZone, ctx.config.help).onDuty) {
        help = { state: 'off-duty' };
        ctx.emit();
        return 'off-duty';
      }
      const callId = randomUUID();
      help = { state: 'sending', callId };
      port.sendHelp({ type: 'help', callId, action: 'request', at: now });
      ctx.log.info('help requested');
      ctx.emit();
      return 'sending';
    },
    cancel() {
      const { callId } = help;
      const port = hub();
      if (callId && port && OPEN.includes(help.state)) {
        port.sendHelp({ type: 'help', callId, action: 'cancel', at: ctx.deps.clock.now() });
      }
      help = { state: 'idle' };
      ctx.emit();
    },
    dismiss() {
      if (help.state === 'resolved' || help.state === 'off-duty') {
        help = { state: 'idle' };
        ctx.emit();
      }
    },
    update(callId, state) {
      if (help.callId !== callId) return;
      help = FROM_HUB[state] === 'idle' ? { state: 'idle' } : { state: FROM_HUB[state], callId };
      ctx.emit();
    },
    view() {
      const port = hub();
      if (!port?.available) return undefined;
      const now = ctx.deps.clock.now();
      const { timeZone, help: hours } = ctx.config;
      const duty = dutyAt(now, timeZone, hours);
      const view: HelpView = {
        state: help.state,
        hubOnline: port.online,
        hours: todaysHours(now, timeZone, hours).map((h) => ({ startsAt: h.start, endsAt: h.end })),
      };
      if (hours.phone) view.phone = hours.phone;
      if (!duty.onDuty && duty.nextStart !== undefined) view.nextOnDuty = duty.nextStart;
      return view;
    },
  };
}
