import { randomUUID } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import { openingAt, type OpeningHours } from '../core/opening-hours';
import { holdEndsAt } from '../core/release';
import { walkInWindow } from '../core/walk-in';
import { aheadOf, step, type QueueEffect, type QueueEntry, type QueueInput, type QueueState } from '../core/queue';
import { siteDayAndHour } from '../sync/figures';
import type { Logger } from '../log/logger';
import type { HubToKiosk, KioskToHub, QueueCallView, QueueTakeRefusal, QueueView } from '../../preload/hub-contract';
import type { HubStore, PcRow } from './hub-store';
import { HubError } from './bookings';

/** A number being called, as the lobby's status board shows it. */
export type CurrentCall = QueueCallView;

export interface HubQueueDeps {
  store: HubStore;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  /** Whether the PC's link is up and heard from (kiosk-links.ts). */
  isOnline: (pcId: string) => boolean;
  /** A PC silent this long is lost: its called number goes to the next free PC. */
  offlineAfterMs: number;
  /** The queue as kiosks show it: to every connected PC. */
  toKiosks: (message: Extract<HubToKiosk, { type: 'queue' }>) => void;
  /** The queue as the console shows it. */
  toAdvisors: (view: QueueView) => void;
}

/** What a PC's link needs of the queue (kiosk-links.ts). */
export interface QueueLinkPort {
  fromPc(pcId: string, message: Extract<KioskToHub, { type: 'queue-take' | 'queue-start' }>, answer: (message: HubToKiosk) => void): void;
  kioskMessage(): HubToKiosk;
}

type TakeAnswer = { ok: true; number: string; ahead: number } | { ok: false; reason: QueueTakeRefusal };

interface Survey {
  free: string[];
  busy: string[];
  lost: string[];
  open: boolean;
}

const BUSY_PHASES = new Set(['active', 'warning', 'ending', 'wiping', 'feedback']);
const TICK_MS = 1_000;
const FULL_LOOK_MS = 30_000;

interface Row {
  id: string;
  day: string;
  seq: number;
  label: string;
  kiosk_id: string;
  taken_at: number;
  state: string;
  pc_id: string | null;
  called_at: number | null;
  until: number | null;
}

/**
 * "Take a number" at the hub: the pure rule (main/core/queue.ts) over the
 * queue_numbers table, so a hub restarted with a queue in it keeps it, and
 * its calls and hold times go on from the stored times. Each PC's status
 * (kiosk-links.ts) tells which PCs are free, busy or lost; every change is
 * audited (numbers only: nothing here can name anyone) and pushed to every
 * kiosk and console.
 */
export class HubQueue implements QueueLinkPort {
  private timer: Scheduled | undefined;
  private lastFull = -Infinity;
  /** The earliest hold time that runs out. */
  private nextDue = Infinity;
  private opening: { key: string; open: boolean; from: number; until: number } | undefined;
  private readonly startedAt: number;
  private lastKioskMessage = '';
  private lastCalls = '';
  private readonly callListeners = new Set<(calls: CurrentCall[]) => void>();

  constructor(private readonly deps: HubQueueDeps) {
    this.startedAt = deps.clock.now();
  }

  start(): void {
    // Cheap each second: a full look only when a hold time runs out, when a restarted hub's wait for its PCs ends, or every half minute.
    this.timer = this.deps.scheduler.every(TICK_MS, () => {
      const now = this.deps.clock.now();
      const graceEnds = this.startedAt + this.deps.offlineAfterMs;
      if (now >= this.nextDue || now - this.lastFull >= FULL_LOOK_MS || (this.lastFull < graceEnds && now >= graceEnds)) this.update();
    });
    this.update();
  }

  stop(): void {
    this.timer?.cancel();
  }

  /** The numbers being called now (for the lobby's status board). */
  calls(): CurrentCall[] {
    const names = new Map(this.deps.store.pcs().map((p) => [p.id, p.name]));
    return this.load().entries.flatMap((e) => (e.call ? [{ number: e.label, pcId: e.call.pcId, pcName: names.get(e.call.pcId) ?? e.call.pcId, until: e.call.until }] : []));
  }

