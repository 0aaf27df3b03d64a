import type { WebSocket } from 'ws';
import type { Clock } from '../core/clock';
import { MINUTE } from '../core/clock';
import type { Scheduled, Scheduler } from '../core/scheduler';
import { boardView, type BoardPcInput } from '../core/board-view';
import type { Slot } from '../core/bookings';
import type { Logger } from '../log/logger';
import type { KioskStatus, SitePolicy } from '../../preload/hub-contract';
import { BOARD_FEED_VERSION, BOARD_LOCALES, BoardCall, BoardMessage, type BoardLocale, type BoardView } from '../../preload/board-contract';
import type { HubStore } from './hub-store';

/** A PC as the board's sources give it: its hub id stays here, the board gets its name and room only. */
export interface BoardSourcePc {
  id: string;
  name: string;
  room: string;
  online: boolean;
  status: KioskStatus | undefined;
}

/** A queue number called to a PC (by the PC's id), held until `until`. */
export interface BoardSourceCall {
  number: string;
  pcId: string;
  until: number;
}

/**
 * Where the board's facts come from; the hub's composition fills it. `calls`
 * is the queue's (issue 11 item 4): until the queue is part of the hub it
 * gives none.
 */
export interface BoardSources {
  site(): { name: string; timeZone: string; policy: SitePolicy };
  /** The site's PCs (paired, not revoked). */
  pcs(): BoardSourcePc[];
  /** Live bookings ending after `from`, times only. */
  bookings(from: number): Array<Slot & { pcId: string }>;
  calls(now: number): BoardSourceCall[];
}

/** The hub's own store and PC links as the board's sources, with the queue's calls from `calls`. */
export function hubBoardSources(store: HubStore, isOnline: (pcId: string) => boolean, calls: (now: number) => BoardSourceCall[] = () => []): BoardSources {
  return {
    site: () => {
      const site = store.site()!;
      return { name: site.name, timeZone: site.timeZone, policy: site.policy };
    },
    pcs: () =>
      store
        .pcs()
        .filter((p) => p.paired && !p.revoked)
        .map((p) => ({ id: p.id, name: p.name, room: p.room, online: isOnline(p.id), status: p.status })),
    bookings: (from) => store.liveBookings(from).map((b) => ({ pcId: b.pcId, startsAt: b.startsAt, endsAt: b.endsAt })),
    calls,
  };
}

const byName = new Intl.Collator('fi', { numeric: true, sensitivity: 'base' });

/** Pushes at most this often, however many changes come at once. */
export const MIN_PUSH_INTERVAL_MS = 300;
/** Boards at once: a site has a lobby screen or two, never hundreds. */
export const MAX_BOARDS = 32;
const READ_ONLY = 1008;
const TOO_MANY = 1013;

/**
 * The status board's live feed: every open board gets the whole view when
 * it connects, again after each change (PC status, bookings, policy,
 * calls), at most every MIN_PUSH_INTERVAL_MS, and each minute for the
 * clock. The channel is read-only: a board that sends anything is closed.
 */
export class BoardFeed {
  private readonly sockets = new Set<WebSocket>();
  private pending: Scheduled | undefined;
  private minuteTimer: Scheduled | undefined;
  private lastPushAt = -Infinity;
  private lastShown = '';
  private stopped = false;

  constructor(
    private readonly deps: {
      sources: BoardSources;
      clock: Clock;
      scheduler: Scheduler;
      logger: Logger;
      /** The site's default language (the hub's configuration); the board starts and returns to it. */
      defaultLocale: string;
    },
  ) {}

  /** A board page connected. */
  add(socket: WebSocket): void {
    if (this.stopped) {
      socket.close(1001, 'hub stopping');
      return;
    }
    if (this.sockets.size >= MAX_BOARDS) {
      this.deps.logger.warn('status board refused: too many boards open', { open: this.sockets.size });
      socket.close(TOO_MANY, 'too many boards');
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.terminate());
    socket.on('message', () => {
      this.sockets.delete(socket);
      socket.close(READ_ONLY, 'the board is read-only');
    });
    const message = this.made();
    if (!message) return;
    this.send(socket, message.text);
    // The only board: what it has is what was last shown (with others open, a change on its way to them may be pending).
    if (this.sockets.size === 1) this.lastShown = shownOf(message);
  }

