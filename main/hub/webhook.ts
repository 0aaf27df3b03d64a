import { createHmac } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { AlertState } from '../core/pc-alert';
import type { PrinterCause } from '../core/printer-state';
import type { Scheduled, Scheduler } from '../core/scheduler';
import type { HubNetwork } from '../config/hub';
import type { Logger } from '../log/logger';
import type { HubStore } from './hub-store';

export interface HelpNotice {
  event: 'help.requested';
  callId: string;
  site: string;
  pc: { id: string; name: string };
  room: string;
  at: string;
  /** The advisor console, for the phone to open. */
  console: string | undefined;
  /** "Get help on the screen" (issue 16): the resident asks an advisor anywhere to see their page. */
  remote?: true;
}

/** What the phone says to do about a PC out of service (the PC's own words stay at the hub, for IT). */
export const OUT_OF_SERVICE_TODO = 'Restart the PC; if it fails again, call IT.';

/** A PC that took itself out of service: the PC, its room and what to do, nothing more. */
export interface OutOfServiceNotice {
  event: 'pc.out-of-service';
  alertId: string;
  site: string;
  pc: { id: string; name: string };
  room: string;
  at: string;
  whatToDo: typeof OUT_OF_SERVICE_TODO;
  console: string | undefined;
}

/** What the phone says to do about a printer that needs someone (issue 14). */
export const PRINTER_TODO = 'Check the printer: paper, jams, toner and doors. Residents\' jobs wait until it prints again.';

/** A printer that needs someone: which (host and path), why in a closed word, the PC that saw it, what to do. */
export interface PrinterNotice {
  event: 'printer.problem';
  alertId: string;
  site: string;
  pc: { id: string; name: string };
  room: string;
  at: string;
  printer: string;
  cause: PrinterCause;
  whatToDo: typeof PRINTER_TODO;
  console: string | undefined;
}

export type PhoneNotice = HelpNotice | OutOfServiceNotice | PrinterNotice;

/** What a notice is about: the site, the PC and its room (nothing of the resident), when, and the console to open. */
export function noticeSubject(store: HubStore, pcId: string, at: number, consoleUrl: string | undefined): Pick<HelpNotice, 'site' | 'pc' | 'room' | 'at' | 'console'> {
  const pc = store.pc(pcId);
  return { site: store.site()!.name, pc: { id: pcId, name: pc?.name ?? pcId }, room: pc?.room ?? '', at: new Date(at).toISOString(), console: consoleUrl };
}

const noticeId = (notice: PhoneNotice): string => (notice.event === 'help.requested' ? notice.callId : notice.alertId);

/** The body for one webhook: generic JSON, or an ntfy message (title, text, priority, click). */
export function webhookBody(hook: { format: 'json' | 'ntfy'; topic?: string | undefined }, notice: PhoneNotice): { body: string; contentType: string } {
  if (hook.format === 'ntfy') {
    const help = notice.event === 'help.requested';
    const printer = notice.event === 'printer.problem';
    const headline = printer ? `${notice.printer} (${notice.cause}), seen at ${notice.pc.name}` : `${notice.pc.name}, ${notice.room}`;
    return {
      contentType: 'application/json',
      body: JSON.stringify({
        ...(hook.topic ? { topic: hook.topic } : {}),
        title: help ? (notice.remote ? 'Tupa: help on the screen requested' : 'Tupa: help requested') : printer ? 'Tupa: the printer needs attention' : 'Tupa: PC out of service',
        message: help ? `${headline} (${notice.site})` : `${headline} (${notice.site}). ${notice.whatToDo}`,
        priority: help ? 5 : 4,
        tags: [help ? 'sos' : 'warning'],
        ...(notice.console ? { click: notice.console } : {}),
      }),
    };
  }
  return { contentType: 'application/json', body: JSON.stringify(notice) };
}