  /** Tells `listener` whenever the numbers being called change; returns its unsubscribe. */
  onCallsChanged(listener: (calls: CurrentCall[]) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  view(survey = this.pcConditions(this.deps.clock.now())): QueueView {
    const state = this.load();
    const { free } = survey;
    const held = new Set(state.entries.flatMap((e) => (e.call ? [e.call.pcId] : [])));
    return {
      waiting: state.entries.filter((e) => !e.call).map((e) => ({ id: e.id, number: e.label, takenAt: e.takenAt })),
      called: state.entries.flatMap((e) => (e.call ? [{ id: e.id, number: e.label, pcId: e.call.pcId, until: e.call.until }] : [])),
      freePcs: free.filter((id) => !held.has(id)),
    };
  }

  /** What a PC is told of the queue (on connect, and after each change). */
  kioskMessage(survey = this.pcConditions(this.deps.clock.now())): Extract<HubToKiosk, { type: 'queue' }> {
    const state = this.load();
    const held = new Set(state.entries.flatMap((e) => (e.call ? [e.call.pcId] : [])));
    const anyFree = survey.free.some((id) => !held.has(id));
    return { type: 'queue', offered: this.refusal(survey.open, anyFree) === undefined, waiting: state.entries.filter((e) => !e.call).length, calls: this.calls() };
  }

  /** A number taken (answered to the PC under its request id) or started at a PC. */
  fromPc(pcId: string, message: Extract<KioskToHub, { type: 'queue-take' | 'queue-start' }>, answer: (message: HubToKiosk) => void): void {
    try {
      if (message.type === 'queue-start') return this.started(pcId);
      const taken = this.take(pcId, message.requestId);
      const { requestId } = message;
      answer(taken.ok ? { type: 'queue-taken', requestId, number: taken.number, ahead: taken.ahead } : { type: 'queue-refused', requestId, reason: taken.reason });
    } catch (error) {
      this.deps.logger.error('queue message failed', { pc: pcId, error: (error as Error).message });
    }
  }

  /** A resident takes a number at `kioskId`; the same request id sent again gets the same number. */
  take(kioskId: string, requestId: string): TakeAnswer {
    const { store, clock } = this.deps;
    const known = store.db.prepare('SELECT id, label FROM queue_numbers WHERE request_id = ?').get(requestId) as { id: string; label: string } | undefined;
    if (known) return { ok: true, number: known.label, ahead: aheadOf(this.load(), known.id) };
    const now = clock.now();
    const state = this.load();
    const held = new Set(state.entries.flatMap((e) => (e.call ? [e.call.pcId] : [])));
    const survey = this.pcConditions(now);
    const refusal = this.refusal(survey.open, survey.free.some((id) => !held.has(id)));
    if (refusal) return { ok: false, reason: refusal };
    const id = randomUUID();
    const effects = this.apply({ type: 'take', id, kioskId, at: now, day: this.day(now) }, `pc:${kioskId}`, requestId);
    const taken = effects.find((e) => e.type === 'taken');
    if (!taken) return { ok: false, reason: 'limit' };
    this.update();
    return { ok: true, number: taken.entry.label, ahead: taken.ahead };
  }

  /** The resident at `pcId` pressed Start on the number called there. */
  started(pcId: string): void {
    this.apply({ type: 'start', pcId, at: this.deps.clock.now() }, `pc:${pcId}`);
    this.update();
  }

  call(pcId: string, id: string | undefined, advisor: string): QueueView {
    const now = this.deps.clock.now();
    const effects = this.apply({ type: 'call', at: now, pcId, id, free: this.pcConditions(now).free }, `advisor:${advisor}`);
    this.refuseOn(effects);
    this.update();
    return this.view();
  }

  skip(id: string, advisor: string): QueueView {
    this.refuseOn(this.apply({ type: 'skip', id, at: this.deps.clock.now() }, `advisor:${advisor}`));
    this.update();
    return this.view();
  }

  clear(advisor: string): QueueView {
    this.apply({ type: 'clear', at: this.deps.clock.now() }, `advisor:${advisor}`);
    this.update();
    return this.view();
  }

  /**
   * Looks at the PCs again: numbers called to PCs now busy were started,
   * to PCs lost go back in line, not taken in time are dropped; free PCs
   * get the next numbers. Then tells kiosks and consoles what changed.
   * Runs every second and whenever a PC's status or the bookings change.
   */
  update(): void {
    const now = this.deps.clock.now();
    this.lastFull = now;
    const survey = this.pcConditions(now);
    const state = this.load();
    const { free, busy, lost } = survey;
    if (state.entries.length > 0 || state.day !== this.day(now)) this.apply({ type: 'tick', at: now, day: this.day(now), free, busy, lost }, 'system');
    this.nextDue = Math.min(Infinity, ...this.load().entries.flatMap((e) => (e.call ? [e.call.until] : [])));
    this.publish(survey);
  }

  private publish(survey: Survey): void {
    const message = this.kioskMessage(survey);
    const text = JSON.stringify(message);
    if (text !== this.lastKioskMessage) {
      this.lastKioskMessage = text;
      this.deps.toKiosks(message);
      this.deps.toAdvisors(this.view(survey));
    }
    const calls = JSON.stringify(message.calls);
    if (calls !== this.lastCalls) {
      this.lastCalls = calls;
      for (const listener of this.callListeners) listener(message.calls);
    }
  }

  private refusal(open: boolean, anyFree: boolean): QueueTakeRefusal | undefined {
    if (!this.deps.store.site()!.policy.queue.enabled) return 'disabled';
    if (!open) return 'closed';
    if (anyFree) return 'pc-free';
    return undefined;
  }

  private refuseOn(effects: QueueEffect[]): void {
    const refused = effects.find((e) => e.type === 'refused');
    if (!refused) return;
    const messages: Record<string, [number, string]> = {
      'pc-not-free': [409, 'that PC is not free now (in use, booked, offline, or already holding a called number)'],
      'not-waiting': [409, 'that number is already called to a PC'],
      empty: [409, 'no number is waiting'],
      'unknown-number': [404, 'there is no such number in the queue now'],
      disabled: [409, 'the queue is switched off in the site policy (queue.enabled)'],
      limit: [409, 'this kiosk already has numbers waiting'],
    };
    const [status, message] = messages[refused.reason]!;
    throw new HubError(status, `queue-${refused.reason}`, message);
  }

  /** Free, busy and lost PCs now, in the order the site lists them, and whether the site is open. */
  private pcConditions(now: number): Survey {
    const { store } = this.deps;
    const site = store.site()!;
    const open = this.isOpen(now, site.timeZone, site.policy.openingHours);
    const bookings = store.liveBookings(now);
    const free: string[] = [];
    const busy: string[] = [];
    const lost: string[] = [];
    for (const pc of store.pcs()) {
      const condition = this.condition(pc, now);
      if (condition === 'lost') lost.push(pc.id);
      else if (condition === 'busy') busy.push(pc.id);
      else if (condition === 'welcome' && open) {
        // A booking past its hold time no longer holds a PC on its welcome screen: a no-show, or the rest of a session ended early.
        const own = bookings.filter((b) => b.pcId === pc.id && now < holdEndsAt(b, site.policy.checkIn));
        const window = walkInWindow(own, now, { ...site.policy.walkIn, enabled: true }, site.policy.checkIn);
        if (window.allowed) free.push(pc.id);
      }
    }
    return { free, busy, lost, open };
  }

  /** Whether the site is open, worked out again only at the next opening or closing (or when the hours change): it takes milliseconds. */
  private isOpen(now: number, zone: string, hours: OpeningHours): boolean {
    const key = `${zone} ${JSON.stringify(hours)}`;
    const known = this.opening;
    if (known && known.key === key && now >= known.from && now < known.until) return known.open;
    const opening = openingAt(now, zone, hours);
    const next = opening.open ? opening.closesAt : opening.opensAt;
    this.opening = { key, open: opening.open, from: now, until: Math.min(next ?? Infinity, now + 3_600_000) };
    return opening.open;
  }

  private condition(pc: PcRow, now: number): 'lost' | 'busy' | 'welcome' | 'unknown' {
    if (!pc.paired || pc.revoked || pc.status?.phase === 'out-of-service') return 'lost';
    if (!this.deps.isOnline(pc.id)) {
      // A hub just restarted gives its PCs time to come back before calling their numbers elsewhere.
      return now - this.startedAt >= this.deps.offlineAfterMs ? 'lost' : 'unknown';
    }
    if (!pc.status) return 'unknown';
    if (BUSY_PHASES.has(pc.status.phase)) return 'busy';
    if (pc.status.phase === 'welcome' && pc.status.lastWipe?.ok !== false) return 'welcome';
    return 'unknown';
  }

  private day(now: number): string {
    return siteDayAndHour(now, this.deps.store.site()!.timeZone).day;
  }

  private load(): QueueState {
    const db = this.deps.store.db;
    const latest = db.prepare('SELECT day, max(seq) AS seq FROM queue_numbers GROUP BY day ORDER BY day DESC LIMIT 1').get() as { day: string; seq: number } | undefined;
    const rows = db.prepare("SELECT * FROM queue_numbers WHERE state IN ('waiting', 'called') ORDER BY day, seq").all() as Row[];
    const entries: QueueEntry[] = rows.map((r) => ({
      id: r.id,
      day: r.day,
      seq: r.seq,
      label: r.label,
      kioskId: r.kiosk_id,
      takenAt: r.taken_at,
      call: r.state === 'called' && r.pc_id !== null ? { pcId: r.pc_id, at: r.called_at!, until: r.until! } : undefined,
    }));
    return { day: latest?.day ?? '', lastSeq: latest?.seq ?? 0, entries };
  }

  /** One step of the rule, its effects written and audited in one transaction. */
  private apply(input: QueueInput, actor: string, requestId?: string): QueueEffect[] {
    const { store, logger } = this.deps;
    const policy = store.site()!.policy.queue;
    return store.transaction(() => {
      const { effects } = step(this.load(), input, policy);
      const db = store.db;
      for (const effect of effects) {
        switch (effect.type) {
          case 'taken': {
            const e = effect.entry;
            db.prepare("INSERT INTO queue_numbers (id, request_id, day, seq, label, kiosk_id, taken_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')").run(
              e.id,
              requestId ?? e.id,
              e.day,
              e.seq,
              e.label,
              e.kioskId,
              e.takenAt,
            );
            store.audit(input.at, actor, 'queue number taken', e.label);
            break;
          }
          case 'called':
            db.prepare("UPDATE queue_numbers SET state = 'called', pc_id = ?, called_at = ?, until = ? WHERE id = ?").run(effect.call.pcId, effect.call.at, effect.call.until, effect.entry.id);
            store.audit(input.at, actor, 'queue number called', effect.entry.label, { pcId: effect.call.pcId, until: effect.call.until });
            logger.info('queue number called', { pc: effect.call.pcId });
            break;
          case 'recalled':
            db.prepare("UPDATE queue_numbers SET state = 'waiting', pc_id = NULL, called_at = NULL, until = NULL WHERE id = ?").run(effect.entry.id);
            store.audit(input.at, actor, 'queue number back in line', effect.entry.label, { pcId: effect.pcId, why: 'pc offline or out of service' });
            break;
          case 'ended':
            db.prepare('UPDATE queue_numbers SET state = ?, ended_at = ? WHERE id = ?').run(effect.how, input.at, effect.entry.id);
            store.audit(input.at, actor, `queue number ${effect.how}`, effect.entry.label);
            break;
          case 'refused':
            if (actor !== 'system') logger.info('queue action refused', { reason: effect.reason });
            break;
        }
      }
      return effects;
    });
  }
}
