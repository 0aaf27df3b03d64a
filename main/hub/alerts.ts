import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import { alertChange, outOfServiceCause, type AlertKind, type AlertState } from '../core/pc-alert';
import { printerProblem, type PrinterCause } from '../core/printer-state';
import type { PrinterStatusReport } from '../../preload/print-contract';
import type { Logger } from '../log/logger';
import { sitePolicySchema } from '../config/policy';
import type { KioskStatus, PcAlertView, SitePolicy } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { noticeSubject, OUT_OF_SERVICE_TODO, PRINTER_TODO, type OutOfServiceNotice, type PrinterNotice } from './webhook';

export interface AlertListeners {
  /** The alert changed (raised, acknowledged, cleared): tell the consoles. */
  changed: (alert: PcAlertView) => void;
  /** A new alert: wake the phone (webhooks). */
  raised: (alert: PcAlertView) => void;
}

/**
 * How often the consoles repeat an unanswered alert: the policy's
 * help.alertRepeatSeconds, or its default when the stored policy predates
 * it and no longer parses (the hub then keeps it as it was saved).
 */
export function alertRepeatSeconds(policy: SitePolicy): number {
  const seconds: unknown = (policy.help as Partial<SitePolicy['help']> | undefined)?.alertRepeatSeconds;
  return typeof seconds === 'number' ? seconds : DEFAULT_REPEAT_SECONDS;
}

/** The phone's notice of a new alert: the PC (for a printer: the one that saw it), its room and what to do (never the PC's own words). */
export function alertNotice(store: HubStore, alert: PcAlertView, consoleUrl: string | undefined): OutOfServiceNotice | PrinterNotice {
  const subject = noticeSubject(store, alert.pcId, alert.raisedAt, consoleUrl);
  if (alert.kind === 'printer') return { event: 'printer.problem', alertId: alert.id, ...subject, printer: alert.printer ?? '', cause: alert.cause as PrinterCause, whatToDo: PRINTER_TODO };
  return { event: 'pc.out-of-service', alertId: alert.id, ...subject, whatToDo: OUT_OF_SERVICE_TODO };
}

const DEFAULT_REPEAT_SECONDS = sitePolicySchema.parse({}).help.alertRepeatSeconds;

/** The audit log's actions for alerts, by kind: they are the alerts' record, read again when the hub starts. */
const ACTIONS: Record<AlertKind, { raised: string; acknowledged: string; cleared: string }> = {
  'out-of-service': { raised: 'pc out of service', acknowledged: 'pc out of service acknowledged', cleared: 'pc back in service' },
  printer: { raised: 'printer problem', acknowledged: 'printer problem acknowledged', cleared: 'printer working again' },
};
const KIND_OF = new Map(Object.entries(ACTIONS).flatMap(([kind, a]) => Object.values(a).map((action) => [action, kind as AlertKind] as const)));
/** How far back a restarted hub looks for alerts still open (older ones are raised again from the PC's status). */
const LOOK_BACK_MS = 30 * 24 * 3_600_000;
/** Cleared alerts are kept this long (the board shows today's). */
const KEEP_CLEARED_MS = 2 * 24 * 3_600_000;

/**
 * PCs out of service, as alerts an advisor cannot miss: a PC that reports
 * itself out of service (a failed wipe or probe) raises one, which reaches
 * every console (sound, notification) and the phone, until an advisor
 * acknowledges it; the PC back in service clears it. The PC's own words
 * stay for IT (in the alert's detail and the audit log); the advisor reads
 * the cause in plain words. Every change is audited, and the audit log is
 * what a restarted hub rebuilds the alerts from: none is raised twice.
 *
 * A printer that needs someone (out of paper, jammed, stopped, not
 * answering: main/core/printer-state.ts) raises a printer alert the same
 * way, one per printer however many PCs report it, cleared when any PC
 * hears it working again.
 */
export class PcAlerts {
  private readonly alerts = new Map<string, PcAlertView>();

  constructor(private readonly deps: { store: HubStore; clock: Clock; logger: Logger; listeners: AlertListeners }) {}

  /** Reads the alerts back from the audit log, then takes each PC's last reported status as it is now. */
  start(): void {
    const { store, clock } = this.deps;
    const actions = [...KIND_OF.keys()];
    const rows = store.db
      .prepare(`SELECT at, actor, action, subject, details FROM audit WHERE action IN (${actions.map(() => '?').join(', ')}) AND at >= ? ORDER BY seq`)
      .all(...actions, clock.now() - LOOK_BACK_MS) as Array<{ at: number; actor: string; action: string; subject: string | null; details: string | null }>;
    for (const row of rows) {
      const kind = KIND_OF.get(row.action);
      if (!row.subject || !kind) continue;
      if (row.action === ACTIONS[kind].raised) {
        const details = JSON.parse(row.details ?? '{}') as { pcId?: string; reason?: string; cause?: PrinterCause; printer?: string };
        if (!details.pcId) continue;
        const alert =
          kind === 'printer'
            ? this.newPrinterAlert(row.subject, details.pcId, { printer: details.printer ?? '', cause: details.cause ?? 'stopped', detail: details.reason ?? '' }, row.at)
            : this.newAlert(row.subject, details.pcId, details.reason ?? '', row.at);
        this.alerts.set(row.subject, alert);
        continue;
      }
      const alert = this.alerts.get(row.subject);
      if (!alert) continue;
      if (row.action === ACTIONS[kind].acknowledged && alert.state === 'raised') {
        this.alerts.set(alert.id, { ...alert, state: 'acknowledged', acknowledgedAt: row.at, advisor: row.actor.replace(/^advisor:/, '') });
      } else if (row.action === ACTIONS[kind].cleared) {
        this.alerts.set(alert.id, { ...alert, state: 'cleared', clearedAt: row.at });
      }
    }
    for (const pc of store.pcs()) if (pc.paired && !pc.revoked && pc.status) this.statusChanged(pc.id, pc.status);
  }

