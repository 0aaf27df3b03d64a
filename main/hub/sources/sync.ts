import { readFile, stat } from 'node:fs/promises';
import type { SourceSnapshot, SyncCounts } from '../../core/booking-source';
import type { Clock } from '../../core/clock';
import type { Scheduled, Scheduler } from '../../core/scheduler';
import { sourceWindow } from '../../core/source-diff';
import type { Logger } from '../../log/logger';
import type { HubStore } from '../hub-store';
import { applySnapshot } from './apply';
import { parseIcs } from './ics';
import { DEFAULT_LIMITS, limitedFetch, SourceFetchError, type FetchLimits, type Validators } from './limited-fetch';
import { fetchRespa, type RespaAuth } from './respa-client';
import { SourceStore, type SourceRow } from './source-store';

/**
 * The hub's booking-source sync (issue 12): every `sources.syncMinutes`
 * and on demand, each source's window is fetched, parsed and applied. A
 * failing source keeps its last good bookings; after
 * `sources.alertAfterFailures` failures in a row the advisor is alerted
 * (an audit entry and a warning, and `onAlert` for the consoles). Logs
 * carry the source's id, counts and the kind of error only.
 */

export type SyncOutcome = { sourceId: string; ok: true; counts: SyncCounts | undefined; notModified: boolean; problems: number } | { sourceId: string; ok: false; error: string };

export interface SourceSyncOptions {
  store: HubStore;
  clock: Clock;
  logger: Logger;
  /** Bookings changed on these PCs (compose's schedulesChanged). */
  onChange: (pcIds: string[]) => void;
  /** A source failed `alertAfterFailures` times in a row (once per run of failures). */
  onAlert?: (sourceId: string, error: string) => void;
  /** A sync of this source began or ended: its health may have changed (the consoles are told). */
  onHealth?: (sourceId: string) => void;
  /** A booking was cancelled or moved by a sync: its day's no-shows are counted again (UsageLedger.bookingChanged, as the console's cancel does). */
  recount?: (pcId: string, startsAt: number, now: number) => void;
  /** How often to sync, overriding the policy's sources.syncMinutes (benchmarks and tests: seconds). */
  everyMs?: number;
  limits?: FetchLimits;
}

/** The error as the source's health says it: kind, HTTP status, reason (never a token, a code or a person). */
export function errorText(error: unknown): string {
  if (error instanceof SourceFetchError) return `${error.kind}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}`;
  return `error: ${(error as Error).message}`;
}

export class SourceSync {
  readonly sources: SourceStore;
  private readonly jwts = new Map<string, string>();
  private readonly running = new Map<string, Promise<SyncOutcome>>();
  private timer: Scheduled | undefined;
  private everyMs = 0;
  private stopped = false;

  constructor(private readonly options: SourceSyncOptions) {
    this.sources = new SourceStore(options.store);
  }

  /** Syncs every source, one after another. */
  async syncAll(): Promise<SyncOutcome[]> {
    const outcomes: SyncOutcome[] = [];
    if (this.stopped) return outcomes;
    for (const source of this.sources.list()) {
      // The hub is stopping: its database closes once the sync under way is done.
      if (this.stopped) break;
      outcomes.push(await this.sync(source.id));
    }
    return outcomes;
  }

  /** Syncs one source now; a sync of it already under way is joined, not doubled. */
  sync(id: string): Promise<SyncOutcome> {
    const current = this.running.get(id);
    if (current) return current;
    const run = this.run(id).finally(() => {
      this.running.delete(id);
      this.health(id);
    });
    this.running.set(id, run);
    this.health(id);
    return run;
  }

  /** Whether a sync of this source is under way now. */
  syncing(id: string): boolean {
    return this.running.has(id);
  }

  private health(id: string): void {
    try {
      this.options.onHealth?.(id);
    } catch (error) {
      this.options.logger.warn('booking source health not sent', { source: id, error: (error as Error).name });
    }
  }