export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5 * 60_000, 1_000 * 2 ** Math.max(0, attempts));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Help calls and PCs out of service reach a phone with no browser open:
 * each notice is put in a durable outbox, once per webhook, and POSTed
 * until the receiver answers 2xx, with exponential backoff and jitter. A
 * hub restart loses nothing; a notice whose call or alert was answered (or
 * cancelled, or cleared) before it got through is dropped rather than sent late.
 */
export class WebhookOutbox {
  private timer: Scheduled | undefined;
  private running = false;
  private delivering = false;

  constructor(
    private readonly deps: {
      store: HubStore;
      webhooks: HubNetwork['webhooks'];
      clock: Clock;
      scheduler: Scheduler;
      logger: Logger;
      timeoutMs?: number;
      /** A PC alert's state now (main/hub/alerts.ts): a notice for one no longer raised is dropped. */
      alertState?: (alertId: string) => AlertState | undefined;
    },
  ) {}

  enqueue(notice: PhoneNotice): void {
    const now = this.deps.clock.now();
    this.deps.webhooks.forEach((hook, index) => {
      const { body } = webhookBody(hook, notice);
      this.deps.store.enqueueWebhook(noticeId(notice), notice.event, `${index}:${hook.url}`, body, now);
    });
    this.wake(now);
  }

  start(): void {
    this.running = true;
    this.wake(this.deps.clock.now());
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
  }

  /** Delivers everything due now; returns how many were delivered (tests call it directly). */
  async deliverDue(): Promise<number> {
    if (this.delivering) return 0;
    this.delivering = true;
    let delivered = 0;
    try {
      for (const item of this.deps.store.dueWebhooks(this.deps.clock.now())) {
        const index = Number(item.target.slice(0, item.target.indexOf(':')));
        const hook = this.deps.webhooks[index];
        if (!hook) {
          this.deps.store.webhookFailed(item.id, this.deps.clock.now() + 24 * 3_600_000, 'the webhook is no longer configured');
          continue;
        }
        // A phone buzzing for a call (or a PC) someone has already taken only confuses.
        const answered = this.answeredFirst(item.callId);
        if (answered) {
          this.deps.store.webhookDropped(item.id, this.deps.clock.now(), `not sent: the ${answered.what} was ${answered.state} first`);
          this.deps.logger.info(`webhook notice dropped: the ${answered.what} was answered first`, { state: answered.state, attempts: item.attempts });
          continue;
        }
        const error = await this.post(hook, item.payload);
        const now = this.deps.clock.now();
        if (!error) {
          this.deps.store.webhookDelivered(item.id, now);
          delivered++;
        } else {
          this.deps.store.webhookFailed(item.id, now + backoffMs(item.attempts), error);
          this.deps.logger.warn('webhook not delivered; will retry', { attempt: item.attempts + 1, error });
        }
      }
    } finally {
      this.delivering = false;
    }
    const next = this.deps.store.nextWebhookAt();
    if (next !== undefined) this.wake(next);
    return delivered;
  }

  private answeredFirst(id: string): { what: 'call' | 'alert'; state: string } | undefined {
    const call = this.deps.store.helpCall(id);
    if (call) return call.state === 'requested' ? undefined : { what: 'call', state: call.state };
    const alert = this.deps.alertState?.(id);
    return alert && alert !== 'raised' ? { what: 'alert', state: alert } : undefined;
  }

  private wake(at: number): void {
    if (!this.running) return;
    this.timer?.cancel();
    this.timer = this.deps.scheduler.at(at, () => void this.deliverDue());
  }

  private async post(hook: HubNetwork['webhooks'][number], body: string): Promise<string | undefined> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Tupa hub' };
    if (hook.token) headers.authorization = `Bearer ${hook.token}`;
    if (hook.secret) headers['x-tupa-signature'] = `sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`;
    try {
      // No redirects: a 307 would re-POST the notice (and its signature) wherever it pointed.
      const response = await fetch(hook.url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(this.deps.timeoutMs ?? 5_000) });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message;
    }
  }
}
