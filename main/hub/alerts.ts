import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import { alertChange, outOfServiceCause, type AlertState } from '../core/pc-alert';
import type { Logger } from '../log/logger';
import { sitePolicySchema } from '../config/policy';
import type { KioskStatus, PcAlertView, SitePolicy } from '../../preload/hub-contract';
import { HubError } from './bookings';
import type { HubStore } from './hub-store';
import { noticeSubject, OUT_OF_SERVICE_TODO, type OutOfServiceNotice } from './webhook';

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

/** The phone's notice of a new alert: the PC, its room and what to do (never the PC's own words). */
export function outOfServiceNotice(store: HubStore, alert: PcAlertView, consoleUrl: string | undefined): OutOfServiceNotice {
  return { event: 'pc.out-of-service', alertId: alert.id, ...noticeSubject(store, alert.pcId, alert.raisedAt, consoleUrl), whatToDo: OUT_OF_SERVICE_TODO };
}

const DEFAULT_REPEAT_SECONDS = sitePolicySchema.parse({}).help.alertRepeatSeconds;

/** The audit log's actions for alerts: they are the alerts' record, read again when the hub starts. */
const RAISED = 'pc out of service';
const ACKNOWLEDGED = 'pc out of service acknowledged';
const CLEARED = 'pc back in service';
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
 */
export class PcAlerts {
  private readonly alerts = new Map<string, PcAlertView>();

  constructor(private readonly deps: { store: HubStore; clock: Clock; logger: Logger; listeners: AlertListeners }) {}

  /** Reads the alerts back from the audit log, then takes each PC's last reported status as it is now. */
  start(): void {
    const { store, clock } = this.deps;
    const rows = store.db
      .prepare('SELECT at, actor, action, subject, details FROM audit WHERE action IN (?, ?, ?) AND at >= ? ORDER BY seq')
      .all(RAISED, ACKNOWLEDGED, CLEARED, clock.now() - LOOK_BACK_MS) as Array<{ at: number; actor: string; action: string; subject: string | null; details: string | null }>;
    for (const row of rows) {
      if (!row.subject) continue;
      if (row.action === RAISED) {
        const details = JSON.parse(row.details ?? '{}') as { pcId?: string; reason?: string };
        if (!details.pcId) continue;
        this.alerts.set(row.subject, this.newAlert(row.subject, details.pcId, details.reason ?? '', row.at));
        continue;
      }
      const alert = this.alerts.get(row.subject);
      if (!alert) continue;
      if (row.action === ACKNOWLEDGED && alert.state === 'raised') {
        this.alerts.set(alert.id, { ...alert, state: 'acknowledged', acknowledgedAt: row.at, advisor: row.actor.replace(/^advisor:/, '') });
      } else if (row.action === CLEARED) {
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
    if (change === 'raise') this.raise(pcId, status.outOfService?.reason ?? 'out of service');
    else if (change === 'clear' && open) this.clear(open);
  }

  /** An advisor answers the alert ("I'll see to it"): the consoles stop ringing, the phone is not woken for it any more. */
  acknowledge(id: string, advisor: string, now: number): PcAlertView {
    const alert = this.alerts.get(id);
    if (!alert) throw new HubError(404, 'unknown-alert', `there is no alert "${id}"`);
    if (alert.state !== 'raised') return alert;
    const updated: PcAlertView = { ...alert, state: 'acknowledged', acknowledgedAt: now, advisor };
    this.alerts.set(id, updated);
    this.deps.store.audit(now, `advisor:${advisor}`, ACKNOWLEDGED, id, { pcId: alert.pcId });
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
    return [...this.alerts.values()].find((a) => a.pcId === pcId && a.state !== 'cleared');
  }

  private newAlert(id: string, pcId: string, reason: string, at: number): PcAlertView {
    return { id, pcId, kind: 'out-of-service', cause: outOfServiceCause(reason), state: 'raised', raisedAt: at, detail: reason.slice(0, 300) };
  }

  private raise(pcId: string, reason: string): void {
    const now = this.deps.clock.now();
    this.forgetOld(now);
    const alert = this.newAlert(randomUUID(), pcId, reason, now);
    this.alerts.set(alert.id, alert);
    // The PC's own words go to the audit log (IT reads them there and in the console's details); the log has the cause only.
    this.deps.store.audit(now, `pc:${pcId}`, RAISED, alert.id, { pcId, cause: alert.cause, reason: alert.detail });
    this.deps.logger.warn('PC out of service: advisors alerted', { pc: pcId, cause: alert.cause });
    this.deps.listeners.raised(alert);
    this.deps.listeners.changed(alert);
  }

  private clear(alert: PcAlertView): void {
    const now = this.deps.clock.now();
    const updated: PcAlertView = { ...alert, state: 'cleared', clearedAt: now };
    this.alerts.set(alert.id, updated);
    this.deps.store.audit(now, `pc:${alert.pcId}`, CLEARED, alert.id, { pcId: alert.pcId });
    this.deps.logger.info('PC back in service', { pc: alert.pcId });
    this.deps.listeners.changed(updated);
  }

  private forgetOld(now: number): void {
    for (const [id, alert] of this.alerts) if (alert.state === 'cleared' && (alert.clearedAt ?? 0) < now - KEEP_CLEARED_MS) this.alerts.delete(id);
  }
}