  /** A PC reported its status: out of service raises its alert (once), back in service clears it. */
  statusChanged(pcId: string, status: KioskStatus): void {
    const open = this.openFor(pcId);
    // Out of service because an advisor said so (issue 15) is planned: no alert.
    const change = alertChange(open, status.outOfService?.planned ? 'planned' : status.phase);
    if (change === 'raise') this.raise(this.newAlert(randomUUID(), pcId, status.outOfService?.reason ?? 'out of service', this.deps.clock.now()));
    else if (change === 'clear' && open) this.clear(open);
    if (status.print?.printer) this.printerReported(pcId, status.print.printer);
  }

  /** A PC heard its printer: a problem raises the printer's alert (once), a printer working again clears it. */
  private printerReported(pcId: string, report: PrinterStatusReport): void {
    const open = [...this.alerts.values()].find((a) => a.kind === 'printer' && a.printer === report.printer && a.state !== 'cleared');
    const cause = printerProblem(report);
    if (cause && !open) {
      const detail = `${report.state}${report.reasons.length ? `: ${report.reasons.join(', ')}` : ''}`;
      this.raise(this.newPrinterAlert(randomUUID(), pcId, { printer: report.printer, cause, detail }, this.deps.clock.now()));
    } else if (cause && open && open.cause !== cause) {
      // Another problem at the same printer (the jam cleared, now it is out of paper): the advisor reads the new one.
      const updated: PcAlertView = { ...open, cause };
      this.alerts.set(open.id, updated);
      this.deps.listeners.changed(updated);
    } else if (!cause && open) {
      this.clear(open);
    }
  }

  /** An advisor answers the alert ("I'll see to it"): the consoles stop ringing, the phone is not woken for it any more. */
  acknowledge(id: string, advisor: string, now: number): PcAlertView {
    const alert = this.alerts.get(id);
    if (!alert) throw new HubError(404, 'unknown-alert', `there is no alert "${id}"`);
    if (alert.state !== 'raised') return alert;
    const updated: PcAlertView = { ...alert, state: 'acknowledged', acknowledgedAt: now, advisor };
    this.alerts.set(id, updated);
    this.deps.store.audit(now, `advisor:${advisor}`, ACTIONS[alert.kind].acknowledged, id, { pcId: alert.pcId });
    this.deps.listeners.changed(updated);
    return updated;
  }

  /** For the board: every open alert and those cleared since `since`, of PCs still paired. */
  list(since: number): PcAlertView[] {
    return [...this.alerts.values()]
      .filter((a) => a.state !== 'cleared' || (a.clearedAt ?? 0) >= since)
      .filter((a) => this.deps.store.pc(a.pcId)?.revoked === false)
      .sort((a, b) => a.raisedAt - b.raisedAt);
  }

  /** The alert's state now (the webhook outbox drops a notice for one answered first). */
  state(id: string): AlertState | undefined {
    return this.alerts.get(id)?.state;
  }

  private openFor(pcId: string): PcAlertView | undefined {
    return [...this.alerts.values()].find((a) => a.kind === 'out-of-service' && a.pcId === pcId && a.state !== 'cleared');
  }

  private newAlert(id: string, pcId: string, reason: string, at: number): PcAlertView {
    return { id, pcId, kind: 'out-of-service', cause: outOfServiceCause(reason), state: 'raised', raisedAt: at, detail: reason.slice(0, 300) };
  }

  private newPrinterAlert(id: string, pcId: string, what: { printer: string; cause: PrinterCause; detail: string }, at: number): PcAlertView {
    return { id, pcId, kind: 'printer', cause: what.cause, printer: what.printer, state: 'raised', raisedAt: at, detail: what.detail.slice(0, 300) };
  }

  private raise(alert: PcAlertView): void {
    const now = alert.raisedAt;
    const pcId = alert.pcId;
    this.forgetOld(now);
    this.alerts.set(alert.id, alert);
    // The PC's own words go to the audit log (IT reads them there and in the console's details); the log has the cause only.
    this.deps.store.audit(now, `pc:${pcId}`, ACTIONS[alert.kind].raised, alert.id, { pcId, cause: alert.cause, reason: alert.detail, ...(alert.printer ? { printer: alert.printer } : {}) });
    this.deps.logger.warn(alert.kind === 'printer' ? 'printer problem: advisors alerted' : 'PC out of service: advisors alerted', { pc: pcId, cause: alert.cause });
    this.deps.listeners.raised(alert);
    this.deps.listeners.changed(alert);
  }

  private clear(alert: PcAlertView): void {
    const now = this.deps.clock.now();
    const updated: PcAlertView = { ...alert, state: 'cleared', clearedAt: now };
    this.alerts.set(alert.id, updated);
    this.deps.store.audit(now, `pc:${alert.pcId}`, ACTIONS[alert.kind].cleared, alert.id, { pcId: alert.pcId });
    this.deps.logger.info(alert.kind === 'printer' ? 'printer working again' : 'PC back in service', { pc: alert.pcId });
    this.deps.listeners.changed(updated);
  }

  private forgetOld(now: number): void {
    for (const [id, alert] of this.alerts) if (alert.state === 'cleared' && (alert.clearedAt ?? 0) < now - KEEP_CLEARED_MS) this.alerts.delete(id);
  }
}
