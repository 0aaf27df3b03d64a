/**
 * The lobby status board's feed on a real hub (HTTPS and WebSocket on
 * loopback, a real kiosk core connected): a PC going in use and free, a
 * booking appearing, closed hours, pushed live and never faster than a few
 * times a second; read-only; and nothing on it but what a lobby may see.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type WebSocket from 'ws';
import { BOARD_EVENTS_PATH, BoardMessage, type BoardView } from '../../preload/board-contract';
import type { SitePolicy } from '../../preload/hub-contract';
import { MAX_BOARDS } from '../../main/hub/board-feed';
import { setPolicy, showPolicy } from '../../main/cli/hub-admin';
import { iso, openSocket, request, signIn, tempDir, startHub, startPc, stopAll, until, waitOnline, type TestHub } from './hub-support';

afterEach(stopAll);

const MIN = 60_000;
const ZONE = 'Europe/Helsinki';

interface BoardSocket {
  socket: WebSocket;
  /** Every message as it arrived, raw. */
  raw: Array<{ text: string; at: number }>;
  closed: Promise<{ code: number; reason: string }>;
  next(what: string, match: (board: BoardView) => boolean, timeoutMs?: number): Promise<BoardView>;
}

async function openBoard(th: TestHub, origin: string | null = th.origin): Promise<BoardSocket> {
  const raw: BoardSocket['raw'] = [];
  const { socket, closed } = await openSocket(th, BOARD_EVENTS_PATH, origin === null ? {} : { origin }, (text) => raw.push({ text, at: Date.now() }));
  let seen = 0;
  return {
    socket,
    raw,
    closed,
    async next(what, match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (; seen < raw.length; seen++) {
          // Every message is the contract's, exactly.
          const board = BoardMessage.parse(JSON.parse(raw[seen]!.text)).board;
          if (match(board)) {
            seen++;
            return board;
          }
        }
        if (Date.now() > deadline) throw new Error(`timed out waiting for the board: ${what}\nlast: ${raw.at(-1)?.text}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

const pcOf = (board: BoardView, name: string) => board.pcs.find((p) => p.name === name);

/** A hub with one PC ("Kone 1") online, and a board that has shown it free. */
async function siteWithFreePc() {
  const th = await startHub();
  const pc = await startPc({ id: 'pc-1', name: 'Kone 1', hub: th });
  await waitOnline(pc);
  const board = await openBoard(th);
  await board.next('the PC free', (b) => b.opening.open && pcOf(b, 'Kone 1')?.state === 'free');
  return { th, pc, board };
}

describe('the status board feed', () => {
  it('shows a PC going in use and free, and a booking appearing, with no code, booking id, PC id or name on it', async () => {
    const th = await startHub({ siteName: 'Raatipirtti' });
    const pc = await startPc({ id: 'pc-7f3a', name: 'Kone 1', room: 'Olohuone', hub: th });
    await waitOnline(pc);
    const board = await openBoard(th);

    const first = await board.next('the PC free', (b) => pcOf(b, 'Kone 1')?.state === 'free');
    expect(first.site).toEqual({ name: 'Raatipirtti', timeZone: ZONE });
    expect(first.languages).toEqual(['fi']);
    expect(first.calls).toEqual([]);
    expect(first.opening.open).toBe(true);

    // A walk-in starts: in use until its end.
    expect(pc.controller.startWalkIn('fi')).toBe(true);
    const endsAt = pc.controller.snapshot().session!.endsAt;
    const inUse = await board.next('the PC in use', (b) => pcOf(b, 'Kone 1')?.state === 'in-use' && pcOf(b, 'Kone 1')?.until === endsAt);
    expect(pcOf(inUse, 'Kone 1')!.nextFree).toEqual({ from: endsAt });

    // It ends: in use while the PC clears and asks for feedback, then free again.
    pc.controller.endSession('resident');
    await until('the feedback question', () => pc.controller.snapshot().phase === 'feedback', 10_000);
    await board.next('in use during the feedback question', (b) => pcOf(b, 'Kone 1')?.state === 'in-use' && pcOf(b, 'Kone 1')?.until === undefined);
    pc.controller.skipFeedback();
    await board.next('the PC free again', (b) => pcOf(b, 'Kone 1')?.state === 'free', 10_000);

    // The advisor books it two hours ahead: free until five minutes before.
    const advisor = await signIn(th);
    const startsAt = Math.ceil((Date.now() + 120 * MIN) / MIN) * MIN;
    const created = await advisor.call<{ booking: { id: string }; code: string }>('POST', '/api/bookings', { pcId: 'pc-7f3a', start: iso(startsAt), end: iso(startsAt + 60 * MIN) });
    expect(created.status).toBe(200);
    await board.next('the booking on the board', (b) => pcOf(b, 'Kone 1')?.until === startsAt - 5 * MIN);

    // And one starting in ten minutes, too soon for a walk-in: booked from its start.
    const soon = Math.ceil((Date.now() + 10 * MIN) / MIN) * MIN;
    const second = await advisor.call<{ booking: { id: string }; code: string }>('POST', '/api/bookings', { pcId: 'pc-7f3a', start: iso(soon), end: iso(soon + 30 * MIN) });
    expect(second.status).toBe(200);
    const booked = await board.next('booked soon', (b) => pcOf(b, 'Kone 1')?.state === 'booked');
    expect(pcOf(booked, 'Kone 1')).toMatchObject({ from: soon, until: soon + 30 * MIN });

    const everything = board.raw.map((m) => m.text).join('\n');
    for (const secret of [created.body.code, second.body.code, created.body.booking.id, second.body.booking.id, 'pc-7f3a', 'neuvoja']) {
      expect(everything).not.toContain(secret);
    }
    // A strict parse of every message passed above: no field beyond the contract's, whose names are these.
    const keys = new Set(board.raw.flatMap((m) => [...m.text.matchAll(/"([a-zA-Z]+)":/g)].map((k) => k[1]!)));
    const allowed = ['type', 'version', 'board', 'site', 'name', 'timeZone', 'languages', 'rotateSeconds', 'now', 'opening', 'open', 'closesAt', 'opensAt', 'pcs', 'room', 'state', 'until', 'from', 'nextFree', 'calls', 'number', 'pcName'];
    expect([...keys].filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it('shows closed hours, and the opening hours and languages the advisor sets are pushed at once', async () => {
    const { th, board } = await siteWithFreePc();

    // Today closed (a dated exception), open from 08:00 tomorrow.
    const today = DateTime.now().setZone(ZONE);
    const tomorrow = today.plus({ days: 1 });
    const advisor = await signIn(th);
    const policy = (await advisor.call<SitePolicy>('GET', '/api/policy')).body;
    const closedToday = {
      ...policy,
      openingHours: { ...policy.openingHours, exceptions: [{ date: today.toISODate(), hours: [] }, { date: tomorrow.toISODate(), hours: [{ from: '08:00', to: '16:00' }] }] },
      board: { languages: ['sv', 'en', 'fi'], rotateSeconds: 20 },
    };
    expect((await advisor.call('PUT', '/api/policy', closedToday)).status).toBe(200);
    const opensAt = tomorrow.set({ hour: 8, minute: 0, second: 0, millisecond: 0 }).toMillis();
    const closed = await board.next('closed', (b) => !b.opening.open);
    expect(closed.opening).toEqual({ open: false, opensAt });
    expect(pcOf(closed, 'Kone 1')).toMatchObject({ state: 'closed', from: opensAt, nextFree: { from: opensAt, until: tomorrow.set({ hour: 16, minute: 0, second: 0, millisecond: 0 }).toMillis() } });
    expect(closed.languages).toEqual(['fi', 'sv', 'en']);
    expect(closed.rotateSeconds).toBe(20);
  });

  it('lists the PCs in the order people count them, PC 2 before PC 10', async () => {
    const th = await startHub();
    for (const n of [10, 2, 1]) th.hub.services.pairLocal({ pcId: `pc-${n}`, name: `Kone ${n}`, room: 'Olohuone' });
    const board = await openBoard(th);
    const shown = await board.next('three PCs', (b) => b.pcs.length === 3);
    expect(shown.pcs.map((p) => [p.name, p.state])).toEqual([
      ['Kone 1', 'out-of-service'],
      ['Kone 2', 'out-of-service'],
      ['Kone 10', 'out-of-service'],
    ]);
  });

  it('follows a policy set from the command line: the board\'s languages change at once', async () => {
    const { th, board } = await siteWithFreePc();
    const file = join(th.dir, 'hub.sqlite');
    const edited = join(tempDir('tupa-policy-'), 'policy.json');
    writeFileSync(edited, JSON.stringify({ ...showPolicy(file), board: { languages: ['se'], rotateSeconds: 30 } }));
    setPolicy(file, edited, Date.now());
    const changed = await board.next('the new languages', (b) => b.languages.includes('se'), 3_000);
    expect(changed).toMatchObject({ languages: ['fi', 'se'], rotateSeconds: 30 });
  });

  it('shows a PC out of service when it goes away', async () => {
    const { pc, board } = await siteWithFreePc();
    await pc.close();
    const gone = await board.next('out of service', (b) => pcOf(b, 'Kone 1')?.state === 'out-of-service');
    expect(pcOf(gone, 'Kone 1')!.nextFree).toBeUndefined();
  });

  it('pushes a burst of changes at most every 300 ms, and the board of a quiet site only when the minute turns', async () => {
    const { th, board } = await siteWithFreePc();
    const advisor = await signIn(th);
    const base = Math.ceil((Date.now() + 180 * MIN) / MIN) * MIN;
    const before = board.raw.length;
    for (let i = 0; i < 8; i++) {
      const answer = await advisor.call('POST', '/api/bookings', { pcId: 'pc-1', start: iso(base + i * 40 * MIN), end: iso(base + i * 40 * MIN + 30 * MIN) });
      expect(answer.status).toBe(200);
    }
    await board.next('the first booking', (b) => pcOf(b, 'Kone 1')?.until === base - 5 * MIN);
    await new Promise((r) => setTimeout(r, 700));
    const pushes = board.raw.slice(before);
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    expect(pushes.length).toBeLessThan(8);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(250);
    // Nothing changed since: nothing more is sent (the minute's push aside).
    const quiet = board.raw.length;
    th.hub.board.changed();
    th.hub.board.changed();
    await new Promise((r) => setTimeout(r, 500));
    const extra = board.raw.slice(quiet).filter((m) => new Date(m.at).getSeconds() !== 0);
    expect(extra).toEqual([]);
  });

  it('is read-only: a message from the page closes it; a page of another origin is refused; boards are limited in number', async () => {
    const th = await startHub();
    const board = await openBoard(th);
    await board.next('a board', () => true);
    board.socket.send(JSON.stringify({ type: 'command', command: { kind: 'end' } }));
    expect(await board.closed).toEqual({ code: 1008, reason: 'the board is read-only' });

    const foreign = await openBoard(th, 'https://evil.example');
    expect(await foreign.closed).toMatchObject({ code: 4403 });
    expect(foreign.raw).toEqual([]);

    // A program (no Origin) may read it, as a browser on the hub's own page may.
    const program = await openBoard(th, null);
    await program.next('a board without Origin', () => true);

    const many: BoardSocket[] = [];
    for (let i = 1; i < MAX_BOARDS; i++) many.push(await openBoard(th));
    await until('all boards open', () => th.hub.board.count() === MAX_BOARDS);
    const oneTooMany = await openBoard(th);
    expect(await oneTooMany.closed).toMatchObject({ code: 1013 });
    expect(th.logger.lines.some((l) => l.msg === 'status board refused: too many boards open')).toBe(true);
  });

  it('serves the board page at /board/ when the renderer is built, with the hub\'s security headers', async (context) => {
    const rendererDir = resolve(import.meta.dirname, '../../out/renderer');
    if (!existsSync(join(rendererDir, 'board/index.html'))) {
      context.skip('the status board is not built (out/renderer/board/index.html is missing; run `npm run build`)');
      return;
    }
    const th = await startHub({ rendererDir });
    const page = await request(th, 'GET', '/board/');
    expect(page.status).toBe(200);
    expect(page.text).toBe(readFileSync(join(rendererDir, 'board/index.html'), 'utf8'));
    expect(String(page.headers['content-security-policy'])).toContain("connect-src 'self'");
    const asset = /src="\.\.\/assets\/([^"]+\.js)"/.exec(page.text)![1]!;
    expect((await request(th, 'GET', `/assets/${asset}`)).status).toBe(200);
    // The console is still there; the kiosk's pages are not.
    expect((await request(th, 'GET', '/advisor/')).status).toBe(200);
    expect((await request(th, 'GET', '/kiosk/index.html')).status).toBe(404);
  });
});