  /** Something the board shows may have changed: push soon (at most every MIN_PUSH_INTERVAL_MS). */
  changed(): void {
    if (this.stopped || this.pending || this.sockets.size === 0) return;
    const now = this.deps.clock.now();
    // A clock set back leaves the last push "in the future": never wait on it.
    const last = Math.min(this.lastPushAt, now);
    this.pending = this.deps.scheduler.at(Math.max(now, last + MIN_PUSH_INTERVAL_MS), () => {
      this.pending = undefined;
      this.push(false);
    });
  }

  start(): void {
    const tick = () => {
      this.push(true);
      this.minuteTimer = this.deps.scheduler.at(nextMinute(this.deps.clock.now()), tick);
    };
    this.minuteTimer = this.deps.scheduler.at(nextMinute(this.deps.clock.now()), tick);
  }

  stop(): void {
    this.stopped = true;
    this.pending?.cancel();
    this.minuteTimer?.cancel();
    for (const socket of this.sockets) socket.close(1001, 'hub stopping');
    this.sockets.clear();
  }

  count(): number {
    return this.sockets.size;
  }

  /** The view as it is now. */
  view(): BoardView {
    const { sources, clock } = this.deps;
    const now = clock.now();
    const site = sources.site();
    const policy = site.policy;
    // In the order people count them: "PC 2" before "PC 10".
    const pcs = sources.pcs().sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.id, b.id));
    const bookings = sources.bookings(now);
    const inputs: BoardPcInput[] = pcs.map((pc) => ({
      name: pc.name,
      room: pc.room,
      online: pc.online,
      phase: pc.status?.phase,
      sessionEndsAt: pc.status?.session?.endsAt,
      bookings: bookings.filter((b) => b.pcId === pc.id),
    }));
    const { opening, pcs: shown } = boardView(inputs, now, site.timeZone, policy.openingHours, { checkIn: policy.checkIn, walkIn: policy.walkIn });
    const names = new Map(pcs.map((pc) => [pc.id, pc.name]));
    // A call the board cannot show (a PC since removed, a number of another shape) is left out, not the whole board.
    const calls = sources.calls(now).flatMap((c) => {
      const call = BoardCall.safeParse({ number: c.number, pcName: names.get(c.pcId) ?? '', until: c.until });
      if (names.has(c.pcId) && call.success) return [call.data];
      this.deps.logger.warn('status board: a queue call left out', { pc: c.pcId, reason: names.has(c.pcId) ? 'not a board call (number A-12, a time)' : 'no such PC' });
      return [];
    });
    return {
      site: { name: site.name, timeZone: site.timeZone },
      languages: boardLanguages(this.deps.defaultLocale, policy.board.languages),
      rotateSeconds: policy.board.rotateSeconds,
      now,
      opening,
      pcs: shown,
      calls,
    };
  }

  private message(): { text: string; now: number } {
    // Checked before it leaves: a board shows nothing the contract does not name.
    const board = this.view();
    return { text: JSON.stringify(BoardMessage.parse({ type: 'board', version: BOARD_FEED_VERSION, board })), now: board.now };
  }

  private push(always: boolean): void {
    if (this.stopped || this.sockets.size === 0) return;
    const message = this.made();
    if (!message) return;
    // The same board but for its clock (its time, and "free from now") is not sent again until the minute turns.
    const shown = shownOf(message);
    const same = shown === this.lastShown;
    this.lastShown = shown;
    if (same && !always) return;
    this.lastPushAt = this.deps.clock.now();
    for (const socket of this.sockets) this.send(socket, message.text);
  }

  private made(): { text: string; now: number } | undefined {
    try {
      return this.message();
    } catch (error) {
      this.deps.logger.error('status board view failed', { error: error instanceof Error ? error.name : 'unknown' });
      return undefined;
    }
  }

  private send(socket: WebSocket, text: string): void {
    if (socket.readyState === socket.OPEN) socket.send(text);
  }
}

/** The default language first, then the policy's others that the board speaks, each once. */
export function boardLanguages(defaultLocale: string, others: readonly string[]): BoardLocale[] {
  const speaks = (l: string): l is BoardLocale => (BOARD_LOCALES as readonly string[]).includes(l);
  const first: BoardLocale = speaks(defaultLocale) ? defaultLocale : 'fi';
  return [...new Set([first, ...others.filter(speaks)])];
}

/** A message without its clock (its time, and "free from now"): what a board shows that a push must change. */
function shownOf(message: { text: string; now: number }): string {
  return message.text.split(String(message.now)).join('');
}

function nextMinute(now: number): number {
  return (Math.floor(now / MINUTE) + 1) * MINUTE;
}
