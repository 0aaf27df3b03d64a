import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogger, createMemoryLogger, describeError, sanitize } from '../../../main/log/logger';
import type { Clock } from '../../../main/core/clock';

const T0 = Date.UTC(2026, 10, 23, 12, 0, 0);

function fakeClock(start = T0): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, monotonic: () => now - start, advance: (ms) => (now += ms) };
}

const root = mkdtempSync(join(tmpdir(), 'tupa-log-'));
let dir: string;
let n = 0;

beforeEach(() => {
  dir = join(root, `case-${++n}`, 'logs');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function lines(file = join(dir, 'tupa.log')): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('createFileLogger writes JSON lines', () => {
  it('each line has ts, level and msg, then the fields', () => {
    const clock = fakeClock();
    const log = createFileLogger({ dir, clock, maxBytes: 1_000_000, keep: 3 });
    log.info('session started', { pc: 'pc-1', minutes: 60 });
    clock.advance(1500);
    log.error('wipe step failed', { step: 'cookies', ok: false });
    expect(lines()).toEqual([
      { ts: '2026-11-23T12:00:00.000Z', level: 'info', msg: 'session started', pc: 'pc-1', minutes: 60 },
      { ts: '2026-11-23T12:00:01.500Z', level: 'error', msg: 'wipe step failed', step: 'cookies', ok: false },
    ]);
  });

  it('creates its folder, and the file readable by the owner only', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3 });
    log.info('hello');
    expect(statSync(dir).isDirectory()).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'tupa.log')).mode & 0o777).toBe(0o600);
  });

  it('drops lines below the minimum level (info by default)', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3 });
    log.debug('noise');
    log.warn('kept');
    expect(lines().map((l) => l.msg)).toEqual(['kept']);
    const verbose = createFileLogger({ dir, file: 'debug.log', clock: fakeClock(), maxBytes: 1_000_000, keep: 3, minLevel: 'debug' });
    verbose.debug('noise');
    expect(lines(join(dir, 'debug.log')).map((l) => l.msg)).toEqual(['noise']);
  });

  it('a child logger adds its bindings to every line; a line\'s own fields win', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3 });
    const api = log.child({ component: 'api' });
    api.warn('call rejected', { method: 'kiosk.checkIn' });
    api.child({ component: 'api.ws' }).info('x');
    expect(lines()).toMatchObject([
      { msg: 'call rejected', component: 'api', method: 'kiosk.checkIn' },
      { msg: 'x', component: 'api.ws' },
    ]);
  });

  it('leaves out undefined fields', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3 });
    log.info('m', { a: undefined, b: null });
    expect(lines()[0]).toEqual({ ts: expect.any(String), level: 'info', msg: 'm', b: null });
  });

  it('echoes lines to stderr when asked', () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3, echo: true }).info('to both');
      const echoed = spy.mock.calls.map((c) => String(c[0])).join('');
      expect(echoed).toContain('"msg":"to both"');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('rotation by size', () => {
  const line = (i: number) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`;

  it('rotates at maxBytes, keeping tupa.log.1 … tupa.log.<keep> and deleting older ones', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 300, keep: 2 });
    for (let i = 0; i < 40; i++) log.info(line(i));
    expect(readdirSync(dir).sort()).toEqual(['tupa.log', 'tupa.log.1', 'tupa.log.2']);
    for (const f of ['tupa.log', 'tupa.log.1', 'tupa.log.2']) {
      expect(statSync(join(dir, f)).size, f).toBeLessThanOrEqual(300);
      expect(statSync(join(dir, f)).size, f).toBeGreaterThan(0);
    }
    // Newest in tupa.log, older in .1, oldest kept in .2; the first lines are gone.
    const msgs = (f: string) => lines(join(dir, f)).map((l) => l.msg as string);
    expect(msgs('tupa.log').at(-1)).toBe(line(39));
    const newestOf1 = msgs('tupa.log.1').at(-1)!;
    const oldestOfCurrent = msgs('tupa.log')[0]!;
    expect(newestOf1 < oldestOfCurrent).toBe(true);
    expect(msgs('tupa.log.2').at(-1)! < msgs('tupa.log.1')[0]!).toBe(true);
    const all = [...msgs('tupa.log.2'), ...msgs('tupa.log.1'), ...msgs('tupa.log')];
    expect(all).not.toContain(line(0));
    expect(all).toEqual([...all].sort()); // nothing reordered, nothing duplicated
    expect(new Set(all).size).toBe(all.length);
  });

  it('with keep 1 there is one old file at most', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 200, keep: 1 });
    for (let i = 0; i < 20; i++) log.info(line(i));
    expect(readdirSync(dir).sort()).toEqual(['tupa.log', 'tupa.log.1']);
  });

  it('does not rotate below maxBytes', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 100_000, keep: 3 });
    for (let i = 0; i < 20; i++) log.info(line(i));
    expect(readdirSync(dir)).toEqual(['tupa.log']);
    expect(lines()).toHaveLength(20);
  });

  it('a line longer than maxBytes still gets written (into a fresh file)', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 100, keep: 2 });
    log.info('short');
    log.info('y'.repeat(500));
    expect(lines().map((l) => l.msg)).toEqual(['y'.repeat(500)]);
    expect(lines(join(dir, 'tupa.log.1')).map((l) => l.msg)).toEqual(['short']);
  });
});

describe('sanitize: what a log line must never hold', () => {
  it.each(['url', 'URL', 'href', 'code', 'bookingCode', 'pin', 'name', 'firstName', 'password', 'token', 'secret', 'email', 'phone', 'address'])(
    'a field named %s is redacted whatever it holds',
    (key) => {
      expect(sanitize('m', { [key]: 'anything 42' }).fields[key]).toBe('[redacted]');
      expect(sanitize('m', { [key]: 123456 }).fields[key]).toBe('[redacted]');
    },
  );

  it('keeps ordinary fields: ids, counts, booleans, null', () => {
    expect(sanitize('m', { pc: 'pc-1', count: 3, ok: true, none: null, method: 'kiosk.checkIn' }).fields).toEqual({
      pc: 'pc-1',
      count: 3,
      ok: true,
      none: null,
      method: 'kiosk.checkIn',
    });
  });

  it.each([
    ['https://www.kela.fi/asiointi?hetu=010101-123X', 'opened [url] in the web view'],
    ['http://192.168.1.10:8080/x', 'opened [url] in the web view'],
    ['HTTPS://EXAMPLE.FI/', 'opened [url] in the web view'],
    ['ftp://files.example.fi/a', 'opened [url] in the web view'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'opened [url] in the web view'],
    ['javascript:alert(document.cookie)', 'opened [url] in the web view'],
    ['file:///home/resident/cv.pdf', 'opened [url] in the web view'],
    ['blob:https://x.fi/uuid', 'opened [url] in the web view'],
    ['www.omakanta.fi/reseptit', 'opened [url] in the web view'],
  ])('scrubs %s from messages', (url, expected) => {
    expect(sanitize(`opened ${url} in the web view`).msg).toBe(expected);
  });

  it('scrubs six-digit codes from messages but keeps other numbers', () => {
    expect(sanitize('wrong code 123456 (attempt 2 of 5)').msg).toBe('wrong code [code] (attempt 2 of 5)');
    expect(sanitize('code:000042.').msg).toBe('code:[code].');
    // Six digits inside a UUID are part of an id, not a code (a random batch id once lost them in a test).
    expect(sanitize('batch 57b42bb1-4ea8-4bf3-b9b8-104141cb2616 stored').msg).toBe('batch 57b42bb1-4ea8-4bf3-b9b8-104141cb2616 stored');
    expect(sanitize('m', { batch: '123456ab-4ea8-4bf3-b9b8-104141cb2616' }).fields.batch).toBe('123456ab-4ea8-4bf3-b9b8-104141cb2616');
    expect(sanitize('session 57b42bb1-4ea8-4bf3-b9b8-104141cb2616 code 654321').msg).toBe('session 57b42bb1-4ea8-4bf3-b9b8-104141cb2616 code [code]');
    expect(sanitize('took 1234567 ms, 12345 bytes').msg).toBe('took 1234567 ms, 12345 bytes');
  });

  it('scrubs URLs and codes from string fields under any name', () => {
    const { fields } = sanitize('m', { detail: 'navigation to https://evil.example/x blocked', input: 'typed 654321', target: 'www.x.fi' });
    expect(fields).toEqual({ detail: 'navigation to [url] blocked', input: 'typed [code]', target: '[url]' });
  });

  it('an origin field keeps the origin only', () => {
    expect(sanitize('m', { origin: 'https://video.example.fi/room/42?who=matti' }).fields.origin).toBe('https://video.example.fi');
    expect(sanitize('m', { origin: 'http://127.0.0.1:4780/kiosk/' }).fields.origin).toBe('http://127.0.0.1:4780');
  });

  it('an origin field with another scheme or junk keeps nothing identifying', () => {
    expect(sanitize('m', { origin: 'data:text/html,<b>hi</b>' }).fields.origin).toBe('[url]');
    expect(sanitize('m', { origin: 'javascript:alert(1)' }).fields.origin).toBe('[url]');
    expect(sanitize('m', { origin: 'not a url 123456' }).fields.origin).toBe('not a url [code]');
  });

  it('the file logger applies it to every line, bindings included', () => {
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 1_000_000, keep: 3 });
    log.child({ url: 'https://a.fi/' }).warn('resident typed 123456 at https://kela.fi/x', { name: 'Matti', note: 'see www.kela.fi' });
    const text = readFileSync(join(dir, 'tupa.log'), 'utf8');
    expect(text).not.toMatch(/123456|kela\.fi|a\.fi|Matti/);
    expect(lines()[0]).toMatchObject({ msg: 'resident typed [code] at [url]', url: '[redacted]', name: '[redacted]', note: 'see [url]' });
  });

  it('the memory logger applies it too', () => {
    const log = createMemoryLogger();
    log.child({ component: 'x' }).info('code 111111', { token: 'abc' });
    expect(log.lines).toEqual([{ level: 'info', msg: 'code [code]', component: 'x', token: '[redacted]' }]);
  });
});

// root ignores file modes, so the chmod cases cannot fail a write there.
const isRoot = process.getuid?.() === 0;

describe('a failing disk never stops the kiosk', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('a folder where the log file should be: logging does not throw', () => {
    mkdirSync(join(dir, 'tupa.log'), { recursive: true });
    writeFileSync(join(dir, 'tupa.log', 'keep-me'), 'x');
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 100_000, keep: 2 });
    expect(() => {
      for (let i = 0; i < 5; i++) log.error('disk trouble', { i });
    }).not.toThrow();
    // The write really failed (the lines are lost), and nothing was clobbered.
    expect(statSync(join(dir, 'tupa.log')).isDirectory()).toBe(true);
    expect(readdirSync(join(dir, 'tupa.log'))).toEqual(['keep-me']);
  });

  it.skipIf(isRoot)('a log file that cannot be written (a read-only file): logging does not throw [skipped as root, whom file modes do not bind]', () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'tupa.log');
    writeFileSync(file, '');
    chmodSync(file, 0o400);
    restore = () => chmodSync(file, 0o600);
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 100_000, keep: 2 });
    expect(() => log.info('still running')).not.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it.skipIf(isRoot)('a read-only folder: logging does not throw [skipped as root, whom file modes do not bind]', () => {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o500);
    restore = () => chmodSync(dir, 0o700);
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 100_000, keep: 2 });
    expect(() => log.info('still running')).not.toThrow();
    expect(existsSync(join(dir, 'tupa.log'))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('a folder that takes no new files (even for root: /proc): logging does not throw', () => {
    const procDir = '/proc/self/fdinfo';
    const log = createFileLogger({ dir: procDir, clock: fakeClock(), maxBytes: 100_000, keep: 2 });
    expect(() => log.info('still running')).not.toThrow();
    expect(existsSync(join(procDir, 'tupa.log'))).toBe(false);
  });

  it('rotation into a folder that blocks renames does not throw either', () => {
    mkdirSync(dir, { recursive: true });
    mkdirSync(join(dir, 'tupa.log.1'));
    writeFileSync(join(dir, 'tupa.log.1', 'x'), 'x'); // renaming a file over a non-empty folder fails
    const log = createFileLogger({ dir, clock: fakeClock(), maxBytes: 120, keep: 1 });
    expect(() => {
      for (let i = 0; i < 10; i++) log.info(`line ${i} ${'z'.repeat(50)}`);
    }).not.toThrow();
    // The first line was written; rotation then failed, so later lines are lost, not thrown.
    expect(lines().map((l) => l.msg)).toEqual([`line 0 ${'z'.repeat(50)}`]);
    expect(readdirSync(join(dir, 'tupa.log.1'))).toEqual(['x']);
  });
});

describe('describeError', () => {
  it('gives name and message, never the stack', () => {
    const text = describeError(new TypeError('bad thing'));
    expect(text).toBe('TypeError: bad thing');
    expect(describeError('plain')).toBe('plain');
  });
});