  private async run(id: string): Promise<SyncOutcome> {
    const { store, clock, logger } = this.options;
    const source = this.sources.get(id);
    if (!source) return { sourceId: id, ok: false, error: `there is no source "${id}"` };
    const policy = store.site()!.policy.sources;
    const window = sourceWindow(clock.now(), policy?.daysAhead ?? 14);
    try {
      const fetched = await this.fetch(source, window);
      const now = clock.now();
      if (fetched.status === 'not-modified') {
        this.sources.succeeded(id, now, undefined, undefined, source.validators);
        logger.info('booking source unchanged', { source: id });
        return { sourceId: id, ok: true, counts: undefined, notModified: true, problems: 0 };
      }
      const applied = applySnapshot(store, this.sources, id, fetched.snapshot, window, now);
      this.sources.succeeded(id, now, applied.counts, applied.problems, fetched.validators);
      for (const r of applied.recount) this.options.recount?.(r.pcId, r.startsAt, now);
      if (applied.pcIds.length) this.options.onChange(applied.pcIds);
      logger.info('booking source synced', { source: id, ...applied.counts, problems: applied.problems.length });
      return { sourceId: id, ok: true, counts: applied.counts, notModified: false, problems: applied.problems.length };
    } catch (error) {
      const text = errorText(error);
      const now = clock.now();
      const failures = this.sources.failed(id, now, text);
      logger.warn('booking source failed', { source: id, failures, kind: error instanceof SourceFetchError ? error.kind : 'error', status: error instanceof SourceFetchError ? error.status : undefined });
      if (failures >= (policy?.alertAfterFailures ?? 3) && this.sources.markAlerted(id, now)) {
        store.audit(now, 'hub', 'booking source alert', id, { failures, error: text });
        this.options.onAlert?.(id, text);
      }
      return { sourceId: id, ok: false, error: text };
    }
  }

  private async fetch(source: SourceRow, window: { from: number; to: number }): Promise<{ status: 'not-modified' } | { status: 'ok'; snapshot: SourceSnapshot; validators: Validators | undefined }> {
    const limits = this.options.limits ?? DEFAULT_LIMITS;
    if (source.kind === 'respa') {
      const secret = this.sources.secret(source.id) ?? '';
      const s = source.settings;
      const auth: RespaAuth = s.auth === 'token' ? { kind: 'token', token: secret } : s.auth === 'jwt' ? { kind: 'jwt', username: s.username ?? '', password: secret } : { kind: 'none' };
      const result = await fetchRespa({ baseUrl: source.location, auth, map: s.map, requested: s.requested, window, limits, validators: source.validators, jwt: this.jwts.get(source.id) });
      if (result.jwt) this.jwts.set(source.id, result.jwt);
      return result.status === 'ok' ? { status: 'ok', snapshot: result.snapshot, validators: result.validators } : result;
    }
    let text: string;
    let validators: Validators | undefined;
    if (/^https?:\/\//i.test(source.location)) {
      const secret = this.sources.secret(source.id);
      const answer = await limitedFetch(source.location, { headers: secret ? { authorization: `Bearer ${secret}` } : {}, validators: source.validators }, limits);
      if (answer.status === 'not-modified') return answer;
      text = answer.body;
      validators = answer.validators;
    } else {
      let size: number;
      try {
        size = (await stat(source.location)).size;
      } catch (error) {
        throw new SourceFetchError('file', `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      if (size > limits.maxBytes) throw new SourceFetchError('too-large', `the file is ${size} bytes, more than the limit of ${limits.maxBytes}`);
      text = await readFile(source.location, 'utf8');
    }
    try {
      // Date-only and floating times are read in the site's zone, never the hub process's.
      const timeZone = this.options.store.site()!.timeZone;
      return { status: 'ok', snapshot: parseIcs(text, { timeZone, ...source.settings }, window), validators };
    } catch (error) {
      throw new SourceFetchError('parse', (error as Error).message);
    }
  }

  /** Syncs every source now and then every `sources.syncMinutes` (read again after each round). */
  start(scheduler: Scheduler, immediately = true): void {
    const minutes = this.options.store.site()!.policy.sources?.syncMinutes ?? 2;
    this.everyMs = this.options.everyMs ?? minutes * 60_000;
    const round = () =>
      this.syncAll().catch((error: unknown) => {
        this.options.logger.warn('booking sources not synced', { error: (error as Error).name });
        return [];
      });
    this.timer = scheduler.every(this.everyMs, () => {
      void round().then(() => {
        if (this.stopped) return;
        const now = this.options.everyMs ?? (this.options.store.site()!.policy.sources?.syncMinutes ?? 2) * 60_000;
        if (now !== this.everyMs && this.timer) {
          this.timer.cancel();
          this.start(scheduler, false);
        }
      });
    });
    if (immediately) void round();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** Waits for every sync under way (the hub's stop). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}
