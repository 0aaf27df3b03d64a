import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sitePolicySchema } from '../../../main/config/policy';
import { TestTime } from '../../../main/core/test-time';
import { createMemoryLogger } from '../../../main/log/logger';
import { BoardFeed, boardLanguages, type BoardSources } from '../../../main/hub/board-feed';
import { BoardMessage } from '../../../preload/board-contract';

const ZONE = 'Europe/Helsinki';
const NOW = DateTime.fromISO('2026-12-07T10:00', { zone: ZONE }).toMillis();
const MIN = 60_000;

function feed(calls: ReturnType<BoardSources['calls']>, languages: string[] = []) {
  const time = new TestTime('manual', NOW);
  const logger = createMemoryLogger();
  const sources: BoardSources = {
    site: () => ({ name: 'Raatipirtti', timeZone: ZONE, policy: sitePolicySchema.parse({ board: { languages } }) }),
    pcs: () => [
      { id: 'pc-10', name: 'Kone 10', room: 'Olohuone', online: true, status: { phase: 'active', session: { kind: 'walk-in', startedAt: NOW - 10 * MIN, endsAt: NOW + 20 * MIN } } },
      { id: 'pc-2', name: 'Kone 2', room: 'Olohuone', online: true, status: { phase: 'welcome' } },
    ],
    bookings: () => [{ pcId: 'pc-2', startsAt: NOW + 60 * MIN, endsAt: NOW + 90 * MIN }],
    calls: () => calls,
  };
  return { board: new BoardFeed({ sources, clock: time, scheduler: time, logger, defaultLocale: 'fi' }), logger, time };
}

describe('the board feed\'s view', () => {
  it('names PCs by name only, in counting order, with their states, and the queue\'s calls by PC name', () => {
    const { board } = feed([{ number: 'A-12', pcId: 'pc-2', until: NOW + 3 * MIN }]);
    const view = board.view();
    expect(BoardMessage.parse({ type: 'board', version: 1, board: view }).board).toEqual(view);
    expect(view.pcs).toEqual([
      { name: 'Kone 2', room: 'Olohuone', state: 'free', until: NOW + 55 * MIN, nextFree: { from: NOW, until: NOW + 55 * MIN } },
      { name: 'Kone 10', room: 'Olohuone', state: 'in-use', until: NOW + 20 * MIN, nextFree: { from: NOW + 20 * MIN } },
    ]);
    expect(view.calls).toEqual([{ number: 'A-12', pcName: 'Kone 2', until: NOW + 3 * MIN }]);
    expect(JSON.stringify(view)).not.toMatch(/pc-2|pc-10/);
  });

  it('leaves out a call for an unknown PC or of another shape, and logs why, keeping the rest of the board', () => {
    const { board, logger } = feed([
      { number: 'A-12', pcId: 'gone', until: NOW },
      { number: 'Matti', pcId: 'pc-2', until: NOW },
      { number: 'B-3', pcId: 'pc-10', until: NOW + MIN },
    ]);
    expect(board.view().calls).toEqual([{ number: 'B-3', pcName: 'Kone 10', until: NOW + MIN }]);
    expect(logger.lines.filter((l) => l.msg === 'status board: a queue call left out').map((l) => l.reason)).toEqual(['no such PC', 'not a board call (number A-12, a time)']);
    expect(JSON.stringify(logger.lines)).not.toContain('Matti');
  });

  it('speaks the site\'s default language first, then the policy\'s others the board has, each once', () => {
    expect(boardLanguages('sv', ['fi', 'sv', 'en-XA', 'se'])).toEqual(['sv', 'fi', 'se']);
    expect(boardLanguages('ar-XB', [])).toEqual(['fi']);
    expect(feed([], ['en']).board.view().languages).toEqual(['fi', 'en']);
  });
});

describe('the board feed\'s pushes', () => {
  const socket = () => {
    const sent: string[] = [];
    const handlers = new Map<string, () => void>();
    const ws = { OPEN: 1, readyState: 1, send: (text: string) => sent.push(text), close: () => undefined, terminate: () => undefined, on: (event: string, fn: () => void) => handlers.set(event, fn) };
    return { ws: ws as unknown as Parameters<BoardFeed['add']>[0], sent };
  };

  it('pushes a change at most every 300 ms, nothing when nothing the board shows changed, and the clock each minute', () => {
    const calls: ReturnType<BoardSources['calls']> = [];
    const { board, time } = feed(calls);
    const { ws, sent } = socket();
    board.start();
    board.add(ws);
    expect(sent).toHaveLength(1);
    board.changed();
    time.advance(1);
    // Nothing changed: nothing sent.
    expect(sent).toHaveLength(1);
    // Two changes at once, then a third at once: one push now, the next 300 ms after it.
    calls.push({ number: 'A-1', pcId: 'pc-2', until: NOW + 3 * MIN });
    board.changed();
    board.changed();
    time.advance(1);
    expect(sent).toHaveLength(2);
    calls.push({ number: 'A-2', pcId: 'pc-10', until: NOW + 3 * MIN });
    board.changed();
    time.advance(298);
    expect(sent).toHaveLength(2);
    time.advance(1);
    expect(sent).toHaveLength(3);
    expect(JSON.parse(sent[2]!).board.calls.map((c: { number: string }) => c.number)).toEqual(['A-1', 'A-2']);
    // The minute turns nine times in the next ten minutes less a moment: the clock is sent each time.
    time.advance(10 * MIN - 1_000);
    expect(sent).toHaveLength(12);
    board.stop();
  });

  it('a wall clock set back does not hold changes back until the old time comes again', () => {
    const calls: ReturnType<BoardSources['calls']> = [];
    const { board, time } = feed(calls);
    const { ws, sent } = socket();
    board.add(ws);
    calls.push({ number: 'A-0', pcId: 'pc-10', until: time.now() + 3 * MIN });
    board.changed();
    time.advance(1_000);
    expect(sent).toHaveLength(2);
    time.jumpWall(-3 * 3_600_000);
    calls.length = 0;
    calls.push({ number: 'A-1', pcId: 'pc-2', until: time.now() + 3 * MIN });
    board.changed();
    time.advance(300);
    expect(JSON.parse(sent.at(-1)!).board.calls).toEqual([{ number: 'A-1', pcName: 'Kone 2', until: time.now() - 300 + 3 * MIN }]);
  });
});
