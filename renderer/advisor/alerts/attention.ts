import type { Board, HelpCallView, PcAlertView } from '../../../preload/hub-contract';
import type { AdvisorKey } from '../i18n';

/**
 * What on the board needs an advisor: help calls, PCs out of service and printer problems.
 * An alert counts only while its PC is on the board (a revoked PC's does not).
 */
const isOpenCall = (call: HelpCallView) => call.state === 'requested' || call.state === 'acknowledged';

/** Alerts not yet cleared (the PC still out of service), oldest first. */
export function openAlerts(board: Board): PcAlertView[] {
  const pcs = new Set(board.pcs.map((pc) => pc.id));
  return board.alerts.filter((a) => a.state !== 'cleared' && pcs.has(a.pcId)).sort((a, b) => a.raisedAt - b.raisedAt);
}

/** Help calls and alerts open now: the number on the badge, in the title and the menu. */
export function openCount(board: Board): number {
  return board.help.filter(isOpenCall).length + openAlerts(board).length;
}

/** True while a call or an alert waits for an advisor's first answer ("I'm coming", "I'll see to it"). */
export function unanswered(board: Board): boolean {
  return board.help.some((c) => c.state === 'requested') || openAlerts(board).some((a) => a.state === 'raised');
}

/** How often the reminder sounds now (ms), or undefined: nothing unanswered, or the site sounds each alert once. */
export function reminderEveryMs(board: Board): number | undefined {
  const seconds = board.site.alertRepeatSeconds;
  return seconds > 0 && unanswered(board) ? seconds * 1000 : undefined;
}

/** Why the PC is out of service, or what the printer needs, in the console's words. */
export const CAUSE_TEXT: Record<PcAlertView['cause'], AdvisorKey> = {
  wipe: 'pcAlert.causeWipe',
  probe: 'pcAlert.causeProbe',
  other: 'pcAlert.causeOther',
  'media-empty': 'printerAlert.causeMediaEmpty',
  'media-jam': 'printerAlert.causeMediaJam',
  'toner-empty': 'printerAlert.causeTonerEmpty',
  'door-open': 'printerAlert.causeDoorOpen',
  stopped: 'printerAlert.causeStopped',
  unreachable: 'printerAlert.causeUnreachable',
};
